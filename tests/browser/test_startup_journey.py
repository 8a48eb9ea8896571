"""Issue 13 end to end in a real browser: a seller creates its startup with a team of two,
writes a pitch with a video and a deck and submits it; an officer of its province sends it back
with a comment, the seller fixes it, the officer approves; a visitor finds it in the directory
without diacritics, follows it and sends investor interest; the startup sees the lead and
exports it; the pitch's QR poster, decoded with zbar, opens the pitch page and the visit is
counted."""

import csv
import io
import os
import re
import shutil
import subprocess
import urllib.parse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from playwright.sync_api import expect
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from startups.models import Follow, Lead, Officer, Pitch, QRVisitDay, Startup, UnionUnit
from startups.services.union import union_units_load
from tests.browser import steps
from tests.catalog.factories import SellerFactory
from tests.startups.factories import approved_application_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A desktop Chrome user agent: QR visits leave out headless browsers as bots.
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Safari/537.36"
)
PASSWORD = "mat-khau-manh-2026"
VIDEO = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


def zbarimg() -> str:
    path = shutil.which("zbarimg")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: zbarimg not found (apt-get install zbar-tools)")
        pytest.skip("zbarimg not found (apt-get install zbar-tools)")
    return path


def deck_pdf(path) -> None:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 28)
    pdf.drawString(72, 700, "Mam Xanh Farm - pitch deck")
    pdf.showPage()
    pdf.drawString(72, 700, "Page 2")
    pdf.save()


def login(page, email):
    steps.login(page, email, PASSWORD)


