"""The startup directory (``/khoi-nghiep/``, ``/en/startups/``) as a visitor uses it: cards with
badges, text typed without accents, facets with counts, filters and sorts in a shareable URL,
pages, bad query strings, English texts where given, only public startups, the page cache,
and a number of queries that does not grow with the page size."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from search import api
from search.services import startups_reindex
from startups.models import Startup, UnionUnit
from startups.models.profiles import Sector, Stage
from tests.catalog.factories import product_create
from tests.startups.factories import startup_create

Province = get_model("catalogue", "Province")
User = get_user_model()
pytestmark = pytest.mark.django_db

THIS_YEAR = datetime.date.today().year


def url(language="vi", **params) -> str:
    with translation.override(language):
        return reverse("startup-directory")


def page(client, address=None, params=None, status=200):
    response = client.get(address or url(), params or {})
    assert response.status_code == status, (address, params, response.status_code)
    return BeautifulSoup(response.content.decode(), "html.parser")


def cards(soup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(".startup-card__name a")]


def card(soup, name):
    return next(c for c in soup.select('[data-testid="startup-card"]') if name in c.get_text(" "))


def facet(soup, name) -> dict[str, int]:
    section = soup.select_one(f'.facet[data-facet="{name}"]')
    if section is None:
        return {}
    return {
        a["data-value"]: int(a.select_one(".facet__count").get_text())
        for a in section.select("a.facet__link")
    }


def facet_link(soup, name, value) -> str:
    return soup.select_one(f'.facet[data-facet="{name}"] a[data-value="{value}"]')["href"]


def indexed(*startups):
    startups_reindex([s.pk for s in startups])
    return startups


@pytest.fixture
def directory(site_tree):
    """Three public startups, indexed:
    cafe   Cà phê Ea Tu (Ea Tu Coffee)  Đắk Lắk   agriculture  verified  youth  OCOP  12 followers
    weave  Thổ cẩm Mường                Lâm Đồng  handicrafts  founder aged 41        looking for loan
    tour   Du lịch Buôn Đôn             Đắk Lắk   tourism      youth                  interest 9
    """
    cafe = startup_create(
        name="Cà phê Ea Tu",
        name_en="Ea Tu Coffee",
        tagline="Rang mộc từ buôn làng",
        story="Rang hạt Robusta mộc.",
        looking_for=["investment"],
        follower_count=12,
    )
    unit = UnionUnit.objects.get(level="province", province__code="66")
    Startup.objects.filter(pk=cafe.pk).update(verified_by=unit)
    product_create(seller=cafe.partner, title="Cà phê rang mộc 500g", stars=4)
    weave = startup_create(
        name="Thổ cẩm Mường",
        tagline="Dệt tay hoa văn truyền thống",
        story="Dệt thổ cẩm.",
        sector="handicrafts",
        stage="idea",
        looking_for=["loan"],
        province=Province.objects.get(code="68"),
        team=[{"name": "Bà Hoa", "role": "Sáng lập", "birth_year": THIS_YEAR - 41}],
    )
    tour = startup_create(
        name="Du lịch Buôn Đôn",
        tagline="Nhà dài và bản làng",
        story="Homestay.",
        sector="tourism",
        stage="prototype",
        interest_count=9,
    )
    indexed(cafe, weave, tour)
    return {"cafe": cafe, "weave": weave, "tour": tour}


# --- the page ---------------------------------------------------------------------------------


def test_the_directory_lives_at_its_address_in_both_languages():
    assert url("vi") == "/khoi-nghiep/"
    english = url("en")
    assert english.startswith("/en/") and english.endswith("/")


def test_cards_show_what_a_visitor_compares(client, directory):
    soup = page(client)
    assert set(cards(soup)) == {"Cà phê Ea Tu", "Thổ cẩm Mường", "Du lịch Buôn Đôn"}
    assert soup.select_one('[data-testid="result-count"]')["data-total"] == "3"
    cafe = card(soup, "Cà phê Ea Tu")
    link = reverse("startups:startup-detail", kwargs={"slug": directory["cafe"].slug})
    assert cafe.select_one(".startup-card__name a")["href"] == link
    assert "Rang mộc từ buôn làng" in cafe.get_text()
    meta = cafe.select_one('[data-testid="startup-meta"]').get_text(" ", strip=True)
    assert meta == f"{Stage.FIRST_SALES.label} · Đắk Lắk · {Sector.AGRICULTURE_FOOD.label}"
    badges = {b["data-badge"]: b.get_text(" ", strip=True) for b in cafe.select("[data-badge]")}
    assert set(badges) == {"verified", "youth-team", "ocop"}
    unit = UnionUnit.objects.get(level="province", province__code="66")
    assert unit.name in badges["verified"]
    assert "12" in cafe.select_one('[data-testid="startup-followers"]').get_text()
    weave = card(soup, "Thổ cẩm Mường")
    assert weave.select("[data-badge]") == []  # not verified, an older founder, no OCOP
    assert "Lâm Đồng" in weave.get_text()


def test_unaccented_text_finds_and_a_typo_is_corrected(client, directory):
    assert cards(page(client, params={"q": "ca phe ea tu"})) == ["Cà phê Ea Tu"]
    soup = page(client, params={"q": "tho cxm"})
    assert cards(soup) == ["Thổ cẩm Mường"]
    assert soup.select_one('[data-testid="corrected-text"]')
    empty = page(client, params={"q": "zzqxv"})
    assert cards(empty) == [] and empty.select_one(".empty-state")


def test_filters_live_in_the_url_with_counts(client, directory):
    soup = page(client)
    assert facet(soup, "province") == {"66": 2, "68": 1}
    assert facet(soup, "sector") == {"agriculture_food": 1, "handicrafts": 1, "tourism": 1}
    assert facet(soup, "verified") == {"1": 1}
    assert facet(soup, "youth_team") == {"1": 2}
    assert facet(soup, "has_ocop") == {"1": 1}
    assert facet(soup, "looking_for") == {"investment": 1, "loan": 1}

    link = facet_link(soup, "youth_team", "1")
    assert parse_qs(urlsplit(link).query) == {"youth_team": ["1"]}
    youth = page(client, url() + link)
    assert set(cards(youth)) == {"Cà phê Ea Tu", "Du lịch Buôn Đôn"}
    # AND across facets, each counted with the others applied; OR within one.
    both = page(client, url() + facet_link(youth, "sector", "tourism"))
    assert cards(both) == ["Du lịch Buôn Đôn"]
    assert facet(both, "sector") == {"agriculture_food": 1, "tourism": 1}
    either = page(client, params={"looking_for": ["investment", "loan"]})
    assert set(cards(either)) == {"Cà phê Ea Tu", "Thổ cẩm Mường"}
    # The chosen filter can be removed from the list above the cards.
    remove = both.select_one('.active-filter[data-facet="sector"]')["href"]
    assert set(cards(page(client, url() + remove))) == {"Cà phê Ea Tu", "Du lịch Buôn Đôn"}


def test_sorts_and_the_sort_choices(client, directory):
    soup = page(client, params={"sort_by": api.INTEREST})
    assert cards(soup)[0] == "Du lịch Buôn Đôn"
    options = [o["value"] for o in soup.select("#id_sort_by option")]
    assert options == [api.NEWEST, api.FOLLOWED, api.INTEREST]  # relevance needs a text
    newest = page(client)
    assert cards(newest) == ["Du lịch Buôn Đôn", "Thổ cẩm Mường", "Cà phê Ea Tu"]
    assert newest.select_one("#id_sort_by option[selected]")["value"] == api.NEWEST
    texted = page(client, params={"q": "dak lak"})
    assert [o["value"] for o in texted.select("#id_sort_by option")][0] == api.RELEVANCE
    # The sort form resends the text and the filters.
    hidden = {(i["name"], i["value"]) for i in texted.select('[data-testid="sort-form"] input')}
    assert hidden == {("q", "dak lak")}


def test_pages_and_bad_page_numbers(client, site_tree):
    made = [
        startup_create(name=f"Khởi nghiệp số {n}", tagline="Nông sản sạch", story="Sạch.")
        for n in range(26)
    ]
    indexed(*made)
    first, second = page(client), page(client, params={"page": "2"})
    assert len(cards(first)) == 24 and len(cards(second)) == 2
    assert not set(cards(first)) & set(cards(second))
    assert first.select_one('a[rel="next"]')["href"].endswith("page=2")
    for bad in ("3", "0", "-1", "abc", "2.5", "９", str(api.MAX_PAGE + 1)):
        page(client, params={"page": bad}, status=404)


def test_junk_query_strings_give_a_clean_page(client, directory):
    soup = page(
        client,
        params={
            "sector": ["nonsense", "tourism"],
            "verified": "yes",
            "sort_by": "price_asc",  # a product sort
            "stage": "x" * 5000,
            "q": "<script>alert(1)</script>",
            "unknown": "1",
        },
    )
    assert soup.select_one('[data-testid="ignored-params"]')
    assert "<script>alert(1)</script>" not in str(soup.select_one("#content_inner") or soup)
    assert soup.select_one("#directory-q")["value"] == "<script>alert(1)</script>"
    sql = page(client, params={"q": "' OR 1=1 --", "province": "66' OR '1'='1"})
    assert sql.select_one('[data-testid="ignored-params"]')
    page(client, params={"q": "\x00ca phe"})


def test_script_in_a_startups_texts_is_shown_as_text(client, site_tree):
    evil = startup_create(name="<script>alert('x')</script> Cà phê", tagline="<b>đậm</b>")
    indexed(evil)
    response = client.get(url())
    html = response.content.decode()
    assert "<script>alert('x')</script>" not in html and "<b>đậm</b>" not in html
    assert "&lt;script&gt;" in html


def test_a_startup_hidden_after_indexing_never_shows(client, directory):
    Startup.objects.filter(pk=directory["weave"].pk).update(published=False)  # index not told
    soup = page(client)
    assert "Thổ cẩm Mường" not in cards(soup)
    partner = directory["tour"].partner
    partner.status = "suspended"
    partner.save()
    assert "Du lịch Buôn Đôn" not in cards(page(client))


def test_the_english_page_shows_english_texts_where_given(client, directory):
    with translation.override("en"):
        soup = page(client, url("en"))
    assert "Ea Tu Coffee" in cards(soup)
    cafe = card(soup, "Ea Tu Coffee")
    # No English tagline: the Vietnamese one, marked as Vietnamese.
    tagline = cafe.select_one(".startup-card__tagline")
    assert tagline.get_text(strip=True) == "Rang mộc từ buôn làng" and tagline["lang"] == "vi"
    assert cafe.select_one(".startup-card__name a").get("lang") is None
    weave = card(soup, "Thổ cẩm Mường")
    assert weave.select_one(".startup-card__name a")["lang"] == "vi"
    assert "Handicrafts" in weave.get_text()  # labels in English
    vietnamese = page(client)
    assert "Ea Tu Coffee" not in vietnamese.get_text()


def test_anonymous_visitors_get_the_cached_page_until_the_index_changes(
    client, directory, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get(url())["X-Page-Cache"] == "miss"
    assert client.get(url())["X-Page-Cache"] == "hit"
    Startup.objects.filter(pk=directory["tour"].pk).update(name="Du lịch Yang Tao")
    with django_capture_on_commit_callbacks(execute=True):
        startups_reindex([directory["tour"].pk])
    response = client.get(url())
    assert response["X-Page-Cache"] == "miss"
    assert "Du lịch Yang Tao" in response.content.decode()
    user = User.objects.create_user("nguoi-xem", "xem@example.com", "x")
    client.force_login(user)
    assert "X-Page-Cache" not in client.get(url())


# --- queries ----------------------------------------------------------------------------------


def test_queries_do_not_grow_with_the_number_of_cards(client, site_tree):
    def queries() -> int:
        client.get(url(), {"verified": "1"})  # warm what is read once per process
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(), {"verified": "1"})
        assert response.status_code == 200
        return len([q for q in ctx.captured_queries if "sqlite_master" not in q["sql"]])

    def add(n, start):
        made = []
        for i in range(n):
            startup = startup_create(name=f"Khởi nghiệp {start + i}", looking_for=["grant"])
            product_create(seller=startup.partner, title=f"Mật ong {start + i}", stars=3)
            made.append(startup)
        units = UnionUnit.objects.filter(level="province", province__code="66")
        Startup.objects.filter(pk__in=[s.pk for s in made]).update(verified_by=units.first())
        indexed(*made)

    add(2, 0)
    two = queries()
    assert len(cards(page(client, params={"verified": "1"}))) == 2
    add(22, 2)
    assert len(cards(page(client, params={"verified": "1"}))) == 24
    assert queries() == two <= 15
