"""The QR pages: the short address (counts a visit, redirects with ?src=qr), the seller's
posters and cashless-stall card, and the officers' sheet of posters. Every page is tried with
another tenant's ids."""

import datetime
import io
import xml.etree.ElementTree as ET

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from shop.payments.vietqr import build_payload, parse_payload
from startups import posters
from startups.models import Officer, Pitch, QRVisitDay, UnionUnit
from startups.selectors import qr_today
from startups.services.union import union_units_load
from startups.views import qr as qr_views
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.startups.factories import approved_application_create, pitch_create, startup_create
from tests.startups.test_posters import pdf_page_png, pdf_text, read_qr, svg_text

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
)


@pytest.fixture
def world(site_tree, django_user_model):
    union_units_load()
    daklak = UnionUnit.objects.get(province__code="66", level="province")
    hanoi = UnionUnit.objects.get(province__code="01", level="province")
    a = SellerFactory(
        name="HTX Cà phê Ea Tu",
        bank_bin="970436",
        bank_account_number="0071000123456",
        bank_account_holder="HTX CA PHE EA TU",
    )
    b = SellerFactory(name="HTX Mật ong Bản Mế")
    user_a = seller_user_create(partner=a, username="ban-a")
    user_b = seller_user_create(partner=b, username="ban-b")
    approved_application_create(seller=a, unit=daklak, created_by=user_a)
    approved_application_create(seller=b, unit=hanoi, created_by=user_b)
    officer_dl = django_user_model.objects.create_user("cb-dl", "cbdl@example.com", "mk-2026-x1")
    desk_dl = Officer.objects.create(user=officer_dl, unit=daklak)
    officer_hn = django_user_model.objects.create_user("cb-hn", "cbhn@example.com", "mk-2026-x1")
    Officer.objects.create(user=officer_hn, unit=hanoi)
    coffee = product_create(seller=a, title="Cà phê Robusta rang mộc 500g", stars=4)
    draft = product_create(seller=a, title="Cà phê nháp", stars=None)
    Product.objects.filter(pk=draft.pk).update(moderation_status="draft")
    honey = product_create(seller=b, title="Mật ong hoa cà phê", stars=None)
    startup_a = startup_create(seller=a, unit=daklak, slug="ca-phe-ea-tu", name="Cà phê Ea Tu")
    startup_b = startup_create(seller=b, unit=hanoi, slug="mat-ong-ban-me", name="Mật ong Bản Mế")
    pitch_a = pitch_create(startup=startup_a, title="Mở rộng xưởng rang", approved_by=desk_dl)
    return {
        "daklak": daklak,
        "hanoi": hanoi,
        "a": a,
        "b": b,
        "user_a": user_a,
        "user_b": user_b,
        "officer_dl": officer_dl,
        "officer_hn": officer_hn,
        "coffee": coffee,
        "draft": draft,
        "honey": honey,
        "startup_a": startup_a,
        "startup_b": startup_b,
        "pitch_a": pitch_a,
    }


def scan(client, path, user_agent=PHONE, **extra):
    return client.get(path, HTTP_USER_AGENT=user_agent, **extra)


def visits(kind, pk) -> int:
    row = QRVisitDay.objects.filter(kind=kind, object_id=pk, day=qr_today()).first()
    return row.count if row else 0


def poster_url(kind, pk, fmt):
    return reverse("dashboard:qr-poster", kwargs={"kind": kind, "pk": pk, "fmt": fmt})


# --- the short address ----------------------------------------------------------------------


def test_a_scan_counts_one_visit_and_opens_the_normal_product_page(client, world, settings):
    settings.PAGE_CACHE_SECONDS = 600
    coffee = world["coffee"]
    response = scan(client, f"/q/p{coffee.pk}/")
    assert response.status_code == 302
    assert response["Location"] == coffee.get_absolute_url() + "?src=qr"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert visits("product", coffee.pk) == 1
    page = client.get(response["Location"], HTTP_USER_AGENT=PHONE)
    assert page.status_code == 200 and "Cà phê Robusta rang mộc 500g" in page.content.decode()
    assert page["X-Page-Cache"] == "miss"
    again = client.get(response["Location"], HTTP_USER_AGENT=PHONE)
    assert again["X-Page-Cache"] == "hit"  # the normal cached page
    scan(client, f"/q/P{coffee.pk}/")
    assert visits("product", coffee.pk) == 2
    assert QRVisitDay.objects.count() == 1  # no row about the visitor, one per object and day


