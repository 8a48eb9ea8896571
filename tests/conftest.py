"""Shared fixtures. Reference data (provinces, OCOP groups, Viet Nam, payment types) and the
bilingual home page are created by the same services the deployment uses."""

import os
import time

import pytest

from tests.catalog.factories import SellerFactory, product_create


def pytest_report_header(config):
    url = os.environ.get("DATABASE_URL", "sqlite (default)")
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    if os.environ.get("TEST_DATABASE_TEMPLATE"):
        engine += f" (test databases copied from {os.environ['TEST_DATABASE_TEMPLATE']})"
    return [f"database: {engine}", f"CI: {os.environ.get('CI', 'false')}"]


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or (
        "django_db_setup" in getattr(item, "fixturenames", ())
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """The order of the files in a parallel run (bin/test: pytest-xdist, whole files per
    process, handed out in this order with --no-loadscope-reorder): first those that need no
    database, run while bin/test migrates the template the test databases are copied from,
    the slow ones (marked slow or browser: they start processes or a browser) before the others;
    then the slow ones that need a database, then the rest. The longest (the run command's
    test, minutes) runs beside the rest instead of last and alone. Tests keep their order
    within a file; a serial run keeps the files in their order too."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    slow_files, database_files = set(), set()
    for item in items:
        path = item.nodeid.split("::")[0]
        if any(mark.name in ("slow", "browser") for mark in item.iter_markers()):
            slow_files.add(path)
        if _uses_database(item):
            database_files.add(path)

    def rank(item):
        path = item.nodeid.split("::")[0]
        return (path in database_files, path not in slow_files)

    items.sort(key=rank)  # stable: the order within a rank is kept


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """bin/test migrates the template the test databases are copied from while pytest starts
    (config/settings/test.py): the first test that needs a database waits here until it is
    done. The file TEST_DATABASE_TEMPLATE_STATUS appears, whole, saying ready or failed."""
    status_file = os.environ.get("TEST_DATABASE_TEMPLATE_STATUS")
    if not status_file:
        return
    deadline = time.monotonic() + 20 * 60
    while not os.path.exists(status_file):
        if time.monotonic() > deadline:
            pytest.exit("the template test database was not migrated within 20 minutes", 3)
        time.sleep(0.2)
    with open(status_file, encoding="utf-8") as status:
        if status.read().strip() != "ready":
            pytest.exit("the migrations failed on PostgreSQL: bin/test prints their output", 3)


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
