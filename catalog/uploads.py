"""Every file a user uploads: checked by its content in full, stored under a name the server
makes, served so that it can never run as a page of the site (RELIABILITY H1, issue 11 #1).

- ``inspect(upload, allowed)`` says what a file really is: a picture that Pillow opens,
  verifies and decodes completely (JPEG, PNG, WebP), or a PDF that pypdf parses and that
  carries no JavaScript or launch actions. A file whose first bytes say one type and whose
  rest holds markup (an HTML or SVG polyglot) is refused, whatever its name. SVG never passes.
- ``UploadTo(folder, field)`` is the ``upload_to`` of every file field: ``<folder>/<random
  hex>.<extension of the real type>``; the uploaded name is never used.
- ``media_serve`` (the run command's media view) and the production proxy (README) answer with
  the stored type's ``Content-Type``, ``nosniff``, a sandboxing policy, and
  ``Content-Disposition: attachment`` for anything that is not a picture.
- ``uploads_check`` (a command, also run by a migration) re-checks stored files, renames them
  to server-made names and removes those whose content is not allowed.

The validators below are what forms and models use; the coming uploads (logos, team photos,
pitch decks, brochures) take the same ones.
"""

from __future__ import annotations

import io
import posixpath
import re
import uuid

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS_SIDE = 8000
MIN_PIXELS_SIDE = 200
Image.MAX_IMAGE_PIXELS = MAX_PIXELS_SIDE * MAX_PIXELS_SIDE  # no decompression bombs

JPEG, PNG, WEBP, PDF = "jpeg", "png", "webp", "pdf"
PICTURES = frozenset({JPEG, PNG, WEBP})
DOCUMENTS = frozenset({PDF})
EXTENSIONS = {JPEG: "jpg", PNG: "png", WEBP: "webp", PDF: "pdf"}
CONTENT_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
                 "webp": "image/webp", "pdf": "application/pdf"}
_PILLOW_KINDS = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP}
# Markup that a browser would run if it ever took the file for a page.
_MARKUP = re.compile(rb"<\s*(script|html|body|iframe|svg|object|embed|meta|!doctype)\b|javascript:",
                     re.IGNORECASE)
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
SERVER_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|webp|pdf)$")


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _picture_kind(data: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = _PILLOW_KINDS.get(image.format or "")
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # decode every pixel: a truncated or forged picture fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return kind


def _pdf_parses(data: bytes) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.startswith(b"%PDF-"):
        return False
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if not reader.pages:
            return False
        for page in reader.pages:
            page.get_contents()
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError):
        return False
    return True


def inspect(upload, allowed: frozenset[str]) -> str | None:
    """The real type of ``upload`` (one of ``allowed``), or None when it is not one of them
    in full."""
    data = _read_all(upload)
    if _MARKUP.search(data):
        return None
    if data.startswith(b"%PDF-"):
        if PDF not in allowed or _PDF_ACTIVE.search(data) or not _pdf_parses(data):
            return None
        return PDF
    kind = _picture_kind(data)
    return kind if kind in allowed else None


def sniff(upload) -> str | None:
    """What the file is, among every type the site accepts."""
    return inspect(upload, PICTURES | DOCUMENTS)


def _is_new(upload) -> bool:
    """A file being uploaded now, not one already stored (editing a product re-runs the
    model's validators on the stored file)."""
    if upload is None or not hasattr(upload, "read"):
        return False
    return not (isinstance(upload, FieldFile) and upload._committed)


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
    if not _is_new(upload):
        return
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too big: at most 5 MB."))
    kind = inspect(upload, PICTURES | DOCUMENTS)
    if kind is None:
        raise ValidationError(_("Please upload the certificate as a PDF, JPEG, PNG or WebP file."))
    if kind != PDF:
        validate_image_dimensions(upload)


def validate_product_image(upload) -> None:
    if not _is_new(upload):
        return
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too big: at most 5 MB."))
    if inspect(upload, PICTURES) is None:
        raise ValidationError(_("Please upload a JPEG, PNG or WebP picture."))
    validate_image_dimensions(upload)


