"""Shared fixtures. Reference data (provinces, OCOP groups, Viet Nam, payment types) and the
bilingual home page are created by the same services the deployment uses."""

import os

import pytest

from tests.catalog.factories import SellerFactory, product_create


def pytest_report_header(config):
    url = os.environ.get("DATABASE_URL", "sqlite (default)")
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    if os.environ.get("TEST_DATABASE_TEMPLATE"):
        engine += f" (test databases copied from {os.environ['TEST_DATABASE_TEMPLATE']})"
    return [f"database: {engine}", f"CI: {os.environ.get('CI', 'false')}"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """In a parallel run (bin/test: pytest-xdist, whole files per process, handed out in this
    order with --no-loadscope-reorder) the files that start processes or a browser (a test
    marked slow or browser) come first: the longest, the run command's test (minutes), then
    runs beside the rest instead of last and alone. Tests keep their order within a file; a
    serial run keeps the order of the files too."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    slow_files = {
        item.nodeid.split("::")[0]
        for item in items
        if any(mark.name in ("slow", "browser") for mark in item.iter_markers())
    }
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in slow_files)  # stable


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
