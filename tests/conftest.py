"""Shared fixtures. Reference data (provinces, OCOP groups, Viet Nam, payment types) and the
bilingual home page are created by the same services the deployment uses."""

import os

import pytest

from tests.factories import SellerFactory, product_create


def pytest_report_header(config):
    url = os.environ.get("DATABASE_URL", "sqlite (default)")
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    return [f"database: {engine}", f"CI: {os.environ.get('CI', 'false')}"]


@pytest.fixture
def reference_data(db):
    from catalog.services.reference import ocop_groups_load, product_class_load, provinces_load
    from shop.services import shop_reference_data_load

    provinces_load()
    ocop_groups_load()
    product_class_load()
    shop_reference_data_load()


@pytest.fixture
def site_tree(reference_data):
    from cms.services import home_page_ensure

    home_page_ensure()


@pytest.fixture
def seller(reference_data):
    return SellerFactory(name="HTX Cà phê Ea Tu", code="htx-ca-phe-ea-tu")


@pytest.fixture
def product(seller):
    return product_create(
        seller=seller, title="Cà phê Robusta rang mộc Ea Tu 500g", price=185000, stock=10, stars=4
    )


@pytest.fixture(autouse=True)
def _vietnamese(settings):
    """Each test starts in Vietnamese, as a new visitor does."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached pages and their tokens (core.pagecache)
    must not outlive the rows they were made from, which every test rolls back."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_page_cache(settings):
    """Pages rendered every time (to count what a render costs)."""
    settings.PAGE_CACHE_SECONDS = 0
