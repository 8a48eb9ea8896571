"""The exhibitors' writes: apply for a booth at an expo, edit it, withdraw it, set its
expo-only offer (an Oscar voucher on the seller's own products during the expo), and mark
that a staff member's booth desk is open.

Every write is done by a user of the booth's seller (``access.user_runs_booth``;
``NotAllowed`` otherwise, which the pages turn into 404). Bad input is a ``ValidationError``
keyed by the form field it is about; nothing is written then. A change to an approved booth
bumps the expo's page-cache token after commit.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
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
    if voucher is None:
        return
    now = timezone.now()
    Voucher.objects.filter(pk=voucher.pk).update(end_datetime=now)
    ConditionalOffer.objects.filter(vouchers=voucher).update(
        end_datetime=now, status=ConditionalOffer.SUSPENDED
    )


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
    expo = booth.expo
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
    products = list(own_products(booth.startup).only("pk"))
    if not products:
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
        product_range = offer.benefit.range
        Benefit.objects.filter(pk=offer.benefit_id).update(value=int(percent))
        ConditionalOffer.objects.filter(pk=offer.pk).update(
            start_datetime=expo.opens_at,
            end_datetime=expo.closes_at,
            status=ConditionalOffer.OPEN,
        )
        Voucher.objects.filter(pk=voucher.pk).update(
            start_datetime=expo.opens_at, end_datetime=expo.closes_at
        )
    product_range.included_products.set(products)
    booth.offer_voucher = voucher
    booth.offer_text = text.strip()
    booth.offer_text_en = (text_en or "").strip()
    booth.save(update_fields=["offer_voucher", "offer_text", "offer_text_en"])
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