def test_a_startup_pitches_is_reviewed_found_followed_and_scanned(
    browser, live_server, site_tree, tmp_path
):
    union_units_load()
    User = get_user_model()
    daklak = UnionUnit.objects.get(province__code="66", level="province")
    seller = SellerFactory(name="Mầm Xanh Farm", code="mam-xanh-farm", kind="startup")
    seller.status = "approved"
    seller.save()
    seller_user = User.objects.create_user("mamxanh", "mamxanh@example.com", PASSWORD)
    seller_user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    seller.users.add(seller_user)
    approved_application_create(seller=seller, unit=daklak, created_by=seller_user)
    officer_user = User.objects.create_user("canbo", "canbo@example.com", PASSWORD)
    Officer.objects.create(user=officer_user, unit=daklak)
    User.objects.create_user("nhadautu", "nhadautu@example.com", PASSWORD, first_name="Lan")

    def new_page():
        context = browser.new_context(
            viewport={"width": 1280, "height": 900},
            locale="vi-VN",
            base_url=live_server.url,
            user_agent=USER_AGENT,
            accept_downloads=True,
        )
        context.set_default_timeout(20000)
        return context.new_page()

    # 1. The seller creates its startup with a team of two, and shows it.
    owner = new_page()
    login(owner, "mamxanh@example.com")
    owner.goto("/shop/dashboard/startup/")
    owner.fill("#id_name", "Mầm Xanh Farm")
    owner.fill("#id_tagline", "Rau mầm hữu cơ của thanh niên Buôn Ma Thuột")
    owner.fill("#id_story", "Ba bạn trẻ trồng rau mầm sạch, giao tận nơi trong ngày.")
    owner.fill("#id_founded_year", "2022")
    owner.select_option("#id_province", label="Đắk Lắk")
    owner.select_option("#id_sector", "agriculture_food")
    owner.select_option("#id_stage", "first_sales")
    owner.check("#id_looking_for_0")  # investment
    owner.fill("#id_team-0-name", "Nguyễn Thị Hồng")
    owner.fill("#id_team-0-role", "Người sáng lập")
    owner.fill("#id_team-0-birth_year", "1999")
    owner.check("#id_team-0-is_founder")
    owner.fill("#id_team-1-name", "Y Bhim Niê")
    owner.fill("#id_team-1-role", "Kỹ thuật trồng")
    owner.fill("#id_team-1-birth_year", "2000")
    owner.check("#id_team-1-is_founder")
    owner.check("#id_published")
    owner.locator("form button[type=submit]").last.click()
    expect(owner.locator(".alert-success")).to_be_visible()
    startup = Startup.objects.get(partner=seller)
    assert startup.team.count() == 2 and startup.published

    # 2. ... writes a pitch with a video and a deck, and submits it.
    deck = tmp_path / "mam-xanh.pdf"
    deck_pdf(deck)
    owner.goto("/shop/dashboard/pitches/new/")
    owner.fill("#id_title", "Nhà kính rau mầm cho 30 hộ thanh niên")
    owner.fill("#id_problem", "Rau ở chợ không rõ nguồn gốc.")
    owner.fill("#id_solution", "Rau mầm trồng sạch, giao trong ngày.")
    owner.fill("#id_market", "Người mua thành phố Buôn Ma Thuột.")
    owner.select_option("#id_ask_kind", "investment")
    owner.fill("#id_ask_amount", "500000000")
    owner.fill("#id_fund_uses-0-label", "Nhà kính")
    owner.fill("#id_fund_uses-0-amount", "400000000")
    owner.fill("#id_fund_uses-1-label", "Vốn lưu động")
    owner.fill("#id_fund_uses-1-amount", "100000000")
    owner.fill("#id_video_url", VIDEO)
    owner.set_input_files("#id_deck", str(deck))
    owner.get_by_test_id("pitch-save").click()
    expect(owner.get_by_test_id("pitch-submit")).to_be_visible()
    pitch = Pitch.objects.get(startup=startup)
    assert pitch.deck and pitch.deck_preview
    owner.get_by_test_id("pitch-submit").click()
    expect(owner.get_by_text("Đang chờ duyệt").first).to_be_visible()

    # 3. The officer of its province sends it back with a comment on the market.
    officer = new_page()
    login(officer, "canbo@example.com")
    officer.goto("/union/pitches/")
    officer.get_by_role("link", name="Nhà kính rau mầm cho 30 hộ thanh niên").click()
    officer.get_by_test_id("comment-box-market").fill("Xin cho biết quy mô thị trường bằng số.")
    officer.get_by_test_id("send-back").click()
    expect(officer.get_by_test_id("pitch-state")).to_contain_text("Trả lại")

    # 4. The seller sees the comment, fixes the market and submits again; the officer approves.
    owner.goto(f"/shop/dashboard/pitches/{pitch.pk}/")
    expect(owner.get_by_text("Xin cho biết quy mô thị trường bằng số.")).to_be_visible()
    owner.fill("#id_market_size", "12000000000")
    owner.get_by_test_id("pitch-save").click()
    owner.get_by_test_id("pitch-submit").click()
    officer.goto(f"/union/pitches/{pitch.pk}/")
    officer.get_by_test_id("approve").click()
    pitch.refresh_from_db()
    assert pitch.published_version is not None
    assert pitch.published_version.approved_by == officer_user

    # 5. A visitor finds it in the directory without diacritics, follows it, sends interest.
    visitor = new_page()
    visitor.goto("/khoi-nghiep/?q=mam+xanh")
    visitor.get_by_role("link", name="Mầm Xanh Farm").first.click()
    expect(visitor.get_by_test_id("startup-name")).to_have_text("Mầm Xanh Farm")
    login(visitor, "nhadautu@example.com")
    visitor.goto(f"/khoi-nghiep/{startup.slug}/")
    visitor.get_by_test_id("follow").click()
    expect(visitor.get_by_test_id("unfollow")).to_be_visible()
    assert Follow.objects.filter(startup=startup).count() == 1
    visitor.get_by_role("link", name="Nhà kính rau mầm cho 30 hộ thanh niên").click()
    expect(visitor.get_by_text("12.000.000.000")).to_be_visible()
    expect(visitor.get_by_text("không nhận tiền").first).to_be_visible()
    visitor.check("input[name=role][value=investor]")
    visitor.fill("textarea[name=message]", "Quỹ của chúng tôi muốn tìm hiểu thêm về nhà kính.")
    visitor.fill("input[name=phone]", "0912 345 678")
    visitor.get_by_role("button", name="Gửi quan tâm").click()
    expect(visitor.get_by_text("Cảm ơn").first).to_be_visible()
    lead = Lead.objects.get(startup=startup)
    assert lead.role == "investor" and lead.phone == "+84912345678"

    # 6. The startup sees the lead and exports it.
    owner.goto("/shop/dashboard/leads/")
    expect(owner.get_by_text("Quỹ của chúng tôi muốn tìm hiểu thêm")).to_be_visible()
    with owner.expect_download() as download:
        owner.get_by_role("link", name="Tải về (CSV)").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    assert any("Quỹ của chúng tôi muốn tìm hiểu thêm về nhà kính." in row for row in rows)

    # 7. The pitch's QR poster opens the pitch page, and the visit is counted.
    owner.goto("/shop/dashboard/qr/")
    row = owner.locator("[data-testid=qr-row][data-kind=pitch]")
    with owner.expect_download() as download:
        row.get_by_role("link", name="PNG").click()
    poster = tmp_path / "poster.png"
    download.value.save_as(poster)
    decoded = subprocess.run(
        [zbarimg(), "--raw", "-q", str(poster)], capture_output=True, text=True, timeout=60
    ).stdout.strip()
    path = urllib.parse.urlsplit(decoded).path
    assert re.fullmatch(r"/q/g\d+/", path), decoded
    scanner = new_page()
    scanner.goto(path)
    assert "src=qr" in scanner.url
    expect(
        scanner.get_by_role("heading", name="Nhà kính rau mầm cho 30 hộ thanh niên")
    ).to_be_visible()
    visits = QRVisitDay.objects.get(kind="pitch", object_id=pitch.pk)
    assert visits.count == 1
