"""The expo's lobby and a booth in a real browser on a small phone (360 px wide): no sideways
scrolling, each page under 300 KB on first load, nothing asked of another site until the
visitor presses play, and a featured product put in the basket straight from the booth.

The weight: every response of the first load (the page, its styles, scripts and pictures,
the beacon and the "staff online" fragment) as the browser received it, and as production
sends it (WhiteNoise serves text files compressed: the live server here does not compress,
so the text bodies are counted gzip-compressed, as `whitenoise.storage.
CompressedManifestStaticFilesStorage` stores them)."""

import gzip

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from startups.models import ExpoEvent, PassportStamp
from startups.services.union import union_units_load
from tests.catalog.factories import product_create
from tests.startups.factories import booth_create, expo_create, startup_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET = 300 * 1024
VIDEO = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
# A phone's Chrome (a headless user agent would be left out of the counting as a bot).
USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Mobile Safari/537.36"
)
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


@pytest.fixture
def fair(site_tree):
    union_units_load()
    expo = expo_create(
        phase="live", title="Triển lãm Khởi nghiệp Tây Nguyên 2026", passport_goal=2,
        reward="voucher", reward_voucher_code="HOCHIEU10",
        theme="Nông sản sạch của thanh niên các tỉnh Tây Nguyên",
    )  # fmt: skip
    first, second = expo.halls.all()
    coffee = startup_create(name="Cà phê Ea Tu", tagline="Robusta rang mộc của buôn Ea Tu")
    honey = startup_create(name="Mật ong Hoa Cà Phê", tagline="Mật ong rừng Krông Bông")
    products = [
        product_create(seller=coffee.partner, title="Cà phê Robusta rang mộc 500g", price=185000),
        product_create(seller=coffee.partner, title="Cà phê phin giấy hộp 10 gói", price=95000),
    ]
    booth = booth_create(
        expo=expo, startup=coffee, hall=first, products=products, video_url=VIDEO, featured=True,
        pitch="Cà phê Robusta trồng dưới tán rừng, rang mộc, không tẩm ướp.",
        offer_text="Giảm 10% trong ba ngày triển lãm",
    )  # fmt: skip
    booth_create(expo=expo, startup=honey, hall=second)
    return expo, booth, products


def measured(responses) -> tuple[int, int]:
    """(bytes received, bytes production would send) of ``responses``."""
    received = compressed = 0
    for response in responses:
        try:
            sizes = response.request.sizes()
            body = response.body()
        except PlaywrightError:  # a beacon answered after the page moved on: not part of the load
            continue
        headers = sizes["responseHeadersSize"]
        received += headers + sizes["responseBodySize"]
        kind = response.headers.get("content-type", "")
        if kind.startswith(TEXT_TYPES) and response.headers.get("content-encoding") is None:
            compressed += headers + len(gzip.compress(body, compresslevel=9))
        else:
            compressed += headers + sizes["responseBodySize"]
    return received, compressed


def open_measured(browser, live_server, path):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        base_url=live_server.url,
        user_agent=USER_AGENT,
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    responses, foreign = [], []
    page.on("response", lambda response: responses.append(response))
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else foreign.append(request.url)
        ),
    )
    page.goto(path, wait_until="networkidle")
    page.wait_for_timeout(400)  # the beacon's answer and the online fragment
    page.wait_for_load_state("networkidle")
    return context, page, responses, foreign


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide at 360"


def test_lobby_and_booth_on_a_small_phone(browser, live_server, fair, settings):
    expo, booth, products = fair
    weights = {}

    # The lobby: halls, the featured booth, the passport; light, no other site asked.
    lobby = f"/trien-lam/{expo.slug}/"
    context, page, responses, foreign = open_measured(browser, live_server, lobby)
    expect(page.get_by_test_id("expo-title")).to_contain_text("Tây Nguyên 2026")
    expect(page.get_by_test_id("featured-booths")).to_contain_text("Cà phê Ea Tu")
    no_sideways_scroll(page)
    weights["lobby"] = measured(responses)
    assert not foreign, foreign
    assert ExpoEvent.objects.filter(expo=expo, kind="lobby").count() == 1  # the beacon ran

    # Into the booth: story, products with price and stock, the stamp, the video as a still.
    page.get_by_test_id("featured-booths").get_by_text("Cà phê Ea Tu").click()
    expect(page.get_by_test_id("booth-name")).to_have_text("Cà phê Ea Tu")
    expect(page.get_by_test_id("passport-stamps")).to_have_text("1")
    assert PassportStamp.objects.filter(expo=expo, booth=booth).count() == 1
    context.close()

    booth_path = f"/trien-lam/{expo.slug}/gian/{booth.pk}/"
    context, page, responses, foreign = open_measured(browser, live_server, booth_path)
    expect(page.get_by_test_id("booth-product")).to_have_count(2)
    expect(page.get_by_test_id("booth-products")).to_contain_text("185.000")
    expect(page.get_by_test_id("booth-offer")).to_contain_text("Giảm 10%")
    no_sideways_scroll(page)
    weights["booth"] = measured(responses)
    assert not foreign, foreign  # a YouTube video on the page, and still nothing asked of it
    assert page.locator("iframe").count() == 0

    # Pressing play is the first request to another site (blocked here: no network).
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    page.get_by_test_id("video-play").click()
    expect(page.locator("iframe.pitch-video__frame")).to_have_count(1)
    page.wait_for_timeout(300)
    assert any("youtube-nocookie.com" in url for url in foreign), foreign

    # Add to basket from the booth: the normal basket (the booth page came from the cache).
    assert page.goto(booth_path).headers.get("x-page-cache") == "hit"
    page.get_by_test_id("add-to-basket").first.get_by_role("button").click()
    page.goto("/shop/basket/")
    expect(page.locator("#content_inner")).to_contain_text("Cà phê Robusta rang mộc 500g")
    context.close()

    for name, (received, production) in weights.items():
        print(f"\n{name}: {received / 1024:.0f} KB received, {production / 1024:.0f} KB as sent")
        assert production < BUDGET, (name, production)
