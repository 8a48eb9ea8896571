"""Builds the demo site: sellers, products with OCOP certificates, stock, pictures, the home
page in Vietnamese and English, news, a campaign landing page, the site settings (contact,
menu, footer; ``cms.demo.pages``) and an admin account. Idempotent: objects are looked up by
their natural keys (seller code, product SKU) and left alone when they already exist.
The sellers, products, startups and the expo are records in ``cms/demo/data/``, read by
``cms.demo.records``; startups and their pitches, the expo, its booths and sessions are written
through ``startups.services`` as a seller and an officer would."""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.services.reference import ocop_groups_load, product_class_load, provinces_load
from cms.demo.images import product_image_bytes
from cms.demo.pages import demo_site_load
from cms.demo.records import (
    EXPOS_FILE,
    PRODUCTS_FILE,
    SELLERS_FILE,
    SITE_FILE,
    STARTUPS_FILE,
    DemoDataError,
    ProductRecord,
    SellerRecord,
    demo_catalogue,
    expos,
    site_content,
    startups,
)
from cms.services import home_page_ensure
from core.text import fold_vietnamese
from shop.payments.banks import banks
from shop.services import shop_reference_data_load
from startups.services.pitches import pitch_approve, pitch_save, pitch_submit
from startups.services.profiles import startup_publish, startup_save, startup_verify
from startups.services.union import union_units_load

Partner = get_model("partner", "Partner")
ShippingRule = get_model("shipping", "ShippingRule")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
Province = get_model("catalogue", "Province")

OFFICER_USERNAME = "canbo.daklak"
OFFICER_EMAIL = "canbo.daklak@ocop.local"
OFFICER_PASSWORD = "ocop-officer-2026"
SELLER_USERNAME = "nguoiban.eatu"
SELLER_EMAIL = "nguoiban.eatu@ocop.local"
SELLER_PASSWORD = "ocop-seller-2026"
SELLER_CODE = "htx-ca-phe-ea-tu"  # its startup's pitch is approved by the Đắk Lắk officer
ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@ocop.local"
ADMIN_PASSWORD = "ocop-admin-2026"
VALIDITY_MONTHS = 36
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class DemoReport:
    created: dict = field(default_factory=dict)
    admin_created: bool = False

    def add(self, kind: str, n: int = 1):
        self.created[kind] = self.created.get(kind, 0) + n

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or self.admin_created


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, 28))


def certificate_fields(row: ProductRecord, province: Province, seq: int) -> dict:
    if not row.get("stars"):
        return {}
    decided = datetime.date.fromisoformat(row["certified_on"])
    national = row["stars"] == 5
    return {
        "ocop_stars": row["stars"],
        "ocop_certificate_number": f"{province.code}-{decided.year}-OCOP-{seq:04d}",
        "ocop_issuing_authority": (
            "Bộ Nông nghiệp và Môi trường" if national else f"UBND {province.full_name}"
        ),
        "ocop_decision_number": f"{100 + seq * 7}/QĐ-{'BNNMT' if national else 'UBND'}",
        "ocop_decision_date": decided,
        "ocop_valid_from": decided,
        "ocop_valid_until": _add_months(decided, VALIDITY_MONTHS) - datetime.timedelta(days=1),
    }


def _known(rows: dict, key: str, *, what: str, file, index: int, record: str):
    """``rows[key]``, or a DemoDataError naming the data file and record that asked for it."""
    if key not in rows:
        raise DemoDataError(f"{file}, record {index + 1} ({record}): no {what} {key!r}")
    return rows[key]


def _sellers(report: DemoReport, rows: list[SellerRecord]) -> dict:
    provinces = {p.code: p for p in Province.objects.all()}
    sellers = {}
    for index, row in enumerate(rows):
        where = {"file": SELLERS_FILE, "index": index, "record": f"code {row['code']!r}"}
        province = _known(provinces, row["province"], what="province", **where)
        seller = Partner.objects.filter(code=row["code"]).first()
        if seller is None:
            seller = Partner.objects.create(
                code=row["code"],
                name=row["name"],
                legal_name=row["legal_name"],
                kind=row["kind"],
                province=province,
                commune=row["commune"],
                phone=row["phone"],
                founded_year=row["founded_year"],
                description=row["description"],
            )
            report.add("sellers")
        if not seller.bank_account_number:
            _bank_details_give(seller, index=len(sellers))
            report.add("seller bank accounts")
        sellers[row["code"]] = seller
    return sellers


