"""The demo catalogue's records, read from the JSON files in ``cms/demo/data/``.

The texts were written for this project's demo and are fictional: the sellers, their legal
names, founding years and phone numbers are invented; any resemblance to a real business is
coincidental. Product kinds, regions and provinces follow real Vietnamese regional
specialities and the 34 provinces and cities in force after the 2025 merger (GSO codes).

``sellers.json``
    ``{"source": ..., "sellers": [...]}``; each seller has a unique ``code``.
``startups.json``
    ``{"source": ..., "startups": [...]}``: the startup of a seller (``seller`` is its
    ``code``), its team (``age`` in years, so the year of birth follows the year it is loaded),
    awards, whether the Đắk Lắk demo officer verifies it, and an optional pitch (traction and
    milestones dated in months from the day it is loaded) that the officer approves.
``expos.json``
    ``{"source": ..., "expos": [...]}``: an expo of a province's youth union unit (``unit`` its
    GSO code; the title is unique, the site makes the address from it), its days counted from the day the demo is loaded (``opens_day`` -1: it opened
    yesterday) with times of day in Asia/Ho_Chi_Minh, its halls (each with a ``key`` the booths
    and sessions name), the booths of demo startups (``seller`` a code; ``products`` SKUs of
    that seller's own products; ``offer_percent`` off its products with a voucher of the
    booth, 0 without an offer) and the sessions (``startups`` booths' seller codes).
``site.json``
    ``{"source": ..., "news": {...}, "campaign": {...}, "settings": {...}}``: the news index
    and its articles (dated ``days_ago`` before the day it is loaded, relating products by
    SKU), the campaign landing page (its blocks in Vietnamese and English, as the page's body
    stores them) and the site settings (menu and footer links name a ``page``, news or
    campaign, or a ``route``, one of our URL names).
``products.json``
    ``{"source": ..., "products": [...]}``; each product has a unique ``sku``, ``seller`` is a
    seller's ``code``, ``group`` an OCOP sub-group code (e.g. ``"1.9"``), ``stars`` 3, 4 or 5
    and ``certified_on`` an ISO date, both ``null`` when the product has no OCOP certificate.

The files hold only what was written by hand. What follows from it is computed, not stored:
the certificate number, issuing authority, decision number and validity dates come from
``stars``, ``certified_on``, the province and the product's place in ``site.json``
    ``{"source": ..., "news": {...}, "campaign": {...}, "settings": {...}}``: the news index
    and its articles (dated ``days_ago`` before the day it is loaded, relating products by
    SKU), the campaign landing page (its blocks in Vietnamese and English, as the page's body
    stores them) and the site settings (menu and footer links name a ``page``, news or
    campaign, or a ``route``, one of our URL names).
``products.json``
(``cms.demo.loader.certificate_fields``), so the order of the products is part of the data;
the sellers' bank details come from their place in ``sellers.json`` and their legal name.

Every record is checked on reading: a missing, unknown or mistyped key, a duplicate code or
SKU, or a product of an unknown seller raises ``DemoDataError`` naming the file and the record.
"""

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

DATA_DIR = Path(__file__).resolve().parent / "data"
SELLERS_FILE = DATA_DIR / "sellers.json"
PRODUCTS_FILE = DATA_DIR / "products.json"
STARTUPS_FILE = DATA_DIR / "startups.json"
EXPOS_FILE = DATA_DIR / "expos.json"
SITE_FILE = DATA_DIR / "site.json"

SELLER_KINDS = ("startup", "cooperative", "household")
OCOP_STARS = (3, 4, 5)
PROVINCE_CODE = re.compile(r"\d{2}")
OCOP_GROUP = re.compile(r"[1-6]\.\d{1,2}")


class SellerRecord(TypedDict):
    code: str
    name: str
    legal_name: str
    kind: str  # one of SELLER_KINDS
    province: str  # GSO code
    commune: str
    phone: str
    founded_year: int
    description: str


