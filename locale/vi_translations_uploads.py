"""Vietnamese of the upload strings: checks of uploaded files and the officers' download links
(issue 11, finding 1)."""

VI = {
    "The file is too big: at most %(n)s MB.": "Tệp quá lớn: tối đa %(n)s MB.",
    "Please upload a PDF file.": "Vui lòng tải lên tệp PDF.",
    "Please upload a PDF, JPEG, PNG or WebP file.": "Vui lòng tải lên tệp PDF, JPEG, PNG hoặc WebP.",
    "Download the certificate (PDF)": "Tải giấy chứng nhận (PDF)",
    "Download the scan": "Tải bản quét",
}
