"""Vietnamese for seller onboarding and the union officers' review desk."""

VI = {
    "Youth union and sellers": "Đoàn Thanh niên và người bán",
    "Central (Trung ương Đoàn)": "Trung ương Đoàn",
    "Province or city (Tỉnh đoàn / Thành đoàn)": "Tỉnh đoàn / Thành đoàn",
    "Grassroots (Đoàn cơ sở)": "Đoàn cơ sở",
    "Branch (Chi đoàn)": "Chi đoàn",
    "code": "mã",
    "level": "cấp",
    "youth union unit": "đơn vị Đoàn",
    "youth union units": "đơn vị Đoàn",
    "position": "chức vụ",
    "union officer": "cán bộ Đoàn",
    "union officers": "cán bộ Đoàn",
    "Waiting for review": "Đang chờ duyệt",
    "Approved": "Đã duyệt",
    "Rejected": "Bị từ chối",
    "status": "trạng thái",
    "producer's account": "tài khoản của chủ thể",
    "Empty while a union officer runs the seller for the producer.": "Để trống khi cán bộ Đoàn vận hành gian hàng thay chủ thể.",
    "made by an officer for the producer": "do cán bộ Đoàn lập thay chủ thể",
    "producer's consent": "sự đồng ý của chủ thể",
    "How and when the producer agreed that the union runs the shop for them.": "Chủ thể đồng ý cho Đoàn vận hành gian hàng bằng cách nào, khi nào.",
    "contact e-mail": "email liên hệ",
    "display name": "tên hiển thị",
    "tax code": "mã số thuế",
    "youth union unit that knows you": "đơn vị Đoàn biết bạn",
    "bank": "ngân hàng",
    "account number": "số tài khoản",
    "account holder": "chủ tài khoản",
    "your story": "câu chuyện của bạn",
    "reason": "lý do",
    "seller application": "đơn đăng ký bán hàng",
    "seller applications": "đơn đăng ký bán hàng",
    "Bank": "Ngân hàng",
    "Youth union unit that knows you": "Đơn vị Đoàn biết bạn",
    "The name buyers will see, e.g. HTX Cà phê Ea Tu.": "Tên người mua sẽ thấy, ví dụ HTX Cà phê Ea Tu.",
    "Optional: 10 digits, or 10 digits, a dash and 3 digits for a branch.": "Không bắt buộc: 10 chữ số, hoặc 10 chữ số, gạch ngang và 3 chữ số với chi nhánh.",
    "As printed by the bank, e.g. NGUYEN VAN AN.": "Như ngân hàng in, ví dụ NGUYEN VAN AN.",
    "Choose a bank": "Chọn ngân hàng",
    "A tax code has 10 digits, or 10 digits, a dash and 3 digits.": "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, gạch ngang và 3 chữ số.",
    "An account number has 6 to 19 digits.": "Số tài khoản gồm 6 đến 19 chữ số.",
    "Write the holder's name in letters only.": "Tên chủ tài khoản chỉ gồm chữ cái.",
    "The producer's consent": "Sự đồng ý của chủ thể",
    "How and when the producer agreed that you set up and run the shop for them.": "Chủ thể đồng ý để bạn lập và vận hành gian hàng bằng cách nào, khi nào.",
    "Producer's e-mail (optional)": "Email của chủ thể (không bắt buộc)",
    "Reason": "Lý do",
    "Please say why the application is rejected.": "Vui lòng nêu lý do từ chối.",
    "E-mail of the producer's account": "Email tài khoản của chủ thể",
    "No account uses this e-mail. Ask the producer to register first.": "Chưa có tài khoản nào dùng email này. Hãy đề nghị chủ thể đăng ký trước.",
    "Thank you! Your application waits for the youth union's review. We will e-mail you the decision.": "Cảm ơn bạn! Đơn đăng ký đang chờ Đoàn xét duyệt. Chúng tôi sẽ gửi email báo kết quả.",
    "Approved: %(name)s can now sell.": "Đã duyệt: %(name)s đã có thể bán hàng.",
    "Rejected. The applicant sees your reason.": "Đã từ chối. Người đăng ký sẽ thấy lý do.",
    "Handed over: the producer's account now runs the shop.": "Đã bàn giao: tài khoản của chủ thể nay vận hành gian hàng.",
    "Unknown action.": "Thao tác không hợp lệ.",
    "The seller %(name)s is open; you run it until you hand it over.": "Gian hàng %(name)s đã mở; bạn vận hành cho đến khi bàn giao.",
    "Sell with us": "Đăng ký bán hàng",
    "Review desk": "Duyệt hồ sơ",
    "Youth startups, cooperatives and household businesses can sell here. The youth union unit that knows you checks your application; buyers then find your products, and pay you by bank transfer or cash on delivery.": "Thanh niên khởi nghiệp, hợp tác xã và hộ kinh doanh đều có thể bán hàng tại đây. Đơn vị Đoàn biết bạn sẽ xét duyệt hồ sơ; sau đó người mua tìm thấy sản phẩm và thanh toán cho bạn bằng chuyển khoản hoặc khi nhận hàng.",
    "Send my application": "Gửi đơn đăng ký",
    "Your application to sell": "Đơn đăng ký bán hàng của bạn",
    "Status": "Trạng thái",
    "Apply again": "Đăng ký lại",
    "Open your seller dashboard": "Mở trang quản lý gian hàng",
    "Your public page": "Trang giới thiệu của bạn",
    "Sent on %(date)s to %(unit)s.": "Gửi ngày %(date)s tới %(unit)s.",
    "You have not applied to sell yet.": "Bạn chưa đăng ký bán hàng.",
    "Apply now": "Đăng ký ngay",
    "Seller applications": "Hồ sơ đăng ký bán hàng",
    "Applications to %(unit)s and the units below it.": "Hồ sơ gửi %(unit)s và các đơn vị trực thuộc.",
    "Set up a seller for a producer": "Lập gian hàng thay chủ thể",
    "Seller": "Người bán",
    "Kind": "Loại",
    "Unit": "Đơn vị",
    "Sent": "Ngày gửi",
    "run by the union": "Đoàn vận hành",
    "Nothing here.": "Không có hồ sơ nào.",
    "Seller kind": "Loại người bán",
    "Legal name": "Tên pháp lý",
    "Tax code": "Mã số thuế",
    "Youth union unit": "Đơn vị Đoàn",
    "Bank account": "Tài khoản ngân hàng",
    "Producer's consent": "Sự đồng ý của chủ thể",
    "Approve": "Duyệt",
    "Reject": "Từ chối",
    "Hand the shop over to the producer": "Bàn giao gian hàng cho chủ thể",
    "Hand over": "Bàn giao",
    "Public page of the seller": "Trang giới thiệu người bán",
    "For producers who asked the union for help: you run the shop for them until you hand it over to their own account.": "Dành cho chủ thể nhờ Đoàn hỗ trợ: bạn vận hành gian hàng thay họ cho đến khi bàn giao cho tài khoản của chính họ.",
    "Open the seller": "Mở gian hàng",
    "%(name)s can now sell": "%(name)s đã có thể bán hàng",
    "Your application for %(name)s": "Đơn đăng ký bán hàng của %(name)s",
    "%(unit)s approved your application. You can now add your products in your seller dashboard.": "%(unit)s đã duyệt đơn của bạn. Bạn có thể đưa sản phẩm lên trong trang quản lý gian hàng.",
    "%(unit)s could not approve your application.": "%(unit)s chưa thể duyệt đơn của bạn.",
    "Reason:": "Lý do:",
    "You can correct it and apply again.": "Bạn có thể sửa lại và đăng ký lần nữa.",
    "moderation status": "trạng thái kiểm duyệt",
    "Only approved products of approved sellers are public.": "Chỉ sản phẩm đã duyệt của người bán đã duyệt mới hiển thị công khai.",
    "reason for rejection": "lý do từ chối",
    "Shown to the seller when the product is rejected.": "Người bán thấy lý do này khi sản phẩm bị từ chối.",
    "changes waiting for review": "thay đổi chờ duyệt",
    "Draft": "Bản nháp",
    "Suspended": "Tạm ngừng",
    "bank (NAPAS BIN)": "ngân hàng (mã BIN NAPAS)",
    "run by a union officer": "do cán bộ Đoàn vận hành",
    "A union officer runs this seller on the producer's behalf.": "Cán bộ Đoàn vận hành gian hàng thay chủ thể.",
    "marketplace": "sàn thương mại điện tử",
    "address": "địa chỉ",
}