class ProductRecord(TypedDict):
    sku: str
    title: str
    seller: str  # a SellerRecord code
    group: str  # OCOP sub-group code
    province: str  # GSO code of the origin
    origin_place: str  # "" when the file leaves it out
    price: int  # VND
    stock: int
    stars: int | None
    certified_on: str | None  # ISO date; None exactly when stars is None
    description: str


@dataclass(frozen=True)
class DemoCatalogue:
    sellers: list[SellerRecord]
    products: list[ProductRecord]


_STARTUP_KEYS: dict[str, tuple[type, bool]] = {
    "seller": (str, True),
    "name": (str, True),
    "name_en": (str, True),
    "tagline": (str, True),
    "tagline_en": (str, True),
    "story": (str, True),
    "story_en": (str, True),
    "founded_year": (int, True),
    "sector": (str, True),
    "stage": (str, True),
    "looking_for": (list, True),
    "website": (str, True),
    "facebook": (str, True),
    "team": (list, True),
    "awards": (list, True),
    "verified": (bool, True),
    "pitch": (dict | None, True),
}


STARTUP_OPTIONAL_TEXT = frozenset({"name_en", "tagline_en", "story_en", "website", "facebook"})


class DemoDataError(ValueError):
    """A demo data file that cannot be used, with the file and record at fault."""


# key -> (type, required); bool is never accepted where int is asked for.
_SELLER_KEYS: dict[str, tuple[type, bool]] = {
    "code": (str, True),
    "name": (str, True),
    "legal_name": (str, True),
    "kind": (str, True),
    "province": (str, True),
    "commune": (str, True),
    "phone": (str, True),
    "founded_year": (int, True),
    "description": (str, True),
}
_PRODUCT_KEYS: dict[str, tuple[type, bool]] = {
    "sku": (str, True),
    "title": (str, True),
    "seller": (str, True),
    "group": (str, True),
    "province": (str, True),
    "origin_place": (str, False),
    "price": (int, True),
    "stock": (int, True),
    "stars": (int | None, True),
    "certified_on": (str | None, True),
    "description": (str, True),
}


def demo_catalogue(directory: Path = DATA_DIR) -> DemoCatalogue:
    """Sellers and products from ``directory``, checked together: every product's seller
    must be one of the sellers."""
    sellers_file, products_file = directory / SELLERS_FILE.name, directory / PRODUCTS_FILE.name
    seller_rows = sellers(sellers_file)
    product_rows = products(products_file)
    codes = {row["code"] for row in seller_rows}
    for index, row in enumerate(product_rows):
        if row["seller"] not in codes:
            raise DemoDataError(
                f"{_where(products_file, index, 'sku', row)}: seller {row['seller']!r} is not "
                f"in {sellers_file}"
            )
    return DemoCatalogue(sellers=seller_rows, products=product_rows)


def startups(path: Path = STARTUPS_FILE, *, seller_codes: set[str]) -> list[dict]:
    """The startups in ``path``, in file order; each names a seller of ``seller_codes``, once.
    Their fields are checked again, as a seller's form would, when the loader saves them
    through ``startups.services``."""
    rows = _records(path, "startups")
    for index, row in enumerate(rows):
        _check_keys(path, index, "seller", row, _STARTUP_KEYS, STARTUP_OPTIONAL_TEXT)
        if row["seller"] not in seller_codes:
            raise DemoDataError(
                f"{_where(path, index, 'seller', row)}: seller {row['seller']!r} is not in "
                f"{SELLERS_FILE}"
            )
    _check_unique(path, "seller", rows)
    return rows


