"""Issue 6: the basket fork (shop.basket) loads its lines in four queries, whatever their
number, and prices them exactly as Oscar's basket did."""

import pytest
from django.urls import reverse
from oscar.apps.basket.abstract_models import AbstractBasket
from oscar.core.loading import get_model

from shop.basket.selectors import products_to_add
from shop.partner.strategy import Default
from tests.factories import SellerFactory, product_create

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
    StockRecord.objects.create(product=child, partner=seller, partner_sku=f"SKU-C-{child.pk}",
                               price_currency="VND", price=99000, num_in_stock=5)
    return child


def read_everything(basket):
    """What pricing, shipping per seller and the basket page read of each line."""
    return [(line.purchase_info.availability.is_available_to_buy, line.unit_price_incl_tax,
             line.stockrecord.partner.name, line.product.get_product_class().track_stock,
             line.product.primary_image(), list(line.attributes.all()), line.description)
            for line in basket.all_lines()]


def test_lines_cost_four_queries_for_one_line_or_many(site_tree, seller,
                                                      django_assert_num_queries):
    one = basket_of([product_create(seller=seller, title="Mật ong bạc hà")])
    products = [product_create(seller=SellerFactory(), title=f"Sản phẩm {i}") for i in range(6)]
    many = basket_of(products)
    variants = [variant_create(SellerFactory(), f"Trà xanh {i}") for i in range(3)]
    with_variants = basket_of(products + variants)
    # A fifth query reads the parents' pictures when there are variants.
    for basket, queries in ((one, 4), (many, 4), (basket_of(variants[:1]), 5),
                            (with_variants, 5)):
        basket = fresh(basket)
        with django_assert_num_queries(queries):
            rows = read_everything(basket)
        assert all(available for available, *_ in rows)


def test_prices_and_availability_are_oscars(site_tree, seller):
    """The same answers as Oscar's own line loading (no prefetching) for every line."""
    products = [product_create(seller=seller, title="Cà phê"),
                product_create(seller=SellerFactory(status="suspended"), title="Bánh tráng"),
                variant_create(SellerFactory(), "Trà xanh 100g")]
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
        ("Gạo 0", 2), ("Gạo 1", 1)]


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
