"""Dates as each language writes them: day/month/year on Vietnamese pages (the format the
import template documents and reads), English words on English pages, never 03/15/2025."""

import datetime

import pytest
from django.utils import translation

from catalog.importing import parsing
from catalog.importing.columns import COLUMNS
from tests.catalog.factories import product_create

pytestmark = pytest.mark.django_db

VALID_FROM = datetime.date(2025, 3, 15)
VALID_UNTIL = datetime.date(2028, 3, 14)


@pytest.fixture
def certified(seller):
    return product_create(
        seller=seller,
        title="Mật ong hoa cà phê 500ml",
        stars=4,
        valid_from=VALID_FROM,
        valid_until=VALID_UNTIL,
    )


def test_vietnamese_product_page_writes_dates_day_month_year(
    client, site_tree, certified, no_page_cache
):
    html = client.get(certified.get_absolute_url()).content.decode()
    assert "từ 15/03/2025 đến 14/03/2028" in html
    assert "15-03-2025" not in html and "Ngày 15 tháng 3" not in html


def test_english_product_page_writes_dates_in_english(client, site_tree, certified, no_page_cache):
    html = client.get("/en" + certified.get_absolute_url()).content.decode()
    assert "from 15 Mar 2025 to 14 Mar 2028" in html
    assert "03/15/2025" not in html and "15/03/2025" not in html


def test_import_template_and_pages_agree_on_the_date_format(
    client, site_tree, certified, no_page_cache
):
    documented = next(c for c in COLUMNS if c.key == "valid_from")
    assert "dd/mm/yyyy" in documented.guide
    html = client.get(certified.get_absolute_url()).content.decode()
    shown = documented.example  # the template's example, 15/03/2025
    assert f"từ {shown} đến" in html
    assert parsing.date(shown) == VALID_FROM  # what the page shows, the import reads back


def test_vietnamese_forms_accept_day_month_year():
    from django import forms

    with translation.override("vi"):
        field = forms.DateField()
        assert field.clean("15/03/2025") == VALID_FROM
        assert field.clean("2025-03-15") == VALID_FROM
        assert forms.DateInput().format_value(VALID_FROM) == "15/03/2025"
    with translation.override("en"):
        assert forms.DateField().clean("15/03/2025") == VALID_FROM
