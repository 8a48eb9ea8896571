"""One contract for every search backend: what a buyer gets from ``search.api`` whichever engine
serves it. Runs over the database's own backend (SQLite FTS5 or PostgreSQL) always, and over
Elasticsearch when ELASTICSEARCH_URL is set (skipped with the reason otherwise).

The shelf (all public, indexed by a full rebuild):

    robusta  Cà phê Robusta rang mộc Ea Tu 500g  1.9  4★  Đắk Lắk   185.000  cooperative  in stock
    arabica  Cà phê Arabica Cầu Đất 250g         1.9  5★  Lâm Đồng  250.000  startup      sold out
    honey    Mật ong hoa cà phê 500ml            1.4  3★  Đắk Lắk    95.000  startup      in stock  Lazada
    cocoa    Bột ca cao nguyên chất              1.9  –   Đắk Lắk   150.000  cooperative  in stock
    fish     Cá cơm sấy khô                      1.2  3★  An Giang  120.000  household    in stock
    sauce    Đặc sản nước mắm Phú Quốc           1.6  4★  An Giang  1,2 tr.  household    in stock  Shopee, Lazada
    wine     Rượu cần Buôn Đôn                   2.1  –   Đắk Lắk   600.000  cooperative  sold out

and never findable: a product waiting for review, a rejected one, a private one and one of a
suspended seller.
"""

import datetime
import unicodedata

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.services.moderation import product_approve, product_reject
from search import api
from search.services import index_rebuild, products_reindex, sellers_reindex
from tests.catalog.factories import SellerFactory, product_create
from tests.search.conftest import AVAILABLE

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
Province = get_model("catalogue", "Province")
MarketplaceLink = get_model("catalogue", "MarketplaceLink")
MarketplaceClick = get_model("catalogue", "MarketplaceClick")

pytestmark = pytest.mark.django_db


@pytest.fixture(params=AVAILABLE)
def backend(request, use_backend, db):
    return use_backend(request.param)


@pytest.fixture
def shelf(backend, reference_data):
    province = {code: Province.objects.get(code=code) for code in ("66", "68", "91")}
    coop = SellerFactory(name="HTX Cà phê Ea Tu", code="htx-ca-phe-ea-tu", kind="cooperative")
    startup = SellerFactory(
        name="Khởi nghiệp Cầu Đất",
        code="khoi-nghiep-cau-dat",
        kind="startup",
        province=province["68"],
    )
    household = SellerFactory(
        name="Hộ kinh doanh Bà Sáu", code="ho-ba-sau", kind="household", province=province["91"]
    )
    closed = SellerFactory(name="HTX Tạm ngưng", code="htx-tam-ngung", status="suspended")
    p = {
        "robusta": product_create(
            seller=coop, title="Cà phê Robusta rang mộc Ea Tu 500g", price=185000, stars=4
        ),
        "arabica": product_create(
            seller=startup,
            title="Cà phê Arabica Cầu Đất 250g",
            price=250000,
            stock=0,
            stars=5,
            province="68",
        ),
        "honey": product_create(
            seller=startup,
            title="Mật ong hoa cà phê 500ml",
            price=95000,
            stars=3,
            group="1.4",
            description="<p>Ong lấy mật trên đồi cà phê.</p>",
        ),
        "cocoa": product_create(
            seller=coop,
            title="Bột ca cao nguyên chất",
            price=150000,
            stars=None,
            description="Pha cùng cà phê buổi sáng.",
        ),
        "fish": product_create(
            seller=household,
            title="Cá cơm sấy khô",
            price=120000,
            stars=3,
            group="1.2",
            province="91",
        ),
        "sauce": product_create(
            seller=household,
            title="Đặc sản nước mắm Phú Quốc",
            price=1_200_000,
            stars=4,
            group="1.6",
            province="91",
        ),
        "wine": product_create(
            seller=coop, title="Rượu cần Buôn Đôn", price=600000, stock=0, stars=None, group="2.1"
        ),
    }
    hidden = {
        "waiting": product_create(seller=coop, title="Cà phê chồn chờ duyệt"),
        "rejected": product_create(seller=coop, title="Cà phê bị từ chối"),
        "private": product_create(seller=coop, title="Cà phê nháp riêng tư", is_public=False),
        "closed": product_create(seller=closed, title="Cà phê của HTX tạm ngưng"),
    }
    Product.objects.filter(pk=hidden["waiting"].pk).update(moderation_status="submitted")
    Product.objects.filter(pk=hidden["rejected"].pk).update(moderation_status="rejected")
    # Distinct creation times, a day apart, in the order above.
    start = timezone.now() - datetime.timedelta(days=30)
    for days, product in enumerate([*p.values(), *hidden.values()]):
        Product.objects.filter(pk=product.pk).update(
            date_created=start + datetime.timedelta(days=days)
        )
    links = {
        "honey": MarketplaceLink.objects.create(
            product=p["honey"], marketplace="lazada", url="https://www.lazada.vn/mat-ong-i1.html"
        ),
        "sauce": MarketplaceLink.objects.create(
            product=p["sauce"], marketplace="shopee", url="https://shopee.vn/nuoc-mam-i2"
        ),
    }
    MarketplaceLink.objects.create(
        product=p["sauce"], marketplace="lazada", url="https://www.lazada.vn/nuoc-mam-i3.html"
    )
    MarketplaceClick.objects.bulk_create(
        [MarketplaceClick(link=links["sauce"]) for _ in range(5)]
        + [MarketplaceClick(link=links["honey"]) for _ in range(3)]
    )
    index_rebuild()
    return {
        **{k: v.pk for k, v in p.items()},
        "hidden": {k: v.pk for k, v in hidden.items()},
        "sellers": {
            "coop": coop.pk,
            "startup": startup.pk,
            "household": household.pk,
            "closed": closed.pk,
        },
    }


