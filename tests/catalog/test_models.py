import datetime

import pytest
from django.db import IntegrityError, transaction

from tests.catalog.factories import product_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("stars", [0, 1, 2, 6])
def test_database_refuses_stars_outside_3_to_5(seller, stars):
    product = product_create(seller=seller, stars=4)
    product.ocop_stars = stars
    with pytest.raises(IntegrityError), transaction.atomic():
        product.save()


@pytest.mark.parametrize("stars", [3, 4, 5])
def test_stars_3_to_5_are_accepted(seller, stars):
    product = product_create(seller=seller, stars=stars)
    product.refresh_from_db()
    assert product.ocop_stars == stars


def test_database_refuses_validity_ending_before_it_starts(seller):
    product = product_create(seller=seller, stars=3)
    product.ocop_valid_until = product.ocop_valid_from - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        product.save()


def test_database_refuses_stars_without_certificate_number(seller):
    product = product_create(seller=seller, stars=3)
    product.ocop_certificate_number = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        product.save()


def test_star_badge_only_while_certificate_is_valid(seller):
    today = datetime.date.today()
    valid = product_create(seller=seller, stars=5)
    lapsed = product_create(
        seller=seller,
        stars=4,
        valid_from=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=1),
    )
    uncertified = product_create(seller=seller, stars=None)
    assert valid.ocop_badge_stars == 5
    assert lapsed.ocop_badge_stars is None
    assert uncertified.ocop_badge_stars is None
    assert lapsed.ocop_is_valid(on=today - datetime.timedelta(days=10))


def test_product_group_is_the_top_level_ocop_group(product):
    assert product.ocop_group.ocop_code == "1"
    assert product.ocop_group.name == "Thực phẩm"
