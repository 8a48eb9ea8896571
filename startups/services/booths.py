"""The exhibitors' writes: apply for a booth at an expo, edit it, withdraw it, set its
expo-only offer (an Oscar voucher on the seller's own products during the expo), and mark
that a staff member's booth desk is open.

The offer follows the booth and its expo (``booth_offer_follow``, ``expo_offers_follow``,
called by the organisers' writes in ``services.expos``): its voucher works from the expo's
opening to its closing while the booth is applied or approved in a published expo, and stops
(``_offer_end``) when the booth is refused or withdrawn or the expo goes back to a draft; an
approval after a refusal, or a new announcement, opens it again on the expo's dates. What it
discounts is kept in its Range, see ``booth_offers_resync``.

Every write is done by a user of the booth's seller (``access.user_runs_booth``;
``NotAllowed`` otherwise, which the pages turn into 404). Bad input is a ``ValidationError``
keyed by the form field it is about; nothing is written then. A change to an approved booth
bumps the expo's page-cache token after commit.
"""

from __future__ import annotations

import secrets
import string
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.selectors import public_products
from core import pagecache
from core.video import video_parse
from startups.access import NotAllowed, user_runs_booth
from startups.models import Booth, BoothProduct, Expo, Hall, Startup

Voucher = get_model("voucher", "Voucher")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
Range = get_model("offer", "Range")
RangeProduct = get_model("offer", "RangeProduct")
StockRecord = get_model("partner", "StockRecord")

MAX_PRODUCTS = 12
MAX_OFFER_PERCENT = 50
EDITABLE = (Booth.Status.APPLIED, Booth.Status.APPROVED)
CODE_ALPHABET = string.ascii_uppercase + string.digits


def own_products(startup: Startup):
    """The public products of the startup's seller: the only ones its booth may feature."""
    return public_products().filter(stockrecords__partner=startup.partner)


def own_staff(startup: Startup):
    """The seller's active users: the only ones who may answer at its booth."""
    return startup.partner.users.filter(is_active=True)


def _check_fields(
    *, startup: Startup, expo: Expo, hall, products, staff, pitch: str, video_url: str
) -> None:
    errors = {}
    if hall is None or getattr(hall, "expo_id", None) != expo.pk:
        errors["hall"] = [_("Choose a hall of this expo.")]
    if not (pitch or "").strip():
        errors["pitch"] = [_("Write a short pitch.")]
    ids = {p.pk for p in products}
    if not 1 <= len(ids) <= MAX_PRODUCTS:
        errors["products"] = [
            _("Choose between 1 and %(n)d of your products to feature.") % {"n": MAX_PRODUCTS}
        ]
    elif own_products(startup).filter(pk__in=ids).count() != len(ids):
        errors["products"] = [_("Choose only your own products that are on sale.")]
    staff_ids = {u.pk for u in staff}
    if staff_ids and own_staff(startup).filter(pk__in=staff_ids).count() != len(staff_ids):
        errors["staff"] = [_("Choose only the users of your shop.")]
    if video_url:
        try:
            video_parse(video_url)
        except ValidationError as error:
            errors["video_url"] = error.messages
    if errors:
        raise ValidationError(errors)


def _write(booth: Booth, *, hall, products, staff, pitch, pitch_en, video_url, brochure) -> None:
    booth.hall = hall
    booth.pitch = pitch.strip()
    booth.pitch_en = (pitch_en or "").strip()
    booth.video_url = (video_url or "").strip()
    if brochure is False:
        booth.brochure = ""
    elif brochure:
        booth.brochure = brochure
    booth.save()
    BoothProduct.objects.filter(booth=booth).delete()
    BoothProduct.objects.bulk_create(
        BoothProduct(booth=booth, product=product, position=n)
        for n, product in enumerate(dict.fromkeys(products))
    )
    booth.staff.set(list(staff))


def _changed(booth: Booth) -> None:
    if booth.status == Booth.Status.APPROVED:
        key = booth.expo.token_key
        transaction.on_commit(lambda: pagecache.bump(key))