def search(text="", **kwargs) -> api.Results:
    return api.search(api.Query(text=text, **kwargs))


def ids(text="", **kwargs) -> list[int]:
    return search(text, per_page=100, **kwargs).ids


def names(shelf, found) -> list[str]:
    by_id = {v: k for k, v in shelf.items() if isinstance(v, int)}
    by_id.update({v: k for k, v in shelf["hidden"].items()})
    return [by_id.get(i, i) for i in found]


def counts(results, facet) -> dict[str, int]:
    return {v.value: v.count for v in results.facets[facet]}


# --- Vietnamese text ----------------------------------------------------------------------


def test_unaccented_words_find_accented_titles(shelf):
    found = names(shelf, ids("ca phe"))
    # Titles with "cà phê" first; then products that mention it only in their description,
    # category or seller name.
    assert set(found[:3]) == {"robusta", "arabica", "honey"}
    assert set(found[3:]) == {"cocoa", "wine"}


def test_d_with_stroke_folds_to_d(shelf):
    assert names(shelf, ids("dac san")) == ["sauce"]
    assert names(shelf, ids("Đặc sản")) == ["sauce"]


def test_province_of_origin_is_searchable(shelf):
    assert set(names(shelf, ids("dak lak"))) == {"robusta", "honey", "cocoa", "wine"}


def test_exact_accent_and_title_matches_rank_first(shelf):
    # "cá" (fish) and "cà" (coffee) fold alike; the exact accent decides.
    assert names(shelf, ids("cá"))[0] == "fish"
    assert set(names(shelf, ids("cà phê"))[:3]) == {"robusta", "arabica", "honey"}
    # A title match outranks a description match of the same words.
    assert names(shelf, ids("ca cao"))[0] == "cocoa"


@pytest.mark.parametrize(
    "typed, expected", [("ca phee", "robusta"), ("mat ongg", "honey"), ("robsuta", "robusta")]
)
def test_a_small_typo_still_finds(shelf, typed, expected):
    results = search(typed)
    assert expected in names(shelf, results.ids)
    assert results.corrected_text
    assert results.corrected_text != typed


def test_no_correction_when_the_words_are_right(shelf):
    assert search("ca phe").corrected_text is None


def test_decomposed_input_finds_the_same(shelf):
    text = "cà phê đắk lắk"
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert ids(nfd) == ids(text)
    assert ids(text)  # and finds something


def test_nonsense_and_punctuation_are_safe(shelf):
    assert search("zzqxv wwkkj").total == 0
    assert search("!!! ??? %_ \" ' * : ( ) -").total == 7  # no words: everything
    assert search("ca" * 150).total == 0


# --- facets -------------------------------------------------------------------------------