def _bank_details_give(seller, *, index: int) -> None:
    """A made-up account at a real NAPAS bank, so VietQR checkout works in the demo.
    Holders are written as banks print them: capitals without diacritics."""
    bins = [bank.bin for bank in banks()][:8]
    seller.bank_bin = bins[index % len(bins)]
    seller.bank_account_number = f"{1020304050 + index * 7919:010d}"
    seller.bank_account_holder = fold_vietnamese(seller.legal_name or seller.name).upper()[:100]
    seller.save(update_fields=["bank_bin", "bank_account_number", "bank_account_holder"])


# Delivery per seller parcel by the buyer's region; free from 500.000 ₫ of goods.
DEMO_SHIPPING_RULES = {"north": 35000, "central": 25000, "south": 30000, "": 30000}


def _shipping_rules(report: DemoReport) -> None:
    if ShippingRule.objects.exists():
        return  # the admin's own rules stay as they are
    for region, charge in DEMO_SHIPPING_RULES.items():
        ShippingRule.objects.create(region=region, charge=charge, free_above=500000)
        report.add("shipping rules")


def _products(report: DemoReport, sellers: dict, rows: list[ProductRecord]) -> None:
    provinces = {p.code: p for p in Province.objects.all()}
    categories = {c.ocop_code: c for c in Category.objects.exclude(ocop_code="")}
    report.add("product classes", product_class_load())
    product_class = ProductClass.objects.get(slug="san-pham")
    existing = set(StockRecord.objects.values_list("partner_sku", flat=True))
    for seq, row in enumerate(rows, start=1):
        if row["sku"] in existing:
            continue
        where = {"file": PRODUCTS_FILE, "index": seq - 1, "record": f"sku {row['sku']!r}"}
        province = _known(provinces, row["province"], what="province", **where)
        category = _known(categories, row["group"], what="OCOP group", **where)
        product = Product.objects.create(
            product_class=product_class,
            structure=Product.STANDALONE,
            title=row["title"],
            description=row["description"],
            origin_province=province,
            origin_place=row["origin_place"],
            is_public=True,
            **certificate_fields(row, province, seq),
        )
        product.categories.add(category)
        StockRecord.objects.create(
            product=product,
            partner=sellers[row["seller"]],
            partner_sku=row["sku"],
            price_currency="VND",
            price=row["price"],
            num_in_stock=row["stock"],
        )
        picture = product_image_bytes(
            title=row["title"], group=row["group"], province=province.name
        )
        image = ProductImage(product=product, caption=row["title"], display_order=0)
        image.original.save(f"{row['sku'].lower()}.jpg", ContentFile(picture), save=True)
        report.add("products")


def _officer(report: DemoReport) -> None:
    """A union officer of the Đắk Lắk provincial unit, to try the review desk."""
    from startups.models import Officer, UnionUnit

    User = get_user_model()
    if not User.objects.filter(username=OFFICER_USERNAME).exists():
        user = User.objects.create_user(
            OFFICER_USERNAME, OFFICER_EMAIL, OFFICER_PASSWORD, first_name="Cán bộ Tỉnh đoàn Đắk Lắk"
        )
        Officer.objects.create(
            user=user,
            unit=UnionUnit.objects.get(province__code="66", level="province"),
            title="Cán bộ Ban Thanh niên nông thôn",
        )
        report.add("union officers")


def _seller_account(partner):
    """The account that runs a demo seller's shop: the one with the printed login for Ea Tu,
    accounts nobody can sign in with for the others (they only own their startup)."""
    from django.contrib.auth.models import Permission

    User = get_user_model()
    user = partner.users.order_by("pk").first()
    if user is not None:
        return user
    if partner.code == SELLER_CODE:
        user = User.objects.create_user(
            SELLER_USERNAME, SELLER_EMAIL, SELLER_PASSWORD, first_name="HTX Cà phê Ea Tu"
        )
    else:
        user = User.objects.create_user(f"demo-{partner.code}"[:150], "", None)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    partner.users.add(user)
    return user


