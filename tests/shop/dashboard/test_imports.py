"""The dashboard import page, its template downloads and ``manage.py import_products``: who may
import for whom, what a bad file shows, and that nothing is written then."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.importing import COLUMNS
from tests.catalog.factories import SellerFactory
from tests.catalog.test_services_imports import csv_file, good_row

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
URL = "/shop/dashboard/catalogue/import/"


def upload(rows, name="san-pham.csv"):
    return SimpleUploadedFile(name, csv_file(rows), content_type="text/csv")


@pytest.fixture
def seller_user(django_user_model, seller):
    user = django_user_model.objects.create_user("ea-tu", "eatu@example.vn", "mat-khau-dai-123")
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    seller.users.add(user)
    return user


def test_urls_are_where_the_template_links_point():
    assert reverse("dashboard:product-import") == URL
    assert reverse("dashboard:product-import-template-xlsx") == URL + "template.xlsx"
    assert reverse("dashboard:product-import-template-csv") == URL + "template.csv"


def test_staff_choose_the_seller_and_products_are_approved(admin_client, site_tree, seller):
    page = admin_client.get(URL).content.decode()
    assert 'name="partner"' in page and 'name="file"' in page
    response = admin_client.post(
        URL, {"partner": seller.pk, "file": upload([good_row("A"), good_row("B")])}, follow=True
    )
    assert response.redirect_chain[-1][0] == URL
    assert "tạo mới 2 sản phẩm, cập nhật 0" in response.content.decode()
    assert set(StockRecord.objects.values_list("partner__code", flat=True)) == {seller.code}
    assert set(Product.objects.values_list("moderation_status", flat=True)) == {"approved"}


def test_seller_imports_only_into_its_own_partner(client, site_tree, seller, seller_user):
    other = SellerFactory()
    client.force_login(seller_user)
    page = client.get(URL).content.decode()
    assert 'name="partner"' not in page and seller.name in page
    response = client.post(URL, {"partner": other.pk, "file": upload([good_row()])})
    assert response.status_code == 302
    record = StockRecord.objects.get()
    assert record.partner == seller
    assert record.product.moderation_status == "submitted"
    assert not StockRecord.objects.filter(partner=other).exists()


def test_bad_file_shows_rows_and_imports_nothing(client, site_tree, seller, seller_user):
    client.force_login(seller_user)
    rows = [good_row("A"), good_row("B", **{"Giá (VND)": "12,5"}), good_row("C")]
    response = client.post(URL, {"file": upload(rows)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chưa nhập sản phẩm nào" in html
    assert "<td>3</td>" in html and "<td>Giá (VND)</td>" in html
    assert "không có phần thập phân" in html
    assert Product.objects.count() == 0


def test_renamed_picture_is_refused_and_nothing_written(client, site_tree, seller_user):
    client.force_login(seller_user)
    picture = SimpleUploadedFile("anh.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    html = client.post(URL, {"file": picture}).content.decode()
    assert "không phải tệp CSV hay Excel" in html and Product.objects.count() == 0


@pytest.mark.parametrize("url", [URL, URL + "template.xlsx", URL + "template.csv"])
def test_anonymous_is_sent_to_the_login(client, reference_data, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("dashboard:login") in response["Location"]


@pytest.mark.parametrize("url", [URL, URL + "template.xlsx"])
def test_buyer_is_refused(client, django_user_model, reference_data, url):
    client.force_login(django_user_model.objects.create_user("buyer", "b@example.vn", "x"))
    assert client.get(url).status_code == 404  # like every dashboard page (shop.dashboard.access)
    assert client.post(URL, {"file": upload([good_row()])}).status_code == 404
    assert Product.objects.count() == 0


def test_seller_user_of_two_partners_is_refused(client, seller_user, seller):
    SellerFactory().users.add(seller_user)
    client.force_login(seller_user)
    assert client.get(URL).status_code == 404  # a dashboard refusal (shop.dashboard.access)


def test_template_downloads_are_a_real_workbook_and_csv(admin_client, reference_data):
    response = admin_client.get(URL + "template.xlsx")
    assert response.status_code == 200
    assert "mau-nhap-san-pham.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    products, guide = workbook.worksheets
    assert [cell.value for cell in products[1]] == [c.header for c in COLUMNS]
    assert guide.title == "Hướng dẫn"
    guide_values = {cell.value for row in guide.iter_rows() for cell in row}
    assert {"1.9", "Cà phê và ca cao", "Đắk Lắk", "66"} <= guide_values

    response = admin_client.get(URL + "template.csv")
    assert "mau-nhap-san-pham.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff") and text.strip("\ufeff\r\n").split(",") == [
        c.header for c in COLUMNS
    ]


def test_template_filled_in_imports(admin_client, reference_data, seller):
    """The downloaded workbook, with one row added, imports as is."""
    from catalog.services.imports import products_import

    workbook = openpyxl.load_workbook(io.BytesIO(admin_client.get(URL + "template.xlsx").content))
    workbook.worksheets[0].append([good_row().get(c.header) for c in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    report = products_import(partner=seller, file=out.getvalue())
    assert (report.ok, report.created) == (True, 1), report.errors


def test_command_imports_with_progress(tmp_path, seller):
    path = tmp_path / "san-pham.csv"
    path.write_bytes(csv_file([good_row(str(n)) for n in range(3)]))
    out = io.StringIO()
    call_command("import_products", str(path), seller=seller.code, approve=True, stdout=out)
    output = out.getvalue()
    assert "[####################] 3/3" in output
    assert "tạo mới 3, cập nhật 0" in output
    assert set(Product.objects.values_list("moderation_status", flat=True)) == {"approved"}
    call_command("import_products", str(path), seller=seller.code, stdout=out)
    assert "tạo mới 0, cập nhật 3" in out.getvalue() and Product.objects.count() == 3


def test_command_bad_file_fails_and_writes_nothing(tmp_path, seller):
    path = tmp_path / "san-pham.csv"
    path.write_bytes(csv_file([good_row("A"), good_row("B", **{"Nhóm OCOP": "7.1"})]))
    with pytest.raises(CommandError) as error:
        call_command("import_products", str(path), seller=seller.code, stdout=io.StringIO())
    assert "dòng 3, Nhóm OCOP: Không có mã nhóm OCOP “7.1”" in str(error.value)
    assert Product.objects.count() == 0
    with pytest.raises(CommandError, match="không-co"):
        call_command("import_products", str(path), seller="không-co", stdout=io.StringIO())
