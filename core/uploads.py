"""Every file a user uploads: checked by its content in full, stored under a name the server
makes, served so that it can never run as a page of the site.

- ``inspect(upload, allowed)`` says what a file really is: a picture that Pillow opens,
  verifies and then decodes completely (JPEG, PNG, WebP), or a PDF that pypdf parses (every
  page) and that carries no JavaScript, launch or form-submit actions, embedded files or XFA.
  A file whose first bytes say one type and whose rest holds markup (an HTML or SVG polyglot)
  is refused, whatever its name. SVG never passes.
- ``UploadFileField`` / ``UploadImageField`` with ``upload_to=UploadTo(folder)`` store a file
  as ``<folder>/<random hex>.<extension of its real type>``; the uploaded name is never used,
  whoever saves the file (a form, the admin, ``field.save()`` in code).
- The ``validate_*`` functions are the fields' validators (so every form checks the same way);
  ``check_upload`` is what they share, for the uploads still to come (logos, team photos,
  pitch decks, brochures).
- ``media_headers`` is what a stored file is served with (``core.media_views`` and, in
  production, the proxy or media domain: README).
- ``stored_uploads_check`` (``manage.py uploads_check``, and migration 0038 once) re-checks
  stored files, renames them to server-made names and removes those not allowed.
"""

from __future__ import annotations

import io
import logging
import posixpath
import re
import uuid
from dataclasses import dataclass

from django.apps import apps as installed_apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS_SIDE = 8000
MIN_PIXELS_SIDE = 200

JPEG, PNG, WEBP, PDF = "jpeg", "png", "webp", "pdf"
PICTURES = frozenset({JPEG, PNG, WEBP})
DOCUMENTS = frozenset({PDF})
EXTENSIONS = {JPEG: "jpg", PNG: "png", WEBP: "webp", PDF: "pdf"}
# What the media view answers with, by stored extension; anything else is
# application/octet-stream, downloaded. GIF and AVIF: renditions Wagtail makes of editors'
# pictures.
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "avif": "image/avif",
    "pdf": "application/pdf",
}
_PILLOW_KINDS = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP}
# Markup a browser would run if it ever took the file for a page. Only tags of three letters
# or more, followed by a space, "/" or ">": compressed picture data matches by chance in about
# one 5 MB file in 3,000 (that seller sees the message and saves the picture again).
_MARKUP = re.compile(
    rb"<\s*(script|html|head|body|iframe|frame|object|embed|svg|!doctype)[\s/>]"
    rb"|javascript\s*:",
    re.IGNORECASE,
)
# PDF parts that act on their own when the file is opened or clicked.
_PDF_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/XFA", "/RichMedia", "/Launch"}
)
_PDF_ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/ImportData",
        "/SubmitForm",
        "/RichMediaExecute",
        "/Rendition",
        "/GoToE",
    }
)
_PDF_MAX_OBJECTS = 200_000
_CHECKED_NAME = "checked-upload"  # the name a checked file is handed to ``UploadTo`` under
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
            too_large = max(image.size) > MAX_PIXELS_SIDE
            image.verify()
        if too_large:
            return kind  # not decoded (a decompression bomb); check_upload refuses its size
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # decode every pixel: a truncated or forged picture fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return kind


def _pdf_has_active_parts(reader) -> bool:
    """Any object reachable from the trailer holds JavaScript, a launch or submit action, an
    embedded file, XFA or a ``javascript:`` link (refused: a scan or a deck needs none)."""
    stack, seen, steps = [reader.trailer], set(), 0
    while stack:
        obj = stack.pop()
        steps += 1
        if steps > _PDF_MAX_OBJECTS:
            return True
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in _PDF_ACTIVE_KEYS:
                    return True
                if key in ("/S", "/URI"):
                    value = value.get_object() if isinstance(value, IndirectObject) else value
                    if key == "/S" and value in _PDF_ACTIVE_ACTIONS:
                        return True
                    if key == "/URI" and re.match(
                        r"\s*(javascript|data|file):", str(value), re.IGNORECASE
                    ):
                        return True
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return False