_EXPO_KEYS: dict[str, tuple[type, bool]] = {
    "unit": (str, True),
    "title": (str, True),
    "title_en": (str, True),
    "theme": (str, True),
    "theme_en": (str, True),
    "description": (str, True),
    "description_en": (str, True),
    "applications_close_day": (int, True),
    "opens_day": (int, True),
    "opens_time": (str, True),
    "closes_day": (int, True),
    "closes_time": (str, True),
    "passport_goal": (int, True),
    "reward": (str, True),
    "reward_voucher_code": (str, True),
    "reward_text": (str, True),
    "reward_text_en": (str, True),
    "halls": (list, True),
    "booths": (list, True),
    "sessions": (list, True),
}
_HALL_KEYS: dict[str, tuple[type, bool]] = {
    "key": (str, True),
    "name": (str, True),
    "name_en": (str, True),
    "kind": (str, True),
    "ocop_group": (str, True),
}
_BOOTH_KEYS: dict[str, tuple[type, bool]] = {
    "seller": (str, True),
    "hall": (str, True),
    "pitch": (str, True),
    "pitch_en": (str, True),
    "products": (list, True),
    "offer_percent": (int, True),
    "offer_text": (str, True),
    "offer_text_en": (str, True),
    "featured": (bool, True),
}
_SESSION_KEYS: dict[str, tuple[type, bool]] = {
    "kind": (str, True),
    "hall": (str | None, True),
    "title": (str, True),
    "title_en": (str, True),
    "description": (str, True),
    "description_en": (str, True),
    "day": (int, True),
    "starts_time": (str, True),
    "minutes": (int, True),
    "speakers": (str, True),
    "startups": (list, True),
    "stream_url": (str, True),
    "replay_url": (str, True),
}
EXPO_OPTIONAL_TEXT = frozenset(
    {"reward_voucher_code", "reward_text", "reward_text_en", "offer_text", "offer_text_en"}
    | {"ocop_group", "stream_url", "replay_url", "speakers", "description", "description_en"}
)
EXPO_REWARDS = ("none", "voucher", "draw")
HALL_KINDS = ("theme", "ocop", "province")
SESSION_KINDS = ("pitch", "livestream", "talk", "workshop")
TIME_OF_DAY = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def expos(path: Path = EXPOS_FILE, *, product_sellers: dict[str, str]) -> list[dict]:
    """The expos in ``path``, in file order, checked: each booth is of a seller that has
    products (``product_sellers``: SKU -> seller code) and features only that seller's own
    SKUs; halls named by booths and sessions exist; a session's startups have a booth; the
    days come in order (applications close, opening, closing)."""
    rows = _records(path, "expos")
    sellers = set(product_sellers.values())
    for index, row in enumerate(rows):
        _check_keys(path, index, "title", row, _EXPO_KEYS, EXPO_OPTIONAL_TEXT)
        where = _where(path, index, "title", row)
        _check_province(where, row["unit"])
        _check_choice(where, "reward", row["reward"], EXPO_REWARDS)
        for key in ("opens_time", "closes_time"):
            _check_time(where, key, row[key])
        if not row["applications_close_day"] <= row["opens_day"] < row["closes_day"]:
            raise DemoDataError(
                f"{where}: the days must come in order: applications_close_day <= opens_day "
                "< closes_day"
            )
        halls = []
        for number, hall in enumerate(row["halls"]):
            here = f"{where}, hall {number + 1}"
            _check_keys(path, index, "title", hall, _HALL_KEYS, EXPO_OPTIONAL_TEXT, where=here)
            _check_choice(here, "kind", hall["kind"], HALL_KINDS)
            halls.append(hall["key"])
        if not halls or len(set(halls)) != len(halls):
            raise DemoDataError(f"{where}: halls need one key each, none used twice")
        exhibitors = []
        for number, booth in enumerate(row["booths"]):
            here = f"{where}, booth {number + 1}"
            _check_keys(path, index, "title", booth, _BOOTH_KEYS, EXPO_OPTIONAL_TEXT, where=here)
            if booth["seller"] not in sellers:
                raise DemoDataError(f"{here}: seller {booth['seller']!r} has no demo products")
            if booth["hall"] not in halls:
                raise DemoDataError(f"{here}: hall {booth['hall']!r} is not one of {halls}")
            if not booth["products"]:
                raise DemoDataError(f"{here}: products: name at least one SKU to feature")
            for sku in booth["products"]:
                if product_sellers.get(sku) != booth["seller"]:
                    raise DemoDataError(
                        f"{here}: product {sku!r} is not one of {booth['seller']!r}'s products"
                    )
            if not 0 <= booth["offer_percent"] <= 50 or (
                bool(booth["offer_percent"]) != bool(booth["offer_text"].strip())
            ):
                raise DemoDataError(
                    f'{here}: offer_percent (0 to 50) and offer_text go together (0 and "" '
                    "without an offer)"
                )
            exhibitors.append(booth["seller"])
        if len(set(exhibitors)) != len(exhibitors):
            raise DemoDataError(f"{where}: a seller has two booths")
        for number, session in enumerate(row["sessions"]):
            here = f"{where}, session {number + 1}"
            _check_keys(
                path, index, "title", session, _SESSION_KEYS, EXPO_OPTIONAL_TEXT, where=here
            )
            _check_choice(here, "kind", session["kind"], SESSION_KINDS)
            _check_time(here, "starts_time", session["starts_time"])
            if session["hall"] is not None and session["hall"] not in halls:
                raise DemoDataError(f"{here}: hall {session['hall']!r} is not one of {halls}")
            if session["minutes"] <= 0:
                raise DemoDataError(f"{here}: minutes must be more than 0")
            unknown = [code for code in session["startups"] if code not in exhibitors]
            if unknown:
                raise DemoDataError(f"{here}: startups without a booth: {unknown}")
    _check_unique(path, "title", rows)
    return rows


