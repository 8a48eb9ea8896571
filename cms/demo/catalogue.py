"""Demo catalogue: sellers and OCOP / youth-startup products.

All texts in this module were written for this project's demo data and are
fictional. The sellers, their legal names, founding years and phone numbers
are invented; any resemblance to a real business is coincidental. Product
kinds, regions and provinces follow real Vietnamese regional specialities and
the 34 provinces and cities in force after the 2025 merger (GSO codes).

SELLERS: list of seller dicts, keyed by ``code``.
PRODUCTS: list of product dicts; ``seller`` refers to a SELLERS ``code``,
``group`` is an OCOP sub-group code (e.g. "1.9"), ``certified_on`` is an ISO
date string or None when the product has no OCOP certificate.
"""

SELLERS = [
    {
        "code": "htx-ca-phe-ea-tu",
        "name": "HTX Cà phê Ea Tu",
        "legal_name": "Hợp tác xã Nông nghiệp Cà phê Ea Tu",
        "kind": "cooperative",
        "province": "66",
        "commune": "Phường Tân Lập",
        "phone": "0912458730",
        "founded_year": 2016,
        "description": (
            "Hợp tác xã được thành lập từ 32 hộ trồng cà phê người Ê Đê và người Kinh ở vùng ven "
            "Buôn Ma Thuột, hiện canh tác hơn 80 ha Robusta theo hướng hữu cơ. Quả cà phê chỉ được "
            "hái khi chín đỏ, phơi trên giàn tre và rang mộc tại xưởng của hợp tác xã, không tẩm "
            "bơ hay hương liệu. Ngoài cà phê, các xã viên còn nuôi ong dưới tán vườn và đón khách "
            "đến trải nghiệm mùa thu hoạch."
        ),
    },
    {
        "code": "tra-xanh-la-bang",
        "name": "Chè Xanh La Bằng",
        "legal_name": "Công ty TNHH Chè Xanh La Bằng",
        "kind": "startup",
        "province": "19",
        "commune": "Xã La Bằng",
        "phone": "0987316402",
        "founded_year": 2021,
        "description": (
            "Dự án khởi nghiệp của ba bạn trẻ quê La Bằng, học xong ngành công nghệ thực phẩm thì "
            "quay về làm chè cùng bố mẹ. Nhóm liên kết với gần 40 hộ trồng chè dưới chân dãy Tam "
            "Đảo, sản xuất theo VietGAP và sao chè bằng tôn quay có điều chỉnh nhiệt. Sản phẩm được "
            "đóng gói hiện đại, có mã truy xuất đến từng nương chè."
        ),
    },
    {
        "code": "hkd-vang-thi-mai",
        "name": "Hộ kinh doanh Vàng Thị Mai",
        "legal_name": "Hộ kinh doanh Vàng Thị Mai",
        "kind": "household",
        "province": "08",
        "commune": "Xã Mèo Vạc",
        "phone": "0356821947",
        "founded_year": 2018,
        "description": (
            "Gia đình chị Vàng Thị Mai, người Mông ở Mèo Vạc, gắn bó với nghề nuôi ong nội từ thời "
            "ông bà. Mỗi năm đàn ong chỉ cho một vụ mật vào mùa hoa bạc hà nở trắng sườn núi đá, từ "
            "tháng 10 đến tháng 12. Chị Mai còn cùng chị em trong bản dệt vải lanh và mở một "
            "homestay nhỏ đón khách du lịch."
        ),
    },
    {
        "code": "que-son-van-yen",
        "name": "Quế Sơn Văn Yên",
        "legal_name": "Công ty TNHH Khởi nghiệp Quế Sơn Văn Yên",
        "kind": "startup",
        "province": "15",
        "commune": "Xã Đông Cuông",
        "phone": "0971204586",
        "founded_year": 2020,
        "description": (
            "Quế Sơn do hai anh em người Dao sinh năm 1996 sáng lập, với mong muốn đưa cây quế quê "
            "nhà đi xa hơn những bao quế thô bán cho thương lái. Nhóm thu mua vỏ quế từ các hộ trồng "
            "có chứng nhận hữu cơ, tự chưng cất tinh dầu và làm gia vị, đồ thơm. Toàn bộ bao bì dùng "
            "giấy tái chế, không có nhựa dùng một lần."
        ),
    },
    {
        "code": "htx-sam-ngoc-linh-tra-linh",
        "name": "HTX Sâm Ngọc Linh Trà Linh",
        "legal_name": "Hợp tác xã Dược liệu Sâm Ngọc Linh Trà Linh",
        "kind": "cooperative",
        "province": "48",
        "commune": "Xã Trà Linh",
        "phone": "0905638214",
        "founded_year": 2017,
        "description": (
            "Hợp tác xã gồm 26 hộ đồng bào Xơ Đăng trồng sâm dưới tán rừng nguyên sinh trên núi Ngọc "
            "Linh, ở độ cao trên 1.800 mét. Mỗi vườn sâm đều được đánh số, ghi nhật ký chăm sóc và "
            "chỉ thu hoạch củ từ 6 năm tuổi trở lên. Hợp tác xã phối hợp với trạm dược liệu địa "
            "phương để kiểm định nguồn giống và chất lượng trước khi bán."
        ),
    },
    {
        "code": "hkd-tran-van-hau",
        "name": "Hộ kinh doanh Trần Văn Hậu",
        "legal_name": "Hộ kinh doanh Trần Văn Hậu",
        "kind": "household",
        "province": "91",
        "commune": "Đặc khu Phú Quốc",
        "phone": "0939472615",
        "founded_year": 2012,
        "description": (
            "Nhà thùng của gia đình ông Trần Văn Hậu ở Hàm Ninh đã ba đời làm nước mắm theo lối "
            "truyền thống. Cá cơm được mua ngay khi ghe cập bến, trộn muối theo tỉ lệ gia truyền và ủ "
            "trong thùng gỗ bời lời từ 12 đến 15 tháng. Ngoài nước mắm, gia đình còn bán tiêu, cá "
            "khô và rượu sim do bà con trong ấp làm."
        ),
    },
    {
        "code": "htx-lua-tom-hoa-tu",
        "name": "HTX Lúa tôm Hòa Tú",
        "legal_name": "Hợp tác xã Nông nghiệp Lúa tôm Hòa Tú",
        "kind": "cooperative",
        "province": "92",
        "commune": "Xã Hòa Tú",
        "phone": "0918563207",
        "founded_year": 2015,
        "description": (
            "Các xã viên canh tác theo mô hình một vụ tôm, một vụ lúa trên đất nhiễm mặn, vụ lúa gần "
            "như không dùng phân thuốc hóa học. Giống lúa chủ lực là ST25, gặt đúng độ chín và xay "
            "xát ngay tại nhà máy nhỏ của hợp tác xã để giữ mùi thơm. Hợp tác xã hiện có 54 thành "
            "viên với khoảng 120 ha lúa tôm."
        ),
    },
    {
        "code": "gom-men-lam-bat-trang",
        "name": "Gốm Men Lam Bát Tràng",
        "legal_name": "Công ty TNHH Gốm Men Lam Bát Tràng",
        "kind": "startup",
        "province": "01",
        "commune": "Xã Bát Tràng",
        "phone": "0866042719",
        "founded_year": 2019,
        "description": (
            "Xưởng gốm do một cặp vợ chồng trẻ tốt nghiệp ngành mỹ thuật công nghiệp mở ngay trong "
            "ngôi nhà cũ của gia đình ở làng Bát Tràng. Họ giữ kỹ thuật vẽ tay men lam truyền thống "
            "nhưng làm lại dáng ấm, chén cho gọn nhẹ, hợp với bàn trà hiện đại. Cuối tuần, xưởng mở "
            "lớp trải nghiệm cho học sinh và khách du lịch."
        ),
    },
    {
        "code": "htx-hoa-kieng-sa-dec",
        "name": "HTX Hoa kiểng Sa Đéc",
        "legal_name": "Hợp tác xã Hoa kiểng Tân Quy Đông",
        "kind": "cooperative",
        "province": "82",
        "commune": "Phường Sa Đéc",
        "phone": "0703815462",
        "founded_year": 2014,
        "description": (
            "Hợp tác xã quy tụ hơn 60 nhà vườn ở làng hoa Tân Quy Đông, nơi hoa được trồng trên "
            "những giàn cao dựng giữa mặt ruộng ngập nước. Thế mạnh của các xã viên là cúc mâm xôi, "
            "hồng Sa Đéc và kiểng bonsai uốn thế. Từ năm 2020, hợp tác xã mở thêm tuyến tham quan "
            "làng hoa cho khách đi theo nhóm nhỏ."
        ),
    },
    {
        "code": "hkd-nguyen-thi-lan",
        "name": "Hộ kinh doanh Nguyễn Thị Lan",
        "legal_name": "Hộ kinh doanh Nguyễn Thị Lan",
        "kind": "household",
        "province": "68",
        "commune": "Phường Lang Biang - Đà Lạt",
        "phone": "0833627190",
        "founded_year": 2013,
        "description": (
            "Bà Nguyễn Thị Lan trồng hoa và atiso dưới chân núi Lang Biang đã gần hai mươi năm, nay "
            "cùng con gái làm thêm trà và cao atiso. Vườn nhà có nhà kính trồng lan hồ điệp, luống "
            "dâu tây và một góc nhỏ để sen đá. Các sản phẩm chế biến đều làm tại xưởng của gia đình, "
            "sấy lạnh để giữ màu và mùi."
        ),
    },
    {
        "code": "hoi-xu-lang",
        "name": "Hồi Xứ Lạng",
        "legal_name": "Công ty TNHH Khởi nghiệp Hồi Xứ Lạng",
        "kind": "startup",
        "province": "20",
        "commune": "Xã Văn Quan",
        "phone": "0388514072",
        "founded_year": 2022,
        "description": (
            "Nhóm khởi nghiệp gồm bốn thanh niên người Tày và người Nùng, được hỗ trợ vốn từ chương "
            "trình khởi nghiệp của Tỉnh đoàn. Họ thu mua hoa hồi từ những cây hồi lâu năm trên đồi "
            "của bà con Văn Quan, phân loại kỹ rồi tự chưng cất tinh dầu. Mục tiêu của nhóm là làm "
            "ra sản phẩm có giá trị cao hơn để người trồng không phải chặt hồi đổi sang cây khác."
        ),
    },
    {
        "code": "hkd-lo-van-thang",
        "name": "Hộ kinh doanh Lò Văn Thắng",
        "legal_name": "Hộ kinh doanh Lò Văn Thắng",
        "kind": "household",
        "province": "14",
        "commune": "Phường Thảo Nguyên",
        "phone": "0979318526",
        "founded_year": 2016,
        "description": (
            "Anh Lò Văn Thắng, người Thái ở bản Áng, vừa làm đồ gác bếp theo cách của mẹ vừa trồng "
            "mận và cà phê trên đồi. Căn nhà sàn của gia đình được sửa sang thành homestay, đón khách "
            "lên Mộc Châu mùa hoa mận. Các món đều do người nhà làm và chỉ bán vừa đủ những gì tự sản "
            "xuất được."
        ),
    },
    {
        "code": "htx-nho-phuoc-hau",
        "name": "HTX Nho Phước Hậu",
        "legal_name": "Hợp tác xã Dịch vụ Nông nghiệp Nho Phước Hậu",
        "kind": "cooperative",
        "province": "56",
        "commune": "Xã Phước Hậu",
        "phone": "0796245183",
        "founded_year": 2018,
        "description": (
            "Nằm giữa vùng nắng gió bậc nhất cả nước, hợp tác xã có 35 thành viên trồng nho xanh, nho "
            "đỏ và tỏi trên đất cát pha. Nhờ khí hậu khô, nho ở đây cho ba vụ mỗi năm, vị ngọt đậm "
            "xen chút chua nhẹ. Hợp tác xã có xưởng lên men rượu vang và lò sấy nho đã được cấp giấy "
            "chứng nhận an toàn thực phẩm."
        ),
    },
    {
        "code": "hkd-le-thi-thu-ha",
        "name": "Hộ kinh doanh Lê Thị Thu Hà",
        "legal_name": "Hộ kinh doanh Lê Thị Thu Hà",
        "kind": "household",
        "province": "46",
        "commune": "Phường Thủy Xuân",
        "phone": "0945170368",
        "founded_year": 2011,
        "description": (
            "Gia đình chị Thu Hà làm hương ở làng Thủy Xuân, nơi những bó hương nhiều màu phơi kín "
            "sân mỗi dịp cuối năm. Bột hương được phối từ trầm, quế, hồi và thảo mộc theo công thức "
            "riêng của gia đình, không dùng hóa chất tạo mùi. Bên cạnh hương, chị Hà còn làm mè xửng "
            "và trà thảo mộc bán cho khách tham quan làng nghề."
        ),
    },
    {
        "code": "htx-ong-mat-u-minh-ha",
        "name": "HTX Ong mật U Minh Hạ",
        "legal_name": "Hợp tác xã Ong mật và Du lịch U Minh Hạ",
        "kind": "cooperative",
        "province": "96",
        "commune": "Xã U Minh",
        "phone": "0828406137",
        "founded_year": 2013,
        "description": (
            "Hợp tác xã tập hợp những gia đình làm nghề gác kèo ong, cách lấy mật riêng có của rừng "
            "tràm U Minh: người ta dựng những cây kèo để ong rừng tự tìm đến làm tổ. Mật được thu "
            "theo mùa tràm trổ bông, lọc thủ công và không pha trộn. Các xã viên còn làm khô cá đồng "
            "và chèo xuồng đưa khách vào rừng tràm."
        ),
    },
    {
        "code": "ly-son-xanh",
        "name": "Lý Sơn Xanh",
        "legal_name": "Công ty TNHH Nông sản Lý Sơn Xanh",
        "kind": "startup",
        "province": "51",
        "commune": "Đặc khu Lý Sơn",
        "phone": "0354926081",
        "founded_year": 2021,
        "description": (
            "Khởi nghiệp của một nhóm bạn trẻ sinh ra trên đảo, từng đi làm ở thành phố rồi trở về "
            "quê lập nghiệp. Nhóm liên kết với các hộ trồng tỏi, hành trên lớp đất núi lửa phủ cát "
            "biển, thu mua với giá ổn định và hướng dẫn bà con ghi nhật ký sản xuất. Sản phẩm chủ lực "
            "là tỏi cô đơn và tỏi đen lên men."
        ),
    },
    {
        "code": "tho-cam-muong-thanh",
        "name": "Thổ cẩm Mường Thanh",
        "legal_name": "Công ty TNHH Thổ cẩm Mường Thanh",
        "kind": "startup",
        "province": "11",
        "commune": "Phường Mường Thanh",
        "phone": "0868253914",
        "founded_year": 2020,
        "description": (
            "Doanh nghiệp xã hội do một cô gái Thái 27 tuổi sáng lập, hiện tạo việc làm cho gần 30 "
            "phụ nữ dệt vải tại nhà ở các bản quanh cánh đồng Mường Thanh. Vải được dệt trên khung "
            "cửi truyền thống, nhuộm bằng chàm, vỏ cây và củ nâu. Nhóm thiết kế lại hoa văn khăn piêu "
            "cổ thành túi, gối và phụ kiện dễ dùng hằng ngày."
        ),
    },
    {
        "code": "hkd-huynh-thi-bich",
        "name": "Hộ kinh doanh Huỳnh Thị Bích",
        "legal_name": "Hộ kinh doanh Huỳnh Thị Bích",
        "kind": "household",
        "province": "86",
        "commune": "Xã Mỏ Cày",
        "phone": "0764391528",
        "founded_year": 2015,
        "description": (
            "Lò kẹo nhỏ của cô Huỳnh Thị Bích nằm giữa những vườn dừa xiêm và dừa ta ở Mỏ Cày. Cả nhà "
            "cùng làm, từ nạo dừa, vắt nước cốt đến cắt và gói kẹo bằng tay. Gáo dừa bỏ đi được con "
            "trai cô tận dụng để làm chén, muỗng và đồ lưu niệm."
        ),
    },
    {
        "code": "hkd-dao-van-khoa",
        "name": "Hộ kinh doanh Đào Văn Khoa",
        "legal_name": "Hộ kinh doanh Đào Văn Khoa",
        "kind": "household",
        "province": "33",
        "commune": "Xã Khoái Châu",
        "phone": "0961738245",
        "founded_year": 2010,
        "description": (
            "Ông Đào Văn Khoa là một trong những hộ giữ giống gà Đông Tảo thuần chủng lâu năm ở vùng "
            "bãi ven sông Hồng. Gà được thả vườn dưới tán nhãn và chọn giống theo dáng chân to, da "
            "đỏ. Gia đình còn có vườn nhãn lồng hơn năm mươi năm tuổi và lò sấy long nhãn kiểu "
            "truyền thống."
        ),
    },
]