def _pdf_kind(data: bytes) -> str | None:
    """PDF when pypdf parses the file and every page's content, and nothing in it acts."""
    if not data.startswith(b"%PDF-"):
        return None
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)  # repaired xref tables are normal in scans
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return None  # an officer could not read it either
        if len(reader.pages) == 0:
            return None
        for page in reader.pages:
            page.get_contents()
        if _pdf_has_active_parts(reader):
            return None
    except Exception:  # noqa: BLE001 - whatever pypdf chokes on, the file is not a good PDF
        return None
    finally:
        pypdf_logger.setLevel(level)
    return PDF


def inspect(upload, allowed: frozenset[str] = PICTURES | DOCUMENTS) -> str | None:
    """The real type of ``upload`` (one of ``allowed``), or None when it is not one of them
    in full."""
    data = _read_all(upload)
    if _MARKUP.search(data):
        return None
    if data.startswith(b"%PDF-"):
        return _pdf_kind(data) if PDF in allowed else None
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


def _remember_kind(upload, kind):
    """Noted on the file the field will save, so that its name needs no second check."""
    target = upload.file if isinstance(upload, FieldFile) else upload
    target._upload_kind = kind


def validate_image_dimensions(upload, *, min_side: int = MIN_PIXELS_SIDE) -> None:
    upload.seek(0)
    with Image.open(upload) as image:
        width, height = image.size
    upload.seek(0)
    if max(width, height) > MAX_PIXELS_SIDE:
        raise ValidationError(
            _("The picture is too large: at most %(n)s pixels a side.") % {"n": MAX_PIXELS_SIDE}
        )
    if min(width, height) < min_side:
        raise ValidationError(
            _("The picture is too small: at least %(n)s pixels a side.") % {"n": min_side}
        )


def check_upload(
    upload,
    allowed: frozenset[str],
    message,
    *,
    max_bytes: int = MAX_BYTES,
    min_side: int = MIN_PIXELS_SIDE,
) -> str | None:
    """The one check of a new upload: size, real type among ``allowed`` (in full), picture
    dimensions. Returns the real type; None when ``upload`` is a file already stored. Raises
    ``ValidationError`` with ``message`` when the type is not allowed."""
    if not _is_new(upload):
        return None
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too big: at most %(n)s MB.") % {"n": max_bytes // (1024 * 1024)}
        )
    kind = inspect(upload, allowed)
    if kind is None:
        raise ValidationError(message)
    if kind in PICTURES:
        validate_image_dimensions(upload, min_side=min_side)
    _remember_kind(upload, kind)
    return kind


def validate_certificate_scan(upload) -> None:
    check_upload(
        upload,
        PICTURES | DOCUMENTS,
        _("Please upload the certificate as a PDF, JPEG, PNG or WebP file."),
    )


def validate_product_image(upload) -> None:
    check_upload(upload, PICTURES, _("Please upload a JPEG, PNG or WebP picture."))


def validate_picture(upload) -> None:
    """A picture of any size up to the maximum (category pictures, attribute pictures)."""
    check_upload(upload, PICTURES, _("Please upload a JPEG, PNG or WebP picture."), min_side=1)


def validate_pdf(upload) -> None:
    check_upload(upload, DOCUMENTS, _("Please upload a PDF file."))


def validate_pdf_or_picture(upload) -> None:
    check_upload(
        upload, PICTURES | DOCUMENTS, _("Please upload a PDF, JPEG, PNG or WebP file."), min_side=1
    )


# --- storage names ------------------------------------------------------------------------


def server_name(folder: str, kind: str | None) -> str:
    """``<folder>/<32 random hex>.<extension of kind>`` (``.bin`` for an unchecked file, which
    is then served as a download)."""
    extension = EXTENSIONS.get(kind or "", "bin")
    return posixpath.join(timezone.now().strftime(folder), f"{uuid.uuid4().hex}.{extension}")


