"""`manage.py load_demo`: a believable catalogue, and a second run changes nothing."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from oscar.core.loading import get_model
from wagtail.models import Locale, Page, Site

from cms.demo import loader
from cms.demo.pages import demo_site_load
from cms.demo.records import (
    SITE_FILE,
    DemoDataError,
    demo_catalogue,
    expos,
    site_content,
    startups,
)
from cms.models import (
    CampaignPage,
    HomePage,
    MainMenuItem,
    NewsArticlePage,
    NewsIndexPage,
    SiteSettings,
    StandardPage,
)
from search.services import index_rebuild
from startups.models import Booth, Expo, ExpoSession, Pitch, PitchVersion, Startup

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Voucher = get_model("voucher", "Voucher")

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Product.objects.count(),
        Partner.objects.count(),
        Startup.objects.count(),
        PitchVersion.objects.count(),
        ProductImage.objects.count(),
        sorted(StockRecord.objects.values_list("partner_sku", "price", "num_in_stock")),
        sorted(Booth.objects.values_list("pk", "status", "hall_id")),
        ExpoSession.objects.count(),
        Voucher.objects.count(),
        sorted(Page.objects.values_list("locale__language_code", "url_path", "live")),
        list(SiteSettings.objects.values_list("pk", "phone", "logo_id")),
        MainMenuItem.objects.count(),
    )


def test_demo_catalogue_is_believable_and_idempotent(capsys):
    call_command("load_demo")
    first = capsys.readouterr().out
    assert "admin / ocop-admin-2026" in first

    products = Product.objects.prefetch_related("categories", "images", "stockrecords__partner")
    assert products.count() >= 60
    groups = {c.get_ancestors_and_self()[0].ocop_code for p in products for c in p.categories.all()}
    assert groups == {"1", "2", "3", "4", "5", "6"}
    assert Product.objects.values("origin_province").distinct().count() >= 10
    assert Partner.objects.count() >= 12
    for kind in ("startup", "cooperative", "household"):
        assert Partner.objects.filter(kind=kind).exists()
    assert all(p.images.count() == 1 and p.stockrecords.count() == 1 for p in products)
    image = ProductImage.objects.first()
    with image.original.open("rb") as f:
        assert f.read(3) == b"\xff\xd8\xff"  # a real JPEG, made locally
    assert {p.ocop_stars for p in products} >= {3, 4, 5, None}
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("ocop-admin-2026")
    assert "nguoiban.eatu@ocop.local / ocop-seller-2026" in first

    # Startups written through the services: shown, one verified, one pitch approved.
    startups = Startup.objects.filter(published=True)
    assert startups.count() == 3
    ea_tu = startups.get(partner__code="htx-ca-phe-ea-tu")
    assert ea_tu.verified_by.province.code == "66" and ea_tu.team.count() == 3
    assert ea_tu.partner.users.get().check_password("ocop-seller-2026")
    pitch = Pitch.objects.get(startup=ea_tu)
    assert pitch.published_version.approved_by.username == "canbo.daklak"
    assert sum(use.amount for use in pitch.fund_uses.all()) == pitch.ask_amount
    response = Client().get(f"/khoi-nghiep/{ea_tu.slug}/goi-von/{pitch.slug}/")
    assert response.status_code == 200 and "Ea Tu" in response.content.decode()

    # The expo, written through the services: live, the demo startups' booths approved with
    # their own products, a pitch session with its replay and a livestream, a passport of 2.
    expo = Expo.objects.get(title="Triển lãm sản phẩm khởi nghiệp và OCOP Đắk Lắk 2026")
    assert expo.phase == Expo.Phase.LIVE
    assert expo.unit.level == "province" and expo.unit.province.code == "66"
    assert expo.title_en and expo.description_en and expo.halls.count() == 3
    booths = expo.booths.select_related("startup__partner")
    assert booths.count() == 3 and not booths.exclude(status=Booth.Status.APPROVED).exists()
    assert {b.startup for b in booths} == set(startups)
    assert booths.filter(featured=True).count() == 2
    for booth in booths:
        sellers = set(booth.booth_products.values_list("product__stockrecords__partner", flat=True))
        assert booth.booth_products.count() >= 4 and sellers == {booth.startup.partner_id}
        assert booth.decided_by.username == "canbo.daklak" and booth.pitch_en
    sessions = {s.kind: s for s in expo.sessions.prefetch_related("startups")}
    assert set(sessions) == {"pitch", "livestream"}
    assert sessions["pitch"].replay_url.startswith("https://www.youtube.com/")
    assert sessions["pitch"].startups.count() == 3
    assert sessions["livestream"].stream_url.startswith("https://www.youtube.com/")
    assert expo.passport_goal == 2 and expo.reward == Expo.Reward.VOUCHER
    voucher = Voucher.objects.get(code=expo.reward_voucher_code)
    assert voucher.is_active() and voucher.offers.get().benefit.value == 10
    lobby = Client().get(f"/trien-lam/{expo.slug}/")
    assert lobby.status_code == 200
    assert "Ea Tu" in lobby.content.decode() and "Bát Tràng" in lobby.content.decode()
    booth = booths.get(startup=ea_tu)
    page = Client().get(f"/trien-lam/{expo.slug}/gian/{booth.pk}/").content.decode()
    assert "Cà phê Robusta rang mộc Ea Tu 500g" in page

    # News: an index of three dated articles by an author, with tags and related products,
    # shown in Vietnamese and (as aliases) under the English index.
    articles = NewsArticlePage.objects.filter(locale__language_code="vi").order_by("-date")
    assert articles.count() == 3
    for article in articles:
        assert article.author and article.tags.count() >= 3 and article.hero_alt
        related = [pk for block in article.related for pk in block.value["products"]]
        assert len(related) == 3 and Product.objects.filter(pk__in=related).count() == 3
    news = Client().get("/tin-tuc/").content.decode()
    assert all(article.title in news for article in articles)
    english_news = Client().get("/en/news/")
    assert english_news.status_code == 200
    assert all(article.title in english_news.content.decode() for article in articles)
    first = Client().get(articles[0].url).content.decode()
    assert "chuyển đổi số" in first and "Cà phê Robusta rang mộc Ea Tu 500g" in first

    # The campaign landing page: product rules and the expos, in both languages.
    campaign = CampaignPage.objects.get(locale__language_code="vi", slug="tuan-le-ocop")
    assert {"product_rule", "expos"} <= {block.block_type for block in campaign.body}
    index_rebuild()  # the rules read the search index (prepare_demo_site fills it)
    landing = Client().get("/tuan-le-ocop/").content.decode()
    assert "Tuần lễ OCOP Thanh niên 2026" in landing and expo.title in landing
    assert "Sâm Ngọc Linh tươi 7 năm tuổi 100g" in landing  # a 5-star product by the rule
    assert "Youth OCOP Week 2026" in Client().get("/en/ocop-week/").content.decode()

    # The site settings: contact, social networks, the logo, menu and footer links.
    site_settings = SiteSettings.objects.get()
    assert site_settings.phone and site_settings.email and site_settings.logo
    assert site_settings.facebook.startswith("https://www.facebook.com/")
    home_page = Client().get("/").content.decode()
    assert 'href="/tuan-le-ocop/" data-testid="nav-item">Tuần lễ OCOP</a>' in home_page
    assert 'href="/sell/apply/">Đăng ký bán hàng</a>' in home_page
    assert site_settings.logo_alt in home_page
    english_home = Client().get("/en/").content.decode()
    assert 'href="/en/ocop-week/" data-testid="nav-item">OCOP Week</a>' in english_home
    assert 'href="/en/news/" data-testid="nav-item">News</a>' in english_home

    before = snapshot()
    call_command("load_demo")
    assert "nothing changed" in capsys.readouterr().out
    assert snapshot() == before


def _site_rows():
    return site_content(product_skus={row["sku"] for row in demo_catalogue().products})


def test_the_site_pages_keep_editors_pages_aliases_and_settings(site_tree):
    """Pages an editor made first (an English alias beside, as Wagtail's tree sync makes)
    and settings an editor saved are used or left alone; a second run adds nothing."""
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale__language_code="vi")
    index = NewsIndexPage(title="Tin của Đoàn", slug="tin-cua-doan")
    home.add_child(instance=index)
    index.save_revision().publish()
    alias = index.copy_for_translation(en, alias=True)
    about = StandardPage(title="Giới thiệu", slug="gioi-thieu")
    home.add_child(instance=about)
    about.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.create(site=site, phone="0262 3852 000")

    report = loader.DemoReport()
    demo_site_load(report, _site_rows())

    assert NewsIndexPage.objects.filter(locale__language_code="vi").get() == index
    assert NewsIndexPage.objects.filter(locale=en).get().pk == alias.pk  # the alias kept
    assert NewsArticlePage.objects.child_of(index).count() == 3
    assert NewsArticlePage.objects.child_of(alias).count() == 3  # their aliases beside it
    assert report.created["news articles"] == 3 and "news indexes" not in report.created
    kept = SiteSettings.objects.get()
    assert kept.phone == "0262 3852 000" and not kept.menu_items.exists() and not kept.logo
    assert Client().get("/tin-cua-doan/").status_code == 200

    again = loader.DemoReport()
    demo_site_load(again, _site_rows())
    assert not again.changed


def test_a_malformed_site_file_is_refused_naming_its_part(tmp_path):
    document = json.loads(SITE_FILE.read_text("utf-8"))
    document["news"]["articles"][1]["products"] = ["KHONG-CO"]
    path = tmp_path / "site.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    with pytest.raises(DemoDataError, match=r"article 2 \(slug 'thanh-nien-phu-quoc.*KHONG-CO"):
        site_content(path, product_skus={r["sku"] for r in demo_catalogue().products})
    document = json.loads(SITE_FILE.read_text("utf-8"))
    document["settings"]["menu"][0]["route"] = "startups:apply"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    with pytest.raises(DemoDataError, match="settings, menu 1: give a page or a route"):
        site_content(path, product_skus={r["sku"] for r in demo_catalogue().products})


def test_the_demo_data_files_read_clean():
    catalogue = demo_catalogue()
    assert len(catalogue.sellers) >= 12 and len(catalogue.products) >= 60
    assert {row["seller"] for row in catalogue.products} == {r["code"] for r in catalogue.sellers}
    rows = startups(seller_codes={r["code"] for r in catalogue.sellers})
    assert len(rows) == 3 and sum(1 for row in rows if row["pitch"]) == 1
    fairs = expos(product_sellers={r["sku"]: r["seller"] for r in catalogue.products})
    assert len(fairs) == 1 and {b["seller"] for b in fairs[0]["booths"]} == {
        row["seller"] for row in rows
    }


def _expo(**changes):
    row = dict(expos(product_sellers=_product_sellers())[0])
    row.update(changes)
    return row


def _product_sellers():
    return {r["sku"]: r["seller"] for r in demo_catalogue().products}


def _booth(n=0, **changes):
    return [{**booth, **changes} if i == n else booth for i, booth in enumerate(_expo()["booths"])]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"booths": _booth(products=["LBG-CH-001"])}, "product 'LBG-CH-001' is not one of"),
        ({"booths": _booth(hall="kho")}, "hall 'kho' is not one of"),
        ({"booths": _booth(seller="hkd-nobody")}, "seller 'hkd-nobody' has no demo products"),
        ({"booths": _booth(products=[])}, "products: name at least one SKU"),
        (
            {"booths": _booth(1, seller="htx-ca-phe-ea-tu", products=["ETU-CF-001"])},
            "a seller has two booths",
        ),
        ({"opens_day": 30}, "the days must come in order"),
        ({"opens_time": "8h"}, "opens_time '8h' is not a time of day"),
        ({"reward": "cash"}, "reward 'cash' is not one of none, voucher, draw"),
        ({"passport_goal": "2"}, 'passport_goal should be a whole number, got "2"'),
        ({"halls": []}, "halls need one key each"),
    ],
)
def test_a_malformed_expo_is_refused_naming_its_record(tmp_path, changes, message):
    path = tmp_path / "expos.json"
    path.write_text(json.dumps({"expos": [_expo(**changes)]}, ensure_ascii=False), "utf-8")
    with pytest.raises(DemoDataError) as caught:
        expos(path, product_sellers=_product_sellers())
    assert str(caught.value).startswith(f"{path}, record 1 (title 'Triển lãm")
    assert message in str(caught.value)


def test_a_session_of_a_startup_without_a_booth_is_refused(tmp_path):
    row = _expo()
    session = {**row["sessions"][0], "startups": ["hoi-xu-lang"]}
    path = tmp_path / "expos.json"
    path.write_text(json.dumps({"expos": [{**row, "sessions": [session]}]}), "utf-8")
    with pytest.raises(DemoDataError, match=r"session 1: startups without a booth"):
        expos(path, product_sellers=_product_sellers())


def test_a_startup_of_an_unknown_seller_or_a_bad_key_is_refused(tmp_path):
    row = dict(
        startups(seller_codes={"htx-ca-phe-ea-tu", "tra-xanh-la-bang", "gom-men-lam-bat-trang"})[0]
    )
    path = tmp_path / "startups.json"
    path.write_text(json.dumps({"startups": [{**row, "seller": "nobody"}]}), "utf-8")
    with pytest.raises(DemoDataError, match="seller 'nobody' is not in"):
        startups(path, seller_codes={"htx-ca-phe-ea-tu"})
    path.write_text(json.dumps({"startups": [{**row, "verified": "yes"}]}), "utf-8")
    with pytest.raises(DemoDataError, match='verified should be true or false, got "yes"'):
        startups(path, seller_codes={"htx-ca-phe-ea-tu"})


def _data_dir(tmp_path, *, sellers=None, products=None):
    """A copy of the shipped data files, with the sellers or products replaced."""
    real = demo_catalogue()
    for name, rows in (("sellers", sellers), ("products", products)):
        doc = {name: rows if rows is not None else getattr(real, name)}
        (tmp_path / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return tmp_path


DROP = object()  # a key to leave out


def _product(**changes):
    """The first demo product (sku ETU-CF-001) with some keys changed or dropped."""
    row = {**demo_catalogue().products[0], **changes}
    return {k: v for k, v in row.items() if v is not DROP}


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (_product(price=DROP), "record 2 (sku 'ETU-CF-001'): missing 'price'"),
        (_product(price="185000"), 'price should be a whole number, got "185000"'),
        (_product(stars=True), "stars should be a whole number or null, got true"),
        (_product(certifed_on="2024-05-14"), "unknown 'certifed_on'"),
        (_product(certified_on="14/05/2024"), "certified_on '14/05/2024' is not an ISO date"),
        (_product(certified_on=None), "stars and certified_on go together"),
        (_product(stars=6), "stars 6 is not 3, 4 or 5"),
        (_product(group="9"), "group '9' is not an OCOP sub-group code"),
        (_product(seller="no-such-seller"), "seller 'no-such-seller' is not in"),
        ("ETU-CF-001", "record 2: expected an object, got str"),
    ],
)
def test_a_malformed_product_is_refused_naming_its_file_and_record(tmp_path, record, message):
    first = dict(demo_catalogue().products[1])
    directory = _data_dir(tmp_path, products=[first, record])
    with pytest.raises(DemoDataError) as caught:
        demo_catalogue(directory)
    assert str(caught.value).startswith(f"{directory / 'products.json'}, record 2")
    assert message in str(caught.value)


def test_origin_place_may_be_left_out(tmp_path):
    directory = _data_dir(tmp_path, products=[_product(origin_place=DROP)])
    assert demo_catalogue(directory).products[0]["origin_place"] == ""


def test_a_malformed_seller_or_file_is_refused_naming_it(tmp_path):
    seller = dict(demo_catalogue().sellers[0])
    directory = _data_dir(tmp_path, sellers=[seller, {**seller, "kind": "company"}])
    with pytest.raises(DemoDataError, match=r"sellers\.json, record 2 \(code 'htx-ca-phe-ea-tu'\)"):
        demo_catalogue(directory)
    directory = _data_dir(tmp_path, sellers=[seller, seller])
    with pytest.raises(DemoDataError, match="code 'htx-ca-phe-ea-tu' is already used by record 1"):
        demo_catalogue(directory)
    (tmp_path / "sellers.json").write_text('{"sellers": [{"code": "a", "code": "b"}]}', "utf-8")
    with pytest.raises(DemoDataError, match="key 'code' appears twice"):
        demo_catalogue(directory)
    (tmp_path / "sellers.json").write_text('{"sellers": [', "utf-8")
    with pytest.raises(DemoDataError, match=r"sellers\.json: not valid JSON \(line 1"):
        demo_catalogue(directory)


def test_load_demo_stops_on_a_malformed_record_and_writes_nothing(tmp_path, monkeypatch):
    directory = _data_dir(tmp_path, products=[_product(province="99")])
    monkeypatch.setattr(loader, "demo_catalogue", lambda: demo_catalogue(directory))
    monkeypatch.setattr(loader, "expos", lambda *args, **kwargs: [])  # its products are gone
    monkeypatch.setattr(loader, "site_content", lambda *args, **kwargs: _site_rows())  # news too
    with pytest.raises(
        DemoDataError, match=r"products\.json, record 1 \(sku 'ETU-CF-001'\): no province '99'"
    ):
        call_command("load_demo")
    assert not Partner.objects.exists() and not Product.objects.exists()
