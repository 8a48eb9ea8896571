"""Stored uploads are served so that they never render as a page of the site,
and files stored before the checks are renamed or removed by ``uploads_check``."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from oscar.core.loading import get_model

from tests.catalog.factories import product_create
from tests.core.test_uploads import SCRIPT, pdf, picture
from tests.startups.factories import approved_application_create

pytestmark = pytest.mark.django_db

SERVER_NAME_RE = re.compile(r"^[a-z]+(/[a-z]+)?/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|png|jpg|webp)$")


def stored(name, content):
    return default_storage.save(name, io.BytesIO(content))


def test_stored_files_are_served_with_their_stored_type_and_never_as_a_page(client):
    document = stored("certificates/2026/12/" + "a" * 32 + ".pdf", pdf())
    image = stored("images/products/2026/12/" + "b" * 32 + ".png", picture("PNG"))
    old_page = stored("certificates/old/scan.html", SCRIPT)

    response = client.get("/media/" + document)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    # the site's own policy (django-csp) does not replace the media one
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"

    response = client.get("/media/" + image)
    assert response["Content-Type"] == "image/png"
    assert not response.get("Content-Disposition", "").startswith("attachment")  # shown inline
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == picture("PNG")

    response = client.get("/media/" + old_page)  # an old upload with a page's name
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "url",
    [
        "/media/../config/settings/base.py",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/media/..%2f..%2fmanage.py",
        "/media//etc/passwd",
        "/media/certificates/%00.pdf",
        "/media/certificates/khong-co.pdf",
        "/media/certificates/",
    ],
)
def test_nothing_outside_the_stored_files_is_served(client, url):
    assert client.get(url).status_code == 404


def test_the_media_view_refuses_paths_outside_media_root():
    from django.http import Http404
    from django.test import RequestFactory

    from core.media_views import media_serve

    for path in ("../../etc/passwd", "/etc/passwd", "..\\..\\manage.py", "a\x00.png"):
        with pytest.raises(Http404):
            media_serve(RequestFactory().get("/media/x"), path)


def test_uploads_check_renames_old_names_and_removes_bad_content(product, seller):
    ProductImage = get_model("catalogue", "ProductImage")
    Product = get_model("catalogue", "Product")
    good = stored("certificates/2025/01/chung-nhan.html", pdf())
    evil = stored("certificates/2025/01/scan.html", b"%PDF-1.7\n" + SCRIPT)
    held = stored("certificates/2025/01/moi.htm", picture("PNG"))
    Product.objects.filter(pk=product.pk).update(
        ocop_certificate_scan=good, pending_changes={"ocop_certificate_scan": held, "title": "X"}
    )
    other = product_create(seller=seller, title="Mật ong rừng U Minh", stock=3)
    Product.objects.filter(pk=other.pk).update(ocop_certificate_scan=evil)
    bad_picture = stored("images/products/x.jpg", SCRIPT)
    image = ProductImage.objects.create(product=other, original=bad_picture)
    good_picture = stored("images/products/anh.html", picture("JPEG"))
    kept = ProductImage.objects.create(product=other, original=good_picture, display_order=1)

    out = io.StringIO()
    call_command("uploads_check", stdout=out)
    assert "2 to remove" in out.getvalue() and "3 to rename" in out.getvalue()
    assert Product.objects.get(pk=product.pk).ocop_certificate_scan.name == good  # only listed

    call_command("uploads_check", "--fix", stdout=out)
    fixed = Product.objects.get(pk=product.pk)
    renamed = fixed.ocop_certificate_scan.name
    assert renamed.startswith("certificates/") and renamed.endswith(".pdf")
    assert SERVER_NAME_RE.match(renamed)
    assert default_storage.exists(renamed) and not default_storage.exists(good)
    with default_storage.open(renamed) as handle:
        assert handle.read() == pdf()
    pending = fixed.pending_changes["ocop_certificate_scan"]
    assert SERVER_NAME_RE.match(pending) and pending.endswith(".png")
    assert fixed.pending_changes["title"] == "X"
    assert Product.objects.get(pk=other.pk).ocop_certificate_scan.name == ""
    assert not default_storage.exists(evil) and not default_storage.exists(bad_picture)
    assert not ProductImage.objects.filter(pk=image.pk).exists()
    picture_name = ProductImage.objects.get(pk=kept.pk).original.name
    assert picture_name.startswith("images/products/") and picture_name.endswith(".jpg")

    again = io.StringIO()
    call_command("uploads_check", "--fix", stdout=again)
    assert "0 renamed, 0 removed" in again.getvalue()


def test_the_officer_downloads_a_pdf_certificate_instead_of_opening_it_in_the_page(
    client, site_tree, django_user_model, seller
):
    from startups.models import Officer, UnionUnit
    from startups.services.union import union_units_load

    Product = get_model("catalogue", "Product")
    union_units_load()
    unit = UnionUnit.objects.get(province__code="66", level="province")
    officer = django_user_model.objects.create_user("cb", "cb@example.com", "mk-2026-abcd")
    Officer.objects.create(user=officer, unit=unit)
    approved_application_create(seller=seller, unit=unit, created_by=officer)
    product = product_create(seller=seller, title="Tiêu đen Ea Tu 500g")
    product.ocop_certificate_scan.save("chung-nhan.html", io.BytesIO(pdf()), save=False)
    Product.objects.filter(pk=product.pk).update(
        moderation_status="submitted", ocop_certificate_scan=product.ocop_certificate_scan.name
    )

    client.force_login(officer)
    page = client.get(reverse("startups:product-review", args=[product.pk])).content.decode()
    url = product.ocop_certificate_scan.url
    assert url.endswith(".pdf")
    assert f'href="{url}" download' in page and "Tải giấy chứng nhận (PDF)" in page
    assert "<object" not in page and "<iframe" not in page
    assert client.get(url)["Content-Disposition"] == "attachment"
