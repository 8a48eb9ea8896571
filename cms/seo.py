"""JSON-LD of our pages (schema.org types search engines read): the site's Organization,
Product with its Offer in VND, a startup (Organization), a pitch (CreativeWork), an expo and
its sessions (Event, online), each a plain dict built from what the page already loaded:
no builder here runs a query (the product's review count only where it has a rating).

Only what the page itself shows the public goes in; ``core.seo.jsonld_script`` writes the
dicts into the page safely. The template tags are in ``cms/templatetags/seo_tags.py``.
"""

from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from core.seo import SCHEMA, absolute, iso_datetime, plain_text, site_logo
from core.siteurl import SITE_NAME, site_url
from startups.selectors import shown_text

# Pages only their people see (behind a login, or a visitor's own basket and orders), in
# every language (after the /en/ prefix): robots.txt keeps crawlers out, the pages say noindex.
PRIVATE_PATHS = (
    "shop/dashboard/",
    "shop/basket/",
    "shop/checkout/",
    "shop/accounts/",
    "shop/orders/",
    "shop/payments/",
    "union/",
)
ONLINE = f"{SCHEMA}/OnlineEventAttendanceMode"
IN_STOCK, OUT_OF_STOCK = f"{SCHEMA}/InStock", f"{SCHEMA}/OutOfStock"


def site_name() -> str:
    return getattr(settings, "OSCAR_SHOP_NAME", "") or SITE_NAME


def site_organization_ref() -> dict:
    """The site (the union's marketplace) as the publisher or organiser of something."""
    return {"@type": "Organization", "name": site_name(), "url": site_url() + "/"}


def site_organization() -> dict:
    """The home page's Organization: the union's marketplace, its address and logo."""
    return {"@context": SCHEMA, **site_organization_ref(), "logo": site_logo()}


def _number(value):
    """A price as a JSON number: whole đồng as an integer."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def product(product, purchase_info, *, url: str, category=None) -> dict:
    """Product with an Offer of the seller the strategy picked (``purchase_info``, Oscar's),
    in VND, in or out of stock; an AggregateRating only where approved reviews exist.
    ``category``: the OCOP group the page shows (it costs a query to find again). The names and
    the description are the page's language's: the English ones where written."""
    images = [absolute(image.original.url) for image in product.get_all_images() if image.original]
    titled = product.parent if not product.title and product.parent_id else product  # get_title
    data = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": _text(titled, "title"),
        "url": absolute(url),
    }
    if images:
        data["image"] = images
    description = plain_text(_text(product, "description"), 5000)
    if description:
        data["description"] = description
    if category is not None:
        data["category"] = _text(category, "name")
    price = purchase_info.price if purchase_info else None
    stockrecord = purchase_info.stockrecord if purchase_info else None
    if price is not None and price.exists and stockrecord is not None:
        amount = price.incl_tax if price.is_tax_known else price.excl_tax
        data["sku"] = stockrecord.partner_sku
        offer = {
            "@type": "Offer",
            "url": absolute(url),
            "price": _number(amount),
            "priceCurrency": price.currency or settings.OSCAR_DEFAULT_CURRENCY,
            "availability": IN_STOCK
            if purchase_info.availability.is_available_to_buy
            else OUT_OF_STOCK,
            "itemCondition": f"{SCHEMA}/NewCondition",
        }
        seller = stockrecord.partner
        offer["seller"] = {
            "@type": "Organization",
            "name": _text(seller, "name"),
            "url": absolute(seller.get_absolute_url()),
        }
        data["offers"] = offer
    if product.rating is not None:
        count = product.num_approved_reviews
        if count:
            data["aggregateRating"] = {
                "@type": "AggregateRating",
                "ratingValue": round(float(product.rating), 1),
                "reviewCount": count,
                "bestRating": 5,
                "worstRating": 1,
            }
    return data


def startup(startup, texts, *, links=()) -> dict:
    """A public startup as an Organization (``texts``: its page's name and tagline in the
    page's language; ``links``: its https links)."""
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": str(texts["name"]),
        "url": absolute(reverse("startups:startup-detail", kwargs={"slug": startup.slug})),
    }
    if startup.logo:
        data["logo"] = absolute(startup.logo.url)
    if str(texts.get("tagline", "")):
        data["description"] = plain_text(texts["tagline"])
    if startup.founded_year:
        data["foundingDate"] = str(startup.founded_year)
    if startup.province_id:
        data["address"] = {
            "@type": "PostalAddress",
            "addressRegion": startup.province.name,
            "addressCountry": "VN",
        }
    same_as = [url for _label, url in links if url]
    if same_as:
        data["sameAs"] = same_as
    return data


def seller(partner, *, logo: str = "") -> dict:
    """A seller's page as an Organization: its name and story in the page's language (the
    English ones where written), where it is, since when; ``logo``: its public startup's."""
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": _text(partner, "name"),
        "url": absolute(partner.get_absolute_url()),
    }
    if partner.legal_name:
        data["legalName"] = partner.legal_name
    description = plain_text(_text(partner, "description"))
    if description:
        data["description"] = description
    if logo:
        data["logo"] = absolute(logo)
    if partner.founded_year:
        data["foundingDate"] = str(partner.founded_year)
    if partner.province_id:
        data["address"] = {
            "@type": "PostalAddress",
            "addressRegion": partner.province.name,
            "addressCountry": "VN",
        }
    return data


