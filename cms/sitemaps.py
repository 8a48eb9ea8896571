"""sitemap.xml: only what a buyer may see (approved products of approved sellers, public
categories, approved sellers, the home page), in both languages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.selectors import public_products


class _Bilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class HomeSitemap(_Bilingual):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse("wagtail_serve", args=[""])


class ProductSitemap(_Bilingual):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return public_products().order_by("pk").only("pk", "slug", "date_updated")

    def lastmod(self, product):
        return product.date_updated


class CategorySitemap(_Bilingual):
    def items(self):
        return get_model("catalogue", "Category").objects.filter(is_public=True).order_by("path")


class SellerSitemap(_Bilingual):
    def items(self):
        Partner = get_model("partner", "Partner")
        return (
            Partner.objects.filter(
                status=Partner.Status.APPROVED,
                stockrecords__product__in=public_products().values("pk"),
            )
            .distinct()
            .order_by("pk")
        )


SITEMAPS = {
    "home": HomeSitemap,
    "products": ProductSitemap,
    "categories": CategorySitemap,
    "sellers": SellerSitemap,
}
