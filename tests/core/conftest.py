"""Fixtures of the page cache's tests."""

import pytest

from search.services import index_rebuild
from tests.catalog.factories import product_create


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as a committed transaction would: its after-commit callbacks run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def coffee(site_tree, seller, committed):
    """A coffee of the seller (185.000 ₫, 10 in stock, 4 stars, group 1.1), committed and
    indexed."""
    with committed():
        product = product_create(
            seller=seller,
            title="Cà phê Robusta rang mộc Ea Tu 500g",
            price=185000,
            stock=10,
            stars=4,
            group="1.1",
        )
        index_rebuild()
    return product


@pytest.fixture
def card_renders(monkeypatch):
    """How many product cards were built since the last look (then counts afresh)."""
    from catalog.templatetags import product_cards

    built = []
    real = product_cards.product_card_html

    def counting(request, product):
        built.append(product.pk)
        return real(request, product)

    monkeypatch.setattr(product_cards, "product_card_html", counting)

    def count(_response) -> int:
        n = len(built)
        built.clear()
        return n

    return count