_NEWS_KEYS: dict[str, tuple[type, bool]] = {
    "title": (str, True),
    "slug": (str, True),
    "intro": (str, True),
    "title_en": (str, True),
    "slug_en": (str, True),
    "intro_en": (str, True),
    "articles": (list, True),
}
_ARTICLE_KEYS: dict[str, tuple[type, bool]] = {
    "slug": (str, True),
    "title": (str, True),
    "author": (str, True),
    "days_ago": (int, True),
    "summary": (str, True),
    "tags": (list, True),
    "products": (list, True),
    "group": (str, True),
    "province": (str, True),
    "body": (list, True),
    "hero_alt": (str, True),
}
_CAMPAIGN_KEYS: dict[str, tuple[type, bool]] = {
    "title": (str, True),
    "slug": (str, True),
    "title_en": (str, True),
    "slug_en": (str, True),
    "search_description": (str, True),
    "search_description_en": (str, True),
    "body": (list, True),
    "body_en": (list, True),
}
_SETTINGS_KEYS: dict[str, tuple[type, bool]] = {
    "organisation_name": (str, True),
    "organisation_name_en": (str, True),
    "address": (str, True),
    "phone": (str, True),
    "email": (str, True),
    "facebook": (str, True),
    "zalo": (str, True),
    "youtube": (str, True),
    "tiktok": (str, True),
    "logo_alt": (str, True),
    "logo_alt_en": (str, True),
    "menu": (list, True),
    "footer": (list, True),
}
_LINK_KEYS: dict[str, tuple[type, bool]] = {
    "label": (str, True),
    "label_en": (str, True),
    "page": (str, False),  # one of SITE_PAGES
    "route": (str, False),  # a URL name of ours
}
_COLUMN_KEYS: dict[str, tuple[type, bool]] = {
    "heading": (str, True),
    "heading_en": (str, True),
    "links": (list, True),
}
SITE_PAGES = ("news", "campaign")  # what a menu or footer link's "page" may name