@transaction.atomic
def booth_apply(
    *,
    user,
    expo: Expo,
    startup: Startup | None,
    hall: Hall | None,
    products: Iterable,
    pitch: str,
    pitch_en: str = "",
    staff: Iterable = (),
    video_url: str = "",
    brochure=None,
) -> Booth:
    """The seller's startup applies for one booth at an expo taking applications."""
    if startup is None:
        raise ValidationError(
            _("Set up your startup's profile first: a booth belongs to it."), code="no_startup"
        )
    if not startup.partner.users.filter(pk=user.pk).exists():
        raise NotAllowed
    if expo.phase != Expo.Phase.APPLICATIONS:
        raise ValidationError(_("This expo is not taking applications."), code="closed")
    if Booth.objects.filter(expo=expo, startup=startup).exists():
        raise ValidationError(
            _("Your startup has already applied to this expo: edit that booth instead."),
            code="duplicate",
        )
    products, staff = list(products), list(staff)
    _check_fields(
        startup=startup,
        expo=expo,
        hall=hall,
        products=products,
        staff=staff,
        pitch=pitch,
        video_url=video_url,
    )
    booth = Booth(expo=expo, startup=startup, applied_by=user, status=Booth.Status.APPLIED)
    try:
        with transaction.atomic():
            _write(
                booth,
                hall=hall,
                products=products,
                staff=staff,
                pitch=pitch,
                pitch_en=pitch_en,
                video_url=video_url,
                brochure=brochure,
            )
    except IntegrityError:  # a second application racing the first
        raise ValidationError(
            _("Your startup has already applied to this expo: edit that booth instead."),
            code="duplicate",
        ) from None
    return booth


def _locked(booth: Booth) -> Booth:
    return (
        Booth.objects.select_for_update(of=("self",))
        .select_related("expo", "startup__partner", "offer_voucher")
        .get(pk=booth.pk)
    )


def _check_editable(user, booth: Booth) -> None:
    if not user_runs_booth(user, booth):
        raise NotAllowed
    if booth.status not in EDITABLE or booth.expo.phase == Expo.Phase.CLOSED:
        raise ValidationError(_("This booth can no longer be changed."), code="locked")


@transaction.atomic
def booth_save(
    *,
    user,
    booth: Booth,
    hall: Hall | None,
    products: Iterable,
    pitch: str,
    pitch_en: str = "",
    staff: Iterable = (),
    video_url: str = "",
    brochure=None,
) -> Booth:
    """Change a booth while it is applied or approved and the expo is not closed.
    ``brochure``: a new upload, False to remove it, None to keep it."""
    booth = _locked(booth)
    _check_editable(user, booth)
    products, staff = list(products), list(staff)
    _check_fields(
        startup=booth.startup,
        expo=booth.expo,
        hall=hall,
        products=products,
        staff=staff,
        pitch=pitch,
        video_url=video_url,
    )
    _write(
        booth,
        hall=hall,
        products=products,
        staff=staff,
        pitch=pitch,
        pitch_en=pitch_en,
        video_url=video_url,
        brochure=brochure,
    )
    _ranges_sync([booth])
    _changed(booth)
    return booth


@transaction.atomic
def booth_withdraw(*, user, booth: Booth) -> Booth:
    """Take back an application (or an approved booth) before the expo closes; its offer's
    voucher stops working."""
    booth = _locked(booth)
    _check_editable(user, booth)
    was_public = booth.status == Booth.Status.APPROVED
    booth.status = Booth.Status.WITHDRAWN
    booth.featured = False
    booth.save(update_fields=["status", "featured"])
    _offer_end(booth.offer_voucher)  # a booth that left the expo offers nothing in it
    if was_public:
        key = booth.expo.token_key
        transaction.on_commit(lambda: pagecache.bump(key))
    return booth


def _offer_end(voucher) -> None:
    """The voucher stops working now; it is kept for the orders that used it."""
    if voucher is not None:
        _offers_end([voucher.pk])


def _offers_end(voucher_ids) -> None:
    """These vouchers stop working now (one already over keeps its end, so a later call never
    moves it); they are kept for the orders that used them."""
    now = timezone.now()
    Voucher.objects.filter(pk__in=voucher_ids, end_datetime__gt=now).update(end_datetime=now)
    offers = ConditionalOffer.objects.filter(vouchers__in=voucher_ids)
    offers.filter(end_datetime__gt=now).update(end_datetime=now)
    offers.update(status=ConditionalOffer.SUSPENDED)


def _offers_open(voucher_ids, expo: Expo) -> None:
    """These vouchers (and their offers) work from the expo's opening to its closing."""
    Voucher.objects.filter(pk__in=voucher_ids).update(
        start_datetime=expo.opens_at, end_datetime=expo.closes_at
    )
    ConditionalOffer.objects.filter(vouchers__in=voucher_ids).update(
        start_datetime=expo.opens_at, end_datetime=expo.closes_at, status=ConditionalOffer.OPEN
    )


