"""Factories of the catalogue: sellers (and their users), OCOP products with stock."""

import datetime
import itertools

import factory
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")
Province = get_model("catalogue", "Province")

_seq = itertools.count(1)


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"HTX Nông sản {n}")
    code = factory.Sequence(lambda n: f"htx-nong-san-{n}")
    kind = "cooperative"
    description = "Hợp tác xã của thanh niên địa phương."
    province = factory.LazyFunction(lambda: Province.objects.get(code="66"))


def product_create(
    *,
    title="Cà phê Robusta rang mộc 500g",
    price=185000,
    stock=10,
    seller=None,
    group="1.9",
    province="66",
    stars=4,
    valid_from=None,
    valid_until=None,
    is_public=True,
    description="",
):
    """A public product in an OCOP sub-group, with one stock record of ``seller``."""
    product_class, _ = ProductClass.objects.get_or_create(
        slug="san-pham",
        defaults={"name": "Sản phẩm", "requires_shipping": True, "track_stock": True},
    )
    today = datetime.date.today()
    certificate = {}
    if stars:
        certificate = {
            "ocop_stars": stars,
            "ocop_certificate_number": f"66-2025-OCOP-{next(_seq):04d}",
            "ocop_issuing_authority": "UBND Tỉnh Đắk Lắk",
            "ocop_decision_number": "1234/QĐ-UBND",
            "ocop_decision_date": valid_from or today - datetime.timedelta(days=100),
            "ocop_valid_from": valid_from or today - datetime.timedelta(days=100),
            "ocop_valid_until": valid_until or today + datetime.timedelta(days=900),
        }
    product = Product.objects.create(
        product_class=product_class,
        title=title,
        description=description,
        origin_province=Province.objects.get(code=province),
        is_public=is_public,
        **certificate,
    )
    product.categories.add(Category.objects.get(ocop_code=group))
    StockRecord.objects.create(
        product=product,
        partner=seller or SellerFactory(),
        partner_sku=f"SKU-{product.pk}",
        price_currency="VND",
        price=price,
        num_in_stock=stock,
    )
    return product


def seller_user_create(*, partner, username):
    """A user who runs ``partner`` in the dashboard (what approval grants)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", "mat-khau-nguoi-ban-2026"
    )
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    partner.users.add(user)
    return user
