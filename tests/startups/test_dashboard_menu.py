"""The seller's dashboard menu leads to its startup's pages (profile, pitches, interest, QR
posters), in Vietnamese."""

import pytest
from django.urls import reverse

from tests.catalog.factories import SellerFactory, seller_user_create

pytestmark = pytest.mark.django_db


def test_a_seller_finds_its_startup_pages_in_the_dashboard_menu(client, reference_data):
    seller = SellerFactory(kind="startup")
    client.force_login(seller_user_create(partner=seller, username="chu-shop"))
    page = client.get(reverse("dashboard:index")).content.decode()
    assert "Dự án khởi nghiệp" in page
    for name, label in [
        ("dashboard:startup-edit", "Hồ sơ khởi nghiệp"),
        ("dashboard:pitch-list", "Gọi vốn"),
        ("dashboard:lead-list", "Lượt quan tâm đã nhận"),
        ("dashboard:qr-posters", "Áp phích mã QR"),
    ]:
        assert f'href="{reverse(name)}"' in page, name
        assert label in page, label