@deconstructible
class UploadTo:
    """``upload_to`` of a file field: ``<folder>/<random hex>.<real extension>``.

    ``folder`` may hold strftime codes (``certificates/%Y/%m``). The extension comes from the
    content of the file being saved, never from its uploaded name."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        return server_name(self.folder, self._kind(instance, filename))

    def _kind(self, instance, filename):
        for field in instance._meta.get_fields():
            value = getattr(instance, field.name, None) if hasattr(field, "upload_to") else None
            if isinstance(value, FieldFile) and not value._committed and value.name == filename:
                return sniff(value.file)
        return None

    def __eq__(self, other):
        return isinstance(other, UploadTo) and other.folder == self.folder


def server_name(folder: str, kind: str | None) -> str:
    extension = EXTENSIONS.get(kind or "", "bin")
    return posixpath.join(timezone.now().strftime(folder), f"{uuid.uuid4().hex}.{extension}")


def media_headers(name: str) -> dict[str, str]:
    """What a stored file is served with: its type from the server-made extension, never
    sniffed, never a page, documents downloaded rather than shown."""
    extension = posixpath.splitext(name)[1].lstrip(".").lower()
    content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
    headers = {
        "Content-Type": content_type,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
        "Cross-Origin-Resource-Policy": "same-site",
    }
    if not content_type.startswith("image/"):
        headers["Content-Disposition"] = "attachment"
    return headers


# --- files stored before these checks ---------------------------------------------------------

# (model label, file field, allowed types, folder of server-made names, what to do with a file
# whose content is not allowed: "clear" the field or "delete" the row). Each app adds its own.
STORED_UPLOADS = [
    ("catalogue.Product", "ocop_certificate_scan", PICTURES | DOCUMENTS, "certificates/%Y/%m",
     "clear"),
    ("catalogue.ProductImage", "original", PICTURES, "images/products/%Y/%m", "delete"),
]


def stored_uploads_check(*, fix: bool = False, get_model=None) -> dict:
    """Check every stored upload by its content. With ``fix``: files whose content is allowed
    but whose name the server did not make (an uploaded ``scan.html``) are moved to a
    server-made name with the extension of their real type; files whose content is not allowed
    (or that are missing) are removed with their reference. Idempotent: a second run finds
    nothing. ``get_model`` is a migration's ``apps.get_model``; returns the counts, the problems
    and the ids of the products touched."""
    from django.apps import apps as installed_apps
    from django.core.files.base import ContentFile

    get_model = get_model or installed_apps.get_model
    report = {"checked": 0, "renamed": 0, "removed": 0, "problems": [], "product_ids": set()}
    for label, field_name, allowed, folder, on_bad in STORED_UPLOADS:
        model = get_model(*label.split("."))
        rows = model._default_manager.exclude(**{field_name: ""}).exclude(
            **{f"{field_name}__isnull": True})
        for row in rows.iterator():
            stored = getattr(row, field_name)
            name, storage = stored.name, stored.storage
            report["checked"] += 1
            data = None
            if storage.exists(name):
                with storage.open(name, "rb") as handle:
                    data = handle.read()
            kind = inspect(io.BytesIO(data), allowed) if data is not None else None
            product_id = row.pk if label == "catalogue.Product" else row.product_id
            if kind is None:
                report["problems"].append(f"{label} {row.pk}: {name} is not an allowed file")
                report["removed"] += 1
                if fix:
                    if on_bad == "delete":
                        model._default_manager.filter(pk=row.pk).delete()
                    else:
                        model._default_manager.filter(pk=row.pk).update(**{field_name: ""})
                    if data is not None:
                        storage.delete(name)
                    report["product_ids"].add(product_id)
                continue
            base = posixpath.basename(name)
            if SERVER_NAME.match(base) and base.endswith("." + EXTENSIONS[kind]):
                continue
            report["renamed"] += 1
            if fix:
                new_name = storage.save(server_name(folder, kind), ContentFile(data))
                model._default_manager.filter(pk=row.pk).update(**{field_name: new_name})
                storage.delete(name)
                report["product_ids"].add(product_id)
    return report
