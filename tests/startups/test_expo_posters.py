"""Issue 14: the QR posters of an expo and of a booth. The officers covering the expo print
the expo's poster and any approved booth's, the exhibitor its own booth's; in PDF, PNG and
SVG, A5 or A6, with the expo's dates in Viet Nam's time and the page language's format.
Another province's officer, another seller, a booth not approved and a draft expo: 404."""

import base64
import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image

from startups import posters
from startups.models import Officer, QRVisitDay, UnionUnit
from startups.services.union import union_units_load
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.startups.factories import booth_create, expo_create, startup_create
from tests.startups.test_posters import SVG, pdf_page_png, pdf_text, read_qr, svg_text

ProductImage = get_model("catalogue", "ProductImage")
User = get_user_model()
pytestmark = pytest.mark.django_db

# 14 May 17:30 UTC is 15 May 00:30 in Viet Nam: the poster prints Viet Nam's day.
OPENS = datetime.datetime(2026, 5, 14, 17, 30, tzinfo=datetime.UTC)
CLOSES = datetime.datetime(2026, 5, 18, 10, 0, tzinfo=datetime.UTC)
GREEN, RED = (20, 140, 60), (200, 20, 40)


def jpeg(colour, size=(600, 400)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


def officer_user(unit, username):
    user = User.objects.create_user(username, f"{username}@example.com", "x")
    Officer.objects.create(user=user, unit=unit)
    return user


@pytest.fixture
def world(site_tree):
    union_units_load()
    daklak = UnionUnit.objects.get(level="province", province__code="66")
    hanoi = UnionUnit.objects.get(level="province", province__code="01")
    a, b = SellerFactory(name="HTX Cà phê Ea Tu"), SellerFactory(name="HTX Mật ong Bản Mế")
    user_a = seller_user_create(partner=a, username="ban-a")
    user_b = seller_user_create(partner=b, username="ban-b")
    startup_a = startup_create(seller=a, unit=daklak, name="Cà phê Ea Tu", name_en="Ea Tu Coffee")
    startup_a.logo.save("logo.jpg", ContentFile(jpeg(RED)))
    startup_b = startup_create(seller=b, unit=daklak, name="Mật ong Bản Mế")
    coffee = product_create(seller=a, title="Cà phê Robusta rang mộc")
    ProductImage.objects.create(
        product=coffee, original=ContentFile(jpeg(GREEN), name="coffee.jpg"), display_order=0
    )
    expo = expo_create(
        unit=daklak,
        phase="scheduled",
        title="Triển lãm <Xanh> & Sạch",
        title_en="Green & Clean Expo",
        theme="Nông sản OCOP Tây Nguyên",
        theme_en="OCOP farm produce of the Central Highlands",
        applications_close_at=OPENS - datetime.timedelta(days=3),
        opens_at=OPENS,
        closes_at=CLOSES,
    )
    expo.banner.save("banner.jpg", ContentFile(jpeg(GREEN, (1200, 300))))
    hall = expo.halls.get(name="Nông sản OCOP")
    hall.name_en = "OCOP produce"
    hall.save()
    booth_a = booth_create(expo=expo, startup=startup_a, hall=hall, products=[coffee])
    booth_b = booth_create(expo=expo, startup=startup_b, status="applied")
    return {
        "daklak": daklak,
        "expo": expo,
        "booth_a": booth_a,
        "booth_b": booth_b,
        "startup_a": startup_a,
        "coffee": coffee,
        "user_a": user_a,
        "user_b": user_b,
        "officer": officer_user(daklak, "canbo-daklak"),
        "stranger": officer_user(hanoi, "canbo-hanoi"),
    }


def expo_poster_url(expo, fmt, **query):
    url = reverse("startups:union-expo-poster", kwargs={"pk": expo.pk, "fmt": fmt})
    return url + "".join(f"?{k}={v}" for k, v in query.items())


def officer_booth_url(booth, fmt="pdf", expo=None):
    kwargs = {"pk": (expo or booth.expo).pk, "booth_pk": booth.pk, "fmt": fmt}
    return reverse("startups:union-booth-poster", kwargs=kwargs)


def seller_booth_url(booth, fmt="pdf"):
    return reverse("dashboard:booth-poster", kwargs={"pk": booth.pk, "fmt": fmt})


def svg_pictures(document: str) -> list[Image.Image]:
    root = ET.fromstring(document.encode())
    found = []
    for element in root.iter(f"{SVG}image"):
        data = element.get("href").removeprefix("data:image/jpeg;base64,")
        found.append(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB"))
    return found


def near(colour, expected, slack=30) -> bool:
    return all(abs(c - e) <= slack for c, e in zip(colour, expected, strict=True))


# --- the expo's poster ------------------------------------------------------------------------


def test_the_officer_prints_the_expo_poster_in_each_format(client, world, tmp_path):
    expo = world["expo"]
    client.force_login(world["officer"])
    short = f"http://testserver/q/e{expo.pk}/"

    pdf = client.get(expo_poster_url(expo, "pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert f'filename="poster-e{expo.pk}-a5.pdf"' in pdf["Content-Disposition"]
    reader, text = pdf_text(pdf.content)
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 148
    assert "Triển lãm <Xanh> & Sạch" in text and "Nông sản OCOP Tây Nguyên" in text
    assert "15/05/2026" in text and "18/05/2026" in text  # Viet Nam's days, vi format
    assert world["daklak"].name in text and f"testserver/q/e{expo.pk}/" in text
    assert read_qr(pdf_page_png(pdf.content), tmp_path) == short

    png = client.get(expo_poster_url(expo, "png"))
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert read_qr(png.content, tmp_path) == short

    svg = client.get(expo_poster_url(expo, "svg"))
    assert svg["Content-Type"] == "image/svg+xml" and svg["X-Content-Type-Options"] == "nosniff"
    document = svg.content.decode()
    assert "Triển lãm &lt;Xanh&gt; &amp; Sạch" in document and "<Xanh>" not in document
    assert f"testserver/q/e{expo.pk}/" in svg_text(document)
    (banner,) = svg_pictures(document)  # the banner, decoded and written again
    assert banner.width > 2 * banner.height and near(banner.getpixel((10, 10)), GREEN)


def test_the_expo_poster_follows_the_page_language(client, world):
    expo = world["expo"]
    client.force_login(world["officer"])
    with translation.override("en"):
        response = client.get(expo_poster_url(expo, "pdf"))
    assert response.status_code == 200
    _, text = pdf_text(response.content)
    assert "Green & Clean Expo" in text and "OCOP farm produce of the Central Highlands" in text
    assert "From 15 May 2026 to 18 May 2026" in text
    assert "Scan to visit the expo" in text
    assert f"Organised by {world['daklak'].name}" in text
    assert f"testserver/en/q/e{expo.pk}/" in text


def test_the_a6_poster_is_an_a6_page_and_unknown_sizes_and_formats_are_404(client, world):
    expo = world["expo"]
    client.force_login(world["officer"])
    small = client.get(expo_poster_url(expo, "pdf", size="a6"))
    assert small.status_code == 200
    reader, text = pdf_text(small.content)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        105,
        148,
    )
    assert "Triển lãm <Xanh> & Sạch" in text
    png = client.get(expo_poster_url(expo, "png", size="a6"))
    assert Image.open(io.BytesIO(png.content)).size[0] < 900  # A5's PNG is 1240 wide
    for url in (
        expo_poster_url(expo, "gif"),
        expo_poster_url(expo, "PDF"),
        expo_poster_url(expo, "pdf", size="a4"),
        expo_poster_url(expo, "svg", size=""),
        officer_booth_url(world["booth_a"], "jpg"),
        seller_booth_url(world["booth_a"], "docx"),
    ):
        user = world["user_a"] if "/dashboard/" in url else world["officer"]
        client.force_login(user)
        assert client.get(url).status_code == 404, url


def test_a_draft_expo_has_no_poster_yet(client, world):
    draft = expo_create(unit=world["daklak"], phase="draft", title="Bản nháp")
    client.force_login(world["officer"])
    assert client.get(expo_poster_url(draft, "pdf")).status_code == 404
    with translation.override("en"):
        page = client.get(reverse("startups:union-expo-edit", kwargs={"pk": draft.pk}))
    assert "Announce the expo to print its QR poster." in page.content.decode()
    assert 'data-testid="poster-links"' not in page.content.decode()


def test_another_provinces_officer_and_non_officers_print_nothing(client, world):
    expo, booth = world["expo"], world["booth_a"]
    client.force_login(world["stranger"])
    assert client.get(expo_poster_url(expo, "pdf")).status_code == 404
    assert client.get(officer_booth_url(booth)).status_code == 404
    client.force_login(world["user_a"])  # the exhibitor is no officer
    assert client.get(expo_poster_url(expo, "pdf")).status_code == 403
    assert client.get(officer_booth_url(booth)).status_code == 403
    client.logout()
    response = client.get(expo_poster_url(expo, "pdf"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not QRVisitDay.objects.exists()


# --- a booth's poster -------------------------------------------------------------------------


def test_the_exhibitor_prints_its_booth_poster_with_the_featured_products_picture(
    client, world, tmp_path
):
    booth = world["booth_a"]
    client.force_login(world["user_a"])
    short = f"http://testserver/q/b{booth.pk}/"
    with translation.override("en"):
        pdf = client.get(seller_booth_url(booth, "pdf"))
        svg = client.get(seller_booth_url(booth, "svg"))
        png = client.get(seller_booth_url(booth, "png"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert f'filename="poster-b{booth.pk}-a5.pdf"' in pdf["Content-Disposition"]
    _, text = pdf_text(pdf.content)
    assert "Ea Tu Coffee" in text and "Hall: OCOP produce" in text
    assert "Visit our booth at Green & Clean Expo" in text
    assert "From 15 May 2026 to 18 May 2026" in text
    assert f"testserver/en/q/b{booth.pk}/" in text

    document = svg.content.decode()
    assert "Visit our booth at Green &amp; Clean Expo" in document
    (picture,) = svg_pictures(document)
    assert near(picture.getpixel((10, 10)), GREEN)  # the coffee's picture, not the logo

    assert read_qr(png.content, tmp_path) == short.replace("testserver/", "testserver/en/")

    with translation.override("vi"):
        vi = client.get(seller_booth_url(booth, "pdf"))
    _, text = pdf_text(vi.content)
    assert "Cà phê Ea Tu" in text and "Nông sản OCOP" in text
    assert "15/05/2026" in text and f"testserver/q/b{booth.pk}/" in text


def test_without_a_featured_picture_the_booth_poster_shows_the_startups_logo(client, world):
    booth = world["booth_a"]
    ProductImage.objects.filter(product=world["coffee"]).update(is_approved=False)
    client.force_login(world["user_a"])
    svg = client.get(seller_booth_url(booth, "svg"))
    (picture,) = svg_pictures(svg.content.decode())
    assert near(picture.getpixel((10, 10)), RED)


def test_the_officer_prints_an_approved_booths_poster_but_never_an_unapproved_one(client, world):
    client.force_login(world["officer"])
    response = client.get(officer_booth_url(world["booth_a"], "svg"))
    assert response.status_code == 200
    assert "Cà phê Ea Tu" in svg_text(response.content.decode())
    booth_b = world["booth_b"]  # applied
    assert client.get(officer_booth_url(booth_b)).status_code == 404
    for status in ("refused", "withdrawn"):
        booth_b.status = status
        booth_b.save()
        assert client.get(officer_booth_url(booth_b)).status_code == 404, status
    # a booth asked for under another expo's address is not this one
    other = expo_create(unit=world["daklak"], phase="live")
    assert client.get(officer_booth_url(world["booth_a"], expo=other)).status_code == 404


def test_another_seller_or_an_unapproved_booth_gets_no_poster_from_the_dashboard(client, world):
    booth_a, booth_b = world["booth_a"], world["booth_b"]
    client.force_login(world["user_b"])
    for fmt in ("pdf", "png", "svg"):
        assert client.get(seller_booth_url(booth_a, fmt)).status_code == 404
    assert client.get(seller_booth_url(booth_b)).status_code == 404  # its own, not approved
    client.force_login(world["officer"])  # an officer is not the exhibitor
    assert client.get(seller_booth_url(booth_a)).status_code == 404


# --- the links --------------------------------------------------------------------------------


def test_the_organisers_pages_link_the_expo_and_approved_booth_posters(client, world):
    expo = world["expo"]
    client.force_login(world["officer"])
    with translation.override("en"):
        edit = client.get(reverse("startups:union-expo-edit", kwargs={"pk": expo.pk}))
        booths = client.get(reverse("startups:union-expo-booths", kwargs={"pk": expo.pk}))
    page = edit.content.decode()
    assert "Print QR poster" in page
    assert expo_poster_url(expo, "pdf") in page and expo_poster_url(expo, "svg") in page
    page = booths.content.decode()
    links = re.findall(r'href="(/en/union/expos/\d+/booths/\d+/poster/\w+/[^"]*)"', page)
    assert officer_booth_url(world["booth_a"], "pdf") in [
        link.removeprefix("/en") for link in links
    ]
    assert not [link for link in links if f"/booths/{world['booth_b'].pk}/" in link]
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_exhibitors_booth_page_links_its_poster_once_approved(client, world):
    client.force_login(world["user_a"])
    with translation.override("en"):
        page = client.get(reverse("dashboard:booth-edit", kwargs={"pk": world["booth_a"].pk}))
    assert page.status_code == 200
    assert "Print QR poster" in page.content.decode()
    assert seller_booth_url(world["booth_a"], "png") in page.content.decode()
    client.force_login(world["user_b"])
    page = client.get(reverse("dashboard:booth-edit", kwargs={"pk": world["booth_b"].pk}))
    assert page.status_code == 200 and 'data-testid="poster-links"' not in page.content.decode()


# --- the layout -------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["a5", "a6"])
def test_long_expo_texts_stay_on_the_page(size):
    content = posters.expo_content(
        title="Triển lãm trực tuyến sản phẩm OCOP và khởi nghiệp thanh niên " * 4,
        theme="Chuyển đổi số nông nghiệp, kinh tế xanh và du lịch cộng đồng " * 4,
        opens_at=OPENS,
        closes_at=CLOSES,
        unit="Tỉnh đoàn Đắk Lắk " * 6,
        url="http://testserver/q/e123456/",
        banner=jpeg(GREEN, (1600, 400)),
    )
    sheet = posters.poster_sheet(content, size=size)
    width, height = posters.PAGE_SIZES[size]
    assert (sheet.width, sheet.height) == (width, height)
    texts = [s for s in sheet.shapes if isinstance(s, posters.Text)]
    for text in texts:
        line = "".join(t for t, _ in text.runs)
        assert 0 < text.y <= height, line
        assert posters.text_width(line, size=text.size, bold=text.bold) <= width, line
    (code,) = [s for s in sheet.shapes if isinstance(s, posters.Code)]
    assert code.size >= 40 * (width / 148) - 0.01
    below = [t for t in texts if t.y > code.y + code.size]
    above = [t for t in texts if t.y < code.y]
    assert below and above and all(t.y < height for t in below)


def test_a_one_day_expo_prints_its_hours():
    with translation.override("en"):
        when = posters.expo_dates(
            datetime.datetime(2026, 5, 15, 1, 0, tzinfo=datetime.UTC),
            datetime.datetime(2026, 5, 15, 10, 0, tzinfo=datetime.UTC),
        )
    assert when == "15 May 2026, 08:00 to 17:00"


def test_a_poster_scanned_before_the_opening_leads_to_the_lobby_and_counts_nothing(
    client, site_tree
):
    union_units_load()
    scheduled = expo_create(phase="scheduled")
    booth = booth_create(expo=scheduled)
    lobby = reverse("startups:expo-lobby", kwargs={"slug": scheduled.slug})
    response = client.get(f"/q/e{scheduled.pk}/")
    assert response.status_code == 302 and response["Location"] == f"{lobby}?src=qr"
    response = client.get(f"/q/b{booth.pk}/")
    assert response.status_code == 302 and response["Location"] == f"{lobby}?src=qr"  # countdown
    assert client.get(lobby).status_code == 200
    from startups.models import ExpoEvent

    assert not ExpoEvent.objects.exists()  # visits count from the opening
    draft = expo_create(phase="draft")
    assert client.get(f"/q/e{draft.pk}/").status_code == 404
    assert client.get(f"/q/b{booth_create(expo=draft).pk}/").status_code == 404
    live = expo_create(phase="live")
    open_booth = booth_create(expo=live)
    response = client.get(f"/q/b{open_booth.pk}/")
    assert (
        response["Location"]
        == reverse("startups:expo-booth", kwargs={"slug": live.slug, "booth_pk": open_booth.pk})
        + "?src=qr"
    )
