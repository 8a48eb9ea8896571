"""The expos' public pages (startups.views.expos, startups.selectors.expos): the list, a draft
404 but to the officers previewing it, the countdown and schedule before opening with the
booths hidden, the open lobby, halls, sessions (stream, replay or a booth's video, always
click to play), the booth page, the closed expo read-only with its replays, the "staff online"
fragment, the page cache, and the fixed number of queries of each read."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from catalog.models import MarketplaceLink
from startups.models import BoothQuestion, ExpoSession, Officer, UnionUnit
from startups.selectors import expos as selectors
from startups.services.union import union_units_load
from tests.catalog.factories import product_create
from tests.startups.factories import booth_create, expo_create, startup_create

pytestmark = pytest.mark.django_db

Voucher = get_model("voucher", "Voucher")
YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
REPLAY = "https://youtu.be/dQw4w9WgXcQ"
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def units(site_tree):
    union_units_load()
    return {
        "daklak": UnionUnit.objects.get(level="province", province__code="66"),
        "hanoi": UnionUnit.objects.get(level="province", province__code="01"),
    }


def officer_user(django_user_model, unit, name):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "x")
    Officer.objects.create(user=user, unit=unit)
    return user


def exhibit(expo, name, *, hall=None, products=1, **fields):
    startup = startup_create(name=name, name_en=f"{name} EN")
    items = [
        product_create(seller=startup.partner, title=f"{name} sản phẩm {i}", price=120000 + i)
        for i in range(products)
    ]
    return booth_create(expo=expo, startup=startup, hall=hall, products=items, **fields)


def lobby_url(expo):
    return reverse("startups:expo-lobby", kwargs={"slug": expo.slug})


def booth_url(booth):
    return reverse("startups:expo-booth", kwargs={"slug": booth.expo.slug, "booth_pk": booth.pk})


# --- the list and the phases --------------------------------------------------------------


def test_the_list_shows_published_expos_by_phase_and_never_a_draft(client, units):
    live = expo_create(phase="live", title="Hội chợ đang mở")
    soon = expo_create(phase="scheduled", title="Hội chợ sắp tới")
    past = expo_create(phase="closed", title="Hội chợ đã qua")
    expo_create(phase="draft", title="Bản nháp bí mật")
    found = selectors.public_expos()
    assert (found.live, found.upcoming, found.past) == ([live], [soon], [past])
    page = client.get(reverse("startups:expo-list")).content.decode()
    assert "Hội chợ đang mở" in page and "Hội chợ sắp tới" in page and "Hội chợ đã qua" in page
    assert "Bản nháp bí mật" not in page
    assert (
        page.index("Hội chợ đang mở") < page.index("Hội chợ sắp tới") < page.index("Hội chợ đã qua")
    )


def test_the_header_links_the_expos(client, units):
    page = client.get(reverse("startups:expo-list")).content.decode()
    assert f'href="{reverse("startups:expo-list")}"' in page and 'data-testid="nav-expos"' in page


def test_a_draft_is_404_to_the_public_and_another_province_and_a_preview_for_its_officers(
    client, units, django_user_model
):
    expo = expo_create(phase="draft", title="Triển lãm nháp")
    booth = exhibit(expo, "Cà phê Nháp")
    assert client.get(lobby_url(expo)).status_code == 404
    assert client.get(booth_url(booth)).status_code == 404
    assert client.get(reverse("expo-search", kwargs={"slug": expo.slug})).status_code == 404
    client.force_login(officer_user(django_user_model, units["hanoi"], "ha-noi"))
    assert client.get(lobby_url(expo)).status_code == 404
    assert client.get(booth_url(booth)).status_code == 404
    client.force_login(officer_user(django_user_model, units["daklak"], "dak-lak"))
    response = client.get(lobby_url(expo))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="expo-preview"' in page and "Triển lãm nháp" in page
    assert "Cà phê Nháp" in page  # the preview shows the booths
    assert client.get(booth_url(booth)).status_code == 200


def test_before_opening_the_lobby_counts_down_shows_schedule_and_halls_but_not_the_booths(
    client, units
):
    expo = expo_create(phase="applications", title="Triển lãm xuân")
    booth = exhibit(expo, "Cà phê Sớm")
    ExpoSession.objects.create(
        expo=expo,
        kind="talk",
        title="Khởi nghiệp từ nông sản",
        starts_at=expo.opens_at + datetime.timedelta(hours=2),
        ends_at=expo.opens_at + datetime.timedelta(hours=3),
    )
    page = client.get(lobby_url(expo)).content.decode()
    assert 'data-testid="countdown"' in page
    assert f'data-countdown="{timezone.localtime(expo.opens_at).isoformat()}"' in page
    assert "Khởi nghiệp từ nông sản" in page and "Nông sản OCOP" in page
    try:  # apply for a booth (the exhibitors' pages, startups.views.booths)
        assert f'href="{reverse("dashboard:booth-list")}"' in page
    except NoReverseMatch:
        pass
    assert "Cà phê Sớm" not in page and 'data-testid="booths-later"' in page
    assert "1 gian" in page or "1 booth" in page  # the hall counts its approved booth
    assert client.get(booth_url(booth)).status_code == 404
    hall = client.get(
        reverse("startups:expo-hall", kwargs={"slug": expo.slug, "hall_pk": booth.hall_id})
    ).content.decode()
    assert "Cà phê Sớm" not in hall


def test_the_open_lobby_lists_halls_featured_booths_and_live_and_next_sessions(client, units):
    expo = expo_create(phase="live")
    first, second = expo.halls.all()
    star = exhibit(expo, "Cà phê Nổi bật", hall=first, featured=True)
    exhibit(expo, "Mật ong Rừng", hall=second)
    exhibit(expo, "Bị từ chối", status="refused")
    now = timezone.now()
    ExpoSession.objects.create(
        expo=expo,
        kind="livestream",
        title="Đang phát",
        starts_at=now - MINUTE,
        ends_at=now + MINUTE,
    )
    ExpoSession.objects.create(
        expo=expo,
        kind="pitch",
        title="Sắp tới",
        starts_at=now + 60 * MINUTE,
        ends_at=now + 90 * MINUTE,
    )
    data = selectors.lobby(expo)
    assert [row.booth_count for row in data.halls] == [1, 1]
    assert [card.booth.pk for card in data.featured] == [star.pk]
    assert [r.session.title for r in data.live_now] == ["Đang phát"]
    assert [r.session.title for r in data.next_up] == ["Sắp tới"]
    page = client.get(lobby_url(expo)).content.decode()
    assert "Cà phê Nổi bật" in page and "Mật ong Rừng" in page and "Bị từ chối" not in page
    assert 'data-testid="featured-booths"' in page and "data-live-badge>" in page
    assert reverse("startups:expo-online", kwargs={"slug": expo.slug}) in page
    assert 'data-kind="lobby"' in page  # the visit beacon


def test_the_schedule_shows_each_session_in_vietnam_time_with_its_state(client, units):
    expo = expo_create(phase="live")
    hall = expo.halls.first()
    now = timezone.now().replace(second=0, microsecond=0)
    live = ExpoSession.objects.create(
        expo=expo,
        hall=hall,
        kind="livestream",
        title="Phiên <đang> phát",
        speakers="Nguyễn Văn A & Trần B",
        starts_at=now - MINUTE,
        ends_at=now + 30 * MINUTE,
    )
    ended = ExpoSession.objects.create(
        expo=expo,
        kind="pitch",
        title="Phiên đã xong",
        replay_url=REPLAY,
        starts_at=now - 90 * MINUTE,
        ends_at=now - 60 * MINUTE,
    )
    later = ExpoSession.objects.create(
        expo=expo,
        kind="talk",
        title="Phiên sắp tới",
        starts_at=now + 60 * MINUTE,
        ends_at=now + 120 * MINUTE,
    )

    def row(page, session):
        href = reverse(
            "startups:expo-session", kwargs={"slug": expo.slug, "session_pk": session.pk}
        )
        for item in page.split('<li class="expo-session')[1:]:
            if f'href="{href}"' in item:
                return item.split("</li>")[0]
        raise AssertionError(f"no row for {session.title}")

    page = client.get(lobby_url(expo)).content.decode()
    starts = timezone.localtime(live.starts_at)  # Asia/Ho_Chi_Minh
    shown = row(page, live)
    assert shown.startswith(" is-live") and "data-live-badge>" in shown
    assert f'data-session-starts="{starts.isoformat()}"' in shown
    assert f"{starts:%H:%M}–{timezone.localtime(live.ends_at):%H:%M}</time>" in shown
    assert "Phiên &lt;đang&gt; phát" in shown and "Nguyễn Văn A &amp; Trần B" in shown
    past = row(page, ended)
    assert past.startswith(" is-ended") and "data-live-badge hidden>" in past
    assert '<span class="expo-badge">Xem lại</span>' in past
    assert row(page, later).startswith('" data-testid="session"')  # neither live nor ended
    hall_page = client.get(
        reverse("startups:expo-hall", kwargs={"slug": expo.slug, "hall_pk": hall.pk})
    ).content.decode()
    assert row(hall_page, live).startswith(" is-live")
    with translation.override("en"):
        english = client.get(lobby_url(expo)).content.decode()
        assert "Replay</span>" in row(english, ended)
        assert "Live now</span>" in row(english, live)
        assert f"{starts:%a} {starts.day}/{starts.month} {starts:%H:%M}" in row(english, live)


def test_a_big_hall_shows_its_first_booths_in_the_lobby_and_all_on_its_own_page(client, units):
    expo = expo_create(phase="live")
    first, second = expo.halls.all()
    many = [exhibit(expo, f"Gian số {n:02d}", hall=first, products=0) for n in range(9)]
    late_star = exhibit(expo, "Gian nổi bật cuối", hall=first, products=0, featured=True)
    exhibit(expo, "Gian khu hai", hall=second, products=0)
    data = selectors.lobby(expo)
    big, small = data.halls
    assert big.booth_count == 10 and big.more
    assert [card.booth.pk for card in big.booths] == [
        b.pk for b in many[: selectors.LOBBY_HALL_BOOTHS]
    ]
    assert [card.booth.pk for card in data.featured] == [late_star.pk]  # featured, wherever
    assert small.booth_count == 1 and not small.more
    with translation.override("en"):
        page = client.get(lobby_url(expo)).content.decode()
    assert "Gian số 05" in page and "Gian số 06" not in page and "Gian nổi bật cuối" in page
    assert page.count('data-testid="hall-more"') == 1 and "See all 10 booths of the hall" in page
    hall_page = client.get(
        reverse("startups:expo-hall", kwargs={"slug": expo.slug, "hall_pk": first.pk})
    ).content.decode()
    assert all(f"Gian số {n:02d}" in hall_page for n in range(9))


def test_a_hall_or_booth_or_session_of_another_expo_is_404(client, units):
    expo, other = expo_create(phase="live"), expo_create(phase="live")
    booth = exhibit(other, "Gian khác")
    session = ExpoSession.objects.create(
        expo=other,
        kind="talk",
        title="Phiên khác",
        starts_at=timezone.now(),
        ends_at=timezone.now() + MINUTE,
    )
    kwargs = {"slug": expo.slug}
    assert (
        client.get(
            reverse("startups:expo-booth", kwargs={**kwargs, "booth_pk": booth.pk})
        ).status_code
        == 404
    )
    hall_pk = other.halls.first().pk
    assert (
        client.get(reverse("startups:expo-hall", kwargs={**kwargs, "hall_pk": hall_pk})).status_code
        == 404
    )
    assert (
        client.get(
            reverse("startups:expo-session", kwargs={**kwargs, "session_pk": session.pk})
        ).status_code
        == 404
    )
    withdrawn = exhibit(expo, "Rút lui", status="withdrawn")
    assert client.get(booth_url(withdrawn)).status_code == 404


# --- the booth page -------------------------------------------------------------------------


def test_the_booth_page_shows_story_team_products_offer_links_and_questions(
    client, units, django_user_model
):
    expo = expo_create(phase="live", passport_goal=3)
    voucher = Voucher.objects.create(
        name="Ưu đãi triển lãm",
        code="EATU10",
        start_datetime=expo.opens_at,
        end_datetime=expo.closes_at,
    )
    booth = exhibit(
        expo,
        "Cà phê Ea Tu",
        products=2,
        offer_voucher=voucher,
        offer_text="Giảm 10% trong ba ngày triển lãm",
        video_url=YOUTUBE,
    )
    product = booth.booth_products.first().product
    link = MarketplaceLink.objects.create(
        product=product, marketplace="lazada", url="https://www.lazada.vn/products/ca-phe-i1.html"
    )
    asker = django_user_model.objects.create_user("hoi", "hoi@example.com", "x")
    BoothQuestion.objects.create(
        booth=booth, asker=asker, text="Có giao Hà Nội không?", status="shown", answer="Có ạ."
    )
    BoothQuestion.objects.create(booth=booth, asker=asker, text="Câu chờ duyệt", status="held")
    BoothQuestion.objects.create(booth=booth, asker=asker, text="Câu bị ẩn", status="hidden")
    page = client.get(booth_url(booth)).content.decode()
    assert "Nhóm thanh niên Ea Tu" in page and "Y Khoa Niê" in page  # story and team
    assert "Cà phê Ea Tu sản phẩm 0" in page and "Cà phê Ea Tu sản phẩm 1" in page
    assert "120.000" in page and 'data-testid="product-stock"' in page
    assert reverse("basket:add", kwargs={"pk": product.pk}) in page
    assert (
        reverse(
            "startups:expo-product-go",
            kwargs={"slug": expo.slug, "booth_pk": booth.pk, "product_pk": product.pk},
        )
        in page
    )
    assert (
        reverse(
            "startups:expo-market-go",
            kwargs={"slug": expo.slug, "booth_pk": booth.pk, "link_pk": link.pk},
        )
        in page
    )
    assert "EATU10" in page and "Giảm 10%" in page
    assert "Có giao Hà Nội không?" in page and "Có ạ." in page
    assert "Câu chờ duyệt" not in page and "Câu bị ẩn" not in page
    assert "data-passport-stamps" in page and 'data-kind="booth"' in page
    assert 'data-testid="contact-form"' in page
    assert (
        reverse("startups:expo-booth-contact", kwargs={"slug": expo.slug, "booth_pk": booth.pk})
        in page
    )
    # the video is a still and a link until the visitor presses play: no player, no provider script
    assert 'data-video-embed="https://www.youtube-nocookie.com/embed/' in page
    assert "<iframe" not in page and '<script src="http' not in page
    assert "ytimg.com" not in page  # not even the provider's still


def test_the_booth_page_in_english_falls_back_to_vietnamese_marked_so(client, units):
    expo = expo_create(phase="live")
    booth = exhibit(expo, "Cà phê Ea Tu")
    with translation.override("en"):
        page = client.get(booth_url(booth)).content.decode()
    assert "Cà phê Ea Tu EN" in page  # the English name
    assert '<div lang="vi">Nhóm thanh niên Ea Tu' in page  # the story has no English: marked
    assert "Shown in Vietnamese" in page


def test_a_closed_expo_is_read_only_with_its_replays(client, units, django_user_model):
    expo = expo_create(phase="closed")
    booth = exhibit(expo, "Cà phê Cũ")
    session = ExpoSession.objects.create(
        expo=expo,
        kind="livestream",
        title="Phiên đã phát",
        starts_at=expo.opens_at,
        ends_at=expo.opens_at + 60 * MINUTE,
        stream_url=YOUTUBE,
        replay_url=REPLAY,
    )
    lobby = client.get(lobby_url(expo)).content.decode()
    assert 'data-testid="expo-closed"' in lobby and "Cà phê Cũ" in lobby
    client.force_login(django_user_model.objects.create_user("khach", "k@example.com", "x"))
    page = client.get(booth_url(booth)).content.decode()
    assert 'data-testid="contact-form"' not in page and 'data-testid="question-form"' not in page
    assert 'data-testid="contact-closed"' in page and 'data-testid="add-to-basket"' not in page
    shown = client.get(
        reverse("startups:expo-session", kwargs={"slug": expo.slug, "session_pk": session.pk})
    ).content.decode()
    assert "embed/dQw4w9WgXcQ" in shown and "aqz-KE-bpKQ" not in shown  # the replay, not the stream


def test_a_session_without_a_stream_shows_a_pitching_booths_recorded_video(client, units):
    expo = expo_create(phase="live")
    booth = exhibit(expo, "Cà phê Video", video_url=YOUTUBE)
    now = timezone.now()
    session = ExpoSession.objects.create(
        expo=expo, kind="pitch", title="Gọi vốn", starts_at=now - MINUTE, ends_at=now + 30 * MINUTE
    )
    session.startups.add(booth.startup)
    page = client.get(
        reverse("startups:expo-session", kwargs={"slug": expo.slug, "session_pk": session.pk})
    ).content.decode()
    assert 'data-testid="session-fallback"' in page and "embed/aqz-KE-bpKQ" in page
    assert booth_url(booth) in page
    ExpoSession.objects.filter(pk=session.pk).update(stream_url=REPLAY)
    page = client.get(
        reverse("startups:expo-session", kwargs={"slug": expo.slug, "session_pk": session.pk})
    ).content.decode()
    assert "embed/dQw4w9WgXcQ" in page and 'data-testid="session-fallback"' not in page


def test_staff_online_lists_booths_seen_in_the_last_three_minutes(client, units):
    expo = expo_create(phase="live")
    now = timezone.now()
    exhibit(expo, "Đang trực", staff_seen_at=now - MINUTE)
    exhibit(expo, "Vừa rời", staff_seen_at=now - 4 * MINUTE)
    assert [c.name.value for c in selectors.staff_online(expo)] == ["Đang trực"]
    response = client.get(reverse("startups:expo-online", kwargs={"slug": expo.slug}))
    assert response.status_code == 200 and "max-age=30" in response["Cache-Control"]
    html = response.content.decode()
    assert "Đang trực" in html and "Vừa rời" not in html and "<html" not in html
    draft = expo_create(phase="draft")
    assert (
        client.get(reverse("startups:expo-online", kwargs={"slug": draft.slug})).status_code == 404
    )


# --- the page cache ---------------------------------------------------------------------------


def test_the_lobby_and_booth_come_from_the_cache_until_the_expo_changes(client, units, settings):
    settings.PAGE_CACHE_SECONDS = 600
    expo = expo_create(phase="live")
    booth = exhibit(expo, "Cà phê Bộ đệm")
    assert client.get(lobby_url(expo))["X-Page-Cache"] == "miss"
    assert client.get(lobby_url(expo))["X-Page-Cache"] == "hit"
    assert client.get(booth_url(booth))["X-Page-Cache"] == "miss"
    assert client.get(booth_url(booth))["X-Page-Cache"] == "hit"
    from core import pagecache

    pagecache._replace([expo.token_key])
    assert client.get(lobby_url(expo))["X-Page-Cache"] == "miss"
    assert client.get(booth_url(booth))["X-Page-Cache"] == "miss"


def test_a_booths_startup_renamed_shows_on_the_cached_lobby_which_checks_few_tokens(
    client, units, settings, django_capture_on_commit_callbacks
):
    """The lobby depends on its expo's token, not on one token per booth: a hit checks a
    handful of tokens however many booths; a booth's startup changing replaces the expo's
    token too (startups.receivers.expos_of_startups), so the new name shows at once."""
    from core import pagecache
    from startups.services.profiles import startup_changed_on_commit

    settings.PAGE_CACHE_SECONDS = 600
    expo = expo_create(phase="live")
    booths = [exhibit(expo, f"Gian số {n}") for n in range(6)]
    client.get(lobby_url(expo))
    entry = pagecache.cache.get(pagecache._page_key(client.get(lobby_url(expo)).wsgi_request))
    assert entry is not None and len(entry["deps"]) <= 4, entry["deps"]
    assert client.get(lobby_url(expo))["X-Page-Cache"] == "hit"

    startup = booths[2].startup
    startup.name = "Gian đổi tên"
    with django_capture_on_commit_callbacks(execute=True):
        startup.save()
        startup_changed_on_commit(startup.pk)
    response = client.get(lobby_url(expo))
    assert response["X-Page-Cache"] == "miss" and "Gian đổi tên" in response.content.decode()


def test_a_page_is_not_cached_across_the_opening(client, units, settings):
    settings.PAGE_CACHE_SECONDS = 600
    soon = timezone.now() + 5 * MINUTE
    expo = expo_create(phase="scheduled", opens_at=soon, applications_close_at=soon - 60 * MINUTE)
    client.get(lobby_url(expo))
    assert "X-Page-Cache" not in client.get(lobby_url(expo))  # rendered every time
    later = expo_create(phase="scheduled")
    client.get(lobby_url(later))
    assert client.get(lobby_url(later))["X-Page-Cache"] == "hit"


# --- queries ----------------------------------------------------------------------------------


def _queries(call, *args) -> int:
    with CaptureQueriesContext(connection) as ctx:
        call(*args)
    return len(ctx.captured_queries)


def test_reads_cost_the_same_for_two_or_six_booths_and_products(client, units, no_page_cache):
    small, large = expo_create(phase="live"), expo_create(phase="live")
    for expo, n in ((small, 2), (large, 6)):
        now = timezone.now()
        for i in range(n):
            booth = exhibit(
                expo, f"Gian {expo.pk}-{i}", products=n, featured=i % 2 == 0, staff_seen_at=now
            )
            MarketplaceLink.objects.create(
                product=booth.booth_products.first().product,
                marketplace="shopee",
                url=f"https://shopee.vn/p-i.{expo.pk}.{i}",
            )
            ExpoSession.objects.create(
                expo=expo,
                kind="talk",
                title=f"P{i}",
                starts_at=now + i * MINUTE,
                ends_at=now + 90 * MINUTE,
            )
    booths = {e: e.booths.first() for e in (small, large)}
    for read in (
        lambda e: selectors.lobby(e),
        lambda e: selectors.booth_page(e, booths[e].pk),
        lambda e: selectors.staff_online(e),
        lambda e: selectors.hall_page(e, booths[e].hall_id),
    ):
        assert _queries(read, small) == _queries(read, large)
    for url in (lobby_url, lambda e: booth_url(booths[e])):
        client.get(url(small)), client.get(url(large))  # warm (sessions, translations)
        assert _queries(client.get, url(small)) == _queries(client.get, url(large))
    assert _queries(lambda: selectors.booth_page(large, booths[large].pk)) <= 9


def _basket_token(html: str) -> str:
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").select_one('[data-testid="add-to-basket"]')
    return form.select_one('input[name="csrfmiddlewaretoken"]')["value"]


@pytest.mark.parametrize("whole_pages", [False, True])
def test_booth_product_rows_are_kept_per_product_and_their_basket_form_works(
    units, settings, django_capture_on_commit_callbacks, whole_pages
):
    """With whole pages off, the booth page is rendered each time and its product rows come
    from the card cache; a price change redraws that row. Either way each visitor's basket
    form carries their own CSRF token, and adding to the basket works."""
    from django.test import Client

    from core import pagecache

    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_PAGES = whole_pages
    expo = expo_create(phase="live")
    booth = exhibit(expo, "Cà phê Bộ đệm", products=2)
    first, second = (row.product for row in booth.booth_products.order_by("position", "pk"))
    Client().get(booth_url(booth))
    with CaptureQueriesContext(connection) as queries:
        page = Client().get(booth_url(booth)).content.decode()
    assert "Cà phê Bộ đệm sản phẩm 0" in page and "Cà phê Bộ đệm sản phẩm 1" in page
    assert not [q for q in queries if q["sql"].startswith('SELECT "partner_stockrecord"."id"')]

    record = first.stockrecords.get()
    record.price = 150000
    with django_capture_on_commit_callbacks(execute=True):
        record.save()
    page = Client().get(booth_url(booth)).content.decode()
    assert "150.000" in page and "120.001" in page  # the new price, the other row kept

    for _ in range(2):  # a first visitor, and one served what the first left in the cache
        visitor = Client(enforce_csrf_checks=True)
        response = visitor.get(booth_url(booth))
        token = _basket_token(response.content.decode())
        assert token and pagecache.CSRF_HOLE not in response.content.decode()
        added = visitor.post(
            reverse("basket:add", kwargs={"pk": second.pk}),
            {"quantity": 1, "csrfmiddlewaretoken": token},
        )
        assert added.status_code == 302, added.status_code
        basket = visitor.get(reverse("basket:summary")).content.decode()
        assert "Cà phê Bộ đệm sản phẩm 1" in basket