def test_startup_and_pitch_codes_open_their_pages(client, world):
    startup, pitch = world["startup_a"], world["pitch_a"]
    response = scan(client, f"/q/s{startup.pk}/")
    assert response["Location"] == (
        reverse("startups:startup-detail", kwargs={"slug": startup.slug}) + "?src=qr"
    )
    response = scan(client, f"/q/g{pitch.pk}/")
    assert response["Location"] == (
        reverse("startups:pitch-detail", kwargs={"slug": startup.slug, "pitch_slug": pitch.slug})
        + "?src=qr"
    )
    assert (visits("startup", startup.pk), visits("pitch", pitch.pk)) == (1, 1)


def test_the_short_address_needs_no_language_prefix_and_keeps_english(client, world):
    coffee = world["coffee"]
    assert reverse("startups:qr-go", kwargs={"code": "p1"}) == "/q/p1/"
    response = scan(client, f"/en/q/p{coffee.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"].startswith("/en/shop/")
    response = scan(client, f"/q/p{coffee.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == coffee.get_absolute_url() + "?src=qr"  # Vietnamese page
    assert visits("product", coffee.pk) == 2


@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0 Safari/537.36",
        "",
    ],
)
def test_bots_and_link_previews_are_sent_on_but_not_counted(client, world, agent):
    response = scan(client, f"/q/p{world['coffee'].pk}/", user_agent=agent)
    assert response.status_code == 302
    assert not QRVisitDay.objects.exists()


def test_a_head_request_is_not_counted(client, world):
    response = client.head(f"/q/p{world['coffee'].pk}/", HTTP_USER_AGENT=PHONE)
    assert response.status_code == 302
    assert not QRVisitDay.objects.exists()


def test_unknown_and_not_public_codes_are_404_and_not_counted(client, world):
    hidden_startup = startup_create(unit=world["daklak"], name="Ẩn", published=False)
    draft_pitch = pitch_create(startup=world["startup_b"], title="Chưa duyệt")
    suspended = SellerFactory(status=Partner.Status.SUSPENDED)
    withdrawn = product_create(seller=suspended, title="Của người bán bị tạm ngưng")
    codes = [
        "p999999",
        "x1",
        "p0",
        "p012",
        "p1.5",
        "p" + "9" * 12,
        "%3Cscript%3E",
        f"p{world['draft'].pk}",
        f"p{withdrawn.pk}",
        f"s{hidden_startup.pk}",
        f"g{draft_pitch.pk}",
    ]
    for code in codes:
        assert scan(client, f"/q/{code}/").status_code == 404, code
    assert not QRVisitDay.objects.exists()


def test_a_scan_costs_one_read_and_one_write_for_every_kind(client, world):
    for code in (f"p{world['coffee'].pk}", f"s{world['startup_a'].pk}", f"g{world['pitch_a'].pk}"):
        scan(client, f"/q/{code}/")  # the day's row exists from here on
        with CaptureQueriesContext(connection) as queries:
            assert scan(client, f"/q/{code}/").status_code == 302
        statements = [q["sql"].split()[0] for q in queries.captured_queries]
        assert [s for s in statements if s not in ("SAVEPOINT", "RELEASE")] == ["SELECT", "UPDATE"]


# --- the seller's posters ---------------------------------------------------------------------