VI[
    "Edits to what buyers trust (name, description, certificate, images) of an approved product wait here; the approved version stays public meanwhile."
] = "Các sửa đổi về những gì người mua tin cậy (tên, mô tả, giấy chứng nhận, hình ảnh) của sản phẩm đã duyệt được lưu ở đây; phiên bản đã duyệt vẫn hiển thị trong lúc chờ."

VI.update(
    {
        "Orders with your products. Amounts are for your lines only.": "Đơn hàng có sản phẩm của bạn. Số tiền chỉ tính phần hàng của bạn.",
        "Your items": "Số món của bạn",
        "Your total": "Tổng tiền phần của bạn",
        "No orders yet.": "Chưa có đơn hàng.",
        "Deliver to": "Giao đến",
    }
)

VI.update(
    {
        "The OCOP certificate of %(title)s has lapsed": "Giấy chứng nhận OCOP của %(title)s đã hết hiệu lực",
        "The OCOP certificate %(number)s of %(title)s lapsed on %(end)s. Its stars are no longer shown to buyers. Upload the renewed certificate in your dashboard to show them again.": "Giấy chứng nhận OCOP số %(number)s của %(title)s đã hết hiệu lực ngày %(end)s. Số sao không còn hiển thị với người mua. Hãy tải giấy chứng nhận mới lên trang quản lý để hiển thị lại.",
        "The OCOP certificate of %(title)s lapses on %(end)s": "Giấy chứng nhận OCOP của %(title)s hết hiệu lực ngày %(end)s",
        "The OCOP certificate %(number)s of %(title)s is valid until %(end)s. After that date its stars are no longer shown to buyers; please renew it in time and upload the new certificate in your dashboard.": "Giấy chứng nhận OCOP số %(number)s của %(title)s có hiệu lực đến ngày %(end)s. Sau ngày đó số sao không còn hiển thị với người mua; vui lòng gia hạn kịp thời và tải giấy chứng nhận mới lên trang quản lý.",
        "The picture is too large: at most %(n)s pixels a side.": "Ảnh quá lớn: mỗi cạnh tối đa %(n)s điểm ảnh.",
        "The picture is too small: at least %(n)s pixels a side.": "Ảnh quá nhỏ: mỗi cạnh ít nhất %(n)s điểm ảnh.",
        "The file is too big: at most 5 MB.": "Tệp quá lớn: tối đa 5 MB.",
        "Please upload the certificate as a PDF, JPEG, PNG or WebP file.": "Vui lòng tải giấy chứng nhận lên dưới dạng tệp PDF, JPEG, PNG hoặc WebP.",
        "Please upload a JPEG, PNG or WebP picture.": "Vui lòng tải lên ảnh JPEG, PNG hoặc WebP.",
        "certificate scan": "bản chụp giấy chứng nhận",
        "The certificate as a PDF or a picture (JPEG, PNG, WebP), at most 5 MB.": "Giấy chứng nhận dạng PDF hoặc ảnh (JPEG, PNG, WebP), tối đa 5 MB.",
        "traceability link": "đường dẫn truy xuất nguồn gốc",
        "The product's page on the province's traceability system, if it has one.": "Trang của sản phẩm trên hệ thống truy xuất nguồn gốc của tỉnh, nếu có.",
        "Saved as a draft. Submit it for review when it is ready; it becomes public once approved.": "Đã lưu bản nháp. Hãy gửi duyệt khi sẵn sàng; sản phẩm sẽ hiển thị sau khi được duyệt.",
        "Your changes to what buyers trust wait for review; the approved version stays public meanwhile.": "Các thay đổi về thông tin người mua tin cậy đang chờ duyệt; phiên bản đã duyệt vẫn hiển thị trong lúc chờ.",
        "Sent for review.": "Đã gửi duyệt.",
        "Moderation": "Kiểm duyệt",
        "Changes waiting for review": "Thay đổi chờ duyệt",
        "Submit for review": "Gửi duyệt",
        "Approved: the product is public.": "Đã duyệt: sản phẩm đã hiển thị công khai.",
        "Rejected. The seller sees your reason.": "Đã từ chối. Người bán sẽ thấy lý do.",
        "Products to review": "Sản phẩm chờ duyệt",
        "Product": "Sản phẩm",
        "What to review": "Nội dung cần duyệt",
        "Changes to an approved product": "Thay đổi của sản phẩm đã duyệt",
        "New product": "Sản phẩm mới",
        "Product data": "Thông tin sản phẩm",
        "Certificate scan": "Bản chụp giấy chứng nhận",
        "Open the certificate": "Mở giấy chứng nhận",
        "No scan uploaded.": "Chưa tải bản chụp lên.",
    }
)

VI.update(
    {
        "Your account does not run a seller yet.": "Tài khoản của bạn chưa có gian hàng.",
        "Your products": "Sản phẩm của bạn",
        "Manage products": "Quản lý sản phẩm",
        "%(n)s items sold": "Đã bán %(n)s sản phẩm",
        "See orders": "Xem đơn hàng",
        "Your sales": "Doanh số của bạn",
    }
)

VI.update(
    {
        "Also sells on": "Cũng bán trên",
        "Import products": "Nhập sản phẩm hàng loạt",
        "Marketplace clicks": "Lượt bấm sang sàn khác",
    }
)

VI.update(
    {
        "New pictures waiting for review": "Ảnh mới chờ duyệt",
        "approved": "đã duyệt",
    }
)

VI[
    "Sorry, %(title)s sold out while you were checking out. Your basket is kept; nothing was charged."
] = "Rất tiếc, %(title)s vừa hết hàng trong lúc bạn đặt hàng. Giỏ hàng vẫn được giữ; bạn chưa bị trừ tiền."