def test_facets_count_every_value(shelf):
    results = search()
    assert results.total == 7
    assert counts(results, api.GROUP) == {
        "1": 6,
        "1.9": 3,
        "1.4": 1,
        "1.2": 1,
        "1.6": 1,
        "2": 1,
        "2.1": 1,
    }
    assert counts(results, api.STARS) == {"5": 1, "4": 2, "3": 2}
    assert counts(results, api.PROVINCE) == {"66": 4, "68": 1, "91": 2}
    assert counts(results, api.PRICE) == {
        "0-100000": 1,
        "100000-200000": 3,
        "200000-500000": 1,
        "500000-1000000": 1,
        "1000000-": 1,
    }
    assert counts(results, api.SELLER_KIND) == {"cooperative": 3, "startup": 2, "household": 2}
    assert counts(results, api.IN_STOCK) == {"1": 5}
    assert counts(results, api.MARKETPLACE) == {"lazada": 2, "shopee": 1}


def test_each_facet_counts_with_the_other_filters(shelf):
    results = search(filters={api.GROUP: ("1.9",), api.IN_STOCK: ("1",)})
    assert set(names(shelf, results.ids)) == {"robusta", "cocoa"}
    assert results.total == 2
    # Groups: what is in stock; in stock: what is in 1.9; stars: both.
    assert counts(results, api.GROUP) == {"1": 5, "1.9": 2, "1.4": 1, "1.2": 1, "1.6": 1}
    assert counts(results, api.IN_STOCK) == {"1": 2}
    assert counts(results, api.STARS) == {"4": 1}
    selected = {(f, v.value) for f, vs in results.facets.items() for v in vs if v.selected}
    assert selected == {(api.GROUP, "1.9"), (api.IN_STOCK, "1")}


def test_only_the_facets_asked_for_are_counted(shelf):
    """A category page shows no group facet: its counts are not made (they would span every
    group), and the others are the same as when every facet is counted."""
    shown = tuple(f for f in api.PRODUCT_FACETS if f != api.GROUP)
    everything = search(filters={api.GROUP: ("1.9",), api.IN_STOCK: ("1",)})
    results = search(filters={api.GROUP: ("1.9",), api.IN_STOCK: ("1",)}, counted=shown)
    assert api.GROUP not in results.facets
    assert set(results.facets) == set(shown)
    assert results.total == everything.total == 2
    assert {f: counts(results, f) for f in shown} == {f: counts(everything, f) for f in shown}


def test_facets_follow_the_text(shelf):
    results = search("dak lak")
    assert counts(results, api.PROVINCE) == {"66": 4}
    assert counts(results, api.SELLER_KIND) == {"cooperative": 3, "startup": 1}


def test_filters_or_within_and_across(shelf):
    both = {api.GROUP: ("1.4", "1.6"), api.STARS: ("3", "4")}
    assert set(names(shelf, ids(filters=both))) == {"honey", "sauce"}
    assert names(shelf, ids(filters={**both, api.PROVINCE: ("66",)})) == ["honey"]
    assert set(names(shelf, ids(filters={api.PRICE: ("0-100000", "1000000-")}))) == {
        "honey",
        "sauce",
    }
    assert set(
        names(shelf, ids(filters={api.SELLER_KIND: ("household",), api.MARKETPLACE: ("lazada",)}))
    ) == {"sauce"}
    assert set(names(shelf, ids("ca phe", filters={api.GROUP: ("1",)}))) == {
        "robusta",
        "arabica",
        "honey",
        "cocoa",
    }


def test_a_selected_value_without_results_stays_visible(shelf):
    results = search(filters={api.MARKETPLACE: ("tiki",)})
    assert results.total == 0 and results.ids == []
    values = {(v.value, v.count, v.selected) for v in results.facets[api.MARKETPLACE]}
    # The facet's own filter does not narrow its counts: the alternatives stay countable.
    assert values == {("tiki", 0, True), ("lazada", 2, False), ("shopee", 1, False)}


def test_unknown_filters_are_ignored(shelf):
    results = search(filters={"colour": ("red",), api.PRICE: ("cheap",), api.IN_STOCK: ("yes",)})
    assert results.total == 7


# --- sorts and pages ----------------------------------------------------------------------