def test_a_sellers_poster_in_each_format_scans_to_its_short_address(client, world, tmp_path):
    coffee = world["coffee"]
    client.force_login(world["user_a"])
    png = client.get(poster_url("product", coffee.pk, "png"))
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert f'filename="poster-p{coffee.pk}.png"' in png["Content-Disposition"]
    Image.open(io.BytesIO(png.content)).verify()
    address = read_qr(png.content, tmp_path)
    assert address == f"http://testserver/q/p{coffee.pk}/"

    svg = client.get(poster_url("product", coffee.pk, "svg"))
    assert svg["Content-Type"] == "image/svg+xml" and svg["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in svg["Content-Security-Policy"]
    texts = svg_text(svg.content.decode())
    assert "Cà phê Robusta rang mộc 500g" in texts and f"testserver/q/p{coffee.pk}/" in texts

    pdf = client.get(poster_url("product", coffee.pk, "pdf"))
    reader, text = pdf_text(pdf.content)
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 148
    assert "Cà phê Robusta rang mộc 500g" in text and "OCOP 4 sao" in text
    assert f"testserver/q/p{coffee.pk}/" in text and "HTX Cà phê Ea Tu" in text
    assert read_qr(pdf_page_png(pdf.content), tmp_path) == address

    # whoever scans the poster with a phone is counted once and lands on the product page
    client.logout()
    response = client.get(address.removeprefix("http://testserver"), HTTP_USER_AGENT=PHONE)
    assert response["Location"] == coffee.get_absolute_url() + "?src=qr"
    assert visits("product", coffee.pk) == 1


def test_startup_and_pitch_posters_show_their_names(client, world):
    client.force_login(world["user_a"])
    for kind, obj, name in (
        ("startup", world["startup_a"], "Cà phê Ea Tu"),
        ("pitch", world["pitch_a"], "Mở rộng xưởng rang"),
    ):
        response = client.get(poster_url(kind, obj.pk, "pdf"))
        assert response.status_code == 200, kind
        _, text = pdf_text(response.content)
        letter = {"startup": "s", "pitch": "g"}[kind]
        assert name in text and f"testserver/q/{letter}{obj.pk}/" in text


def test_a_product_without_a_certificate_in_force_has_no_stars(client, world):
    lapsed = product_create(
        seller=world["a"],
        title="Cà phê hết hạn chứng nhận",
        stars=3,
        valid_from=datetime.date.today() - datetime.timedelta(days=1200),
        valid_until=datetime.date.today() - datetime.timedelta(days=1),
    )
    client.force_login(world["user_a"])
    response = client.get(poster_url("product", lapsed.pk, "pdf"))
    _, text = pdf_text(response.content)
    assert "Cà phê hết hạn chứng nhận" in text and "★" not in text and "sao" not in text


def test_posters_of_another_seller_or_of_what_is_not_public_are_404(client, world):
    client.force_login(world["user_b"])
    for kind, pk in (
        ("product", world["coffee"].pk),
        ("startup", world["startup_a"].pk),
        ("pitch", world["pitch_a"].pk),
    ):
        for fmt in ("png", "svg", "pdf"):
            assert client.get(poster_url(kind, pk, fmt)).status_code == 404, (kind, fmt)
    client.force_login(world["user_a"])
    draft_pitch = Pitch.objects.create(startup=world["startup_a"], slug="nhap", title="Nháp")
    for kind, pk, fmt in (
        ("product", world["draft"].pk, "png"),  # its own, but not public
        ("pitch", draft_pitch.pk, "pdf"),
        ("product", world["honey"].pk, "png"),
        ("order", world["coffee"].pk, "png"),
        ("product", world["coffee"].pk, "html"),
        ("product", 99999999, "pdf"),
    ):
        assert client.get(poster_url(kind, pk, fmt)).status_code == 404, (kind, fmt)


def test_staff_may_print_any_public_poster(client, world, django_user_model):
    staff = django_user_model.objects.create_user("qt", "qt@example.com", "x", is_staff=True)
    client.force_login(staff)
    assert client.get(poster_url("product", world["honey"].pk, "png")).status_code == 200
    assert client.get(poster_url("product", world["draft"].pk, "png")).status_code == 404


def test_script_in_a_product_name_is_text_on_the_list_and_in_the_svg(client, world):
    hostile = product_create(seller=world["a"], title='<script>alert("qr")</script> Cà phê')
    client.force_login(world["user_a"])
    page = client.get(reverse("dashboard:qr-posters")).content.decode()
    assert '<script>alert("qr")</script>' not in page
    assert "&lt;script&gt;alert(&quot;qr&quot;)&lt;/script&gt; Cà phê" in page
    svg = client.get(poster_url("product", hostile.pk, "svg")).content.decode()
    assert "<script>" not in svg and "&lt;script&gt;alert(" in svg
    ET.fromstring(svg.encode())


def test_the_poster_list_shows_the_sellers_pages_with_their_qr_visits(client, world):
    coffee, startup = world["coffee"], world["startup_a"]
    today = qr_today()
    QRVisitDay.objects.create(kind="product", object_id=coffee.pk, day=today, count=3)
    QRVisitDay.objects.create(
        kind="product", object_id=coffee.pk, day=today - datetime.timedelta(days=29), count=2
    )
    QRVisitDay.objects.create(
        kind="product", object_id=coffee.pk, day=today - datetime.timedelta(days=30), count=5
    )
    QRVisitDay.objects.create(kind="startup", object_id=startup.pk, day=today, count=7)
    QRVisitDay.objects.create(kind="product", object_id=world["honey"].pk, day=today, count=9)
    client.force_login(world["user_a"])
    response = client.get(reverse("dashboard:qr-posters"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cà phê Robusta rang mộc 500g" in html and "Cà phê Ea Tu" in html
    assert "Mở rộng xưởng rang" in html
    assert "Mật ong" not in html and "Cà phê nháp" not in html
    rows = response.context["rows"]
    counts = {(r.kind, r.pk): (r.recent, r.total) for r in rows}
    assert counts[("product", coffee.pk)] == (5, 10)
    assert counts[("startup", startup.pk)] == (7, 7)
    assert counts[("pitch", world["pitch_a"].pk)] == (0, 0)
    assert poster_url("product", coffee.pk, "svg") in html
    assert f"http://testserver/q/p{coffee.pk}/" in html
    assert "0071000123456" in html  # the stall card's account, to check before printing


def test_a_pitch_not_yet_approved_is_listed_without_a_poster(client, world):
    draft = Pitch.objects.create(startup=world["startup_a"], slug="nhap", title="Gọi vốn nháp")
    client.force_login(world["user_a"])
    response = client.get(reverse("dashboard:qr-posters"))
    html = response.content.decode()
    assert "Gọi vốn nháp" in html and poster_url("pitch", draft.pk, "pdf") not in html
    assert "Chưa công khai" in html


def test_the_poster_list_costs_the_same_queries_with_2_or_20_products(client, world):
    client.force_login(world["user_a"])
    url = reverse("dashboard:qr-posters")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(18):
        product_create(seller=world["a"], title=f"Cà phê số {n}", stars=None)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["rows"]) == 21  # the startup, its pitch, 19 products
    assert len(many) == len(few)


def test_a_user_without_a_shop_sees_an_empty_poster_page(client, world, django_user_model):
    staff = django_user_model.objects.create_user("qt", "qt@example.com", "x", is_staff=True)
    client.force_login(staff)
    response = client.get(reverse("dashboard:qr-posters"))
    assert response.status_code == 200 and response.context["rows"] == []
    assert "HTX Cà phê Ea Tu" not in response.content.decode()


# --- the cashless stall -----------------------------------------------------------------------


def test_the_cashless_stall_card_pays_the_account_on_file(client, world, tmp_path):
    client.force_login(world["user_a"])
    url = reverse("dashboard:cashless-stall")
    expected = build_payload(bin="970436", account="0071000123456")
    for query, mm in (("", (105, 148)), ("?size=a6", (105, 148)), ("?size=a5", (148, 210))):
        response = client.get(url + query)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        reader, text = pdf_text(response.content)
        box = reader.pages[0].mediabox
        assert len(reader.pages) == 1
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == mm
        for shown in ("HTX Cà phê Ea Tu", "Vietcombank", "0071000123456", "HTX CA PHE EA TU"):
            assert shown in text, (query, shown)
        assert "Quét mã để chuyển khoản — Không dùng tiền mặt" in text
        assert read_qr(pdf_page_png(response.content, scale=4), tmp_path) == expected
    png = client.get(url + "?fmt=png&size=a5")
    assert png["Content-Type"] == "image/png"
    scanned = read_qr(png.content, tmp_path)
    assert scanned == expected
    parsed = parse_payload(scanned)
    assert (parsed["bin"], parsed["account"], parsed["amount"]) == (
        world["a"].bank_bin,
        world["a"].bank_account_number,
        None,
    )


def test_a_seller_without_a_bank_account_is_told_how_to_add_one(client, world):
    client.force_login(world["user_b"])
    response = client.get(reverse("dashboard:cashless-stall"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "chưa có tài khoản ngân hàng" in html
    assert world["hanoi"].name in html  # whose officers add it
    page = client.get(reverse("dashboard:qr-posters")).content.decode()
    assert "chưa có tài khoản ngân hàng" in page
    assert reverse("dashboard:cashless-stall") + f"?seller={world['b'].pk}" not in page


def test_an_account_no_bank_app_accepts_gets_the_explanation_not_a_card(client, world):
    Partner.objects.filter(pk=world["a"].pk).update(bank_account_number="0071 000 123")
    client.force_login(world["user_a"])
    response = client.get(reverse("dashboard:cashless-stall") + "?fmt=png")
    assert response["Content-Type"].startswith("text/html")
    assert "không đưa vào mã VietQR được" in response.content.decode()


def test_the_stall_of_another_seller_or_a_bad_size_is_404(client, world):
    client.force_login(world["user_b"])
    url = reverse("dashboard:cashless-stall")
    assert client.get(url + f"?seller={world['a'].pk}").status_code == 404
    client.force_login(world["user_a"])
    for query in ("?size=a4", "?fmt=svg", "?seller=abc", f"?seller={world['b'].pk}"):
        assert client.get(url + query).status_code == 404, query
    assert client.get(url + f"?seller={world['a'].pk}").status_code == 200


# --- the officers' sheet ----------------------------------------------------------------------


def sheet_post(client, **data):
    return client.post(reverse("startups:officer-posters"), data)


def pages_of(response) -> list[str]:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_an_officer_lists_the_public_pages_of_its_tree_only(client, world):
    client.force_login(world["officer_dl"])
    response = client.get(reverse("startups:officer-posters"))
    html = response.content.decode()
    assert "Cà phê Ea Tu" in html and "Cà phê Robusta rang mộc 500g" in html
    assert "Mật ong" not in html and "Cà phê nháp" not in html
    found = client.get(reverse("startups:officer-posters") + "?q=robusta").content.decode()
    assert (
        "Cà phê Robusta rang mộc 500g" in found
        and 'value="' + str(world["startup_a"].pk) not in found
    )


def test_an_officer_prints_the_chosen_posters_as_one_pdf(client, world):
    client.force_login(world["officer_dl"])
    pages = pages_of(
        sheet_post(client, startup=[world["startup_a"].pk], product=[world["coffee"].pk])
    )
    assert len(pages) == 2
    assert "Cà phê Ea Tu" in pages[0] and f"q/s{world['startup_a'].pk}/" in pages[0]
    assert "Cà phê Robusta rang mộc 500g" in pages[1] and "OCOP 4 sao" in pages[1]


def test_all_startups_or_all_products_of_the_tree(client, world):
    for n in range(3):
        product_create(seller=world["a"], title=f"Cà phê hạt số {n}", stars=None)
    client.force_login(world["officer_dl"])
    pages = pages_of(sheet_post(client, everything="products"))
    assert len(pages) == 4 and not any("Mật ong" in p for p in pages)
    pages = pages_of(sheet_post(client, everything="products", q="hạt số"))
    assert len(pages) == 3
    pages = pages_of(sheet_post(client, everything="startups"))
    assert len(pages) == 1 and "Cà phê Ea Tu" in pages[0]


def test_ids_of_another_tree_are_404(client, world):
    client.force_login(world["officer_hn"])
    assert sheet_post(client, product=[world["coffee"].pk]).status_code == 404
    assert (
        sheet_post(client, startup=[world["startup_a"].pk, world["startup_b"].pk]).status_code
        == 404
    )
    assert sheet_post(client, product=[world["honey"].pk]).status_code == 200
    client.force_login(world["officer_dl"])
    assert sheet_post(client, product=[world["draft"].pk]).status_code == 404


def test_more_than_the_cap_is_refused_with_a_message(client, world, monkeypatch):
    monkeypatch.setattr(qr_views, "SHEET_MAX", 2)
    for n in range(2):
        product_create(seller=world["a"], title=f"Cà phê thêm {n}", stars=None)
    client.force_login(world["officer_dl"])
    response = sheet_post(client, everything="products")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert "Mỗi tệp PDF có tối đa 2 áp phích, bạn đã chọn 3" in response.content.decode()
    chosen = list(
        Product.objects.filter(title__startswith="Cà phê thêm").values_list("pk", flat=True)
    )
    assert len(pages_of(sheet_post(client, product=chosen))) == 2


def test_nothing_chosen_or_a_tampered_choice_gets_a_message(client, world):
    client.force_login(world["officer_dl"])
    response = sheet_post(client)
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một" in response.content.decode()
    for bad in ({"product": ["abc"]}, {"startup": ["-1"]}, {"product": ["1" * 12]}):
        response = sheet_post(client, **bad)
        assert response.status_code == 400, bad
        assert "Lựa chọn không hợp lệ" in response.content.decode()


def test_only_officers_open_the_sheet(client, world):
    url = reverse("startups:officer-posters")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(world["user_a"])
    assert client.get(url).status_code == 403
    assert sheet_post(client, everything="products").status_code == 403


def test_a_printed_sheet_is_posters_of_the_same_layout():
    """Each page of the sheet is the poster the seller prints (same sheet, same text)."""
    content = posters.PosterContent(
        kind="startup", title="Cà phê Ea Tu", shop="HTX", url="http://testserver/q/s1/"
    )
    single = pypdf.PdfReader(io.BytesIO(posters.pdf(posters.poster_sheet(content))))
    many = pypdf.PdfReader(io.BytesIO(posters.pdf([posters.poster_sheet(content)] * 2)))
    assert many.pages[1].extract_text() == single.pages[0].extract_text()


def test_the_sellers_dashboard_links_to_the_posters(client, world):
    client.force_login(world["user_a"])
    html = client.get(reverse("dashboard:index")).content.decode()
    assert f'href="{reverse("dashboard:qr-posters")}"' in html
    assert "Áp phích mã QR và thẻ gian hàng không dùng tiền mặt" in html
