"""The startup's lead export, read back as a spreadsheet would: Vietnamese headers, dates as
dates, phones as text, every lead of the startup and no other's, and a sender's formula or
script inert."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from startups.models import Lead
from startups.services.leads import lead_create
from tests.catalog.factories import SellerFactory, seller_user_create
from tests.startups.factories import startup_create

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","Bấm")'
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def exported(client, site_tree, django_user_model):
    startup = startup_create(seller=SellerFactory(kind="startup"), name="Cà phê Ea Tu")
    other = startup_create(seller=SellerFactory(kind="startup"), name="Mật ong")
    common = {"address": "203.0.113.1", "role": Lead.Role.INVESTOR}
    first = lead_create(
        startup=startup,
        message="Tin thứ nhất",
        name="Trần Thị Mai",
        email="mai@example.com",
        phone="+84912345678",
        amount_range=Lead.AmountRange.TO_2B,
        **common,
    )
    Lead.objects.filter(pk=first.pk).update(
        created=timezone.make_aware(datetime.datetime(2025, 3, 15, 9, 30)),
        status=Lead.Status.IN_TALKS,
    )
    signed_in = django_user_model.objects.create_user("ndt", "ndt@example.com", "x")
    lead_create(
        startup=startup,
        user=signed_in,  # a signed-in sender may give a link (the formula holds one)
        message=f"@SUM(1+1) {SCRIPT}",
        name=FORMULA,
        email="",
        phone="+842838221234",
        **common,
    )
    lead_create(startup=other, message="Của B", name="Khách B", email="b@example.com", **common)
    client.force_login(seller_user_create(partner=startup.partner, username="chu-a"))
    return client


def test_the_csv_reads_back_with_vietnamese_headers_and_inert_cells(exported):
    response = exported.get(reverse("dashboard:lead-export", args=["csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="quan-tam-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, newest, oldest = rows[0], rows[1], rows[2]
    assert len(rows) == 3  # the other startup's lead is not there
    assert header[:5] == ["Ngày gửi", "Quan tâm với vai trò", "Họ tên", "E-mail", "Điện thoại"]
    assert oldest[0] == "2025-03-15 09:30"
    assert datetime.datetime.strptime(oldest[0], "%Y-%m-%d %H:%M")
    assert oldest[4] == "0912 345 678" and newest[4] == "028 3822 1234"
    assert oldest[5] == "500 triệu đến 2 tỷ ₫" or oldest[5] == "500 million to 2 billion ₫"
    assert newest[2] == "'" + FORMULA  # kept, as plain text
    assert newest[6] == f"'@SUM(1+1) {SCRIPT}"
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "-", "@"))]


def test_the_xlsx_reads_back_with_dates_as_dates_and_text_as_text(exported):
    response = exported.get(reverse("dashboard:lead-export", args=["xlsx"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]][:3] == ["Ngày gửi", "Quan tâm với vai trò", "Họ tên"]
    assert len(rows) == 3
    newest, oldest = rows[1], rows[2]
    assert oldest[0].value == datetime.datetime(2025, 3, 15, 9, 30)
    assert oldest[0].is_date
    assert oldest[4].value == "0912 345 678" and oldest[4].data_type == "s"
    assert newest[2].value == FORMULA and newest[2].data_type == "s"  # text, never a formula
    assert newest[6].value == f"@SUM(1+1) {SCRIPT}" and newest[6].data_type == "s"
    assert not [cell for row in rows for cell in row if cell.data_type == "f"]


def test_an_unknown_format_is_not_found(exported):
    assert exported.get(reverse("dashboard:lead-export", args=["pdf"])).status_code == 404