def _startups(report: DemoReport, sellers: dict, rows: list[dict]) -> None:
    """Startups of demo sellers, written through the services as a seller would (team,
    awards, shown to the public), verified and their pitch approved by the Đắk Lắk officer
    where the file says so. A seller that has a startup already is left alone."""
    from startups.models import Officer, Startup

    officer = Officer.objects.select_related("unit", "user").get(user__username=OFFICER_USERNAME)
    today = datetime.date.today()
    for row in rows:
        partner = sellers[row["seller"]]
        if Startup.objects.filter(partner=partner).exists():
            continue
        user = _seller_account(partner)
        data = {
            key: row[key]
            for key in (
                "name",
                "name_en",
                "tagline",
                "tagline_en",
                "story",
                "story_en",
                "founded_year",
                "sector",
                "stage",
                "looking_for",
                "website",
                "facebook",
            )
        }
        data["province"] = partner.province
        team = [
            {
                "name": m["name"],
                "role": m["role"],
                "role_en": m["role_en"],
                "birth_year": today.year - m["age"],
                "is_founder": m["founder"],
            }
            for m in row["team"]
        ]
        startup = startup_save(
            partner=partner, user=user, data=data, team=team, awards=row["awards"]
        )
        startup_publish(startup=startup, user=user)
        report.add("startups")
        if row["verified"] and startup.union_unit.path.startswith(officer.unit.path):
            startup_verify(officer=officer, startup=startup)
        pitch = row["pitch"]
        if pitch is None:
            continue
        fields = {
            key: value
            for key, value in pitch.items()
            if key not in ("traction", "fund_uses", "milestones")
        }
        made = pitch_save(
            user=user,
            startup=startup,
            fields=fields,
            traction=[
                {
                    "label": t["label"],
                    "value": t["value"],
                    "unit": t["unit"],
                    "as_of": _add_months(today, -t["months_ago"]),
                }
                for t in pitch["traction"]
            ],
            fund_uses=pitch["fund_uses"],
            milestones=[
                {"when": _add_months(today, m["months_ahead"]), "text": m["text"]}
                for m in pitch["milestones"]
            ],
        )
        pitch_submit(user=user, pitch=made)
        pitch_approve(officer=officer, pitch=made)
        report.add("pitches")


def _vietnam_time(today: datetime.date, day: int, time_of_day: str) -> datetime.datetime:
    """``day`` days from ``today`` at ``time_of_day`` ("19:30") in Viet Nam, aware."""
    hour, minute = (int(part) for part in time_of_day.split(":"))
    moment = datetime.datetime.combine(
        today + datetime.timedelta(days=day), datetime.time(hour, minute), tzinfo=VIETNAM
    )
    return moment


def _expo_voucher(row: dict, products, *, starts, ends):
    """The passport's reward: an Oscar voucher of ``row["reward_voucher_code"]``, 10 % off
    the expo's featured products during the expo (made once; an existing code is kept)."""
    Voucher = get_model("voucher", "Voucher")
    code = row["reward_voucher_code"].strip().upper()
    voucher = Voucher.objects.filter(code=code).first()
    if voucher is not None:
        return voucher
    Range = get_model("offer", "Range")
    Condition = get_model("offer", "Condition")
    Benefit = get_model("offer", "Benefit")
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    products_range = Range.objects.create(name=f"{row['title']}: sản phẩm trưng bày"[:128])
    for product in products:
        products_range.add_product(product)
    offer = ConditionalOffer.objects.create(
        name=f"{row['reward_text']} ({code})"[:128],
        offer_type=ConditionalOffer.VOUCHER,
        condition=Condition.objects.create(range=products_range, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=products_range, type=Benefit.PERCENTAGE, value=10),
        start_datetime=starts,
        end_datetime=ends,
    )
    voucher = Voucher.objects.create(
        name=row["reward_text"][:128],
        code=code,
        usage=Voucher.MULTI_USE,
        start_datetime=starts,
        end_datetime=ends,
    )
    voucher.offers.add(offer)
    return voucher


