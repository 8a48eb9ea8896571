"""Vietnamese of the e-mails (password reset and changes, registration, stock alerts), the
stock-alert limit page, and the traceability link (issue 11 #8, #15, #17)."""

VI = {
    "Hello,": "Xin chào,",
    "Set a new password for %(name)s": "Đặt mật khẩu mới cho %(name)s",
    "Someone (hopefully you) asked to set a new password for your account at %(name)s. Open this link to choose a new password:":
        "Có người (hy vọng là bạn) vừa yêu cầu đặt mật khẩu mới cho tài khoản của bạn tại %(name)s. Mở đường dẫn sau để chọn mật khẩu mới:",
    "If you did not ask for it, ignore this e-mail: your password stays as it is.":
        "Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn vẫn giữ nguyên.",
    "Your password at %(name)s was changed": "Mật khẩu của bạn tại %(name)s đã được thay đổi",
    "The password of your account at %(name)s has just been changed.":
        "Mật khẩu tài khoản của bạn tại %(name)s vừa được thay đổi.",
    "If it was not you, set a new password at once:":
        "Nếu không phải bạn thay đổi, hãy đặt mật khẩu mới ngay:",
    "If it was you, there is nothing more to do.": "Nếu đúng là bạn, bạn không cần làm gì thêm.",
    "The e-mail address of your account at %(name)s was changed":
        "Địa chỉ e-mail của tài khoản tại %(name)s đã được thay đổi",
    "The e-mail address of your account has just been changed to %(email)s.":
        "Địa chỉ e-mail của tài khoản bạn vừa được đổi thành %(email)s.",
    "If it was not you, set a new password at once and correct the address:":
        "Nếu không phải bạn thay đổi, hãy đặt mật khẩu mới ngay và sửa lại địa chỉ e-mail:",
    "Welcome to %(name)s": "Chào mừng bạn đến với %(name)s",
    "Thank you for creating an account at %(name)s. Your orders, addresses and stock alerts are on your account page:":
        "Cảm ơn bạn đã tạo tài khoản tại %(name)s. Đơn hàng, địa chỉ và các thông báo có hàng của bạn nằm ở trang tài khoản:",
    "Confirm your stock alert for %(title)s": "Xác nhận nhận thông báo khi %(title)s có hàng",
    "Someone (hopefully you) asked to be told by e-mail when \"%(title)s\" is back in stock. Open this link to confirm the alert:":
        "Có người (hy vọng là bạn) vừa đăng ký nhận e-mail khi \"%(title)s\" có hàng trở lại. Mở đường dẫn sau để xác nhận:",
    "If you did not ask for it, ignore this e-mail: without confirmation you will receive nothing more. To cancel the alert at any time:":
        "Nếu bạn không đăng ký, hãy bỏ qua thư này: khi chưa xác nhận, bạn sẽ không nhận thêm thư nào. Muốn huỷ thông báo bất cứ lúc nào, mở đường dẫn:",
    "Hello %(name)s,": "Xin chào %(name)s,",
    "\"%(title)s\" is back in stock:": "\"%(title)s\" đã có hàng trở lại:",
    "Only a few are left, so others may buy them first.":
        "Chỉ còn ít hàng, người khác có thể mua trước bạn.",
    "This alert is now closed: you will receive no more e-mails about this product.":
        "Thông báo này đã kết thúc: bạn sẽ không nhận thêm e-mail nào về sản phẩm này.",
    "%(title)s is back in stock": "%(title)s đã có hàng trở lại",
    "Too many stock alert requests": "Quá nhiều yêu cầu thông báo có hàng",
    "Too many stock alerts were asked for from this connection or for this e-mail address in the last hour, so no e-mail was sent. Please try again in an hour.":
        "Trong một giờ qua đã có quá nhiều yêu cầu thông báo có hàng từ kết nối này hoặc cho địa chỉ e-mail này, nên chưa có e-mail nào được gửi. Vui lòng thử lại sau một giờ.",
    "Back to the shop": "Quay lại cửa hàng",
    "Traceability": "Truy xuất nguồn gốc",
    "The product on the province's traceability system":
        "Sản phẩm trên hệ thống truy xuất nguồn gốc của tỉnh",
    "(not https: not shown to buyers)": "(không phải https: không hiển thị cho người mua)",
}
