"""The startup directory's contract for every search backend: what ``search.api`` gives for
``kind=STARTUP`` whichever engine serves it. Runs over the database's own backend (SQLite FTS5
or PostgreSQL) always, and over Elasticsearch when ELASTICSEARCH_URL is set (skipped with the
reason otherwise).

The shelf (all public, indexed by a full rebuild), created a day apart in this order:

    cafe   Cà phê Ea Tu            Đắk Lắk   agriculture  first sales  verified  youth  OCOP
           looking for investment; 3 follows this month, 1 interest
    honey  Mật ong Cư M'gar        Đắk Lắk   agriculture  growing                youth
           looking for loan, mentoring; 1 follow this month (and 4 older), 5 interest
    weave  Thổ cẩm Mường Lâm Đồng  Lâm Đồng  handicrafts  idea         verified
           a published pitch asking for a bulk buyer (distribution); 0 follows, 0 interest
    tour   Du lịch cộng đồng Buôn Đôn  Đắk Lắk  tourism  prototype            youth  OCOP
           looking for grant; 2 follows, 2 interest

and never findable: an unpublished startup and one of a suspended seller.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from search import api
from search.documents import month_start
from search.services import index_rebuild, startups_reindex
from startups.models import Follow, Pitch, PitchVersion, Startup, UnionUnit
from tests.catalog.factories import SellerFactory, product_create
from tests.search.conftest import AVAILABLE
from tests.startups.factories import startup_create

Province = get_model("catalogue", "Province")
User = get_user_model()
pytestmark = pytest.mark.django_db

THIS_YEAR = datetime.date.today().year


@pytest.fixture(params=AVAILABLE)
def backend(request, use_backend, db):
    return use_backend(request.param)


def team(age):
    return [{"name": "Nhà sáng lập", "role": "Sáng lập", "birth_year": THIS_YEAR - age}]


def follows(startup, n, *, older=0):
    """``n`` follows this month and ``older`` before it; the counter as the services keep it."""
    earlier = month_start() - datetime.timedelta(days=3)
    for i in range(n + older):
        user = User.objects.create_user(f"f-{startup.pk}-{i}", f"f{startup.pk}-{i}@example.com")
        Follow.objects.create(
            user=user, startup=startup, **({"created": earlier} if i >= n else {})
        )
    Startup.objects.filter(pk=startup.pk).update(follower_count=n + older)


@pytest.fixture
def shelf(backend, reference_data):
    unit = None
    dak_lak = Province.objects.get(code="66")
    made = {
        "cafe": startup_create(
            name="Cà phê Ea Tu",
            tagline="Rang mộc từ buôn làng",
            story="Nhóm thanh niên Ea Tu rang hạt Robusta mộc.",
            stage="first_sales",
            looking_for=["investment"],
            team=team(28),
            interest_count=1,
        ),
        "honey": startup_create(
            name="Mật ong Cư M'gar",
            tagline="Mật ong rừng nguyên chất",
            story="Nuôi ong dưới tán rừng khộp.",
            stage="growing",
            looking_for=["loan", "mentoring"],
            team=team(30),
            interest_count=5,
        ),
        "weave": startup_create(
            name="Thổ cẩm Mường Lâm Đồng",
            tagline="Dệt tay hoa văn truyền thống",
            story="Các chị em dệt thổ cẩm bán cho du khách.",
            sector="handicrafts",
            stage="idea",
            team=team(40),
            province=Province.objects.get(code="68"),
        ),
        "tour": startup_create(
            name="Du lịch cộng đồng Buôn Đôn",
            tagline="Ở nhà dài, cưỡi voi không xích",
            story="Homestay và tour bản làng.",
            sector="tourism",
            stage="prototype",
            looking_for=["grant"],
            team=team(25),
            interest_count=2,
        ),
    }
    unit = UnionUnit.objects.get(level="province", province=dak_lak)
    Startup.objects.filter(pk__in=[made["cafe"].pk, made["weave"].pk]).update(verified_by=unit)
    product_create(seller=made["cafe"].partner, title="Cà phê rang mộc 500g", stars=4)
    product_create(seller=made["tour"].partner, title="Rượu cần Buôn Đôn", stars=3)
    product_create(seller=made["honey"].partner, title="Mật ong chưa chứng nhận", stars=None)
    officer = User.objects.create_user("can-bo-duyet", "cb@example.com")
    pitch = Pitch.objects.create(
        startup=made["weave"], slug="tim-nha-phan-phoi", title="Tìm nhà phân phối"
    )
    version = PitchVersion.objects.create(
        pitch=pitch,
        number=1,
        content={"schema": 1, "ask_kind": "bulk_buyer"},
        approved_by=officer,
        approved_unit=unit,
    )
    Pitch.objects.filter(pk=pitch.pk).update(published_version=version, state="approved")
    follows(made["cafe"], 3)
    follows(made["honey"], 1, older=4)
    follows(made["tour"], 2)
    hidden = {
        "draft": startup_create(name="Cà phê nháp", published=False),
        "closed": startup_create(
            name="Cà phê tạm ngưng", seller=SellerFactory(kind="startup", status="suspended")
        ),
    }
    start = month_start() - datetime.timedelta(days=40)
    for days, startup in enumerate([*made.values(), *hidden.values()]):
        Startup.objects.filter(pk=startup.pk).update(created=start + datetime.timedelta(days=days))
    index_rebuild()
    return {
        **{k: v.pk for k, v in made.items()},
        "hidden": {k: v.pk for k, v in hidden.items()},
    }


def search(text="", **kwargs) -> api.Results:
    return api.search(api.Query(text=text, kind=api.STARTUP, **kwargs))


def names(shelf, results) -> list[str]:
    by_id = {v: k for k, v in shelf.items() if isinstance(v, int)}
    by_id.update({v: k for k, v in shelf["hidden"].items()})
    return [by_id.get(i, i) for i in results.ids]


def counts(results, facet) -> dict[str, int]:
    return {v.value: v.count for v in results.facets[facet]}


# --- text -----------------------------------------------------------------------------------


def test_unaccented_words_find_accented_names(shelf):
    assert names(shelf, search("ca phe")) == ["cafe"]
    assert names(shelf, search("Cà phê")) == ["cafe"]
    assert names(shelf, search("tho cam muong")) == ["weave"]
    assert names(shelf, search("mat ong")) == ["honey"]
    assert search("ca phe").corrected_text is None


def test_taglines_stories_and_provinces_are_searchable(shelf):
    assert names(shelf, search("nha dai")) == ["tour"]  # tagline
    assert names(shelf, search("rung khop")) == ["honey"]  # story
    assert set(names(shelf, search("dak lak"))) == {"cafe", "honey", "tour"}


@pytest.mark.parametrize(
    "typed, expected", [("ca phr", "cafe"), ("mat ongg", "honey"), ("thoo cam", "weave")]
)
def test_a_small_typo_still_finds(shelf, typed, expected):
    results = search(typed)
    assert expected in names(shelf, results)
    assert results.corrected_text and results.corrected_text != typed


# --- filters and facets ---------------------------------------------------------------------


def test_facets_count_every_value(shelf):
    results = search()
    assert results.total == 4
    assert set(results.facets) == set(api.STARTUP_FACETS)
    assert counts(results, api.PROVINCE) == {"66": 3, "68": 1}
    assert counts(results, api.SECTOR) == {"agriculture_food": 2, "handicrafts": 1, "tourism": 1}
    assert counts(results, api.STAGE) == {
        "first_sales": 1,
        "growing": 1,
        "idea": 1,
        "prototype": 1,
    }
    assert counts(results, api.LOOKING_FOR) == {
        "investment": 1,
        "loan": 1,
        "mentoring": 1,
        "distribution": 1,
        "grant": 1,
    }
    assert counts(results, api.VERIFIED) == {"1": 2}
    assert counts(results, api.YOUTH_TEAM) == {"1": 3}
    assert counts(results, api.HAS_OCOP) == {"1": 2}


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({api.PROVINCE: ("68",)}, {"weave"}),
        ({api.SECTOR: ("tourism",)}, {"tour"}),
        ({api.STAGE: ("growing", "idea")}, {"honey", "weave"}),
        ({api.LOOKING_FOR: ("distribution",)}, {"weave"}),  # from the pitch's bulk buyer
        ({api.LOOKING_FOR: ("loan", "grant")}, {"honey", "tour"}),
        ({api.VERIFIED: ("1",)}, {"cafe", "weave"}),
        ({api.YOUTH_TEAM: ("1",)}, {"cafe", "honey", "tour"}),
        ({api.HAS_OCOP: ("1",)}, {"cafe", "tour"}),
        ({api.VERIFIED: ("1",), api.YOUTH_TEAM: ("1",)}, {"cafe"}),
        ({api.SECTOR: ("agriculture_food",), api.LOOKING_FOR: ("mentoring",)}, {"honey"}),
    ],
)
def test_each_filter_or_within_and_across(shelf, filters, expected):
    results = search(filters=filters)
    assert set(names(shelf, results)) == expected
    assert results.total == len(expected)


def test_each_facet_counts_with_the_other_filters(shelf):
    results = search(filters={api.VERIFIED: ("1",), api.SECTOR: ("agriculture_food",)})
    assert names(shelf, results) == ["cafe"]
    # verified: among agriculture; sector: among the verified; the rest: both.
    assert counts(results, api.VERIFIED) == {"1": 1}
    assert counts(results, api.SECTOR) == {"agriculture_food": 1, "handicrafts": 1}
    assert counts(results, api.YOUTH_TEAM) == {"1": 1}
    assert counts(results, api.LOOKING_FOR) == {"investment": 1}
    selected = {(f, v.value) for f, vs in results.facets.items() for v in vs if v.selected}
    assert selected == {(api.VERIFIED, "1"), (api.SECTOR, "agriculture_food")}


def test_facets_follow_the_text(shelf):
    results = search("dak lak")
    assert counts(results, api.PROVINCE) == {"66": 3}
    assert counts(results, api.HAS_OCOP) == {"1": 2}


def test_unknown_filters_and_values_are_ignored(shelf):
    results = search(
        filters={api.VERIFIED: ("yes",), api.GROUP: ("1",), "colour": ("red",)},
    )
    assert results.total == 4


# --- sorts and pages ------------------------------------------------------------------------


def test_every_sort(shelf):
    def order(sort, text=""):
        return names(shelf, search(text, sort=sort, per_page=100))

    assert order(api.NEWEST) == ["tour", "weave", "honey", "cafe"]
    assert order(api.RELEVANCE) == ["tour", "weave", "honey", "cafe"]  # no text: newest
    # This month's follows only (honey has four older ones); ties: newest first.
    assert order(api.FOLLOWED) == ["cafe", "tour", "honey", "weave"]
    assert order(api.INTEREST) == ["honey", "tour", "cafe", "weave"]
    # A sort applies to what the words found.
    assert order(api.INTEREST, "dak lak") == ["honey", "tour", "cafe"]
    assert order(api.FOLLOWED, "dak lak") == ["cafe", "tour", "honey"]
    assert order("price_asc") == order(api.NEWEST)  # a product sort: the default


def test_pages_split_the_results_without_overlap(shelf):
    pages = [search(sort=api.INTEREST, page=n, per_page=3) for n in (1, 2, 3)]
    assert [names(shelf, p) for p in pages] == [["honey", "tour", "cafe"], ["weave"], []]
    assert {p.total for p in pages} == {4}


# --- only public startups -------------------------------------------------------------------


def test_hidden_startups_never_appear(shelf):
    hidden = set(shelf["hidden"].values())
    assert not hidden & set(search(per_page=100).ids)
    assert not hidden & set(search("ca phe", per_page=100).ids)


def test_changes_show_right_after_the_reindex(shelf):
    Startup.objects.filter(pk=shelf["cafe"]).update(published=False)
    draft = Startup.objects.get(pk=shelf["hidden"]["draft"])
    draft.published = True
    draft.save()
    startups_reindex([shelf["cafe"], draft.pk])
    assert names(shelf, search("ca phe")) == ["draft"]
    assert search(filters={api.VERIFIED: ("1",)}).ids == [shelf["weave"]]


def test_products_and_startups_are_searched_apart(shelf):
    assert search("500g").ids == []
    products = api.search(api.Query(text="500g"))
    assert products.total == 1 and set(products.facets) == set(api.PRODUCT_FACETS)
    assert api.search(api.Query(text="ea tu")).ids == []
    assert names(shelf, search("ea tu")) == ["cafe"]
