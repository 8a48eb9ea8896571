"""Vietnamese of the security strings: conflicts of interest and handovers, login throttling,
registration, logout, the 403 page (issue 11, findings 3, 7, 14 and 16)."""

VI = {
    # Officers: conflicts of interest, handovers
    "You cannot decide on your own application or a shop you run: another officer of your unit or of the unit above decides.": "Bạn không thể tự quyết định hồ sơ của chính mình hoặc của gian hàng bạn đang quản lý: một cán bộ khác của đơn vị hoặc đơn vị cấp trên sẽ quyết định.",
    "Only a seller that the union runs for a producer can be handed over.": "Chỉ gian hàng do Đoàn quản lý giúp nhà sản xuất mới được bàn giao.",
    "This account is not active.": "Tài khoản này chưa hoạt động.",
    "A seller is handed over only to the producer's own account, not to an officer's or staff account.": "Gian hàng chỉ được bàn giao cho tài khoản của chính nhà sản xuất, không phải tài khoản của cán bộ hay nhân viên.",
    "The shop can only go to the producer's e-mail recorded with their consent (%(email)s).": "Gian hàng chỉ được bàn giao cho e-mail của nhà sản xuất đã ghi kèm sự đồng ý (%(email)s).",
    "The e-mail recorded with the producer's consent; the shop can only go to it.": "E-mail đã ghi kèm sự đồng ý của nhà sản xuất; gian hàng chỉ được bàn giao cho e-mail này.",
    "Handovers": "Các lần bàn giao",
    "%(when)s: %(officer)s handed the shop over to %(producer)s": "%(when)s: %(officer)s đã bàn giao gian hàng cho %(producer)s",
    "officer": "cán bộ",
    "producer's e-mail": "e-mail của nhà sản xuất",
    "accounts that ran the shop before": "các tài khoản đã quản lý gian hàng trước đó",
    "handed over at": "thời điểm bàn giao",
    "seller handover": "bàn giao gian hàng",
    "seller handovers": "các lần bàn giao gian hàng",
    # Login throttling, registration, logout
    "Too many failed logins": "Quá nhiều lần đăng nhập sai",
    (
        "Logging in is paused for this account or this address after too many wrong passwords. Please try again in %(minutes)s minute.",
        "Logging in is paused for this account or this address after too many wrong passwords. Please try again in %(minutes)s minutes.",
    ): (
        "Việc đăng nhập vào tài khoản này hoặc từ địa chỉ này tạm dừng vì nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.",
        "Việc đăng nhập vào tài khoản này hoặc từ địa chỉ này tạm dừng vì nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.",
    ),
    "Forgot your password? Setting a new one by e-mail lifts the pause at once.": "Quên mật khẩu? Đặt mật khẩu mới qua e-mail sẽ mở lại việc đăng nhập ngay.",
    "Reset my password": "Đặt lại mật khẩu",
    "Thank you. Please check your e-mail inbox to continue.": "Cảm ơn bạn. Vui lòng kiểm tra hộp thư e-mail để tiếp tục.",
    "Someone tried to register with your e-mail address": "Có người đã thử đăng ký bằng địa chỉ e-mail của bạn",
    "Hello,": "Xin chào,",
    "Someone tried to create an account on Chợ OCOP Thanh niên with this e-mail address, which already has an account.": "Có người vừa thử tạo tài khoản trên Chợ OCOP Thanh niên bằng địa chỉ e-mail này, trong khi e-mail này đã có tài khoản.",
    "If it was you, log in here:": "Nếu đó là bạn, hãy đăng nhập tại đây:",
    "Forgot your password? Set a new one here:": "Quên mật khẩu? Đặt mật khẩu mới tại đây:",
    "If it was not you, you can ignore this e-mail: nothing has changed on your account.": "Nếu không phải bạn, bạn có thể bỏ qua e-mail này: tài khoản của bạn không có gì thay đổi.",
    "Do you want to log out?": "Bạn có muốn đăng xuất không?",
    # 403 page
    "Access denied": "Không có quyền truy cập",
    "Sorry, your account may not open this page.": "Xin lỗi, tài khoản của bạn không được mở trang này.",
    "If you have an account that may, please log in first.": "Nếu bạn có tài khoản được phép, vui lòng đăng nhập trước.",
    "Log in": "Đăng nhập",
    # Registration confirmed by e-mail (issue 11 #7: nothing tells which addresses have accounts)
    "Confirm your account on Chợ OCOP Thanh niên": "Xác nhận tài khoản của bạn trên Chợ OCOP Thanh niên",
    "Thank you for registering on Chợ OCOP Thanh niên. Open this link to confirm your e-mail address and start using your account:": "Cảm ơn bạn đã đăng ký trên Chợ OCOP Thanh niên. Hãy mở đường dẫn dưới đây để xác nhận địa chỉ e-mail và bắt đầu dùng tài khoản:",
    "The link works for 3 days. If you did not register, you can ignore this e-mail: no account is used without this confirmation.": "Đường dẫn có hiệu lực trong 3 ngày. Nếu bạn không đăng ký, hãy bỏ qua e-mail này: không tài khoản nào được dùng khi chưa xác nhận.",
    "This confirmation link is not valid any more. Log in, or register again to get a new one.": "Đường dẫn xác nhận này không còn hiệu lực. Hãy đăng nhập, hoặc đăng ký lại để nhận đường dẫn mới.",
    "Your account is confirmed. Welcome!": "Tài khoản của bạn đã được xác nhận. Chào mừng bạn!",
}
