"""Issue 14 end to end in a real browser: the Đắk Lắk officer creates an expo with two halls
and a session and announces it; two startups apply for a booth and are approved, one of them
with an expo-only voucher; the expo opens; a visitor walks the lobby, visits both booths, gets
the passport's reward, asks a question, leaves a contact and buys a featured product with the
booth's voucher; the organiser's report shows exactly those visits, that order and its
revenue; the exhibitor sends a follow-up to its lead, which arrives once with a working
opt-out link."""

import datetime
import re
from decimal import Decimal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone
from oscar.core.loading import get_model
from playwright.sync_api import expect

from core.pagecache import bump
from startups.models import Booth, BoothQuestion, Expo, ExpoOrder, Lead, Officer, UnionUnit
from startups.services.union import union_units_load
from tests.browser import steps
from tests.catalog.factories import SellerFactory, product_create
from tests.startups.factories import approved_application_create, startup_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Voucher = get_model("voucher", "Voucher")
OrderPart = get_model("order", "OrderPart")

# A desktop Chrome user agent: the counts leave out headless browsers as bots.
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Safari/537.36"
)
PASSWORD = "mat-khau-manh-2026"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
BOOTH_PATH = re.compile(r"/trien-lam/[^/]+/gian/(\d+)/$")
LOBBY_PATH = re.compile(r"/trien-lam/[^/]+/$")


def local(moment) -> str:
    """A datetime-local input's value in Viet Nam time."""
    return moment.astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M")


def context_for(browser, live_server, *, phone=False):
    size = {"width": 360, "height": 740} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(
        viewport=size, locale="vi-VN", base_url=live_server.url, user_agent=USER_AGENT
    )
    context.set_default_timeout(15000)
    return context


def login(page, email):
    steps.login(page, email, PASSWORD)