def test_every_sort(shelf):
    def order(sort, text=""):
        return names(shelf, ids(text, sort=sort))

    assert order(api.PRICE_ASC) == ["honey", "fish", "cocoa", "robusta", "arabica", "wine", "sauce"]
    assert order(api.PRICE_DESC) == [
        "sauce",
        "wine",
        "arabica",
        "robusta",
        "cocoa",
        "fish",
        "honey",
    ]
    assert order(api.NEWEST) == ["wine", "sauce", "fish", "cocoa", "honey", "arabica", "robusta"]
    stars = order(api.STARS_DESC)
    assert stars[0] == "arabica" and set(stars[1:3]) == {"robusta", "sauce"}
    assert set(stars[3:5]) == {"honey", "fish"} and set(stars[5:]) == {"cocoa", "wine"}
    assert order(api.POPULAR)[:2] == ["sauce", "honey"]
    # Relevance without words: stars, then newest.
    assert order(api.RELEVANCE) == ["arabica", "sauce", "robusta", "fish", "honey", "wine", "cocoa"]
    # A sort applies to what the words found.
    assert order(api.PRICE_ASC, "ca phe") == ["honey", "cocoa", "robusta", "arabica", "wine"]


def test_pages_split_the_results_without_overlap(shelf):
    pages = [search(sort=api.PRICE_ASC, page=n, per_page=3) for n in (1, 2, 3, 4)]
    assert [names(shelf, p.ids) for p in pages] == [
        ["honey", "fish", "cocoa"],
        ["robusta", "arabica", "wine"],
        ["sauce"],
        [],
    ]
    assert {p.total for p in pages} == {7}
    relevance = [search(page=n, per_page=2, facets=False).ids for n in (1, 2, 3, 4)]
    assert sum(relevance, []) == ids()


def test_deep_pages_are_refused(shelf):
    with pytest.raises(ValueError):
        search(page=api.MAX_PAGE + 1)
    with pytest.raises(ValueError):
        search(page=0)
    with pytest.raises(ValueError):
        search(per_page=api.MAX_PER_PAGE + 1)


# --- sellers and type-ahead ---------------------------------------------------------------


def test_sellers_are_searchable_with_their_facets(shelf):
    results = api.search(api.Query(text="cau dat", kind=api.SELLER))
    assert results.ids == [shelf["sellers"]["startup"]]
    everyone = api.search(api.Query(kind=api.SELLER))
    assert set(everyone.ids) == {shelf["sellers"][k] for k in ("coop", "startup", "household")}
    assert counts(everyone, api.SELLER_KIND) == {"cooperative": 1, "startup": 1, "household": 1}
    assert set(everyone.facets) == set(api.SELLER_FACETS)


def test_suggest_products_and_sellers_by_prefix(shelf):
    found = api.suggest("ca p", limit=10)
    products = [s.id for s in found if s.kind == api.PRODUCT]
    assert {products[0], products[1]} == {shelf["robusta"], shelf["arabica"]}
    assert shelf["honey"] in products
    assert (api.SELLER, shelf["sellers"]["coop"]) in {(s.kind, s.id) for s in found}
    robusta = next(s for s in found if s.id == shelf["robusta"] and s.kind == api.PRODUCT)
    assert robusta.label == "Cà phê Robusta rang mộc Ea Tu 500g"
    assert robusta.url.endswith(f"_{shelf['robusta']}/")

    sellers = api.suggest("khoi ngh")
    assert [(s.kind, s.id, s.label) for s in sellers] == [
        (api.SELLER, shelf["sellers"]["startup"], "Khởi nghiệp Cầu Đất")
    ]
    assert len(api.suggest("c", limit=2)) == 2
    assert api.suggest("   ") == []


# --- only public things -------------------------------------------------------------------


def test_hidden_things_never_appear(shelf):
    hidden = set(shelf["hidden"].values())
    assert not hidden & set(ids())
    assert not hidden & set(ids("ca phe"))
    assert not hidden & {s.id for s in api.suggest("ca phe", limit=50) if s.kind == api.PRODUCT}
    assert shelf["sellers"]["closed"] not in api.search(api.Query(kind=api.SELLER)).ids
    assert api.suggest("htx tam") == []


