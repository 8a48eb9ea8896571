"""Checks on uploaded files by their content, never by their name (RELIABILITY H1).

Certificate scans may be JPEG, PNG, WebP or PDF; pictures of products JPEG, PNG or WebP.
Files are stored under generated names by the storage, so a name cannot traverse folders.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS_SIDE = 8000
MIN_PIXELS_SIDE = 200
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def sniff(upload) -> str | None:
    """The real type of an uploaded file from its first bytes: 'pdf', an image format, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    try:
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return kind if kind in IMAGE_FORMATS else None


def validate_image_dimensions(upload) -> None:
    with Image.open(upload) as image:
        width, height = image.size
    upload.seek(0)
    if max(width, height) > MAX_PIXELS_SIDE:
        raise ValidationError(_("The picture is too large: at most %(n)s pixels a side.")
                              % {"n": MAX_PIXELS_SIDE})
    if min(width, height) < MIN_PIXELS_SIDE:
        raise ValidationError(_("The picture is too small: at least %(n)s pixels a side.")
                              % {"n": MIN_PIXELS_SIDE})


def validate_certificate_scan(upload) -> None:
    if upload is None or not hasattr(upload, "read"):
        return
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too big: at most 5 MB."))
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(_("Please upload the certificate as a PDF, JPEG, PNG or WebP file."))
    if kind != "pdf":
        validate_image_dimensions(upload)


def validate_product_image(upload) -> None:
    if upload is None or not hasattr(upload, "read"):
        return
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too big: at most 5 MB."))
    kind = sniff(upload)
    if kind is None or kind == "pdf":
        raise ValidationError(_("Please upload a JPEG, PNG or WebP picture."))
    validate_image_dimensions(upload)