@deconstructible
class UploadTo:
    """``upload_to`` of an ``UploadFileField``/``UploadImageField``: a server-made name with
    the extension of the checked type. ``folder`` may hold strftime codes
    (``certificates/%Y/%m``). A name that did not come from the field's check (a plain
    FileField) gets ``.bin``."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        stem, _dot, extension = posixpath.basename(filename).partition(".")
        kind = extension if stem == _CHECKED_NAME and extension in EXTENSIONS else None
        return server_name(self.folder, kind)

    def __eq__(self, other):
        return isinstance(other, UploadTo) and other.folder == self.folder


class _CheckedSave:
    def save(self, name, content, save=True):
        kind = getattr(content, "_upload_kind", None) or sniff(content)
        content.seek(0)
        super().save(f"{_CHECKED_NAME}.{kind or 'bin'}", content, save)


class CheckedFieldFile(_CheckedSave, FieldFile):
    pass


class CheckedImageFieldFile(_CheckedSave, ImageFieldFile):
    pass


class UploadFileField(models.FileField):
    """A FileField whose stored name the server makes from the content (``UploadTo``)."""

    attr_class = CheckedFieldFile


class UploadImageField(models.ImageField):
    """An ImageField whose stored name the server makes from the content (``UploadTo``)."""

    attr_class = CheckedImageFieldFile


# --- serving --------------------------------------------------------------------------------


def media_headers(name: str) -> dict[str, str]:
    """What a stored file is served with: its type from the stored extension (never sniffed),
    never a page of the site, anything but a picture downloaded rather than shown."""
    extension = posixpath.splitext(name)[1].lstrip(".").lower()
    content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
    headers = {
        "Content-Type": content_type,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cross-Origin-Resource-Policy": "same-site",
    }
    if not content_type.startswith("image/"):
        headers["Content-Disposition"] = "attachment"
    return headers


# --- files stored before these checks -------------------------------------------------------


@dataclass(frozen=True)
class StoredUpload:
    """A place where uploads are stored: ``field`` of model ``label`` (or, with ``json_key``,
    a file name kept under that key of the JSON field ``field``, e.g. a certificate scan
    waiting for review). ``on_bad``: "clear" the reference or "delete" the row when the
    content is not allowed. ``product``: the attribute naming the product whose cached pages
    show the file, if any."""

    label: str
    field: str
    allowed: frozenset
    folder: str
    on_bad: str = "clear"
    json_key: str | None = None
    product: str | None = None


STORED_UPLOADS: list[StoredUpload] = []


def register_stored_upload(entry: StoredUpload) -> None:
    """Apps add the file fields of their models (the catalogue's are below)."""
    if entry not in STORED_UPLOADS:
        STORED_UPLOADS.append(entry)


for _entry in (
    StoredUpload(
        "catalogue.Product",
        "ocop_certificate_scan",
        PICTURES | DOCUMENTS,
        "certificates/%Y/%m",
        product="pk",
    ),
    StoredUpload(
        "catalogue.Product",
        "pending_changes",
        PICTURES | DOCUMENTS,
        "certificates/%Y/%m",
        json_key="ocop_certificate_scan",
        product="pk",
    ),
    StoredUpload(
        "catalogue.ProductImage",
        "original",
        PICTURES,
        "images/products/%Y/%m",
        on_bad="delete",
        product="product_id",
    ),
    StoredUpload("catalogue.Category", "image", PICTURES, "categories/%Y/%m"),
    StoredUpload(
        "catalogue.ProductAttributeValue",
        "value_image",
        PICTURES,
        "images/attributes/%Y/%m",
        product="product_id",
    ),
    StoredUpload(
        "catalogue.ProductAttributeValue",
        "value_file",
        PICTURES | DOCUMENTS,
        "files/attributes/%Y/%m",
        product="product_id",
    ),
):
    register_stored_upload(_entry)


def _stored_name(row, entry: StoredUpload) -> str:
    value = getattr(row, entry.field)
    if entry.json_key:
        name = (value or {}).get(entry.json_key) if isinstance(value, dict) else None
        return name if isinstance(name, str) else ""
    return value.name or "" if value else ""


def _set_stored_name(model, row, entry: StoredUpload, name: str | None) -> None:
    if entry.json_key:
        value = dict(getattr(row, entry.field) or {})
        if name is None:
            value.pop(entry.json_key, None)  # "" would mean "remove the approved file"
        else:
            value[entry.json_key] = name
        model._default_manager.filter(pk=row.pk).update(**{entry.field: value})
    elif name is None and entry.on_bad == "delete":
        model._default_manager.filter(pk=row.pk).delete()
    else:
        model._default_manager.filter(pk=row.pk).update(**{entry.field: name or ""})


def stored_uploads_check(*, fix: bool = False, get_model=None, labels=None) -> dict:
    """Check every stored upload by its content. With ``fix``: files whose content is allowed
    but whose name the server did not make (an uploaded ``scan.html``) are moved to a
    server-made name with the extension of their real type; files whose content is not
    allowed, or that are missing, are deleted with their reference (field cleared, or row
    deleted). Idempotent: a second run finds nothing to do.

    ``get_model``: a migration's ``apps.get_model``; ``labels``: only these models. Returns
    ``checked``, ``renamed``, ``removed`` counts, ``problems`` (one line each) and the
    ``product_ids`` whose pages show a changed file."""
    get_model = get_model or installed_apps.get_model
    report = {"checked": 0, "renamed": 0, "removed": 0, "problems": [], "product_ids": set()}
    for entry in STORED_UPLOADS:
        if labels is not None and entry.label not in labels:
            continue
        model = get_model(*entry.label.split("."))
        if entry.json_key:
            rows = model._default_manager.filter(**{f"{entry.field}__has_key": entry.json_key})
            storage = default_storage
        else:
            rows = model._default_manager.exclude(**{entry.field: ""}).exclude(
                **{f"{entry.field}__isnull": True}
            )
            storage = model._meta.get_field(entry.field).storage
        for row in rows.iterator():
            name = _stored_name(row, entry)
            if not name:
                continue
            report["checked"] += 1
            data = None
            try:
                if storage.exists(name):
                    with storage.open(name, "rb") as handle:
                        data = handle.read()
            except Exception:  # noqa: BLE001 - a name outside the storage is as bad as a missing file
                logger.warning(
                    "Stored upload %r of %s %s cannot be read", name, entry.label, row.pk
                )
            kind = inspect(io.BytesIO(data), entry.allowed) if data is not None else None
            product_id = getattr(row, entry.product) if entry.product else None
            where = f"{entry.field}[{entry.json_key}]" if entry.json_key else entry.field
            if kind is None:
                why = "missing" if data is None else "not an allowed file"
                report["problems"].append(f"{entry.label} {row.pk} {where}: {name} is {why}")
                report["removed"] += 1
                if fix:
                    _set_stored_name(model, row, entry, None)
                    if data is not None:
                        storage.delete(name)
                    report["product_ids"].add(product_id)
                continue
            base = posixpath.basename(name)
            if SERVER_NAME.match(base) and base.endswith("." + EXTENSIONS[kind]):
                continue
            report["renamed"] += 1
            report["problems"].append(
                f"{entry.label} {row.pk} {where}: {name} is a "
                f"{EXTENSIONS[kind]} under a name the server did not make"
            )
            if fix:
                new_name = storage.save(server_name(entry.folder, kind), ContentFile(data))
                _set_stored_name(model, row, entry, new_name)
                storage.delete(name)
                report["product_ids"].add(product_id)
    report["product_ids"].discard(None)
    return report
