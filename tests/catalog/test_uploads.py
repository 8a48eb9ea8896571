"""H1: uploads are checked by content, not by name."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.uploads import validate_certificate_scan, validate_product_image

SERVER_NAME_RE = re.compile(r"^[a-z]+(/[a-z]+)?/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|png|jpg|webp)$")


def picture(fmt="JPEG", size=(600, 600)):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format=fmt)
    return out.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_real_pictures_pass(fmt):
    validate_product_image(upload("anh.bin", picture(fmt)))


def real_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_certificate_passes():
    validate_certificate_scan(upload("chung-nhan.jpg", real_pdf()))


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


@pytest.mark.django_db
def test_dashboard_picture_form_refuses_html_named_jpg(site_tree, product):
    from oscar.core.loading import get_class

    ProductImageForm = get_class("dashboard.catalogue.forms", "ProductImageForm")
    bad = SimpleUploadedFile("anh.jpg", b"<html><script>alert(1)</script></html>",
                             content_type="image/jpeg")
    form = ProductImageForm(data={"images-0-product": product.pk, "images-0-display_order": 0},
                            files={"images-0-original": bad}, prefix="images-0")
    assert not form.is_valid()
    assert "original" in form.errors
    good = SimpleUploadedFile("anh.png", picture("PNG"), content_type="image/png")
    form = ProductImageForm(data={"images-0-product": product.pk, "images-0-display_order": 0},
                            files={"images-0-original": good}, prefix="images-0")
    assert form.is_valid(), form.errors


# --- issue 11 #1: polyglots, server-made names, inert serving, files stored before -----------

SCRIPT = b"<html><body><script>fetch('/union/products/')</script></body></html>"


def pdf_with_javascript() -> bytes:
    from pypdf import PdfWriter
    from pypdf.actions import JavaScript

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_open_action(JavaScript("app.alert('x');"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.html", b"%PDF-1.7\n" + SCRIPT),  # says PDF, is a page
        ("scan.htm", picture("PNG") + SCRIPT),  # a real PNG with a page after it
        ("scan.png", b"\x89PNG\r\n\x1a\n" + SCRIPT),  # the PNG signature, then a page
        ("scan.pdf", real_pdf()[:-200]),  # a PDF cut short: does not parse
        ("scan.pdf", pdf_with_javascript()),  # a PDF that runs JavaScript
        ("scan.jpg", picture()[:-2000]),  # a truncated JPEG: does not decode
        ("scan.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'),
    ],
)
def test_polyglots_truncated_and_active_files_are_refused(name, content):
    with pytest.raises(ValidationError) as error:
        validate_certificate_scan(upload(name, content))
    assert "PDF, JPEG, PNG" in " ".join(error.value.messages)


@pytest.mark.django_db
def test_uploads_are_stored_under_a_server_made_name_with_their_real_extension(product):
    from oscar.core.loading import get_model

    ProductImage = get_model("catalogue", "ProductImage")
    product.ocop_certificate_scan = upload("chung nhan ../../x.html", real_pdf())
    product.full_clean(exclude=["slug", "upc"])
    product.save()
    image = ProductImage(product=product, original=upload("anh.html", picture("PNG")))
    image.full_clean()
    image.save()
    assert SERVER_NAME_RE.match(product.ocop_certificate_scan.name), product.ocop_certificate_scan.name
    assert product.ocop_certificate_scan.name.startswith("certificates/")
    assert product.ocop_certificate_scan.name.endswith(".pdf")
    assert image.original.name.startswith("images/products/") and image.original.name.endswith(".png")
    assert "anh" not in image.original.name and "html" not in image.original.name


@pytest.mark.django_db
def test_the_model_refuses_what_any_form_would_let_through(product):
    """The Django admin and every other form save through the model's validators."""
    product.ocop_certificate_scan = upload("scan.png", b"\x89PNG\r\n\x1a\n" + SCRIPT)
    with pytest.raises(ValidationError) as error:
        product.full_clean(exclude=["slug", "upc"])
    assert "ocop_certificate_scan" in error.value.message_dict


@pytest.mark.django_db
def test_stored_files_are_served_inert(client, product):
    from django.core.files.storage import default_storage

    pdf = default_storage.save("certificates/2026/12/" + "a" * 32 + ".pdf", io.BytesIO(real_pdf()))
    png = default_storage.save("images/products/2026/12/" + "b" * 32 + ".png",
                               io.BytesIO(picture("PNG")))
    odd = default_storage.save("certificates/old/scan.html", io.BytesIO(SCRIPT))

    document = client.get("/media/" + pdf)
    assert document.status_code == 200
    assert document["Content-Type"] == "application/pdf"
    assert document["Content-Disposition"] == "attachment"
    assert document["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in document["Content-Security-Policy"]

    image = client.get("/media/" + png)
    assert image["Content-Type"] == "image/png"
    assert not image.get("Content-Disposition", "").startswith("attachment")  # shown inline
    assert image["X-Content-Type-Options"] == "nosniff"

    page = client.get("/media/" + odd)  # an old upload with a page's name: never a page
    assert page["Content-Type"] == "application/octet-stream"
    assert page["Content-Disposition"] == "attachment"
    assert "sandbox" in page["Content-Security-Policy"]

    assert client.get("/media/../config/settings/base.py").status_code == 404
    assert client.get("/media/%2e%2e/%2e%2e/etc/passwd").status_code == 404
    assert client.get("/media/certificates/khong-co.pdf").status_code == 404


@pytest.mark.django_db
def test_uploads_check_renames_old_names_and_removes_bad_content(product, seller):
    import io as _io

    from django.core.files.storage import default_storage
    from django.core.management import call_command
    from oscar.core.loading import get_model

    from tests.factories import product_create

    ProductImage = get_model("catalogue", "ProductImage")
    Product = get_model("catalogue", "Product")
    good = default_storage.save("certificates/2025/01/chung-nhan.html", _io.BytesIO(real_pdf()))
    evil = default_storage.save("certificates/2025/01/scan.html", _io.BytesIO(b"%PDF-1.7\n" + SCRIPT))
    Product.objects.filter(pk=product.pk).update(ocop_certificate_scan=good)
    other = product_create(seller=seller, title="Mật ong rừng U Minh", stock=3)
    Product.objects.filter(pk=other.pk).update(ocop_certificate_scan=evil)
    bad_picture = default_storage.save("images/products/x.jpg", _io.BytesIO(SCRIPT))
    image = ProductImage.objects.create(product=other, original=bad_picture)
    ProductImage.objects.filter(pk=image.pk).update(original=bad_picture)

    out = _io.StringIO()
    call_command("uploads_check", stdout=out)
    assert "2 to remove" in out.getvalue() and "1 to rename" in out.getvalue()
    assert Product.objects.get(pk=product.pk).ocop_certificate_scan.name == good  # only listed

    call_command("uploads_check", "--fix", stdout=out)
    renamed = Product.objects.get(pk=product.pk).ocop_certificate_scan.name
    assert renamed.endswith(".pdf") and SERVER_NAME_RE.match(renamed)
    assert default_storage.exists(renamed) and not default_storage.exists(good)
    assert Product.objects.get(pk=other.pk).ocop_certificate_scan.name == ""
    assert not default_storage.exists(evil)
    assert not ProductImage.objects.filter(pk=image.pk).exists()

    again = _io.StringIO()
    call_command("uploads_check", "--fix", stdout=again)
    assert "0 renamed, 0 removed" in again.getvalue()