def _offers_follow(expo: Expo, booths: list[Booth]) -> None:
    """The booths' vouchers work on the expo's dates while the booth is applied or approved
    and the expo published; otherwise they stop now. Their Ranges are brought up to date
    either way. Booths of ``expo``; those without a voucher are skipped."""
    booths = [b for b in booths if b.offer_voucher_id]
    working = [b.offer_voucher_id for b in booths if expo.published and b.status in EDITABLE]
    stopped = [b.offer_voucher_id for b in booths if b.offer_voucher_id not in working]
    if working:
        _offers_open(working, expo)
    if stopped:
        _offers_end(stopped)
    _ranges_sync(booths)


def booth_offer_follow(*, booth: Booth) -> None:
    """After a decision on ``booth`` (``services.expos.booth_decide``, in its transaction,
    the booth locked): a refused booth's voucher stops, an approved one's works on the
    expo's dates (again, after a refusal). The expo is read afresh: dates an organiser just
    saved hold, whichever write came first."""
    if booth.offer_voucher_id:
        _offers_follow(Expo.objects.get(pk=booth.expo_id), [booth])


def expo_offers_follow(*, expo: Expo) -> None:
    """After the organisers changed ``expo`` (its dates, its announcement; in their
    transaction, the expo locked): every booth voucher moves to the expo's dates, or stops
    while the expo is a draft. Vouchers of refused or withdrawn booths stay ended; removed
    offers are no booth's any more and are left alone."""
    booths = list(
        Booth.objects.select_for_update(of=("self",))
        .filter(expo=expo, offer_voucher__isnull=False)
        .select_related("startup")
    )
    _offers_follow(expo, booths)


# --- what the offer discounts --------------------------------------------------------------


def _products_on_offer(partner_ids) -> dict[int, set[int]]:
    """Per seller, the products its offer discounts: its public products (``own_products``)
    that no other seller also stocks, so that a discount on the product is a discount on this
    seller's basket lines only."""
    others = StockRecord.objects.filter(product_id=OuterRef("product_id")).exclude(
        partner_id=OuterRef("partner_id")
    )
    rows = (
        StockRecord.objects.filter(partner_id__in=partner_ids, product__in=public_products())
        .exclude(Exists(others))
        .values_list("partner_id", "product_id")
    )
    products = defaultdict(set)
    for partner_id, product_id in rows:
        products[partner_id].add(product_id)
    return products


def _ranges_sync(booths: Iterable[Booth]) -> None:
    """Each booth offer's Range holds exactly its seller's products on offer now: a few
    queries however many booths."""
    partner_of = {b.offer_voucher_id: b.startup.partner_id for b in booths if b.offer_voucher_id}
    if not partner_of:
        return
    ranges = {}  # range id -> seller id
    links = Voucher.offers.through.objects.filter(voucher_id__in=partner_of).values_list(
        "voucher_id", "conditionaloffer__benefit__range_id", "conditionaloffer__condition__range_id"
    )
    for voucher_id, *range_ids in links:
        ranges.update((pk, partner_of[voucher_id]) for pk in range_ids if pk)
    wanted = _products_on_offer(set(ranges.values()))
    held = defaultdict(set)
    for range_id, product_id in RangeProduct.objects.filter(range_id__in=ranges).values_list(
        "range_id", "product_id"
    ):
        held[range_id].add(product_id)
    gone = Q()
    for range_id, partner_id in ranges.items():
        extra = held[range_id] - wanted[partner_id]
        if extra:
            gone |= Q(range_id=range_id, product_id__in=extra)
    if gone:
        RangeProduct.objects.filter(gone).delete()
    RangeProduct.objects.bulk_create(
        [
            RangeProduct(range_id=range_id, product_id=product_id)
            for range_id, partner_id in ranges.items()
            for product_id in sorted(wanted[partner_id] - held[range_id])
        ],
        ignore_conflicts=True,  # a resync of the same seller racing this one
    )


