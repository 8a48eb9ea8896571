"""The basket fork (shop.basket) loads its lines in three queries, whatever their
number, prices them exactly as Oscar's basket did, and an add keeps the loaded lines."""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.test import Client
from django.test.client import RequestFactory
from django.urls import reverse
from oscar.apps.basket.abstract_models import AbstractBasket
from oscar.core.loading import get_model
from oscar.test.factories import create_offer

from catalog.partner.strategy import Default
from shop.basket.applicator import Applicator
from shop.basket.selectors import products_to_add
from tests.catalog.factories import SellerFactory, product_create

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def basket_of(products):
    basket = Basket.objects.create()
    basket.strategy = Default()
    for product in products:
        basket.add_product(product, 2)
    return basket


def fresh(basket):
    again = Basket.objects.get(pk=basket.pk)
    again.strategy = Default()
    return again


def variant_create(seller, title):
    """A child product (a variant) of a public parent, sold by ``seller``."""
    parent = product_create(seller=seller, title=f"{title} (mẫu)")
    StockRecord.objects.filter(product=parent).delete()
    Product.objects.filter(pk=parent.pk).update(structure=Product.PARENT)
    child = Product.objects.create(structure=Product.CHILD, parent=parent, title=title)
    StockRecord.objects.create(
        product=child,
        partner=seller,
        partner_sku=f"SKU-C-{child.pk}",
        price_currency="VND",
        price=99000,
        num_in_stock=5,
    )
    return child


def read_everything(basket):
    """What pricing, shipping per seller and the basket page read of each line."""
    return [
        (
            line.purchase_info.availability.is_available_to_buy,
            line.unit_price_incl_tax,
            line.stockrecord.partner.name,
            line.product.get_product_class().track_stock,
            line.product.primary_image(),
            list(line.attributes.all()),
            line.description,
        )
        for line in basket.all_lines()
    ]


def test_lines_cost_three_queries_for_one_line_or_many(
    site_tree, seller, django_assert_num_queries
):
    one = basket_of([product_create(seller=seller, title="Mật ong bạc hà")])
    products = [product_create(seller=SellerFactory(), title=f"Sản phẩm {i}") for i in range(6)]
    many = basket_of(products)
    variants = [variant_create(SellerFactory(), f"Trà xanh {i}") for i in range(3)]
    with_variants = basket_of(products + variants)
    # A fourth query reads the parents' pictures when there are variants.
    for basket, queries in ((one, 3), (many, 3), (basket_of(variants[:1]), 4), (with_variants, 4)):
        basket = fresh(basket)
        with django_assert_num_queries(queries):
            rows = read_everything(basket)
        assert all(available for available, *_ in rows)


def test_prices_and_availability_are_oscars(site_tree, seller):
    """The same answers as Oscar's own line loading (no prefetching) for every line."""
    products = [
        product_create(seller=seller, title="Cà phê"),
        product_create(seller=SellerFactory(status="suspended"), title="Bánh tráng"),
        variant_create(SellerFactory(), "Trà xanh 100g"),
    ]
    basket = fresh(basket_of(products))
    ours = read_everything(basket)
    basket._lines = AbstractBasket.all_lines(fresh(basket))  # Oscar's queryset
    assert read_everything(basket) == ours
    assert [available for available, *_ in ours] == [True, False, True]


def test_counts_read_the_loaded_lines(site_tree, seller):
    first, second = (product_create(seller=seller, title=f"Gạo {i}") for i in range(2))
    basket = basket_of([first, second, first])
    basket = fresh(basket)
    assert basket.num_lines == Line.objects.filter(basket=basket).count() == 2
    assert basket.product_quantity(first) == 4 and basket.product_quantity(second) == 2
    assert Basket().num_lines == 0 and Basket().product_quantity(first) == 0


def test_adding_again_updates_the_loaded_line_and_the_database(site_tree, seller):
    first, second = (product_create(seller=seller, title=f"Gạo {i}") for i in range(2))
    basket = fresh(basket_of([first, second]))
    total_before = basket.total_incl_tax
    line, created = basket.add_product(first, 3)
    assert not created and line.quantity == 5
    assert Line.objects.get(pk=line.pk).quantity == 5
    assert basket.total_incl_tax == fresh(basket).total_incl_tax == total_before + 3 * 185000


def test_after_an_add_the_next_change_reads_the_database_again(site_tree, seller):
    """The lines kept by an in-place add survive one reset only (the add view's messages);
    a later change (the basket form deleting a line) is read from the database."""
    first, second = (product_create(seller=seller, title=f"Gạo {i}") for i in range(2))
    basket = fresh(basket_of([first, second]))
    basket.all_lines()
    basket.add_product(first, 1)
    basket.reset_offer_applications()
    assert basket.num_lines == 2
    Line.objects.filter(product=second).delete()
    basket.reset_offer_applications()
    assert basket.num_lines == 1


def test_a_new_product_gets_a_new_line(client, site_tree, seller):
    first, second = (product_create(seller=seller, title=f"Gạo {i}") for i in range(2))
    for product in (first, second, first):
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert sorted(Line.objects.values_list("product__title", "quantity")) == [
        ("Gạo 0", 2),
        ("Gạo 1", 1),
    ]


def test_add_view_knows_the_options_as_oscar_does(site_tree, seller):
    plain = product_create(seller=seller, title="Không tuỳ chọn")
    engraved = product_create(seller=seller, title="Có tuỳ chọn")
    option = Option.objects.create(name="Lời chúc", code="loi-chuc")
    engraved.product_options.add(option)
    with_class = ProductClass.objects.create(name="Quà tặng", slug="qua-tang")
    with_class.options.add(option)
    gift = product_create(seller=seller, title="Hộp quà")
    Product.objects.filter(pk=gift.pk).update(product_class=with_class)
    variant = variant_create(seller, "Hộp quà nhỏ")
    Product.objects.filter(pk=variant.parent_id).update(product_class=with_class)
    for product in (plain, engraved, gift, variant):
        ours = products_to_add().get(pk=product.pk)
        assert ours.has_options == Product.objects.get(pk=product.pk).options.exists()