def _expos(report: DemoReport, sellers: dict, rows: list[dict]) -> None:
    """The expos of the file, written through the services as the Đắk Lắk officer and the
    exhibitors would: made with its halls while applications are open, announced, the booths
    applied for by their sellers and approved (the featured ones featured), then given their
    real dates (open since the day before it is loaded) and their sessions. An expo of the
    same unit and title is left alone."""
    from startups.models import Expo, Officer, Startup, UnionUnit
    from startups.services.booths import booth_apply, booth_offer_set
    from startups.services.expos import booth_decide, booth_feature, expo_publish, expo_save

    officer = Officer.objects.select_related("unit", "user").get(user__username=OFFICER_USERNAME)
    today = timezone.localdate(timezone=VIETNAM)
    now = timezone.now()
    for row in rows:
        unit = UnionUnit.objects.get(level="province", province__code=row["unit"])
        if Expo.objects.filter(unit=unit, title=row["title"]).exists():
            continue
        opens = _vietnam_time(today, row["opens_day"], row["opens_time"])
        closes = _vietnam_time(today, row["closes_day"], row["closes_time"])
        skus = [sku for booth in row["booths"] for sku in booth["products"]]
        featured = {p.stockrecords.all()[0].partner_sku: p for p in _products_of(skus)}
        if row["reward"] == "voucher":
            _expo_voucher(row, [featured[sku] for sku in skus], starts=opens, ends=closes)
        data = {
            key: row[key]
            for key in (
                "title",
                "title_en",
                "theme",
                "theme_en",
                "description",
                "description_en",
                "passport_goal",
                "reward",
                "reward_voucher_code",
                "reward_text",
                "reward_text_en",
            )
        }
        # Applications are open while the booths apply; the real dates come after.
        expo = expo_save(
            officer=officer,
            data={
                **data,
                "unit": unit,
                "applications_close_at": now + datetime.timedelta(days=1),
                "opens_at": now + datetime.timedelta(days=2),
                "closes_at": max(closes, now + datetime.timedelta(days=3)),
            },
            halls=[
                {
                    "name": hall["name"],
                    "name_en": hall["name_en"],
                    "kind": hall["kind"],
                    "ocop_group": hall["ocop_group"],
                    "position": position,
                }
                for position, hall in enumerate(row["halls"])
            ],
        )
        expo = expo_publish(officer=officer, expo=expo)
        halls = dict(
            zip((h["key"] for h in row["halls"]), expo.halls.order_by("position"), strict=True)
        )
        report.add("expos")
        report.add("halls", len(halls))
        startup_of, booths = {}, []
        for position, booth_row in enumerate(row["booths"]):
            partner = sellers[booth_row["seller"]]
            startup = Startup.objects.get(partner=partner)
            startup_of[booth_row["seller"]] = startup
            user = _seller_account(partner)
            booth = booth_apply(
                user=user,
                expo=expo,
                startup=startup,
                hall=halls[booth_row["hall"]],
                products=[featured[sku] for sku in booth_row["products"]],
                pitch=booth_row["pitch"],
                pitch_en=booth_row["pitch_en"],
                staff=[user],
            )
            booth_decide(officer=officer, booth=booth, approve=True)
            booth_feature(
                officer=officer, booth=booth, featured=booth_row["featured"], position=position
            )
            booths.append((booth, user, booth_row))
            report.add("booths")
        expo_save(
            officer=officer,
            expo=expo,
            data={
                "applications_close_at": _vietnam_time(
                    today, row["applications_close_day"], row["opens_time"]
                ),
                "opens_at": opens,
                "closes_at": closes,
            },
            sessions=[
                {
                    "kind": session["kind"],
                    "title": session["title"],
                    "title_en": session["title_en"],
                    "description": session["description"],
                    "description_en": session["description_en"],
                    "starts_at": _vietnam_time(today, session["day"], session["starts_time"]),
                    "ends_at": _vietnam_time(today, session["day"], session["starts_time"])
                    + datetime.timedelta(minutes=session["minutes"]),
                    "hall": halls[session["hall"]] if session["hall"] else None,
                    "speakers": session["speakers"],
                    "stream_url": session["stream_url"],
                    "replay_url": session["replay_url"],
                    "startups": [startup_of[code] for code in session["startups"]],
                }
                for session in row["sessions"]
            ],
        )
        report.add("expo sessions", len(row["sessions"]))
        for booth, user, booth_row in booths:  # vouchers valid over the expo's real dates
            if booth_row["offer_percent"]:
                booth_offer_set(
                    user=user,
                    booth=booth,
                    percent=booth_row["offer_percent"],
                    text=booth_row["offer_text"],
                    text_en=booth_row["offer_text_en"],
                )
                report.add("booth offers")


def _products_of(skus: list[str]):
    return Product.objects.filter(stockrecords__partner_sku__in=skus).prefetch_related(
        "stockrecords"
    )


def _admin(report: DemoReport) -> None:
    User = get_user_model()
    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(ADMIN_USERNAME, ADMIN_EMAIL, ADMIN_PASSWORD)
        report.admin_created = True


@transaction.atomic
def demo_load() -> DemoReport:
    catalogue = demo_catalogue()  # read and checked first: a bad file changes nothing
    startup_rows = startups(STARTUPS_FILE, seller_codes={row["code"] for row in catalogue.sellers})
    expo_rows = expos(
        EXPOS_FILE, product_sellers={row["sku"]: row["seller"] for row in catalogue.products}
    )
    site_rows = site_content(SITE_FILE, product_skus={row["sku"] for row in catalogue.products})
    report = DemoReport()
    report.add("provinces", provinces_load())
    report.add("OCOP groups", ocop_groups_load())
    report.add("shop reference rows", shop_reference_data_load())
    report.add("youth union units", union_units_load())
    sellers = _sellers(report, catalogue.sellers)
    _products(report, sellers, catalogue.products)
    _shipping_rules(report)
    report.add("pages", home_page_ensure())
    _admin(report)
    _officer(report)
    _startups(report, sellers, startup_rows)
    _expos(report, sellers, expo_rows)
    demo_site_load(report, site_rows)
    return report