PRODUCTS = [
    # --- HTX Cà phê Ea Tu (Đắk Lắk) ---
    {
        "sku": "ETU-CF-001",
        "title": "Cà phê Robusta rang mộc Ea Tu 500g",
        "seller": "htx-ca-phe-ea-tu",
        "group": "1.9",
        "province": "66",
        "origin_place": "Phường Tân Lập",
        "price": 185000,
        "stock": 120,
        "stars": 4,
        "certified_on": "2024-05-14",
        "description": (
            "Cà phê Robusta trồng trên đất đỏ bazan, chỉ hái quả chín từ 90% trở lên rồi phơi trên "
            "giàn tre khoảng ba tuần. Hạt được rang mộc ở nhiệt độ vừa, không tẩm bơ, đường hay "
            "hương liệu, nên nước pha có màu nâu cánh gián, vị đắng đậm và hậu ngọt. Có loại nguyên "
            "hạt và loại xay sẵn để pha phin, đựng trong túi có van một chiều. Sau khi mở túi nên "
            "kẹp kín và dùng trong vòng một tháng."
        ),
    },
    {
        "sku": "ETU-CF-002",
        "title": "Cà phê phin giấy Ea Tu hộp 10 gói",
        "seller": "htx-ca-phe-ea-tu",
        "group": "1.9",
        "province": "66",
        "origin_place": "Phường Tân Lập",
        "price": 95000,
        "stock": 200,
        "stars": 3,
        "certified_on": "2024-11-08",
        "description": (
            "Mỗi gói chứa 15g cà phê Robusta phối chút Arabica, xay vừa độ mịn để nước chiết nhanh "
            "qua túi lọc giấy. Chỉ cần xé gói, móc lên miệng cốc và rót nước sôi hai lần là có ly "
            "cà phê đen đậm đà. Tiện mang theo khi đi làm, đi du lịch mà không cần phin. Bảo quản nơi "
            "khô ráo, tránh ánh nắng trực tiếp."
        ),
    },
    {
        "sku": "ETU-CF-003",
        "title": "Cà phê Culi Robusta rang xay 250g",
        "seller": "htx-ca-phe-ea-tu",
        "group": "1.9",
        "province": "66",
        "origin_place": "Phường Tân Lập",
        "price": 120000,
        "stock": 65,
        "stars": None,
        "certified_on": None,
        "description": (
            "Culi là những hạt tròn mọc đơn lẻ trong quả cà phê, chỉ chiếm vài phần trăm sản lượng "
            "nên được hợp tác xã sàng riêng. Hạt rang đậm hơn một chút, cho vị mạnh, nhiều caffeine "
            "và mùi thơm nồng. Hợp pha phin hoặc làm cà phê sữa đá. Túi 250g xay sẵn, ngon nhất trong "
            "ba tuần sau khi mở."
        ),
    },
    {
        "sku": "ETU-MO-001",
        "title": "Mật ong hoa cà phê Ea Tu 500ml",
        "seller": "htx-ca-phe-ea-tu",
        "group": "1.4",
        "province": "66",
        "origin_place": "Phường Tân Lập",
        "price": 160000,
        "stock": 80,
        "stars": 3,
        "certified_on": "2025-03-21",
        "description": (
            "Mật được thu vào mùa cà phê trổ hoa trắng, khoảng tháng Giêng, tháng Hai, từ những thùng "
            "ong đặt ngay trong vườn của xã viên. Mật có màu vàng sẫm, vị ngọt thanh, phảng phất mùi "
            "hoa cà phê. Sau khi quay, mật được lọc qua vải và hạ thủy phần bằng máy sấy lạnh để không "
            "bị lên men. Mật có thể kết tinh khi trời lạnh, đó là hiện tượng tự nhiên."
        ),
    },
    {
        "sku": "ETU-DL-001",
        "title": "Tour một ngày làm nông dân cà phê Ea Tu",
        "seller": "htx-ca-phe-ea-tu",
        "group": "6.1",
        "province": "66",
        "origin_place": "Phường Tân Lập",
        "price": 650000,
        "stock": 30,
        "stars": 3,
        "certified_on": "2025-08-12",
        "description": (
            "Khách được xã viên đón tại hợp tác xã lúc 7 giờ sáng, đi dạo vườn cà phê, tự tay hái "
            "quả và tìm hiểu cách phơi, xát, rang hạt. Buổi trưa ăn cơm cùng một gia đình Ê Đê với "
            "cơm lam, gà nướng và canh cà đắng. Buổi chiều khách học pha phin và mang về một túi cà "
            "phê tự rang 250g. Tour kéo dài khoảng 7 giờ; giá tính cho một người, đã gồm người dẫn, "
            "bữa trưa, nước uống và quà tặng."
        ),
    },
    # --- Chè Xanh La Bằng (Thái Nguyên) ---
    {
        "sku": "LBG-CH-001",
        "title": "Chè tôm nõn La Bằng hộp 200g",
        "seller": "tra-xanh-la-bang",
        "group": "1.8",
        "province": "19",
        "origin_place": "Xã La Bằng",
        "price": 350000,
        "stock": 45,
        "stars": 5,
        "certified_on": "2024-10-03",
        "description": (
            "Chè được hái một tôm một lá non vào sáng sớm đầu vụ xuân, khi búp còn đọng sương. Sau "
            "khi làm héo, chè được vò nhẹ tay và sao hai lửa trên chảo gang, cho những sợi xoăn nhỏ "
            "màu xanh đen, phủ lớp tuyết trắng mịn. Nước chè xanh vàng, thơm mùi cốm, chát dịu và "
            "ngọt hậu sâu. Đựng trong hộp thiếc hút chân không; sau khi mở nên cất ngăn mát tủ lạnh."
        ),
    },
    {
        "sku": "LBG-CH-002",
        "title": "Chè móc câu La Bằng 500g",
        "seller": "tra-xanh-la-bang",
        "group": "1.8",
        "province": "19",
        "origin_place": "Xã La Bằng",
        "price": 280000,
        "stock": 90,
        "stars": 4,
        "certified_on": "2024-06-18",
        "description": (
            "Loại chè quen thuộc trên bàn nước của nhiều gia đình, búp cong như lưỡi câu, hái một tôm "
            "hai lá. Chè được sao bằng tôn quay có kiểm soát nhiệt nên cánh đều, không bị khét. Nước "
            "pha xanh trong, vị đậm, có thể pha được hai ba lần nước. Túi 500g hút chân không, hợp "
            "dùng trong gia đình hoặc văn phòng."
        ),
    },
    {
        "sku": "LBG-CH-003",
        "title": "Trà xanh La Bằng túi lọc hộp 25 gói",
        "seller": "tra-xanh-la-bang",
        "group": "1.8",
        "province": "19",
        "origin_place": "Xã La Bằng",
        "price": 65000,
        "stock": 150,
        "stars": 3,
        "certified_on": "2025-01-09",
        "description": (
            "Chè xanh La Bằng được nghiền vừa cỡ, đóng trong túi lọc giấy không tẩy trắng, mỗi túi 2g. "
            "Pha một túi với 150ml nước khoảng 85 độ C trong ba phút là có ly trà thơm, ít chát. Mỗi "
            "túi có bao riêng để giữ mùi. Tiện để ở văn phòng hoặc làm quà biếu."
        ),
    },
    {
        "sku": "LBG-CH-004",
        "title": "Hồng trà La Bằng 100g",
        "seller": "tra-xanh-la-bang",
        "group": "1.8",
        "province": "19",
        "origin_place": "Xã La Bằng",
        "price": 120000,
        "stock": 40,
        "stars": None,
        "certified_on": None,
        "description": (
            "Sản phẩm thử nghiệm của nhóm, làm từ búp chè trung du hái vụ hè, lên men hoàn toàn rồi "
            "sấy khô. Nước trà màu đỏ hổ phách, thơm mùi mật ong và trái cây chín, vị ngọt dịu. Có "
            "thể uống nóng hoặc pha trà sữa, trà đào. Sản phẩm đang được chuẩn bị hồ sơ để đánh giá "
            "OCOP."
        ),
    },
    {
        "sku": "LBG-NU-001",
        "title": "Trà xanh La Bằng ủ lạnh không đường lốc 6 chai 330ml",
        "seller": "tra-xanh-la-bang",
        "group": "2.2",
        "province": "19",
        "origin_place": "Xã La Bằng",
        "price": 90000,
        "stock": 60,
        "stars": 3,
        "certified_on": "2025-09-26",
        "description": (
            "Trà được ủ lạnh từ chè xanh La Bằng trong 8 tiếng, lọc trong rồi đóng chai thủy tinh, "
            "không thêm đường hay chất bảo quản. Vị trà mát, chát nhẹ, hậu ngọt tự nhiên. Bảo quản "
            "trong tủ lạnh từ 2 đến 6 độ C và dùng trong 10 ngày kể từ ngày sản xuất. Lắc nhẹ trước "
            "khi uống."
        ),
    },
    # --- Hộ kinh doanh Vàng Thị Mai (Tuyên Quang) ---
    {
        "sku": "MVC-MO-001",
        "title": "Mật ong bạc hà Mèo Vạc 500ml",
        "seller": "hkd-vang-thi-mai",
        "group": "1.4",
        "province": "08",
        "origin_place": "Xã Mèo Vạc",
        "price": 350000,
        "stock": 55,
        "stars": 4,
        "certified_on": "2024-03-27",
        "description": (
            "Mật do đàn ong nội lấy từ hoa bạc hà dại mọc trên các triền núi đá vào cuối thu, mỗi năm "
            "chỉ quay một vụ. Mật màu vàng óng, thoảng mùi bạc hà, vị ngọt dịu và không gắt cổ. Gia "
            "đình lọc mật thủ công, đóng chai thủy tinh và dán tem truy xuất của xã. Để lâu mật sẽ kết "
            "tinh mịn như mỡ đông, chỉ cần ngâm chai vào nước ấm là tan."
        ),
    },
    {
        "sku": "MVC-MO-002",
        "title": "Mật ong bạc hà Mèo Vạc 250ml",
        "seller": "hkd-vang-thi-mai",
        "group": "1.4",
        "province": "08",
        "origin_place": "Xã Mèo Vạc",
        "price": 190000,
        "stock": 70,
        "stars": 4,
        "certified_on": "2024-03-27",
        "description": (
            "Chai nhỏ cùng mẻ mật với loại 500ml, tiện để dùng thử hoặc làm quà. Có thể pha với nước "
            "ấm, chanh, gừng hoặc dùng trực tiếp một thìa mỗi sáng. Không dùng cho trẻ dưới một tuổi. "
            "Bảo quản ở nhiệt độ phòng, đậy kín nắp, không cần cho vào tủ lạnh."
        ),
    },
    {
        "sku": "MVC-TC-001",
        "title": "Khăn choàng vải lanh nhuộm chàm Mông 45x180cm",
        "seller": "hkd-vang-thi-mai",
        "group": "4.2",
        "province": "08",
        "origin_place": "Xã Mèo Vạc",
        "price": 420000,
        "stock": 4,
        "stars": 3,
        "certified_on": "2025-06-05",
        "description": (
            "Khăn được dệt từ sợi lanh do chính chị em trong bản trồng, tước và se bằng tay. Hoa văn "
            "được vẽ bằng sáp ong rồi nhuộm chàm nhiều lần, tạo những đường xanh thẫm xen trắng rất "
            "riêng của người Mông. Khăn dài 1,8 mét, rộng 45 cm, càng giặt càng mềm. Nên giặt tay bằng "
            "nước lạnh và phơi trong bóng râm để giữ màu chàm."
        ),
    },
    {
        "sku": "MVC-DL-001",
        "title": "Homestay bản Mông Mèo Vạc 2 ngày 1 đêm",
        "seller": "hkd-vang-thi-mai",
        "group": "6.1",
        "province": "08",
        "origin_place": "Xã Mèo Vạc",
        "price": 1200000,
        "stock": 20,
        "stars": 3,
        "certified_on": "2025-10-14",
        "description": (
            "Khách ngủ một đêm trong ngôi nhà trình tường của gia đình, cùng chủ nhà nấu mèn mén, "
            "thắng dền và lên nương thăm đàn ong. Ngày thứ hai khách được dẫn đi chợ phiên hoặc đi bộ "
            "một đoạn đèo Mã Pí Lèng, tùy lịch trong tuần. Giá tính cho một người, đã gồm chỗ ngủ, ba "
            "bữa ăn, người dẫn đường và một buổi học dệt lanh. Chưa bao gồm xe di chuyển đến Mèo Vạc."
        ),
    },
    # --- Quế Sơn Văn Yên (Lào Cai) ---
    {
        "sku": "QVY-TD-001",
        "title": "Tinh dầu quế Văn Yên nguyên chất 10ml",
        "seller": "que-son-van-yen",
        "group": "3.4",
        "province": "15",
        "origin_place": "Xã Đông Cuông",
        "price": 85000,
        "stock": 180,
        "stars": 4,
        "certified_on": "2024-08-22",
        "description": (
            "Tinh dầu được chưng cất bằng hơi nước từ vỏ và lá quế Văn Yên, để lắng tách nước tự nhiên "
            "rồi lọc. Mùi quế ấm, cay nồng, giúp căn phòng thơm dễ chịu và xua côn trùng. Nhỏ 3 đến 5 "
            "giọt vào máy khuếch tán, hoặc pha loãng với dầu nền trước khi xoa bóp. Không uống, không "
            "thoa trực tiếp lên da và để xa tầm tay trẻ em."
        ),
    },
    {
        "sku": "QVY-TD-002",
        "title": "Xịt phòng tinh dầu quế 100ml",
        "seller": "que-son-van-yen",
        "group": "3.4",
        "province": "15",
        "origin_place": "Xã Đông Cuông",
        "price": 120000,
        "stock": 75,
        "stars": None,
        "certified_on": None,
        "description": (
            "Hỗn hợp tinh dầu quế với nước cất và một ít cồn thực phẩm giúp mùi lan nhanh. Xịt lên "
            "rèm, gối hoặc trong ô tô để át mùi ẩm và tạo cảm giác ấm áp. Lắc đều trước khi dùng, "
            "không xịt vào mắt. Sản phẩm mới ra mắt năm 2025, chưa tham gia đánh giá OCOP."
        ),
    },
    {
        "sku": "QVY-GV-001",
        "title": "Quế thanh Văn Yên cạo vỏ 200g",
        "seller": "que-son-van-yen",
        "group": "1.7",
        "province": "15",
        "origin_place": "Xã Đông Cuông",
        "price": 75000,
        "stock": 140,
        "stars": 4,
        "certified_on": "2024-08-22",
        "description": (
            "Vỏ quế lấy từ cây trên 15 năm tuổi, cạo sạch lớp vỏ lụa bên ngoài, cắt thanh dài khoảng "
            "8 cm và phơi khô tự nhiên. Thanh quế dày, nhiều dầu, bẻ ra thấy màu nâu đỏ và mùi thơm "
            "ngọt. Dùng nấu phở, kho thịt, ngâm rượu hoặc pha trà. Đóng túi zip, để nơi khô thoáng "
            "dùng được 24 tháng."
        ),
    },
    {
        "sku": "QVY-GV-002",
        "title": "Bột quế Văn Yên nguyên chất lọ 100g",
        "seller": "que-son-van-yen",
        "group": "1.7",
        "province": "15",
        "origin_place": "Xã Đông Cuông",
        "price": 45000,
        "stock": 160,
        "stars": 3,
        "certified_on": "2025-02-17",
        "description": (
            "Bột xay mịn từ vỏ quế đã sấy, không trộn bột gạo hay chất độn. Mùi quế thơm ngọt, hợp "
            "rắc lên bánh, cà phê, sữa chua hoặc ướp thịt nướng. Đựng trong lọ thủy tinh có nắp rắc "
            "tiện dụng. Đậy kín sau khi dùng để bột không vón và mất mùi."
        ),
    },
    {
        "sku": "QVY-LN-001",
        "title": "Túi thơm vỏ quế treo xe, tủ áo",
        "seller": "que-son-van-yen",
        "group": "4.3",
        "province": "15",
        "origin_place": "Xã Đông Cuông",
        "price": 55000,
        "stock": 110,
        "stars": 3,
        "certified_on": "2025-02-17",
        "description": (
            "Túi vải bố may thủ công, bên trong là vụn quế khô, hoa hồi và một ít lá sả phơi khô. Túi "
            "có dây để treo trong xe, tủ quần áo hoặc góc làm việc, mùi thơm giữ được khoảng ba tháng. "
            "Khi mùi nhạt chỉ cần nhỏ thêm vài giọt tinh dầu quế. Mỗi túi kèm một tấm thẻ nhỏ kể về "
            "vùng quế Văn Yên."
        ),
    },
    # --- HTX Sâm Ngọc Linh Trà Linh (Đà Nẵng) ---
    {
        "sku": "TLN-SAM-001",
        "title": "Sâm Ngọc Linh tươi 7 năm tuổi 100g",
        "seller": "htx-sam-ngoc-linh-tra-linh",
        "group": "3.1",
        "province": "48",
        "origin_place": "Xã Trà Linh",
        "price": 12500000,
        "stock": 3,
        "stars": 5,
        "certified_on": "2024-12-05",
        "description": (
            "Củ sâm được đào từ vườn trồng dưới tán rừng già trên núi Ngọc Linh, mỗi 100g thường có 3 "
            "đến 4 củ còn nguyên thân rễ. Mỗi củ có tem niêm phong và mã lô vườn để tra cứu nguồn gốc. "
            "Có thể ăn sống, thái lát ngậm, ngâm mật ong hoặc ngâm rượu. Sâm được giao trong hộp gỗ lót "
            "rêu ẩm, cất ngăn mát tủ lạnh và nên dùng trong 30 ngày."
        ),
    },
    {
        "sku": "TLN-RU-001",
        "title": "Rượu sâm Ngọc Linh nguyên củ bình 500ml",
        "seller": "htx-sam-ngoc-linh-tra-linh",
        "group": "2.1",
        "province": "48",
        "origin_place": "Xã Trà Linh",
        "price": 2500000,
        "stock": 5,
        "stars": 4,
        "certified_on": "2025-04-10",
        "description": (
            "Một củ sâm Ngọc Linh 6 năm tuổi được ngâm trong rượu nếp nấu thủ công, đã qua lọc giảm "
            "aldehyde, nồng độ khoảng 35 độ. Rượu màu vàng nhạt, đắng nhẹ đặc trưng của sâm rồi ngọt "
            "dần. Bình thủy tinh đặt trong hộp gỗ, thích hợp làm quà biếu. Nên dùng sau 3 tháng ngâm, "
            "uống điều độ; không bán cho người dưới 18 tuổi và không dành cho phụ nữ có thai."
        ),
    },
    {
        "sku": "TLN-TRA-001",
        "title": "Trà lá sâm Ngọc Linh túi lọc hộp 20 gói",
        "seller": "htx-sam-ngoc-linh-tra-linh",
        "group": "3.2",
        "province": "48",
        "origin_place": "Xã Trà Linh",
        "price": 320000,
        "stock": 85,
        "stars": 4,
        "certified_on": "2025-04-10",
        "description": (
            "Lá và thân sâm Ngọc Linh được thu khi cây chuẩn bị tàn lá, sấy lạnh rồi phối cùng một ít "
            "cỏ ngọt và cam thảo. Mỗi gói 2g, hãm với nước sôi trong 5 phút, nước trà vàng xanh, hơi "
            "đắng rồi ngọt hậu. Hợp uống vào buổi sáng hoặc đầu giờ chiều. Sản phẩm không phải là "
            "thuốc và không có tác dụng thay thế thuốc chữa bệnh."
        ),
    },
    {
        "sku": "TLN-MO-001",
        "title": "Sâm Ngọc Linh lát ngâm mật ong hũ 250ml",
        "seller": "htx-sam-ngoc-linh-tra-linh",
        "group": "3.2",
        "province": "48",
        "origin_place": "Xã Trà Linh",
        "price": 1650000,
        "stock": 12,
        "stars": 3,
        "certified_on": "2024-07-30",
        "description": (
            "Sâm tươi được rửa sạch, thái lát mỏng rồi ngâm trong mật ong rừng do bà con trong xã khai "
            "thác. Sau khoảng một tháng, mật thấm vào từng lát sâm, vị đắng dịu lại và dễ ăn hơn. Mỗi "
            "ngày có thể dùng một đến hai lát kèm một thìa mật. Để nơi thoáng mát và luôn dùng thìa "
            "khô, sạch khi lấy."
        ),
    },
    # --- Hộ kinh doanh Trần Văn Hậu (An Giang, Phú Quốc) ---
    {
        "sku": "PQC-NM-001",
        "title": "Nước mắm cá cơm Phú Quốc 40 độ đạm 500ml",
        "seller": "hkd-tran-van-hau",
        "group": "1.6",
        "province": "91",
        "origin_place": "Đặc khu Phú Quốc",
        "price": 145000,
        "stock": 130,
        "stars": 5,
        "certified_on": "2024-09-19",
        "description": (
            "Nước mắm nhĩ chắt từ thùng gỗ bời lời sau 15 tháng ủ cá cơm than với muối biển, không pha "
            "nước hay chất điều vị. Mắm màu nâu cánh gián, trong, thơm đặc trưng, vị mặn đằm và ngọt "
            "hậu. Chai thủy tinh có nắp chống tràn, hợp chấm trực tiếp hoặc pha nước chấm. Để nơi "
            "thoáng mát; đáy chai có thể kết tinh muối, đó là dấu hiệu của mắm nguyên chất."
        ),
    },
    {
        "sku": "PQC-NM-002",
        "title": "Nước mắm truyền thống Phú Quốc 30 độ đạm 1 lít",
        "seller": "hkd-tran-van-hau",
        "group": "1.6",
        "province": "91",
        "origin_place": "Đặc khu Phú Quốc",
        "price": 115000,
        "stock": 160,
        "stars": 4,
        "certified_on": "2024-09-19",
        "description": (
            "Loại mắm dùng hằng ngày trong bếp, phối từ mắm nhĩ và nước kéo lần hai của cùng thùng ủ. "
            "Độ đạm 30 giúp món kho, xào, canh đậm đà mà không quá gắt. Chai nhựa PET dày, có quai "
            "cầm. Đậy kín nắp sau khi dùng và tránh ánh nắng trực tiếp."
        ),
    },
    {
        "sku": "PQC-GV-001",
        "title": "Tiêu đen Phú Quốc hạt hũ 200g",
        "seller": "hkd-tran-van-hau",
        "group": "1.7",
        "province": "91",
        "origin_place": "Đặc khu Phú Quốc",
        "price": 95000,
        "stock": 90,
        "stars": 4,
        "certified_on": "2025-05-22",
        "description": (
            "Tiêu trồng trên các vườn đất đỏ phía bắc đảo, hái khi chùm đã có vài hạt chín đỏ rồi phơi "
            "nắng đến khi vỏ nhăn đen. Hạt chắc, cay the, thơm nồng hơn tiêu đất liền. Xay ngay trước "
            "khi nấu sẽ giữ hương vị tốt nhất. Đựng trong hũ nhựa có nắp xay."
        ),
    },
    {
        "sku": "PQC-RU-001",
        "title": "Rượu sim Phú Quốc 500ml",
        "seller": "hkd-tran-van-hau",
        "group": "2.1",
        "province": "91",
        "origin_place": "Đặc khu Phú Quốc",
        "price": 150000,
        "stock": 70,
        "stars": 3,
        "certified_on": "2025-07-11",
        "description": (
            "Rượu làm từ trái sim rừng chín tím ngâm với rượu gạo, ủ trong chum sành khoảng ba tháng "
            "rồi lọc trong. Rượu màu tím đỏ, vị ngọt chát nhẹ, nồng độ khoảng 14 độ. Uống ngon hơn khi "
            "để lạnh. Không bán cho người dưới 18 tuổi; đã uống rượu thì không lái xe."
        ),
    },
    {
        "sku": "PQC-HS-001",
        "title": "Cá cơm sấy khô Hàm Ninh 500g",
        "seller": "hkd-tran-van-hau",
        "group": "1.2",
        "province": "91",
        "origin_place": "Đặc khu Phú Quốc",
        "price": 180000,
        "stock": 45,
        "stars": None,
        "certified_on": None,
        "description": (
            "Cá cơm tươi đánh bắt trong ngày được luộc sơ qua nước muối loãng rồi phơi trên giàn lưới "
            "dưới nắng biển. Cá khô giòn, màu trắng ngà, không tẩm phẩm màu. Dùng rim mặn ngọt, chiên "
            "giòn hoặc nấu canh chua. Sau khi mở túi nên cất ngăn mát tủ lạnh."
        ),
    },
    # --- HTX Lúa tôm Hòa Tú (Cần Thơ) ---
    {
        "sku": "HTU-GAO-001",
        "title": "Gạo ST25 lúa tôm Hòa Tú túi 5kg",
        "seller": "htx-lua-tom-hoa-tu",
        "group": "1.3",
        "province": "92",
        "origin_place": "Xã Hòa Tú",
        "price": 210000,
        "stock": 220,
        "stars": 5,
        "certified_on": "2024-02-29",
        "description": (
            "Lúa ST25 trồng luân canh sau vụ tôm trên ruộng nhiễm mặn, hầu như không phải phun thuốc "
            "vì độ mặn giúp hạn chế sâu bệnh. Gạo hạt dài, trắng trong; cơm dẻo mềm, thơm mùi lá dứa "
            "và vẫn mềm khi nguội. Gạo được xay theo từng đợt đơn hàng, đóng túi 5kg có tem truy xuất. "
            "Bảo quản nơi khô ráo, dùng trong vòng 6 tháng."
        ),
    },
    {
        "sku": "HTU-GAO-002",
        "title": "Gạo ST25 lúa tôm hút chân không hộp 2kg",
        "seller": "htx-lua-tom-hoa-tu",
        "group": "1.3",
        "province": "92",
        "origin_place": "Xã Hòa Tú",
        "price": 95000,
        "stock": 180,
        "stars": 4,
        "certified_on": "2024-02-29",
        "description": (
            "Cùng nguồn lúa tôm với túi 5kg nhưng chia thành hai túi 1kg hút chân không, tiện cho gia "
            "đình ít người hoặc làm quà. Hộp giấy in hình cánh đồng lúa tôm Hòa Tú. Vo gạo nhẹ tay một "
            "lần và nấu với ít nước hơn gạo thường một chút để cơm dẻo vừa. Túi hút chân không giữ mùi "
            "thơm đến 12 tháng."
        ),
    },
    {
        "sku": "HTU-GAO-003",
        "title": "Gạo lứt ST25 túi 1kg",
        "seller": "htx-lua-tom-hoa-tu",
        "group": "1.3",
        "province": "92",
        "origin_place": "Xã Hòa Tú",
        "price": 55000,
        "stock": 100,
        "stars": 4,
        "certified_on": "2025-06-24",
        "description": (
            "Gạo chỉ xay bỏ lớp trấu, giữ nguyên lớp cám màu nâu nhạt giàu chất xơ. Cơm gạo lứt ST25 "
            "mềm hơn nhiều loại gạo lứt khác, vị bùi và thơm. Nên ngâm gạo khoảng 2 giờ trước khi nấu. "
            "Hợp với người ăn kiêng hoặc muốn bữa ăn nhiều chất xơ hơn."
        ),
    },
    {
        "sku": "HTU-TOM-001",
        "title": "Tôm khô đất Hòa Tú 250g",
        "seller": "htx-lua-tom-hoa-tu",
        "group": "1.2",
        "province": "92",
        "origin_place": "Xã Hòa Tú",
        "price": 420000,
        "stock": 0,
        "stars": 3,
        "certified_on": "2025-01-15",
        "description": (
            "Tôm đất thu từ vụ tôm trên ruộng lúa, luộc chín, phơi khô rồi đập tách vỏ bằng tay. Con "
            "tôm đỏ tự nhiên, thịt chắc và ngọt, không dùng phẩm màu. Dùng nấu canh, xào, trộn gỏi "
            "hoặc ăn kèm dưa món ngày Tết. Hàng tạm hết, hợp tác xã sẽ có tôm khô mới sau vụ thu "
            "hoạch tới."
        ),
    },
    # --- Gốm Men Lam Bát Tràng (Hà Nội) ---
    {
        "sku": "BTG-GOM-001",
        "title": "Bộ ấm chén men lam vẽ tay Bát Tràng 6 chén",
        "seller": "gom-men-lam-bat-trang",
        "group": "4.1",
        "province": "01",
        "origin_place": "Xã Bát Tràng",
        "price": 1450000,
        "stock": 5,
        "stars": 5,
        "certified_on": "2024-11-27",
        "description": (
            "Bộ gồm một ấm 450ml, sáu chén, một chén tống và một khay tròn, tất cả đều vẽ tay bằng men "
            "lam họa tiết hoa sen và chuồn chuồn. Đất sét được lọc kỹ, tạo dáng trên bàn xoay rồi nung "
            "ở khoảng 1.250 độ C nên xương gốm chắc, gõ kêu trong. Dưới đáy ấm có chữ ký người vẽ, "
            "không bộ nào giống hệt bộ nào. Dùng tốt với nước sôi, nên rửa bằng tay để giữ men bóng "
            "lâu."
        ),
    },
    {
        "sku": "BTG-GOM-002",
        "title": "Bình hoa men rạn cổ Bát Tràng cao 30cm",
        "seller": "gom-men-lam-bat-trang",
        "group": "4.1",
        "province": "01",
        "origin_place": "Xã Bát Tràng",
        "price": 850000,
        "stock": 18,
        "stars": 4,
        "certified_on": "2024-06-11",
        "description": (
            "Bình dáng tỏi, phủ lớp men rạn màu ngà với những đường rạn nhỏ như vân chân chim, làm theo "
            "kỹ thuật men rạn cổ của làng. Sau khi nung, vết rạn được xoa màu nước chè cho nổi rõ. Bình "
            "cao 30 cm, miệng rộng 9 cm, cắm được hoa cành dài. Lòng bình tráng men kín nên đựng nước "
            "không bị thấm."
        ),
    },
    {
        "sku": "BTG-LN-001",
        "title": "Cốc sứ vẽ hoa sen Bát Tràng 350ml",
        "seller": "gom-men-lam-bat-trang",
        "group": "4.3",
        "province": "01",
        "origin_place": "Xã Bát Tràng",
        "price": 145000,
        "stock": 90,
        "stars": 3,
        "certified_on": "2025-03-06",
        "description": (
            "Cốc sứ trắng dáng trụ, vẽ hoa sen bằng men lam, quai dày vừa tay. Dung tích 350ml, hợp "
            "uống trà, cà phê hoặc làm quà tặng đồng nghiệp. Mỗi cốc đóng trong hộp giấy kraft lót giấy "
            "xé chống vỡ. Có thể rửa bằng máy rửa bát."
        ),
    },
    {
        "sku": "BTG-LN-002",
        "title": "Đĩa gốm treo tường phố cổ Hà Nội đường kính 30cm",
        "seller": "gom-men-lam-bat-trang",
        "group": "4.3",
        "province": "01",
        "origin_place": "Xã Bát Tràng",
        "price": 650000,
        "stock": 14,
        "stars": None,
        "certified_on": None,
        "description": (
            "Đĩa trang trí vẽ cảnh mái ngói phố cổ, cây bàng và gánh hàng rong bằng men màu trên nền "
            "men trắng. Mặt sau có móc treo gắn sẵn, kèm giá gỗ để đặt trên kệ. Mẫu do họa sĩ của xưởng "
            "vẽ cho những vị khách muốn mang về một góc Hà Nội. Chỉ dùng để trang trí, không đựng thức "
            "ăn."
        ),
    },
    {
        "sku": "BTG-DL-001",
        "title": "Trải nghiệm làm gốm tại xưởng Bát Tràng 3 giờ",
        "seller": "gom-men-lam-bat-trang",
        "group": "6.2",
        "province": "01",
        "origin_place": "Xã Bát Tràng",
        "price": 250000,
        "stock": 40,
        "stars": 3,
        "certified_on": "2025-10-30",
        "description": (
            "Khách được thợ của xưởng hướng dẫn nhào đất, tự chuốt một sản phẩm trên bàn xoay và vẽ "
            "trang trí bằng men màu. Buổi trải nghiệm kéo dài khoảng 3 giờ, đặt được vào buổi sáng "
            "hoặc chiều các ngày trong tuần. Giá tính cho một người, gồm nguyên liệu, tạp dề, nước trà "
            "và phí nung; sản phẩm được nung rồi gửi về nhà sau khoảng 10 ngày, phí gửi tính riêng. "
            "Phù hợp với gia đình có trẻ từ 6 tuổi."
        ),
    },
    # --- HTX Hoa kiểng Sa Đéc (Đồng Tháp) ---
    {
        "sku": "SDC-HOA-001",
        "title": "Chậu cúc mâm xôi Sa Đéc cao 40cm",
        "seller": "htx-hoa-kieng-sa-dec",
        "group": "5.1",
        "province": "82",
        "origin_place": "Phường Sa Đéc",
        "price": 180000,
        "stock": 150,
        "stars": 4,
        "certified_on": "2024-12-18",
        "description": (
            "Cúc mâm xôi được trồng từ mầm, bấm ngọn nhiều lần để tán tròn đều và nở dày hàng trăm bông "
            "vàng. Chậu cao khoảng 40 cm, tán rộng 35 đến 40 cm, giao khi hoa vừa hé để chơi được lâu. "
            "Đặt nơi có nắng buổi sáng, tưới gốc mỗi ngày một lần, tránh tưới lên hoa. Hàng được chở "
            "bằng xe chuyên chở hoa đi các tỉnh phía Nam."
        ),
    },
    {
        "sku": "SDC-HOA-002",
        "title": "Chậu hồng Sa Đéc gốc ghép 25cm",
        "seller": "htx-hoa-kieng-sa-dec",
        "group": "5.1",
        "province": "82",
        "origin_place": "Phường Sa Đéc",
        "price": 150000,
        "stock": 85,
        "stars": 3,
        "certified_on": "2025-05-09",
        "description": (
            "Giống hồng Sa Đéc cánh dày, màu đỏ hồng, nổi tiếng thơm và sai hoa. Cây được ghép trên gốc "
            "hồng dại nên khỏe, ít sâu bệnh, hợp trồng chậu ngoài ban công. Chậu nhựa 25 cm với giá thể "
            "xơ dừa trộn phân hữu cơ. Cây cần nắng ít nhất 5 giờ mỗi ngày; cắt tỉa cành sau mỗi đợt hoa "
            "tàn."
        ),
    },
    {
        "sku": "SDC-CAY-001",
        "title": "Mai vàng bonsai dáng trực cao 80cm",
        "seller": "htx-hoa-kieng-sa-dec",
        "group": "5.2",
        "province": "82",
        "origin_place": "Phường Sa Đéc",
        "price": 2500000,
        "stock": 2,
        "stars": 3,
        "certified_on": "2025-05-09",
        "description": (
            "Cây mai vàng được nhà vườn uốn dáng trực trong khoảng 6 năm, gốc to, rễ bám chậu đẹp. Cây "
            "trồng trong chậu sứ men xanh và được lặt lá canh ngày để nở đúng dịp Tết. Giá đã gồm chậu, "
            "phân bón tan chậm và hướng dẫn chăm sóc sau Tết. Mỗi cây một dáng riêng, nhà vườn gửi ảnh "
            "cây thật để khách chọn trước khi giao."
        ),
    },
    {
        "sku": "SDC-CAY-002",
        "title": "Linh sam bonsai mini chậu gốm",
        "seller": "htx-hoa-kieng-sa-dec",
        "group": "5.2",
        "province": "82",
        "origin_place": "Phường Sa Đéc",
        "price": 450000,
        "stock": 35,
        "stars": None,
        "certified_on": None,
        "description": (
            "Linh sam là loài cây lá nhỏ, hoa tím, rất được người chơi bonsai mini ưa chuộng. Cây cao "
            "khoảng 20 đến 25 cm, thân đã có dáng cong, trồng trong chậu gốm chữ nhật. Hợp đặt bàn làm "
            "việc hoặc bậu cửa sổ có nắng. Tưới khi mặt đất khô, bón phân tan chậm hai tháng một lần."
        ),
    },
    {
        "sku": "SDC-DL-001",
        "title": "Tour làng hoa Sa Đéc nửa ngày",
        "seller": "htx-hoa-kieng-sa-dec",
        "group": "6.2",
        "province": "82",
        "origin_place": "Phường Sa Đéc",
        "price": 350000,
        "stock": 50,
        "stars": 4,
        "certified_on": "2024-12-18",
        "description": (
            "Tour bắt đầu lúc 7 giờ 30 tại bến đò Tân Quy Đông: khách đi xuồng dọc rạch ngắm những giàn "
            "hoa trải trên mặt ruộng rồi lên bờ thăm vườn hồng, vườn kiểng. Nhà vườn chỉ cách ươm cây, "
            "ghép hồng và khách được tự tay trồng một chậu hoa nhỏ mang về. Tour kéo dài khoảng 4 giờ, "
            "kết thúc bằng bữa sáng hủ tiếu Sa Đéc. Giá tính cho một người, đã gồm xuồng, người dẫn "
            "địa phương, bữa sáng và chậu hoa."
        ),
    },
    # --- Hộ kinh doanh Nguyễn Thị Lan (Lâm Đồng) ---
    {
        "sku": "LBD-HOA-001",
        "title": "Lan hồ điệp Đà Lạt chậu sứ 3 cành",
        "seller": "hkd-nguyen-thi-lan",
        "group": "5.1",
        "province": "68",
        "origin_place": "Phường Lang Biang - Đà Lạt",
        "price": 1200000,
        "stock": 25,
        "stars": 4,
        "certified_on": "2025-01-20",
        "description": (
            "Ba cành lan hồ điệp trắng hoặc tím trồng trong nhà kính của gia đình, được xếp vào chậu sứ "
            "phủ rêu. Mỗi cành có từ 8 đến 10 bông và nụ, hoa bền khoảng 1,5 đến 2 tháng khi để trong "
            "nhà. Chỉ cần tưới khoảng 50ml nước mỗi tuần, tránh nắng gắt và gió máy lạnh thổi thẳng. "
            "Giao trong Đà Lạt và gửi xe lạnh đi các thành phố lớn."
        ),
    },
    {
        "sku": "LBD-CAY-001",
        "title": "Chậu sen đá Đà Lạt mix 5 loại",
        "seller": "hkd-nguyen-thi-lan",
        "group": "5.2",
        "province": "68",
        "origin_place": "Phường Lang Biang - Đà Lạt",
        "price": 180000,
        "stock": 60,
        "stars": None,
        "certified_on": None,
        "description": (
            "Năm loại sen đá nhiều màu trồng chung trong chậu gốm tròn đường kính 18 cm, mặt chậu phủ "
            "sỏi trắng. Cây đã quen với khí hậu Đà Lạt nên khá dễ sống. Đặt nơi có ánh sáng tán xạ, "
            "tưới ít nước một đến hai lần mỗi tuần. Màu lá có thể đổi đậm nhạt tùy lượng nắng nơi trồng."
        ),
    },
    {
        "sku": "LBD-NS-001",
        "title": "Dâu tây Đà Lạt tươi hộp 500g",
        "seller": "hkd-nguyen-thi-lan",
        "group": "1.1",
        "province": "68",
        "origin_place": "Phường Lang Biang - Đà Lạt",
        "price": 120000,
        "stock": 0,
        "stars": 3,
        "certified_on": "2025-06-27",
        "description": (
            "Dâu trồng trên giá thể trong nhà màng, tưới nhỏ giọt và chỉ hái khi trái đã đỏ đều. Trái "
            "to vừa, ngọt xen chua nhẹ, mùi thơm rõ. Hộp nhựa có lỗ thông khí, giao trong ngày ở Đà Lạt "
            "và trong 24 giờ bằng xe lạnh đi Thành phố Hồ Chí Minh. Hiện vườn tạm hết dâu do mưa nhiều, "
            "sẽ có hàng trở lại vào đầu mùa khô."
        ),
    },
    {
        "sku": "LBD-ATS-001",
        "title": "Trà atiso Đà Lạt túi lọc hộp 20 gói",
        "seller": "hkd-nguyen-thi-lan",
        "group": "3.2",
        "province": "68",
        "origin_place": "Phường Lang Biang - Đà Lạt",
        "price": 75000,
        "stock": 140,
        "stars": 4,
        "certified_on": "2024-04-02",
        "description": (
            "Trà gồm bông, thân và rễ atiso thái lát, sấy khô ở nhiệt độ thấp rồi phối với một ít cỏ "
            "ngọt. Mỗi gói 2g hãm với nước sôi trong 5 phút cho nước màu nâu nhạt, vị ngọt mát, dễ uống. "
            "Có thể uống nóng hoặc để lạnh thay nước lọc trong ngày. Hộp giấy có lớp túi nhôm bên trong "
            "để chống ẩm."
        ),
    },
    {
        "sku": "LBD-ATS-002",
        "title": "Cao atiso Đà Lạt hũ 200g",
        "seller": "hkd-nguyen-thi-lan",
        "group": "3.2",
        "province": "68",
        "origin_place": "Phường Lang Biang - Đà Lạt",
        "price": 160000,
        "stock": 55,
        "stars": 3,
        "certified_on": "2024-04-02",
        "description": (
            "Cao được nấu từ lá và thân atiso tươi trong nhiều giờ, cô dần đến khi sánh như mật và đen "
            "bóng. Mỗi lần dùng một thìa cà phê hòa với cốc nước ấm, có thể thêm chút đường phèn. Vị "
            "hơi đắng rồi ngọt, hợp uống sau những bữa ăn nhiều dầu mỡ. Sau khi mở nắp nên cất ngăn mát "
            "tủ lạnh."
        ),
    },
    # --- Hồi Xứ Lạng (Lạng Sơn) ---
    {
        "sku": "VQN-TD-001",
        "title": "Tinh dầu hồi Văn Quan 20ml",
        "seller": "hoi-xu-lang",
        "group": "3.4",
        "province": "20",
        "origin_place": "Xã Văn Quan",
        "price": 110000,
        "stock": 95,
        "stars": 4,
        "certified_on": "2024-10-16",
        "description": (
            "Tinh dầu chưng cất từ hoa hồi vụ chính, thu vào tháng 8, tháng 9 khi hoa đã già, nhiều dầu. "
            "Mùi hồi ngọt ấm, thường dùng để xông phòng, pha dầu xoa bóp hoặc khử mùi tủ đồ. Chai thủy "
            "tinh màu hổ phách có nút nhỏ giọt. Không uống, phải pha loãng trước khi dùng trên da và "
            "tránh dùng cho trẻ nhỏ."
        ),
    },
    {
        "sku": "VQN-GV-001",
        "title": "Hoa hồi khô Văn Quan 200g",
        "seller": "hoi-xu-lang",
        "group": "1.7",
        "province": "20",
        "origin_place": "Xã Văn Quan",
        "price": 70000,
        "stock": 130,
        "stars": 3,
        "certified_on": "2025-04-28",
        "description": (
            "Những bông hồi tám cánh đều, màu nâu đỏ, phơi nắng tự nhiên, không sấy lưu huỳnh. Bẻ một "
            "cánh sẽ thấy hạt bóng và mùi thơm ngọt rõ. Dùng nấu phở, bún bò, kho thịt hoặc ngâm rượu. "
            "Túi zip 200g, để nơi khô ráo dùng được 18 tháng."
        ),
    },
    {
        "sku": "VQN-MP-001",
        "title": "Xà phòng thảo dược hồi quế bánh 100g",
        "seller": "hoi-xu-lang",
        "group": "3.3",
        "province": "20",
        "origin_place": "Xã Văn Quan",
        "price": 55000,
        "stock": 100,
        "stars": 3,
        "certified_on": "2025-04-28",
        "description": (
            "Xà phòng nấu theo phương pháp lạnh từ dầu dừa, dầu ô liu, tinh dầu hồi và quế, để khô tự "
            "nhiên trong 6 tuần. Bánh xà phòng tạo bọt mịn, mùi thơm ấm, không chứa chất tạo bọt tổng "
            "hợp. Hợp tắm hằng ngày, nhất là vào mùa lạnh. Nên đặt trên khay thoát nước để bánh dùng "
            "được lâu."
        ),
    },
    {
        "sku": "VQN-LN-001",
        "title": "Vòng treo hoa hồi trang trí",
        "seller": "hoi-xu-lang",
        "group": "4.3",
        "province": "20",
        "origin_place": "Xã Văn Quan",
        "price": 45000,
        "stock": 3,
        "stars": None,
        "certified_on": None,
        "description": (
            "Những bông hồi đẹp nhất được chọn riêng, xâu cùng hạt gỗ và chỉ đỏ thành vòng treo cửa, "
            "treo xe hoặc làm móc khóa. Vòng vừa để trang trí vừa tỏa mùi thơm nhẹ. Mỗi chiếc làm bằng "
            "tay nên kích thước có thể chênh nhau đôi chút. Món quà nhỏ xinh cho khách ghé xứ Lạng."
        ),
    },
    # --- Hộ kinh doanh Lò Văn Thắng (Sơn La) ---
    {
        "sku": "MCH-THIT-001",
        "title": "Thịt trâu gác bếp Mộc Châu 500g",
        "seller": "hkd-lo-van-thang",
        "group": "1.2",
        "province": "14",
        "origin_place": "Phường Thảo Nguyên",
        "price": 520000,
        "stock": 40,
        "stars": 4,
        "certified_on": "2024-01-25",
        "description": (
            "Thịt bắp trâu được lọc gân, thái thớ dài, ướp mắc khén, ớt, gừng, sả rồi treo trên gác bếp "
            "củi từ 5 đến 7 ngày. Thớ thịt se khô bên ngoài nhưng bên trong vẫn dẻo, thơm mùi khói và "
            "mắc khén. Khi ăn có thể hấp, nướng sơ hoặc xé sợi chấm chẩm chéo. Túi hút chân không, cất "
            "ngăn mát được 3 tháng."
        ),
    },
    {
        "sku": "MCH-MAN-001",
        "title": "Mận hậu Mộc Châu sấy dẻo 300g",
        "seller": "hkd-lo-van-thang",
        "group": "1.5",
        "province": "14",
        "origin_place": "Phường Thảo Nguyên",
        "price": 85000,
        "stock": 75,
        "stars": 3,
        "certified_on": "2022-09-15",
        "description": (
            "Mận hậu chín hái vào tháng 5, tháng 6, rửa sạch, tách hạt, ngâm qua lớp đường phèn mỏng rồi "
            "sấy ở nhiệt độ thấp. Miếng mận dẻo, đỏ sẫm, chua ngọt hài hòa, không dùng phẩm màu. Ăn vặt "
            "hay hãm trà mận đều ngon. Để nơi khô mát và dùng hết trong 2 tuần sau khi mở túi."
        ),
    },
    {
        "sku": "MCH-RU-001",
        "title": "Rượu ngô men lá Mộc Châu 750ml",
        "seller": "hkd-lo-van-thang",
        "group": "2.1",
        "province": "14",
        "origin_place": "Phường Thảo Nguyên",
        "price": 120000,
        "stock": 50,
        "stars": 3,
        "certified_on": "2025-08-29",
        "description": (
            "Ngô nếp của bà con trong bản được nấu chín, ủ với men lá rừng theo bài của người Thái rồi "
            "chưng cất bằng nồi đồng. Rượu trong, thơm mùi ngô, uống êm, nồng độ khoảng 38 độ. Rượu đã "
            "qua xử lý giảm aldehyde và methanol. Chỉ bán cho người từ 18 tuổi trở lên."
        ),
    },
    {
        "sku": "MCH-CF-001",
        "title": "Cà phê Arabica Mộc Châu rang xay 500g",
        "seller": "hkd-lo-van-thang",
        "group": "1.9",
        "province": "14",
        "origin_place": "Phường Thảo Nguyên",
        "price": 210000,
        "stock": 35,
        "stars": None,
        "certified_on": None,
        "description": (
            "Cà phê Arabica trồng trên đồi cao gần 1.000 mét, hái chín đỏ và sơ chế ướt ngay trong ngày. "
            "Hạt rang vừa để giữ vị chua thanh, hương trái cây và hậu ngọt. Hợp pha phin, pha máy hoặc "
            "pha lọc. Túi có van thoát khí, nên dùng trong một tháng sau khi mở."
        ),
    },
    {
        "sku": "MCH-DL-001",
        "title": "Homestay nhà sàn Thái bản Áng 2 ngày 1 đêm",
        "seller": "hkd-lo-van-thang",
        "group": "6.1",
        "province": "14",
        "origin_place": "Phường Thảo Nguyên",
        "price": 950000,
        "stock": 24,
        "stars": 4,
        "certified_on": "2024-09-05",
        "description": (
            "Khách nghỉ trên nhà sàn gỗ của gia đình, ngủ đệm bông, đắp chăn thổ cẩm và thức dậy giữa "
            "rừng thông bản Áng. Chương trình gồm đi bộ quanh hồ, thăm đồi chè, hái mận theo mùa và "
            "buổi tối xem múa xòe bên bếp lửa. Giá tính cho một người, đã gồm chỗ ngủ, bữa tối cơm lam "
            "với thịt gác bếp, bữa sáng và người dẫn đường. Mùa hoa mận tháng Giêng, tháng Hai nên đặt "
            "trước ít nhất 5 ngày."
        ),
    },
    # --- HTX Nho Phước Hậu (Khánh Hòa) ---
    {
        "sku": "PHH-NHO-001",
        "title": "Nho xanh Phước Hậu tươi 1kg",
        "seller": "htx-nho-phuoc-hau",
        "group": "1.1",
        "province": "56",
        "origin_place": "Xã Phước Hậu",
        "price": 85000,
        "stock": 120,
        "stars": 4,
        "certified_on": "2024-07-08",
        "description": (
            "Nho xanh trồng trên giàn theo quy trình VietGAP, hái khi chùm đã chuyển màu xanh vàng. "
            "Trái giòn, ngọt đậm xen chút chua, vỏ mỏng. Nho được cắt chùm, đóng thùng xốp kèm túi đá "
            "gel và gửi bằng xe lạnh. Chỉ rửa ngay trước khi ăn, cất ngăn mát được 5 đến 7 ngày."
        ),
    },
    {
        "sku": "PHH-VANG-001",
        "title": "Rượu vang nho đỏ Phước Hậu 750ml",
        "seller": "htx-nho-phuoc-hau",
        "group": "2.1",
        "province": "56",
        "origin_place": "Xã Phước Hậu",
        "price": 220000,
        "stock": 60,
        "stars": 3,
        "certified_on": "2025-02-12",
        "description": (
            "Vang lên men từ nho đỏ Cardinal của các xã viên, ủ trong bồn inox khoảng 6 tháng rồi đóng "
            "chai. Rượu màu đỏ ruby, thơm mùi trái cây chín, hơi ngọt, nồng độ khoảng 12 độ. Ngon nhất "
            "khi để mát ở 14 đến 16 độ C, dùng kèm thịt nướng hoặc phô mai. Chỉ bán cho người từ 18 "
            "tuổi."
        ),
    },
    {
        "sku": "PHH-NUOC-001",
        "title": "Mật nho Phước Hậu chai 500ml",
        "seller": "htx-nho-phuoc-hau",
        "group": "2.2",
        "province": "56",
        "origin_place": "Xã Phước Hậu",
        "price": 90000,
        "stock": 80,
        "stars": 3,
        "certified_on": "2025-02-12",
        "description": (
            "Nước nho ép được nấu cô đặc với một ít đường, không thêm chất bảo quản, sánh và có màu tím "
            "sẫm. Pha một phần mật nho với bốn phần nước lọc và đá là có ly nước nho mát lạnh. Cũng có "
            "thể rưới lên sữa chua, bánh flan hoặc kem. Sau khi mở nắp nên cất ngăn mát và dùng trong "
            "một tháng."
        ),
    },
    {
        "sku": "PHH-NHO-002",
        "title": "Nho sấy dẻo Phước Hậu túi 250g",
        "seller": "htx-nho-phuoc-hau",
        "group": "1.5",
        "province": "56",
        "origin_place": "Xã Phước Hậu",
        "price": 75000,
        "stock": 110,
        "stars": 4,
        "certified_on": "2024-07-08",
        "description": (
            "Nho xanh và nho đỏ chín được sấy lạnh nguyên trái, không tẩm đường nên giữ vị ngọt tự nhiên "
            "và màu sắc đẹp. Trái nho sấy dẻo, hơi dai, dùng ăn vặt, trộn ngũ cốc hay làm bánh đều hợp. "
            "Túi zip có ô cửa sổ để nhìn thấy sản phẩm. Bảo quản nơi khô mát, tránh nắng."
        ),
    },
    {
        "sku": "PHH-TOI-001",
        "title": "Tỏi ta Phan Rang 500g",
        "seller": "htx-nho-phuoc-hau",
        "group": "1.7",
        "province": "56",
        "origin_place": "Xã Phước Hậu",
        "price": 65000,
        "stock": 95,
        "stars": None,
        "certified_on": None,
        "description": (
            "Tỏi ta tép nhỏ, vỏ lụa hồng nhạt, trồng trên đất cát ven biển và phơi nắng gió cho thật già. "
            "Tỏi cay nồng, thơm, để lâu ít mọc mầm. Dùng phi thơm, làm nước chấm hoặc ngâm giấm. Để nơi "
            "khô ráo, thoáng khí."
        ),
    },
    # --- Hộ kinh doanh Lê Thị Thu Hà (Huế) ---
    {
        "sku": "TXN-HUONG-001",
        "title": "Hương trầm thảo mộc Thủy Xuân hộp 100 que",
        "seller": "hkd-le-thi-thu-ha",
        "group": "4.3",
        "province": "46",
        "origin_place": "Phường Thủy Xuân",
        "price": 120000,
        "stock": 80,
        "stars": 3,
        "certified_on": "2023-04-20",
        "description": (
            "Que hương được se từ bột trầm, quế, hồi và vỏ bời lời, phủ lên tăm tre vót tay, dài khoảng "
            "30 cm. Khi đốt, khói mảnh, mùi thơm dịu, không cay mắt. Hộp giấy in họa tiết cung đình "
            "Huế, hợp dùng trong nhà hoặc làm quà. Để nơi khô ráo, tránh ẩm để hương không bị mốc."
        ),
    },
    {
        "sku": "TXN-HUONG-002",
        "title": "Nụ trầm thảo mộc Thủy Xuân hộp 50 nụ",
        "seller": "hkd-le-thi-thu-ha",
        "group": "4.3",
        "province": "46",
        "origin_place": "Phường Thủy Xuân",
        "price": 80000,
        "stock": 65,
        "stars": None,
        "certified_on": None,
        "description": (
            "Nụ trầm hình chóp nhỏ, làm từ bột trầm và thảo mộc trộn keo bời lời, phơi khô tự nhiên. "
            "Mỗi nụ cháy khoảng 20 phút, đốt trên đĩa gốm hoặc trong thác khói. Mùi thơm ấm, giúp không "
            "gian thư thái khi đọc sách hay ngồi thiền. Trong hộp kèm một đĩa đốt nhỏ bằng gốm."
        ),
    },
    {
        "sku": "TXN-TRA-001",
        "title": "Trà thảo mộc cung đình Huế hộp 20 gói",
        "seller": "hkd-le-thi-thu-ha",
        "group": "3.2",
        "province": "46",
        "origin_place": "Phường Thủy Xuân",
        "price": 90000,
        "stock": 100,
        "stars": 3,
        "certified_on": "2024-05-30",
        "description": (
            "Trà phối từ những vị thảo mộc quen thuộc như hoa cúc, cỏ ngọt, táo đỏ, kỷ tử, la hán quả "
            "và hoa hòe. Nước trà vàng nâu, ngọt dịu, thơm nhẹ, uống nóng hay lạnh đều được. Mỗi gói "
            "10g đựng trong túi lọc vải, hãm với 500ml nước sôi. Sản phẩm không dùng thay thuốc chữa "
            "bệnh."
        ),
    },
    {
        "sku": "TXN-ME-001",
        "title": "Mè xửng Huế hộp 250g",
        "seller": "hkd-le-thi-thu-ha",
        "group": "1.5",
        "province": "46",
        "origin_place": "Phường Thủy Xuân",
        "price": 45000,
        "stock": 140,
        "stars": 4,
        "certified_on": "2024-05-30",
        "description": (
            "Kẹo nấu từ mạch nha, đường, bột năng và đậu phộng, kéo dẻo rồi phủ kín mè rang vàng hai "
            "mặt. Miếng kẹo dẻo, không dính răng, thơm mè và bùi đậu phộng. Mỗi miếng gói riêng trong "
            "giấy kính, xếp vào hộp giấy in hình cầu Trường Tiền. Ngon nhất trong 3 tháng, để nơi khô "
            "mát."
        ),
    },
    # --- HTX Ong mật U Minh Hạ (Cà Mau) ---
    {
        "sku": "UMH-MO-001",
        "title": "Mật ong rừng tràm U Minh Hạ 500ml",
        "seller": "htx-ong-mat-u-minh-ha",
        "group": "1.4",
        "province": "96",
        "origin_place": "Xã U Minh",
        "price": 380000,
        "stock": 60,
        "stars": 4,
        "certified_on": "2024-04-23",
        "description": (
            "Mật được thu từ những kèo ong gác trong rừng tràm vào mùa tràm trổ bông, thường từ tháng 3 "
            "đến tháng 5. Mật màu vàng sậm, thơm mùi hoa tràm, ngọt đậm và hơi chát nhẹ ở cuối. Người "
            "gác kèo chỉ cắt phần sáp chứa mật, chừa lại ong non để đàn tiếp tục làm tổ. Bảo quản ở "
            "nhiệt độ phòng, đậy kín nắp."
        ),
    },
    {
        "sku": "UMH-KHO-001",
        "title": "Khô cá lóc đồng U Minh 500g",
        "seller": "htx-ong-mat-u-minh-ha",
        "group": "1.2",
        "province": "96",
        "origin_place": "Xã U Minh",
        "price": 260000,
        "stock": 45,
        "stars": 3,
        "certified_on": "2025-03-13",
        "description": (
            "Cá lóc đồng được làm sạch, xẻ bướm, ướp muối vừa ăn rồi phơi hai nắng trên giàn tre. Miếng "
            "khô dày, thịt chắc, mặn dịu, nướng lên thơm lừng. Ăn kèm xoài xanh, dưa leo hoặc cháo trắng "
            "đều hợp. Túi hút chân không, cất ngăn mát tủ lạnh được 6 tháng."
        ),
    },
    {
        "sku": "UMH-MAM-001",
        "title": "Ba khía muối Cà Mau hũ 500g",
        "seller": "htx-ong-mat-u-minh-ha",
        "group": "1.6",
        "province": "96",
        "origin_place": "Xã U Minh",
        "price": 110000,
        "stock": 35,
        "stars": 3,
        "certified_on": "2025-03-13",
        "description": (
            "Ba khía bắt ở các bãi bần, bãi mắm ven biển, rửa sạch rồi muối trong khạp sành khoảng một "
            "tuần cho thấm. Trước khi ăn chỉ cần trộn với tỏi, ớt, đường và chanh là có món ba khía trộn "
            "đậm đà. Ăn kèm cơm trắng, cháo hoặc bún. Bảo quản ngăn mát, dùng trong một tháng."
        ),
    },
    {
        "sku": "UMH-DL-001",
        "title": "Tour sinh thái rừng tràm U Minh Hạ 1 ngày",
        "seller": "htx-ong-mat-u-minh-ha",
        "group": "6.2",
        "province": "96",
        "origin_place": "Xã U Minh",
        "price": 550000,
        "stock": 30,
        "stars": 4,
        "certified_on": "2024-11-12",
        "description": (
            "Khách đi xuồng ba lá len theo những con kênh nhỏ trong rừng tràm, xem cách gác kèo ong và "
            "nếm mật tươi vừa cắt. Buổi trưa dùng cơm với cá đồng nướng trui và canh chua bông súng tại "
            "nhà xã viên. Buổi chiều khách thử câu cá, giăng lưới cùng người dân; cả tour kéo dài khoảng "
            "8 giờ. Giá tính cho một người, đã gồm xuồng, vé vào rừng, bữa trưa, áo phao và người dẫn."
        ),
    },
    # --- Lý Sơn Xanh (Quảng Ngãi) ---
    {
        "sku": "LSN-TOI-001",
        "title": "Tỏi cô đơn Lý Sơn 500g",
        "seller": "ly-son-xanh",
        "group": "1.7",
        "province": "51",
        "origin_place": "Đặc khu Lý Sơn",
        "price": 280000,
        "stock": 70,
        "stars": 4,
        "certified_on": "2024-08-02",
        "description": (
            "Tỏi cô đơn là những củ chỉ có một tép, chiếm tỷ lệ nhỏ trong mỗi vụ nên được nhặt riêng khi "
            "thu hoạch. Củ tròn, trắng ngà, cay nồng và thơm hơn tỏi nhiều tép. Tỏi được phơi khô, treo "
            "gác cho se vỏ rồi đóng túi lưới. Dùng ăn sống, ngâm mật ong hoặc ngâm rượu."
        ),
    },
    {
        "sku": "LSN-TOI-002",
        "title": "Tỏi đen Lý Sơn hũ 250g",
        "seller": "ly-son-xanh",
        "group": "3.2",
        "province": "51",
        "origin_place": "Đặc khu Lý Sơn",
        "price": 220000,
        "stock": 55,
        "stars": 3,
        "certified_on": "2025-06-16",
        "description": (
            "Tỏi Lý Sơn nguyên củ được lên men trong máy ủ giữ nhiệt và độ ẩm ổn định khoảng 40 ngày, "
            "đến khi tép chuyển đen, mềm dẻo. Tỏi đen vị ngọt, hơi chua, không còn hăng như tỏi tươi. "
            "Mỗi ngày có thể ăn 2 đến 3 tép. Hũ thủy tinh nắp kín, để nơi khô mát."
        ),
    },
    {
        "sku": "LSN-HANH-001",
        "title": "Hành tím Lý Sơn 1kg",
        "seller": "ly-son-xanh",
        "group": "1.1",
        "province": "51",
        "origin_place": "Đặc khu Lý Sơn",
        "price": 70000,
        "stock": 150,
        "stars": None,
        "certified_on": None,
        "description": (
            "Hành tím trồng trên đất cát đen của đảo, củ nhỏ, chắc, vỏ tím đậm. Hành thơm, cay ngọt, "
            "phi lên giòn mà không bị đắng. Hành được phơi khô, cắt rễ và đóng túi lưới. Để nơi thoáng "
            "gió, tránh ẩm để hành không mọc mầm."
        ),
    },
    {
        "sku": "LSN-RONG-001",
        "title": "Rong biển Lý Sơn sấy khô 100g",
        "seller": "ly-son-xanh",
        "group": "1.5",
        "province": "51",
        "origin_place": "Đặc khu Lý Sơn",
        "price": 65000,
        "stock": 80,
        "stars": 3,
        "certified_on": "2025-06-16",
        "description": (
            "Rong biển do người dân lặn hái ở các bãi đá quanh đảo từ tháng 2 đến tháng 4, rửa nước ngọt "
            "nhiều lần rồi phơi khô. Ngâm nước khoảng 10 phút, rong nở ra giòn, dùng trộn gỏi, nấu canh "
            "hay nấu chè đều ngon. Một túi 100g đủ cho nhiều bữa. Đóng kín túi sau khi mở và để nơi khô "
            "ráo."
        ),
    },
    # --- Thổ cẩm Mường Thanh (Điện Biên) ---
    {
        "sku": "MTH-TC-001",
        "title": "Túi tote thổ cẩm Thái Mường Thanh 35x40cm",
        "seller": "tho-cam-muong-thanh",
        "group": "4.2",
        "province": "11",
        "origin_place": "Phường Mường Thanh",
        "price": 350000,
        "stock": 40,
        "stars": 3,
        "certified_on": "2024-10-24",
        "description": (
            "Túi may từ vải bông dệt tay, mặt trước ghép dải thổ cẩm hoa văn khăn piêu, có lót trong và "
            "ngăn nhỏ đựng điện thoại. Kích thước 35 x 40 cm, vừa máy tính xách tay 13 inch. Quai đeo "
            "bằng vải dày, may chắc chắn. Giặt tay nhẹ nhàng, không dùng thuốc tẩy."
        ),
    },
    {
        "sku": "MTH-TC-002",
        "title": "Khăn piêu thêu tay Thái Mường Thanh",
        "seller": "tho-cam-muong-thanh",
        "group": "4.2",
        "province": "11",
        "origin_place": "Phường Mường Thanh",
        "price": 480000,
        "stock": 15,
        "stars": 4,
        "certified_on": "2024-10-24",
        "description": (
            "Khăn piêu là chiếc khăn đội đầu truyền thống của phụ nữ Thái, thêu tay ở hai đầu với những "
            "cút piêu nhỏ nhiều màu. Mỗi chiếc mất từ 10 đến 15 ngày thêu trên nền vải bông nhuộm chàm. "
            "Có thể dùng làm khăn quàng, đồ trang trí hoặc món quà ý nghĩa. Kèm thẻ ghi tên người thêu "
            "và bản làng."
        ),
    },
    {
        "sku": "MTH-TC-003",
        "title": "Ví cầm tay vải nhuộm chàm viền thổ cẩm",
        "seller": "tho-cam-muong-thanh",
        "group": "4.2",
        "province": "11",
        "origin_place": "Phường Mường Thanh",
        "price": 190000,
        "stock": 55,
        "stars": None,
        "certified_on": None,
        "description": (
            "Ví nhỏ may từ vải dệt nhuộm chàm, viền thổ cẩm, có khóa kéo và ngăn đựng thẻ. Kích thước "
            "20 x 11 cm, vừa điện thoại và vài giấy tờ. Mỗi chiếc có sắc chàm đậm nhạt khác nhau vì "
            "nhuộm thủ công. Mẫu mới, chưa tham gia đánh giá OCOP."
        ),
    },
    {
        "sku": "MTH-LN-001",
        "title": "Vỏ gối tựa thổ cẩm kèm ruột 45x45cm",
        "seller": "tho-cam-muong-thanh",
        "group": "4.3",
        "province": "11",
        "origin_place": "Phường Mường Thanh",
        "price": 220000,
        "stock": 30,
        "stars": 3,
        "certified_on": "2025-07-03",
        "description": (
            "Vỏ gối may từ vải thổ cẩm dệt tay với hoa văn hình thoi, móc câu đặc trưng của người Thái "
            "Điện Biên. Gối có khóa kéo ẩn, kèm ruột bông. Hợp với sofa, giường hay góc quán cà phê mang "
            "phong cách bản địa. Lần giặt đầu nên giặt riêng vì màu nhuộm tự nhiên có thể ra nhẹ."
        ),
    },
    # --- Hộ kinh doanh Huỳnh Thị Bích (Vĩnh Long) ---
    {
        "sku": "MCY-KEO-001",
        "title": "Kẹo dừa sữa lá dứa Mỏ Cày 400g",
        "seller": "hkd-huynh-thi-bich",
        "group": "1.5",
        "province": "86",
        "origin_place": "Xã Mỏ Cày",
        "price": 55000,
        "stock": 200,
        "stars": 4,
        "certified_on": "2024-03-14",
        "description": (
            "Kẹo nấu từ nước cốt dừa, mạch nha, đường và nước lá dứa tươi, sên trong chảo gang đến khi "
            "dẻo quánh. Khi nguội, kẹo được cắt viên, gói tay trong lớp bánh tráng mỏng rồi bọc giấy "
            "kính. Kẹo mềm, thơm béo, ngọt vừa, màu xanh nhạt tự nhiên. Để nơi khô mát, dùng trong 6 "
            "tháng."
        ),
    },
    {
        "sku": "MCY-DAU-001",
        "title": "Dầu dừa ép lạnh dưỡng da tóc Mỏ Cày 250ml",
        "seller": "hkd-huynh-thi-bich",
        "group": "3.3",
        "province": "86",
        "origin_place": "Xã Mỏ Cày",
        "price": 95000,
        "stock": 85,
        "stars": 3,
        "certified_on": "2025-01-21",
        "description": (
            "Dầu ép lạnh từ cơm dừa tươi, để lắng tự nhiên rồi lọc nhiều lần, không qua tinh luyện nên "
            "giữ mùi dừa nhẹ. Dùng dưỡng tóc, dưỡng da khô, tẩy trang hoặc làm dầu nền pha tinh dầu. "
            "Dưới 24 độ C dầu sẽ đông trắng, ngâm chai vào nước ấm là tan. Chai thủy tinh có nắp nhỏ "
            "giọt."
        ),
    },
    {
        "sku": "MCY-LN-001",
        "title": "Bộ 4 chén gáo dừa kèm muỗng gỗ dừa",
        "seller": "hkd-huynh-thi-bich",
        "group": "4.1",
        "province": "86",
        "origin_place": "Xã Mỏ Cày",
        "price": 150000,
        "stock": 45,
        "stars": None,
        "certified_on": None,
        "description": (
            "Gáo dừa già được chọn những chiếc tròn đều, cạo sạch xơ, chà nhám và đánh bóng bằng dầu "
            "dừa. Bộ gồm 4 chén và 4 muỗng gỗ dừa, dùng đựng salad, trái cây, sinh tố hoặc để trang "
            "trí. Không dùng trong lò vi sóng hay máy rửa bát. Rửa xong nên lau khô và thỉnh thoảng thoa "
            "một lớp dầu dừa mỏng."
        ),
    },
    # --- Hộ kinh doanh Đào Văn Khoa (Hưng Yên) ---
    {
        "sku": "KCH-GA-001",
        "title": "Cặp gà Đông Tảo giống 3 tháng tuổi",
        "seller": "hkd-dao-van-khoa",
        "group": "5.3",
        "province": "33",
        "origin_place": "Xã Khoái Châu",
        "price": 1600000,
        "stock": 4,
        "stars": 3,
        "certified_on": "2025-09-10",
        "description": (
            "Một cặp trống mái Đông Tảo thuần chủng chọn từ đàn bố mẹ của gia đình, đã tiêm phòng đủ "
            "các loại vắc xin theo tuổi. Gà chân to, da đỏ, dáng chắc, hợp nuôi làm cảnh hoặc gây giống. "
            "Gà được vận chuyển trong lồng lót rơm, kèm giấy chứng nhận kiểm dịch. Người mua được hướng "
            "dẫn cách nuôi và có thể gọi hỏi chủ hộ khi cần."
        ),
    },
    {
        "sku": "KCH-NHAN-001",
        "title": "Nhãn lồng Hưng Yên tươi thùng 2kg",
        "seller": "hkd-dao-van-khoa",
        "group": "1.1",
        "province": "33",
        "origin_place": "Xã Khoái Châu",
        "price": 110000,
        "stock": 0,
        "stars": 4,
        "certified_on": "2024-06-26",
        "description": (
            "Nhãn lồng hái vào tháng 7, tháng 8 từ những cây nhãn lâu năm trong vườn, chọn chùm quả to, "
            "vỏ vàng sẫm. Cùi dày, giòn, ráo nước, ngọt sắc và hạt nhỏ. Nhãn được cắt cành, đóng thùng "
            "carton có lỗ thoáng. Hàng theo mùa nên hiện đã hết, mời quý khách quay lại vào vụ nhãn "
            "năm sau."
        ),
    },
    {
        "sku": "KCH-NHAN-002",
        "title": "Long nhãn sấy củi Hưng Yên 500g",
        "seller": "hkd-dao-van-khoa",
        "group": "1.5",
        "province": "33",
        "origin_place": "Xã Khoái Châu",
        "price": 230000,
        "stock": 60,
        "stars": 3,
        "certified_on": "2024-06-26",
        "description": (
            "Nhãn tươi được sấy nguyên quả trên lò củi nhãn khoảng hai ngày đêm, sau đó bóc vỏ, tách hạt "
            "bằng tay. Cùi long nhãn màu nâu vàng, dẻo, thơm và ngọt đậm. Dùng ăn trực tiếp, nấu chè "
            "hạt sen long nhãn hoặc pha trà. Túi hút chân không; sau khi mở nên cất ngăn mát."
        ),
    },
]