def test_options_are_read_only_when_a_line_has_some(site_tree, seller, django_assert_num_queries):
    option = Option.objects.create(name="Lời chúc", code="loi-chuc")
    engraved = product_create(seller=seller, title="Có tuỳ chọn")
    plain = product_create(seller=seller, title="Không tuỳ chọn")
    basket = basket_of([plain])
    basket.add_product(engraved, 1, [{"option": option, "value": "Chúc mừng"}])
    basket = fresh(basket)
    with django_assert_num_queries(5):  # two more read the options and their names
        rows = read_everything(basket)
    assert [[a.value for a in attributes] for *_, attributes, _ in rows] == [[], ["Chúc mừng"]]


def loaded(basket):
    basket = fresh(basket)
    basket.all_lines()
    return basket


def test_a_new_line_joins_the_loaded_lines(site_tree, seller, django_assert_num_queries):
    first, second = (product_create(seller=seller, title=f"Gạo {i}") for i in range(2))
    basket = loaded(basket_of([first]))
    second = products_to_add().get(pk=second.pk)  # as the add view reads it
    line, created = basket.add_product(second, 3)
    assert created and Line.objects.get(pk=line.pk).quantity == 3
    basket.reset_offer_applications()  # as the add view's messages do
    with django_assert_num_queries(0):
        assert [each.product_id for each in basket.all_lines()] == [first.pk, second.pk]
        assert basket.num_lines == 2 and basket.product_quantity(second) == 3
        assert basket.total_incl_tax == 5 * 185000
        assert list(line.attributes.all()) == []
    assert basket.total_incl_tax == fresh(basket).total_incl_tax
    basket.reset_offer_applications()  # a later change reads the database again
    Line.objects.filter(product=first).delete()
    assert basket.num_lines == 1


def test_a_line_created_meanwhile_is_added_to_not_doubled(site_tree, seller):
    """Another request (same basket) created the line after this one read the lines: the
    database refuses a second line, and the quantities add up on the one line."""
    first, second = (product_create(seller=seller, title=f"Gạo {i}") for i in range(2))
    basket = loaded(basket_of([first]))
    other = fresh(basket)
    other.add_product(second, 2)
    line, created = basket.add_product(second, 1)
    assert not created and line.quantity == 3
    assert list(Line.objects.filter(product=second).values_list("quantity", flat=True)) == [3]
    assert basket.num_lines == 2


def test_the_first_add_saves_the_basket_without_reading_lines(
    site_tree, seller, django_assert_num_queries
):
    product = products_to_add().get(pk=product_create(seller=seller, title="Gạo").pk)
    basket = Basket()
    basket.strategy = Default()
    with django_assert_num_queries(4):  # the basket, then the line in a savepoint
        line, created = basket.add_product(product, 2)
    assert created and basket.id and Line.objects.get(basket=basket).quantity == 2
    assert basket.num_lines == 1


def test_offers_still_apply_when_adding(client, site_tree, seller):
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    Condition = get_model("offer", "Condition")
    Range = get_model("offer", "Range")
    everything = Range.objects.create(name="Tất cả", includes_all_products=True)
    create_offer(
        name="Mua hai giảm 20%",
        product_range=everything,
        condition=Condition.objects.create(range=everything, type=Condition.COUNT, value=2),
    )
    assert ConditionalOffer.active.count() == 1
    first, second = (product_create(seller=seller, title=f"Gạo {i}") for i in range(2))
    client.post(reverse("basket:add", kwargs={"pk": first.pk}), {"quantity": 1})
    response = client.post(reverse("basket:add", kwargs={"pk": second.pk}), {"quantity": 1})
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Mua hai giảm 20%" in said  # the offer gained, told after the add
    basket = client.get(reverse("basket:summary")).context["basket"]
    assert basket.total_discount == 2 * 185000 * 20 / 100


def test_offers_are_read_once_per_request(site_tree, django_assert_num_queries):
    basket, visitor = Basket.objects.create(), AnonymousUser()
    request = RequestFactory().get("/")
    with django_assert_num_queries(2):  # the basket's vouchers, the site's offers
        Applicator().get_offers(basket, visitor, request)
        Applicator().get_offers(basket, visitor, request)
    with django_assert_num_queries(2):
        Applicator().get_offers(basket, visitor, RequestFactory().get("/"))


@pytest.mark.django_db(transaction=True)
def test_concurrent_adds_of_a_new_product_make_one_line(site_tree, seller):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent transactions (bin/test starts one)")
    first, second = (product_create(seller=seller, title=f"Gạo {i}") for i in range(2))
    client = Client()
    client.post(reverse("basket:add", kwargs={"pk": first.pk}), {"quantity": 1})
    clients = []
    for _ in range(6):  # the same visitor's basket, in six tabs
        tab = Client()
        tab.cookies = client.cookies
        clients.append(tab)
    barrier = threading.Barrier(len(clients))
    statuses = [None] * len(clients)

    def add(i, tab):
        try:
            barrier.wait()
            statuses[i] = tab.post(
                reverse("basket:add", kwargs={"pk": second.pk}), {"quantity": 1}
            ).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302] * 6  # no error page
    # One line, never two, and every tab's addition counted.
    quantities = list(Line.objects.filter(product=second).values_list("quantity", flat=True))
    assert quantities == [6]
