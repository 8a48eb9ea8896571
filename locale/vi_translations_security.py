"""Vietnamese of the security strings: conflicts of interest and handovers, login throttling,
registration, logout, the 403 page (issue 11, findings 3, 7, 14 and 16)."""

VI = {
    # Officers: conflicts of interest, handovers
    "You cannot decide on your own application or a shop you run: another officer of your unit or of the unit above decides.":
        "Bạn không thể tự quyết định hồ sơ của chính mình hoặc của gian hàng bạn đang quản lý: một cán bộ khác của đơn vị hoặc đơn vị cấp trên sẽ quyết định.",
    "Only a seller that the union runs for a producer can be handed over.":
        "Chỉ gian hàng do Đoàn quản lý giúp nhà sản xuất mới được bàn giao.",
    "This account is not active.": "Tài khoản này chưa hoạt động.",
    "A seller is handed over only to the producer's own account, not to an officer's or staff account.":
        "Gian hàng chỉ được bàn giao cho tài khoản của chính nhà sản xuất, không phải tài khoản của cán bộ hay nhân viên.",
    "The shop can only go to the producer's e-mail recorded with their consent (%(email)s).":
        "Gian hàng chỉ được bàn giao cho e-mail của nhà sản xuất đã ghi kèm sự đồng ý (%(email)s).",
    "The e-mail recorded with the producer's consent; the shop can only go to it.":
        "E-mail đã ghi kèm sự đồng ý của nhà sản xuất; gian hàng chỉ được bàn giao cho e-mail này.",
    "Handovers": "Các lần bàn giao",
    "%(when)s: %(officer)s handed the shop over to %(producer)s":
        "%(when)s: %(officer)s đã bàn giao gian hàng cho %(producer)s",
    "officer": "cán bộ",
    "producer's e-mail": "e-mail của nhà sản xuất",
    "accounts that ran the shop before": "các tài khoản đã quản lý gian hàng trước đó",
    "handed over at": "thời điểm bàn giao",
    "seller handover": "bàn giao gian hàng",
    "seller handovers": "các lần bàn giao gian hàng",
}