def pitch(pitch, content: dict, *, startup_name: str) -> dict:
    """A pitch's approved version as a CreativeWork by its startup."""
    startup = pitch.startup
    url = reverse("startups:pitch-detail", kwargs={"slug": startup.slug, "pitch_slug": pitch.slug})
    data = {
        "@context": SCHEMA,
        "@type": "CreativeWork",
        "name": content.get("title") or pitch.title,
        "headline": plain_text(content.get("title") or pitch.title, 110),
        "url": absolute(url),
        "inLanguage": settings.LANGUAGE_CODE,  # pitches are written in Vietnamese
        "author": {
            "@type": "Organization",
            "name": startup_name,
            "url": absolute(reverse("startups:startup-detail", kwargs={"slug": startup.slug})),
        },
        "publisher": site_organization_ref(),
    }
    version = pitch.published_version
    if version is not None:
        data["datePublished"] = iso_datetime(version.approved_at)
    description = plain_text(content.get("problem", ""))
    if description:
        data["description"] = description
    if startup.logo:
        data["image"] = absolute(startup.logo.url)
    return data


def _text(obj, field: str) -> str:
    return shown_text(obj, field, get_language() or "").value


def _organizer(expo) -> dict:
    return {"@type": "Organization", "name": expo.unit.name, "url": site_url() + "/"}


def session_event(session, *, expo, title: str = "", description: str = "") -> dict:
    """One session of an expo, online, on its own page."""
    url = absolute(
        reverse("startups:expo-session", kwargs={"slug": expo.slug, "session_pk": session.pk})
    )
    data = {
        "@type": "Event",
        "name": title or _text(session, "title"),
        "startDate": iso_datetime(session.starts_at),
        "endDate": iso_datetime(session.ends_at),
        "eventAttendanceMode": ONLINE,
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "location": {"@type": "VirtualLocation", "url": url},
        "url": url,
        "organizer": _organizer(expo),
    }
    text = plain_text(description)
    if text:
        data["description"] = text
    return data


def expo_url(expo) -> str:
    return absolute(reverse("startups:expo-lobby", kwargs={"slug": expo.slug}))


def expo_event(expo, *, sessions=(), image: str = "") -> dict:
    """An expo as an online Event whose sub-events are its sessions (``sessions``: the
    lobby's session rows, each with ``session`` and its shown ``title``)."""
    url = expo_url(expo)
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": _text(expo, "title"),
        "startDate": iso_datetime(expo.opens_at),
        "endDate": iso_datetime(expo.closes_at),
        "eventAttendanceMode": ONLINE,
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "location": {"@type": "VirtualLocation", "url": url},
        "url": url,
        "isAccessibleForFree": True,
        "organizer": _organizer(expo),
    }
    description = plain_text(_text(expo, "theme") or _text(expo, "description"))
    if description:
        data["description"] = description
    if image:
        data["image"] = [absolute(image)]
    sub = [session_event(row.session, expo=expo, title=str(row.title)) for row in sessions]
    if sub:
        data["subEvent"] = sub
    return data


def news_article(page, *, image_url: str = "") -> dict:
    """A news page as a NewsArticle: headline (its title), summary, date, author, its
    picture (``image_url``, a rendition the template made), the site as publisher.

    Reads the page's own fields by name (``author``, ``date``, ``summary``; absent ones are
    left out), so any article-like page type may use it:
    ``{% jsonld_news_article page pic.url %}`` inside ``{% block jsonld %}``."""
    url = absolute(page.get_url() or "")
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": plain_text(page.seo_title or page.title, 110),
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": page.locale.language_code if page.locale_id else settings.LANGUAGE_CODE,
        "publisher": {**site_organization_ref(), "logo": site_logo()},
    }
    date = getattr(page, "date", None) or page.first_published_at
    if date is not None:
        data["datePublished"] = iso_datetime(date) if hasattr(date, "hour") else date.isoformat()
    if page.last_published_at:
        data["dateModified"] = iso_datetime(page.last_published_at)
    author = str(getattr(page, "author", "") or "").strip()
    data["author"] = {"@type": "Person", "name": author} if author else site_organization_ref()
    summary = plain_text(getattr(page, "summary", "") or page.search_description)
    if summary:
        data["description"] = summary
    if image_url:
        data["image"] = [absolute(image_url)]
    return data