def booth_offers_resync(
    *, partner_ids: Iterable[int] = (), product_ids: Iterable[int] = ()
) -> None:
    """The running offers of these sellers (or of the sellers of these products) discount
    their products on sale now: a product made public (or approved, or sold by a seller just
    approved) joins, one no longer public leaves.

    Why a Range kept in step rather than a custom condition checking each line's seller: the
    offer stays a plain Oscar percentage offer on a Range that the dashboard shows truthfully
    (Oscar's custom ranges take no arguments and are one per class, custom conditions and
    benefits are proxy models that need migrations), and a basket pays one indexed lookup per
    line as for any offer. Kept in step by the seller's writes here (``booth_offer_set``,
    ``booth_save``, a decision, the expo's dates) and by the catalogue's changes
    (``startups.receivers``: a product saved, a stock record added or removed, a seller saved,
    an import), after commit so that it reads what was committed. The checkout is safe
    between the two: a product not on sale cannot be bought (``catalog.partner.strategy``).
    """
    partner_ids = set(partner_ids)
    product_ids = list(product_ids)
    if product_ids:
        partner_ids.update(
            StockRecord.objects.filter(
                Q(product_id__in=product_ids) | Q(product__parent_id__in=product_ids)
            ).values_list("partner_id", flat=True)
        )
    if not partner_ids:
        return
    booths = Booth.objects.filter(
        startup__partner_id__in=partner_ids, offer_voucher__end_datetime__gt=timezone.now()
    ).select_related("startup")
    _ranges_sync(list(booths))


def _new_code() -> str:
    while True:
        code = "EXPO-" + "".join(secrets.choice(CODE_ALPHABET) for _n in range(6))
        if not Voucher.objects.filter(code=code).exists():
            return code


@transaction.atomic
def booth_offer_set(
    *, user, booth: Booth, percent: int | None, text: str = "", text_en: str = ""
) -> Booth:
    """The expo-only offer: ``percent`` off this seller's products with a voucher code valid
    from the expo's opening to its closing. ``percent`` 0/None removes the offer (the voucher
    is ended, kept for the orders that used it)."""
    booth = _locked(booth)
    _check_editable(user, booth)
    expo = Expo.objects.get(pk=booth.expo_id)  # afresh: dates an organiser just saved hold
    voucher = booth.offer_voucher
    if not percent:
        _offer_end(voucher)
        booth.offer_voucher = None
        booth.offer_text = booth.offer_text_en = ""
        booth.save(update_fields=["offer_voucher", "offer_text", "offer_text_en"])
        _changed(booth)
        return booth
    if not 1 <= int(percent) <= MAX_OFFER_PERCENT:
        raise ValidationError(
            {"percent": [_("The discount is between 1 and %(n)d%%.") % {"n": MAX_OFFER_PERCENT}]}
        )
    if not (text or "").strip():
        raise ValidationError({"text": [_("Say what the offer is.")]})
    if not _products_on_offer([booth.startup.partner_id]):
        raise ValidationError(_("You have no product on sale for the offer to apply to."))
    label = f"Expo {expo.pk} booth {booth.pk}"
    offer = ConditionalOffer.objects.filter(vouchers=voucher).first() if voucher else None
    if offer is None:
        product_range = Range.objects.create(name=f"{label} · {secrets.token_hex(4)}")
        condition = Condition.objects.create(range=product_range, type=Condition.COUNT, value=1)
        benefit = Benefit.objects.create(
            range=product_range, type=Benefit.PERCENTAGE, value=int(percent)
        )
        offer = ConditionalOffer.objects.create(
            name=product_range.name,
            offer_type=ConditionalOffer.VOUCHER,
            condition=condition,
            benefit=benefit,
            start_datetime=expo.opens_at,
            end_datetime=expo.closes_at,
        )
        code = _new_code()
        voucher = Voucher.objects.create(
            name=f"{label} · {code}",
            code=code,
            usage=Voucher.MULTI_USE,
            start_datetime=expo.opens_at,
            end_datetime=expo.closes_at,
        )
        voucher.offers.add(offer)
    else:
        Benefit.objects.filter(pk=offer.benefit_id).update(value=int(percent))
    booth.offer_voucher = voucher
    booth.offer_text = text.strip()
    booth.offer_text_en = (text_en or "").strip()
    booth.save(update_fields=["offer_voucher", "offer_text", "offer_text_en"])
    _offers_follow(expo, [booth])  # the expo's dates, or stopped while it is a draft
    _changed(booth)
    return booth


def staff_presence_mark(*, user, booth: Booth) -> None:
    """A staff member's booth desk is open now (the visitors' page says someone answers)."""
    if not user_runs_booth(user, booth):
        raise NotAllowed
    Booth.objects.filter(pk=booth.pk).update(staff_seen_at=timezone.now())


def booth_offer_remove(*, user, booth: Booth) -> Booth:
    """End the booth's expo-only offer (its voucher stops working, kept for past orders)."""
    return booth_offer_set(user=user, booth=booth, percent=None)