def exhibitor(*, name, code, unit, product_title, price):
    """An approved startup seller with a user who may open the dashboard, and one product."""
    User = get_user_model()
    seller = SellerFactory(name=name, code=code, kind="startup", province=unit.province)
    seller.status = "approved"
    seller.save()
    user = User.objects.create_user(code, f"{code}@example.com", PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    seller.users.add(user)
    approved_application_create(seller=seller, unit=unit, created_by=user)
    startup = startup_create(seller=seller, unit=unit, name=name, slug=code)
    product = product_create(title=product_title, seller=seller, price=Decimal(price), stock=20)
    return user, startup, product


class Visits:
    """Every expo page the visitor's browser loads, as the organiser should count them: one
    per load of a lobby or booth page (each load sends one beacon)."""

    def __init__(self, page):
        self.lobby = 0
        self.booths: dict[int, int] = {}
        page.on("load", self.loaded)

    def loaded(self, page):
        path = page.url.split("?")[0].split("#")[0].split(page.url.split("/")[2], 1)[-1]
        if match := BOOTH_PATH.search(path):
            pk = int(match.group(1))
            self.booths[pk] = self.booths.get(pk, 0) + 1
        elif LOBBY_PATH.search(path) and "/tim-kiem" not in path:
            self.lobby += 1


def table(page, key) -> list[dict[str, str]]:
    """The rows of a report section as {header: cell text}."""
    section = page.get_by_test_id(f"section-{key}")
    headers = [h.strip() for h in section.locator("thead th").all_inner_texts()]
    rows = []
    for row in section.locator("tbody tr").all():
        cells = [c.strip() for c in row.locator("th, td").all_inner_texts()]
        rows.append(dict(zip(headers, cells, strict=False)))
    return rows


def beacon_after(page, action):
    """Run ``action`` (a navigation) and wait until the new page's visit was counted."""
    with page.expect_response(lambda r: "/expo/beacon/" in r.url and r.status in (200, 204)):
        action()


def test_an_expo_is_organised_visited_bought_from_reported_and_followed_up(
    browser, live_server, site_tree
):
    union_units_load()
    User = get_user_model()
    daklak = UnionUnit.objects.get(province__code="66", level="province")
    officer_user = User.objects.create_user("canbo", "canbo@example.com", PASSWORD)
    Officer.objects.create(user=officer_user, unit=daklak, title="Phó Bí thư Tỉnh đoàn")
    ea_tu_user, ea_tu, coffee = exhibitor(
        name="Cà phê Ea Tu",
        code="ca-phe-ea-tu",
        unit=daklak,
        product_title="Cà phê Robusta rang mộc 500g",
        price="150000",
    )
    honey_user, honey, honey_jar = exhibitor(
        name="Mật ong Krông Bông",
        code="mat-ong-krong-bong",
        unit=daklak,
        product_title="Mật ong hoa cà phê 500ml",
        price="180000",
    )
    User.objects.create_user("lan", "lan@example.com", PASSWORD)

    # --- the officer creates the expo with two halls and a session, and announces it -------
    now = timezone.now()
    opens = now + datetime.timedelta(days=2)
    officer = context_for(browser, live_server).new_page()
    login(officer, "canbo@example.com")
    officer.goto("/union/expos/new/")
    officer.fill("[name=title]", "Triển lãm khởi nghiệp Đắk Lắk 2026")
    officer.fill("[name=theme]", "Nông sản xanh của thanh niên Tây Nguyên")
    officer.fill("[name=applications_close_at]", local(now + datetime.timedelta(days=1)))
    officer.fill("[name=opens_at]", local(opens))
    officer.fill("[name=closes_at]", local(opens + datetime.timedelta(days=3)))
    officer.fill("[name=passport_goal]", "2")
    officer.select_option("[name=reward]", "draw")
    officer.fill("[name=draw_prizes]", "1")
    officer.fill("[name=reward_text]", "Một giỏ quà OCOP Đắk Lắk")
    officer.fill("[name=halls-0-name]", "Cà phê và nông sản")
    officer.fill("[name=halls-1-name]", "Sản phẩm OCOP")
    officer.select_option("[name=sessions-0-kind]", "pitch")
    officer.fill("[name=sessions-0-title]", "Gọi vốn: nông sản sạch")
    officer.fill("[name=sessions-0-starts_at]", local(opens + datetime.timedelta(hours=2)))
    officer.fill("[name=sessions-0-ends_at]", local(opens + datetime.timedelta(hours=3)))
    officer.fill("[name=sessions-0-replay_url]", "https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    officer.get_by_test_id("save").click()
    expo = Expo.objects.get()
    assert [h.name for h in expo.halls.all()] == ["Cà phê và nông sản", "Sản phẩm OCOP"]
    assert expo.sessions.get().title == "Gọi vốn: nông sản sạch"
    officer.get_by_test_id("publish").click()
    expo.refresh_from_db()
    assert expo.phase == Expo.Phase.APPLICATIONS

    # --- two startups apply for a booth; the first adds an expo-only offer -----------------
    for user, product, hall, pitch in (
        (ea_tu_user, coffee, "Cà phê và nông sản", "Cà phê sạch rang mộc từ buôn Ea Tu"),
        (honey_user, honey_jar, "Sản phẩm OCOP", "Mật ong nguyên chất OCOP 4 sao"),
    ):
        seller = context_for(browser, live_server).new_page()
        login(seller, user.email)
        seller.goto("/shop/dashboard/expo/")
        seller.get_by_test_id("expo-to-apply").get_by_role("link").click()
        seller.select_option("[name=hall]", label=hall)
        seller.check(f"[name=products][value='{product.pk}']")
        seller.fill("[name=pitch]", pitch)
        seller.get_by_test_id("booth-form").locator("button[type=submit]").click()
        expect(seller.get_by_test_id("booth-status")).to_contain_text("chờ duyệt")
        if user == ea_tu_user:
            seller.get_by_test_id("offer-form").locator("[name=percent]").fill("10")
            seller.get_by_test_id("offer-form").locator("[name=text]").fill(
                "Giảm 10% cà phê trong ba ngày triển lãm"
            )
            seller.get_by_test_id("offer-form").locator("button[type=submit]").click()
            expect(seller.get_by_test_id("offer-code")).to_contain_text("EXPO-")
        seller.context.close()
    ea_tu_booth = Booth.objects.get(startup=ea_tu)
    honey_booth = Booth.objects.get(startup=honey)
    voucher = ea_tu_booth.offer_voucher
    assert voucher is not None and voucher.code.startswith("EXPO-")

    # --- the officer approves both ----------------------------------------------------------
    officer.goto(f"/union/expos/{expo.pk}/booths/")
    for booth in (ea_tu_booth, honey_booth):
        row = officer.locator(f"[data-testid=booth-row][data-booth='{booth.pk}']")
        row.get_by_test_id("approve").click()
        expect(
            officer.locator(f"[data-testid=booth-row][data-booth='{booth.pk}']").get_by_test_id(
                "booth-status"
            )
        ).to_contain_text("Đã duyệt")
    assert set(Booth.objects.values_list("status", flat=True)) == {Booth.Status.APPROVED}

    # --- the expo opens (time passes: the dates move, as the clock would) -----------------
    moved = timezone.now() - opens + datetime.timedelta(minutes=-1)
    Expo.objects.filter(pk=expo.pk).update(
        applications_close_at=expo.applications_close_at + moved - datetime.timedelta(days=1),
        opens_at=expo.opens_at + moved,
        closes_at=expo.closes_at + moved,
    )
    Voucher.objects.filter(pk=voucher.pk).update(
        start_datetime=voucher.start_datetime + moved, end_datetime=voucher.end_datetime + moved
    )
    voucher.offers.update(
        start_datetime=voucher.start_datetime + moved, end_datetime=voucher.end_datetime + moved
    )
    expo.sessions.update(starts_at=timezone.now() + datetime.timedelta(hours=1))
    bump(f"expo:{expo.pk}", "expos")
    expo.refresh_from_db()
    assert expo.phase == Expo.Phase.LIVE

    # --- a visitor walks the lobby and both booths on a phone -------------------------------
    visitor = context_for(browser, live_server, phone=True).new_page()
    visits = Visits(visitor)
    login(visitor, "lan@example.com")
    beacon_after(visitor, lambda: visitor.goto(f"/trien-lam/{expo.slug}/"))
    expect(visitor.get_by_test_id("halls")).to_contain_text("Cà phê và nông sản")
    beacon_after(
        visitor, lambda: visitor.get_by_role("link", name="Mật ong Krông Bông").first.click()
    )
    expect(visitor.get_by_test_id("passport-stamps")).to_have_text("1")
    beacon_after(visitor, lambda: visitor.goto(f"/trien-lam/{expo.slug}/"))
    beacon_after(visitor, lambda: visitor.get_by_role("link", name="Cà phê Ea Tu").first.click())
    expect(visitor.get_by_test_id("passport-stamps")).to_have_text("2")

    # the passport's reward: entry into the draw
    visitor.goto(f"/trien-lam/{expo.slug}/ho-chieu/")
    visitor.get_by_test_id("draw-form").locator("[name=name]").fill("Trần Thị Lan")
    visitor.get_by_test_id("draw-form").locator("[name=email]").fill("lan@example.com")
    visitor.get_by_test_id("draw-form").locator("button[type=submit]").click()
    expect(visitor.get_by_test_id("draw-ticket")).to_be_visible()

    # a question and a contact at the coffee booth
    booth_url = f"/trien-lam/{expo.slug}/gian/{ea_tu_booth.pk}/"
    beacon_after(visitor, lambda: visitor.goto(booth_url))
    form = visitor.get_by_test_id("question-form")
    form.locator("textarea").fill("Cà phê có giao ra Hà Nội không ạ?")
    beacon_after(visitor, lambda: form.locator("button[type=submit]").click())
    assert BoothQuestion.objects.get(booth=ea_tu_booth).text == "Cà phê có giao ra Hà Nội không ạ?"
    contact = visitor.get_by_test_id("contact-form")
    contact.locator("[name=role][value=buyer]").check()
    contact.locator("[name=message]").fill("Tôi muốn nhập 50 kg cà phê cho quán.")
    contact.locator("[name=name]").fill("Trần Thị Lan")
    contact.locator("[name=email]").fill("lan@example.com")
    with visitor.expect_navigation():
        contact.locator("button[type=submit]").click()
    lead = Lead.objects.get(booth=ea_tu_booth)
    assert lead.source == Lead.Source.BOOTH

    # the featured coffee into the basket straight from the booth, and the booth's voucher
    beacon_after(visitor, lambda: visitor.goto(booth_url))
    beacon_after(
        visitor,
        lambda: visitor.get_by_test_id("add-to-basket").get_by_role("button").first.click(),
    )
    visitor.goto("/shop/basket/")
    visitor.locator("#voucher_form_link a").click()
    visitor.fill("#id_code", voucher.code)
    visitor.locator("form#voucher_form button[type=submit]").click()
    expect(visitor.locator("body")).to_contain_text(voucher.code)
    visitor.goto("/shop/checkout/")
    steps.gives_address(
        visitor,
        name="Trần Thị Lan",
        line1="12 Lê Lợi",
        ward="Phường Buôn Ma Thuột",
        province="Đắk Lắk",
        phone="0912 345 678",
    )
    visitor.get_by_label(re.compile("Thanh toán khi nhận hàng")).check()
    visitor.click("#choose-payment")
    visitor.click("#place-order")
    expect(visitor.locator("body")).to_contain_text("Cảm ơn")
    part = OrderPart.objects.get(partner=ea_tu.partner)
    assert part.goods_total == Decimal("135000")  # 150,000 ₫ less the booth's 10 %
    attributed = ExpoOrder.objects.get(expo=expo)
    assert attributed.order_id == part.order_id

    # --- the organiser's report shows exactly those visits, that order and its revenue ----
    officer.goto(f"/union/expos/{expo.pk}/report/")
    totals = table(officer, "totals")[0]
    assert totals["Khách tham quan"] == "1"
    assert totals["Lượt vào gian hàng"] == str(sum(visits.booths.values()))
    assert totals["Khách để lại liên hệ"] == "1"
    assert totals["Câu hỏi"] == "1"
    assert totals["Đơn hàng"] == "1"
    assert totals["Doanh thu (đồng)"].replace(".", "").replace(" ", "").startswith("135000")
    booths = {row["Gian hàng"]: row for row in table(officer, "booths")}
    assert booths["Cà phê Ea Tu"]["Lượt vào gian hàng"] == str(visits.booths[ea_tu_booth.pk])
    assert booths["Mật ong Krông Bông"]["Lượt vào gian hàng"] == "1"
    assert booths["Mật ong Krông Bông"]["Đơn hàng"] == "0"
    assert visits.lobby == 2 and visits.booths[honey_booth.pk] == 1

    # --- the exhibitor follows up its lead; it arrives once, with an opt-out link ----------
    mail.outbox.clear()
    seller = context_for(browser, live_server).new_page()
    login(seller, ea_tu_user.email)
    seller.goto(f"/shop/dashboard/expo/booths/{ea_tu_booth.pk}/follow-up/")
    seller.fill("[name=subject]", "Cảm ơn chị đã ghé gian hàng Cà phê Ea Tu")
    seller.fill("[name=body]", "Chúng tôi gửi chị bảng giá sỉ cà phê rang mộc.")
    seller.check(f"[name=products][value='{coffee.pk}']")
    seller.get_by_test_id("followup-form").locator("button[type=submit]").click()
    expect(seller.get_by_test_id("booth-leads")).to_be_visible()
    sent = [m for m in mail.outbox if m.to == ["lan@example.com"]]
    assert len(sent) == 1 and "Cà phê Robusta rang mộc 500g" in sent[0].body
    opt_out = re.search(r"https?://\S+/trien-lam/khong-nhan-tin/\S+/", sent[0].body).group(0)
    visitor.goto(urlsplit(opt_out).path)
    visitor.get_by_test_id("optout-form").locator("button[type=submit]").click()
    lead.refresh_from_db()
    assert lead.opted_out_at is not None
