"""Uploads are checked by their content in full, stored under a name the
server makes with the extension of their real type, whatever they were called."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.uploads import (
    PICTURES,
    inspect,
    validate_certificate_scan,
    validate_pdf,
    validate_product_image,
)

SCRIPT = b"<html><body><script>fetch('/union/products/1/',{method:'POST'})</script></body></html>"


def picture(fmt="JPEG", size=(600, 600)):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format=fmt)
    return out.getvalue()


def pdf(javascript=None):
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:
        action = writer._add_object(
            DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject(javascript),
                }
            )
        )
        writer._root_object[NameObject("/OpenAction")] = action
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def stored_as(name, ext, folder):
    return re.fullmatch(rf"{folder}/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{ext}", name)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_real_pictures_pass(fmt):
    validate_product_image(upload("anh.bin", picture(fmt)))


def test_a_pdf_that_parses_passes_as_a_certificate():
    validate_certificate_scan(upload("chung-nhan.jpg", pdf()))
    validate_pdf(upload("ho-so.pdf", pdf()))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.jpg", b"<html><script>alert(1)</script></html>", "JPEG, PNG"),
        ("anh.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "JPEG"),
        ("../../etc/passwd.jpg", b"root:x:0:0", "JPEG"),
        ("anh.jpg", b"\x00" * 100, "JPEG"),
        ("nho.jpg", picture(size=(50, 50)), "quá nhỏ"),
        ("to.png", picture("PNG", size=(9000, 300)), "quá lớn"),
        ("chung-nhan.pdf", b"%PDF-1.4" + b"0" * (5 * 1024 * 1024), "quá lớn"),
    ],
)
def test_bad_files_are_refused_with_a_message(name, content, message):
    validator = validate_certificate_scan if name.endswith(".pdf") else validate_product_image
    with pytest.raises(ValidationError) as error:
        validator(upload(name, content))
    assert message in " ".join(error.value.messages)


@pytest.mark.parametrize(
    "content",
    [
        # What the officer opened: first bytes of a PDF or a PNG, then a page with a script.
        b"%PDF-1.7\n" + SCRIPT,
        b"\x89PNG\r\n\x1a\n" + SCRIPT,
        # A picture or a PDF that decodes in full, with the page after it.
        picture("PNG") + SCRIPT,
        pdf() + SCRIPT,
        # A PDF that only starts like one, or does not parse.
        b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n",
        b"%PDF-1.4\n%%EOF\n",
        pdf()[: len(pdf()) // 3],
        # A PDF that runs JavaScript when opened.
        pdf(javascript="app.alert('x')"),
        # A truncated picture: the header and the start of the pixels only.
        picture("PNG", size=(800, 800))[:300],
        picture("JPEG", size=(800, 800))[:600],
    ],
    ids=[
        "pdf-html",
        "png-html",
        "png-then-html",
        "pdf-then-html",
        "pdf-no-pages",
        "pdf-empty",
        "pdf-truncated",
        "pdf-javascript",
        "png-truncated",
        "jpeg-truncated",
    ],
)
def test_polyglots_truncated_and_unparsable_files_are_refused(content):
    with pytest.raises(ValidationError) as error:
        validate_certificate_scan(upload("evil.html", content))
    assert "PDF, JPEG, PNG hoặc WebP" in " ".join(error.value.messages)


def test_svg_never_passes_even_as_a_picture_kind():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'
    assert inspect(upload("a.svg", svg), PICTURES) is None


@pytest.mark.django_db
def test_a_good_png_named_html_is_stored_under_a_server_made_png_name(product):
    upload_file = upload("x.html", picture("PNG"))
    product.ocop_certificate_scan = upload_file
    product.full_clean(exclude=["slug", "upc", "product_class", "parent"])
    product.save()
    product.refresh_from_db()
    assert stored_as(product.ocop_certificate_scan.name, "png", "certificates")
    assert product.ocop_certificate_scan.read() == picture("PNG")

    product.ocop_certificate_scan.save("scan.html", ContentFile(pdf()), save=True)
    assert stored_as(product.ocop_certificate_scan.name, "pdf", "certificates")


@pytest.mark.django_db
def test_a_file_saved_in_code_without_a_check_is_not_named_after_its_upload(product):
    product.ocop_certificate_scan.save("evil.html", ContentFile(SCRIPT), save=True)
    assert stored_as(product.ocop_certificate_scan.name, "bin", "certificates")


@pytest.mark.django_db
def test_dashboard_picture_form_refuses_html_named_jpg_and_names_the_good_one(site_tree, product):
    from oscar.core.loading import get_class

    ProductImageForm = get_class("dashboard.catalogue.forms", "ProductImageForm")
    data = {"images-0-product": product.pk, "images-0-display_order": 0}
    bad = SimpleUploadedFile(
        "anh.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )
    form = ProductImageForm(data=data, files={"images-0-original": bad}, prefix="images-0")
    assert not form.is_valid()
    assert "original" in form.errors
    polyglot = SimpleUploadedFile("evil.html", picture("PNG") + SCRIPT, content_type="image/png")
    form = ProductImageForm(data=data, files={"images-0-original": polyglot}, prefix="images-0")
    assert not form.is_valid()
    # (Django's picture field refuses a name ending in .html; the extension comes from the
    # content anyway.)
    good = SimpleUploadedFile("anh.jpeg", picture("PNG"), content_type="image/jpeg")
    form = ProductImageForm(data=data, files={"images-0-original": good}, prefix="images-0")
    assert form.is_valid(), form.errors
    image = form.save()
    assert stored_as(image.original.name, "png", "images/products")


@pytest.mark.django_db
def test_dashboard_product_form_refuses_a_polyglot_certificate(site_tree, product):
    from oscar.core.loading import get_class

    ProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
    form = ProductForm(
        product.product_class,
        instance=product,
        data={
            "title": product.title,
            "structure": product.structure,
            "is_public": "on",
            "description": product.description,
            "ocop_stars": 4,
        },
        files={"ocop_certificate_scan": upload("scan.html", b"%PDF-1.7\n" + SCRIPT)},
    )
    assert not form.is_valid()
    assert "ocop_certificate_scan" in form.errors


@pytest.mark.django_db
def test_a_new_scan_of_an_approved_product_waits_stored_under_a_server_made_name(product):
    from django.core.files.storage import default_storage
    from oscar.core.loading import get_model

    from catalog.services.moderation import hold_trusted_changes, product_approve

    Product = get_model("catalogue", "Product")
    original = Product.objects.get(pk=product.pk)
    product.ocop_certificate_scan = upload("chung-nhan-moi.html", pdf())
    assert hold_trusted_changes(product=product, original=original) == ["ocop_certificate_scan"]
    product.save()
    waiting = Product.objects.get(pk=product.pk).pending_changes["ocop_certificate_scan"]
    assert stored_as(waiting, "pdf", "certificates") and default_storage.exists(waiting)
    product_approve(product_id=product.pk)
    assert Product.objects.get(pk=product.pk).ocop_certificate_scan.name == waiting