def site_content(path: Path = SITE_FILE, *, product_skus: set[str]) -> dict:
    """The demo's news (an index and its articles, each relating demo products of
    ``product_skus``), the campaign landing page (its body in both languages, as a page's
    StreamField stores it) and the site settings (contact, social networks, menu and footer
    links to those pages or to our views by URL name), checked."""
    document = _document(path)
    if not isinstance(document, dict):
        raise DemoDataError(f"{path}: expected an object")
    for key in ("news", "campaign", "settings"):
        if not isinstance(document.get(key), dict):
            raise DemoDataError(f'{path}: expected an object under "{key}"')
    news, campaign, site = document["news"], document["campaign"], document["settings"]
    _check_keys(path, 0, "slug", news, _NEWS_KEYS, where=f"{path}, news")
    for index, article in enumerate(news["articles"]):
        where = _where(path, index, "slug", article).replace(", record", ", article")
        _check_keys(path, index, "slug", article, _ARTICLE_KEYS, where=where)
        if not OCOP_GROUP.fullmatch(article["group"]):
            raise DemoDataError(f"{where}: group {article['group']!r} is not like '1.9'")
        unknown = [sku for sku in article["products"] if sku not in product_skus]
        if unknown:
            raise DemoDataError(f"{where}: products not in {PRODUCTS_FILE}: {unknown}")
        if not article["body"] or not all(isinstance(p, str) for p in article["body"]):
            raise DemoDataError(f"{where}: body should be a list of HTML paragraphs")
        if article["days_ago"] < 0:
            raise DemoDataError(f"{where}: days_ago {article['days_ago']} is negative")
    _check_unique(path, "slug", news["articles"])
    _check_keys(path, 0, "slug", campaign, _CAMPAIGN_KEYS, where=f"{path}, campaign")
    for key in ("body", "body_en"):
        if not all(isinstance(b, dict) and {"type", "value"} <= set(b) for b in campaign[key]):
            raise DemoDataError(f'{path}, campaign: {key} should be blocks {{"type", "value"}}')
    _check_keys(
        path, 0, "", site, _SETTINGS_KEYS, frozenset(site) - {"logo_alt"}, where=f"{path}, settings"
    )
    links = [("menu", n + 1, link) for n, link in enumerate(site["menu"])]
    for number, column in enumerate(site["footer"]):
        here = f"{path}, settings, footer column {number + 1}"
        _check_keys(path, number, "", column, _COLUMN_KEYS, frozenset({"heading_en"}), where=here)
        links += [
            (f"footer column {number + 1}, link", n + 1, item)
            for n, item in enumerate(column["links"])
        ]
    for what, number, link in links:
        here = f"{path}, settings, {what} {number}"
        _check_keys(path, number, "", link, _LINK_KEYS, frozenset({"label_en"}), where=here)
        if ("page" in link) == ("route" in link):
            raise DemoDataError(f"{here}: give a page or a route, one of them")
        if "page" in link:
            _check_choice(here, "page", link["page"], SITE_PAGES)
    return {"news": news, "campaign": campaign, "settings": site}


