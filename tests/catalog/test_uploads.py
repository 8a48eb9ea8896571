"""H1: uploads are checked by content, not by name."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.uploads import validate_certificate_scan, validate_product_image


def picture(fmt="JPEG", size=(600, 600)):
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format=fmt)
    return out.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_real_pictures_pass(fmt):
    validate_product_image(upload("anh.bin", picture(fmt)))


def test_pdf_certificate_passes():
    validate_certificate_scan(upload("chung-nhan.jpg", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"))


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
