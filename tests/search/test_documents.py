"""The documents the index holds (``search.documents``): what buyers see of a product and a
seller, read in a fixed number of queries however many products there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from search.documents import product_documents, seller_documents
from search.services import products_reindex
from tests.catalog.factories import SellerFactory, product_create
from tests.shop.factories import order_create

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
MarketplaceLink = get_model("catalogue", "MarketplaceLink")
MarketplaceClick = get_model("catalogue", "MarketplaceClick")

pytestmark = pytest.mark.django_db


def test_documents_hold_what_buyers_see(database_backend, seller):
    today = datetime.date.today()
    coffee = product_create(
        seller=seller,
        title="Cà phê Robusta",
        price=185000,
        stock=10,
        description="<p>Rang mộc tại <b>Buôn Ma Thuột</b></p>",
    )
    cheaper = SellerFactory(name="Tổ hợp tác Cư M'gar", kind="startup")
    StockRecord.objects.create(
        product=coffee,
        partner=cheaper,
        partner_sku="TH-1",
        price_currency="VND",
        price=150000,
        num_in_stock=0,
    )
    expired = product_create(
        seller=seller,
        title="Cà phê hết hạn chứng nhận",
        stars=4,
        valid_from=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=1),
    )
    hidden = product_create(seller=seller, title="Cà phê nháp", is_public=False)
    link = MarketplaceLink.objects.create(
        product=coffee, marketplace="tiki", url="https://tiki.vn/ca-phe-p1.html"
    )
    MarketplaceClick.objects.bulk_create([MarketplaceClick(link=link) for _ in range(2)])
    order_create(coffee, quantity=3)

    docs = {d.id: d for d in product_documents([coffee.pk, expired.pk, hidden.pk])}
    assert set(docs) == {coffee.pk, expired.pk}
    doc = docs[coffee.pk]
    assert doc.group_codes == ["1", "1.9"]
    assert (doc.price, doc.seller_id, doc.seller_kind) == (150000, cheaper.pk, "startup")
    assert doc.in_stock  # the other record has stock
    assert doc.stars == 4 and docs[expired.pk].stars is None
    assert doc.marketplaces == ["tiki"]
    assert doc.popularity == 3 + 2  # units sold plus clicks
    assert doc.title_folded == "ca phe robusta"
    for words in ("buon ma thuot", "dak lak", "cu m'gar", "ca phe va ca cao"):
        assert words in doc.body_folded
    assert "<" not in doc.body_folded
    assert doc.url == f"/shop/catalogue/ca-phe-robusta_{coffee.pk}/"

    (seller_doc,) = seller_documents([seller.pk])
    assert (seller_doc.title, seller_doc.product_count) == ("HTX Cà phê Ea Tu", 2)


def test_documents_cost_the_same_queries_for_10_or_50_products(database_backend, seller):
    def queries(build) -> int:
        with CaptureQueriesContext(connection) as ctx:
            list(build())
        return len(ctx.captured_queries)

    sellers = [seller, SellerFactory(), SellerFactory()]
    for n in range(10):
        product_create(seller=sellers[n % 3], title=f"Sản phẩm {n}")
    ten = (queries(product_documents), queries(seller_documents))
    ids = list(Product.objects.values_list("pk", flat=True))
    ten_by_id = queries(lambda: product_documents(ids))
    for n in range(40):
        product_create(seller=sellers[n % 3], title=f"Sản phẩm thêm {n}")
        sellers.append(SellerFactory())
    assert len(list(product_documents())) == 50
    assert (queries(product_documents), queries(seller_documents)) == ten
    ids = list(Product.objects.values_list("pk", flat=True))
    assert queries(lambda: product_documents(ids)) == ten_by_id
    # Rewriting them all costs a fixed number of statements too.
    with CaptureQueriesContext(connection) as ctx:
        products_reindex(ids)
    assert len(ctx.captured_queries) < 40