def _check_choice(where: str, key: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise DemoDataError(f"{where}: {key} {value!r} is not one of {', '.join(choices)}")


def _check_time(where: str, key: str, value: str) -> None:
    if not TIME_OF_DAY.fullmatch(value):
        raise DemoDataError(f"{where}: {key} {value!r} is not a time of day like '19:30'")


def sellers(path: Path = SELLERS_FILE) -> list[SellerRecord]:
    """The sellers in ``path``, in file order."""
    rows = _records(path, "sellers")
    out: list[SellerRecord] = []
    for index, row in enumerate(rows):
        _check_keys(path, index, "code", row, _SELLER_KEYS)
        where = _where(path, index, "code", row)
        if row["kind"] not in SELLER_KINDS:
            raise DemoDataError(
                f"{where}: kind {row['kind']!r} is not one of {', '.join(SELLER_KINDS)}"
            )
        _check_province(where, row["province"])
        out.append(SellerRecord(**row))
    _check_unique(path, "code", out)
    return out


def products(path: Path = PRODUCTS_FILE) -> list[ProductRecord]:
    """The products in ``path``, in file order (the order numbers their certificates);
    ``origin_place`` is filled in as ``""`` when a record leaves it out."""
    rows = _records(path, "products")
    out: list[ProductRecord] = []
    for index, row in enumerate(rows):
        _check_keys(path, index, "sku", row, _PRODUCT_KEYS)
        where = _where(path, index, "sku", row)
        _check_province(where, row["province"])
        if not OCOP_GROUP.fullmatch(row["group"]):
            raise DemoDataError(
                f"{where}: group {row['group']!r} is not an OCOP sub-group code like '1.9'"
            )
        for key in ("price", "stock"):
            if row[key] < 0:
                raise DemoDataError(f"{where}: {key} {row[key]} is negative")
        stars, certified_on = row["stars"], row["certified_on"]
        if (stars is None) != (certified_on is None):
            raise DemoDataError(
                f"{where}: stars and certified_on go together (both null without a certificate), "
                f"got stars={stars!r}, certified_on={certified_on!r}"
            )
        if stars is not None and stars not in OCOP_STARS:
            raise DemoDataError(f"{where}: stars {stars!r} is not 3, 4 or 5")
        if certified_on is not None:
            try:
                datetime.date.fromisoformat(certified_on)
            except ValueError:
                raise DemoDataError(
                    f"{where}: certified_on {certified_on!r} is not an ISO date (YYYY-MM-DD)"
                ) from None
        out.append(ProductRecord(**{"origin_place": "", **row}))
    _check_unique(path, "sku", out)
    return out


def _records(path: Path, kind: str) -> list[Any]:
    """The list under ``kind`` in the JSON file at ``path``; duplicate keys in an object are
    refused rather than silently keeping the last one."""
    document = _document(path)
    if not isinstance(document, dict) or not isinstance(document.get(kind), list):
        raise DemoDataError(f'{path}: expected an object with a "{kind}" list')
    return document[kind]


def _document(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DemoDataError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise DemoDataError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    except _DuplicateKey as exc:
        raise DemoDataError(f"{path}: key {exc.args[0]!r} appears twice in one object") from None
    return document


class _DuplicateKey(Exception):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _where(path: Path, index: int, key: str, row: Any) -> str:
    """``path, record N (key 'value')``; records are counted from 1, as a person reads."""
    name = row.get(key) if isinstance(row, dict) else None
    label = f" ({key} {name!r})" if isinstance(name, str) else ""
    return f"{path}, record {index + 1}{label}"


def _check_keys(
    path: Path,
    index: int,
    id_key: str,
    row: Any,
    spec: dict[str, tuple[type, bool]],
    may_be_empty: frozenset[str] = frozenset({"origin_place"}),
    *,
    where: str = "",
) -> None:
    where = where or _where(path, index, id_key, row)
    if not isinstance(row, dict):
        raise DemoDataError(f"{where}: expected an object, got {type(row).__name__}")
    missing = [key for key, (_, required) in spec.items() if required and key not in row]
    if missing:
        raise DemoDataError(f"{where}: missing {', '.join(repr(k) for k in missing)}")
    unknown = [key for key in row if key not in spec]
    if unknown:
        raise DemoDataError(f"{where}: unknown {', '.join(repr(k) for k in unknown)}")
    for key, value in row.items():
        expected, _ = spec[key]
        if (isinstance(value, bool) and expected is not bool) or not isinstance(value, expected):
            raise DemoDataError(
                f"{where}: {key} should be {_type_name(expected)}, got {json.dumps(value)}"
            )
        if isinstance(value, str) and key not in may_be_empty and not value.strip():
            raise DemoDataError(f"{where}: {key} is empty")


def _type_name(expected: Any) -> str:
    names = {
        str: "a string",
        int: "a whole number",
        bool: "true or false",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }
    parts = getattr(expected, "__args__", (expected,))
    return " or ".join(names.get(part, part.__name__) for part in parts)


def _check_province(where: str, code: str) -> None:
    if not PROVINCE_CODE.fullmatch(code):
        raise DemoDataError(f"{where}: province {code!r} is not a two-digit GSO code")


def _check_unique(path: Path, key: str, rows: list[Any]) -> None:
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        value = row[key]
        if value in seen:
            raise DemoDataError(
                f"{_where(path, index, key, row)}: {key} {value!r} is already used by "
                f"record {seen[value] + 1}"
            )
        seen[value] = index