def test_changes_show_right_after_the_reindex(shelf):
    waiting = shelf["hidden"]["waiting"]
    product_approve(product_id=waiting)
    products_reindex([waiting])
    assert waiting in ids("ca phe chon")

    product_reject(product_id=shelf["robusta"], reason="Thiếu giấy chứng nhận")
    arabica = Product.objects.get(pk=shelf["arabica"])
    arabica.is_public = False  # withdrawn by its seller
    arabica.save()
    Product.objects.get(pk=shelf["wine"]).delete()
    products_reindex([shelf["robusta"], shelf["arabica"], shelf["wine"]])
    assert set(names(shelf, ids("ca phe"))) == {"honey", "cocoa", "waiting"}
    assert shelf["wine"] not in ids()

    startup = Partner.objects.get(pk=shelf["sellers"]["startup"])
    startup.status = Partner.Status.SUSPENDED
    startup.save()
    sellers_reindex([startup.pk], products=True)
    assert shelf["honey"] not in ids("mat ong")
    assert startup.pk not in api.search(api.Query(kind=api.SELLER)).ids
    assert search().total == 4  # cocoa, fish, sauce and the approved one


# --- Vietnamese as buyers type it --------------------------------------------------------


def added(shelf, title, *, province="66", seller="coop", description="", **kwargs) -> int:
    """A product added to the shelf and indexed the way the site indexes a change."""
    product = product_create(
        seller=Partner.objects.get(pk=shelf["sellers"][seller]),
        title=title,
        province=province,
        description=description,
        **kwargs,
    )
    products_reindex([product.pk])
    return product.pk


def test_i_and_y_spellings_of_a_syllable_find_each_other(shelf):
    garlic = added(shelf, "Tỏi cô đơn Lý Sơn", province="51")
    candy = added(shelf, "Kẹo dừa Mĩ Tho", province="82")
    tea = added(shelf, "Trà túi lọc kỹ thuật sấy lạnh")
    quy = added(shelf, "Quà quý Tây Thủy")
    assert garlic in ids("Lí Sơn") and garlic in ids("ly son") and garlic in ids("Lý Sơn")
    assert candy in ids("Mỹ Tho") and candy in ids("mi tho")
    assert tea in ids("kĩ thuật")
    assert quy in ids("quí")
    # y after a vowel belongs to its diphthong: "tây" is not "tai", "thủy" is not "thui"
    # (at most a typo correction of them).
    assert quy in ids("tay thuy")
    assert search("tai").corrected_text and search("thui").corrected_text


def test_syllables_typed_together_still_find(shelf):
    assert {"robusta", "arabica", "honey"} <= set(names(shelf, ids("caphe")))
    assert names(shelf, ids("nuocmam phuquoc")) == ["sauce"]
    assert {"robusta", "honey", "cocoa", "wine"} <= set(names(shelf, ids("daklak")))
    assert search("caphe").corrected_text is None  # found as typed, not as a correction


def test_products_are_found_by_the_former_name_of_their_province(shelf):
    ginseng = added(shelf, "Sâm Ngọc Linh", province="48")  # Đà Nẵng took in Quảng Nam
    cashew = added(shelf, "Hạt điều rang muối", province="79")  # HCM took in Bình Dương
    assert ids("Quảng Nam") == [ginseng]
    assert ids("quangnam") == [ginseng]
    assert ids("Bình Dương") == [cashew] == ids("Vũng Tàu")
    assert ginseng in ids("Đà Nẵng") and cashew in ids("Hồ Chí Minh")
    seller = SellerFactory(
        name="HTX Sâm Trà My", code="htx-sam-tra-my", province=Province.objects.get(code="48")
    )
    sellers_reindex([seller.pk])
    assert seller.pk in api.search(api.Query(kind=api.SELLER, text="Quảng Nam")).ids


def test_of_equally_close_corrections_the_one_that_finds_wins(shelf):
    # "rxng" is one edit from "rang" (two products) and from "rung" (one): "rang" is the
    # nearer guess on its own, but only "rung" goes with "mật ong".
    added(shelf, "Lạc rang húng lìu")
    wild = added(shelf, "Mật ong rừng U Minh", province="96")
    results = search("mat ong rxng")
    assert results.ids == [wild]
    assert results.corrected_text == "mat ong rung"


def test_an_exact_title_ranks_above_a_long_description_of_the_same_words(shelf):
    exact = added(shelf, "Mật ong rừng")
    words = "Mật ong rừng nguyên chất. " * 40
    wordy = added(shelf, "Mật ong rừng Tây Bắc hộp quà biếu cao cấp", description=words)
    for typed in ("mật ong rừng", "mat ong rung", "rung mat ong"):
        found = ids(typed)
        assert found.index(exact) < found.index(wordy), typed
