"""sitemap.xml: only what a buyer may see, in both languages, with each address's other
language as an alternate and the date it last changed.

``/sitemap.xml`` is the index (what robots.txt names); each section is its own file
(``/sitemap-products.xml``, paged by ``?p=`` past ``limit`` items), so 100,000 products never
make one response. Sections: live public Wagtail pages of every locale (whatever their page
type), approved products of approved sellers, public categories, approved sellers, public
startups, pitches with an approved version, announced expos. Addresses are absolute from
``SITE_URL`` (``core.siteurl``), as the pages' canonical links are.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.models import Page

from catalog.selectors import public_products
from core.siteurl import site_domain, site_url
from startups.models import Expo
from startups.selectors import public_startups, qr_public_pitches


class _OurSite(Sitemap):
    """Addresses on ``SITE_URL``'s scheme and host, whatever the request came in on."""

    limit = 5000

    @property
    def protocol(self):
        return urlsplit(site_url()).scheme or "https"

    def get_domain(self, site=None):
        return site_domain()

    def latest(self):
        """The newest ``lastmod`` of the section, in one query (the index shows it)."""
        return None

    def get_latest_lastmod(self):
        return self.latest()


class _Bilingual(_OurSite):
    """Each item in Vietnamese and English (Django reverses its address in each language),
    with the other language and x-default (Vietnamese) as alternates."""

    i18n = True
    alternates = True
    x_default = True


class PageSitemap(_OurSite):
    """Live public Wagtail pages in every locale, whatever their type (home, standard,
    campaign, news...): each page's address is its own locale's, and the translations of a
    page (same ``translation_key``) are its alternates. Two queries."""

    changefreq = "daily"

    def items(self):
        pages = list(
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .select_related("locale")
            .order_by("path")
            .only(
                "pk", "path", "depth", "url_path", "translation_key", "locale", "last_published_at"
            )
        )
        shown = []
        self._translations = {}
        for page in pages:
            url = page.get_url()
            if not url:  # outside every site
                continue
            page.sitemap_url = url
            shown.append(page)
            self._translations.setdefault(page.translation_key, []).append(
                (page.locale.language_code, url)
            )
        return shown

    def location(self, page):
        return page.sitemap_url

    def lastmod(self, page):
        return page.last_published_at

    def priority(self, page):
        return 1.0 if page.depth == 2 else None

    def latest(self):
        return Page.objects.live().public().aggregate(m=Max("last_published_at"))["m"]

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            versions = self._translations.get(url["item"].translation_key, [])
            if len(versions) < 2:
                continue
            alternates = [
                {"location": f"{protocol}://{domain}{path}", "lang_code": code}
                for code, path in versions
            ]
            default = next(
                (a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE), None
            )
            if default:
                alternates.append({"location": default["location"], "lang_code": "x-default"})
            url["alternates"] = alternates
        return urls


class ProductSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return public_products().order_by("pk").only("pk", "slug", "date_updated")

    def lastmod(self, product):
        return product.date_updated

    def latest(self):
        return public_products().aggregate(m=Max("date_updated"))["m"]


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


class StartupSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return public_startups().order_by("pk").only("pk", "slug", "updated")

    def location(self, startup):
        return reverse("startups:startup-detail", kwargs={"slug": startup.slug})

    def lastmod(self, startup):
        return startup.updated

    def latest(self):
        return public_startups().aggregate(m=Max("updated"))["m"]


class PitchSitemap(_Bilingual):
    """Pitches the public may read: an approved version, of a public startup."""

    def items(self):
        return (
            qr_public_pitches()
            .select_related("startup", "published_version")
            .only("pk", "slug", "startup__slug", "published_version__approved_at")
            .order_by("pk")
        )

    def location(self, pitch):
        return reverse(
            "startups:pitch-detail", kwargs={"slug": pitch.startup.slug, "pitch_slug": pitch.slug}
        )

    def lastmod(self, pitch):
        return pitch.published_version.approved_at

    def latest(self):
        return qr_public_pitches().aggregate(m=Max("published_version__approved_at"))["m"]


class ExpoSitemap(_Bilingual):
    """Announced expos (drafts are only their organisers' previews)."""

    changefreq = "daily"

    def items(self):
        return Expo.objects.filter(published=True).order_by("pk").only("pk", "slug", "updated")

    def location(self, expo):
        return reverse("startups:expo-lobby", kwargs={"slug": expo.slug})

    def lastmod(self, expo):
        return expo.updated

    def latest(self):
        return Expo.objects.filter(published=True).aggregate(m=Max("updated"))["m"]


SITEMAPS = {
    "pages": PageSitemap,
    "products": ProductSitemap,
    "categories": CategorySitemap,
    "sellers": SellerSitemap,
    "startups": StartupSitemap,
    "pitches": PitchSitemap,
    "expos": ExpoSitemap,
}
