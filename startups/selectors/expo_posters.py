"""What the QR posters of an expo and of its booths show, for whoever may print them.

- The officers covering an expo (``access.officer_covers_expo``: its unit and the units above)
  print the expo's poster and the poster of any approved booth of it.
- The exhibitor (a user of the booth's seller, ``access.user_runs_booth``) prints its own
  approved booth's poster.

Only announced expos and approved booths have posters, since their QR must lead somewhere;
everything else, and every id outside the user's reach, is None (the page's 404). Texts are in
the current language, the Vietnamese ones where no English is given (``shown_text``). The
layouts are ``startups.posters``'s. Each read is a fixed number of queries.
"""

from __future__ import annotations

from django.utils.translation import get_language
from oscar.core.loading import get_model

from catalog.selectors import public_products
from startups import posters
from startups.models import Booth, Expo, Officer
from startups.posters import PosterContent
from startups.selectors import _qr_file_bytes, qr_short_url, shown_text
from startups.selectors.booths import booths_of_user
from startups.selectors.expo_organising import expo_for_officer
from startups.selectors.expos import booth_product_ids

ProductImage = get_model("catalogue", "ProductImage")


def _text(obj, name: str) -> str:
    return str(shown_text(obj, name, get_language() or ""))


def expo_poster(expo: Expo) -> PosterContent:
    """The expo's poster: title, theme, dates, organising unit, banner. ``expo.unit`` is
    read (select it with the expo)."""
    return posters.expo_content(
        title=_text(expo, "title"),
        theme=_text(expo, "theme"),
        opens_at=expo.opens_at,
        closes_at=expo.closes_at,
        unit=expo.unit.name,
        url=qr_short_url("expo", expo.pk),
        banner=_qr_file_bytes(expo.banner),
    )


def _booth_picture(booth: Booth) -> bytes | None:
    """The picture of the first featured product (in the booth's order) that is public and
    has an approved picture, else the startup's logo. Two queries."""
    ids = booth_product_ids(booth.pk)
    if ids:
        first_image = {}
        images = ProductImage.objects.filter(
            product__in=public_products().filter(pk__in=ids), is_approved=True
        ).order_by("display_order", "pk")
        for image in images:
            first_image.setdefault(image.product_id, image)
        for pk in ids:
            if pk in first_image:
                data = _qr_file_bytes(first_image[pk].original)
                if data:
                    return data
    return _qr_file_bytes(booth.startup.logo)


def booth_poster(booth: Booth) -> PosterContent:
    """The booth's poster. ``booth.expo``, ``booth.hall`` and ``booth.startup`` are read."""
    expo = booth.expo
    return posters.booth_content(
        startup=_text(booth.startup, "name"),
        expo=_text(expo, "title"),
        hall=_text(booth.hall, "name"),
        opens_at=expo.opens_at,
        closes_at=expo.closes_at,
        url=qr_short_url("booth", booth.pk),
        picture=_booth_picture(booth),
    )


def expo_poster_for_officer(officer: Officer, expo_pk: int) -> PosterContent | None:
    """The poster of an announced expo of the officer's unit tree, else None."""
    expo = expo_for_officer(officer, expo_pk)
    return expo_poster(expo) if expo is not None and expo.published else None


def booth_poster_for_officer(officer: Officer, expo_pk: int, booth_pk: int) -> PosterContent | None:
    """The poster of an approved booth of an announced expo of the officer's tree, else None."""
    booth = (
        Booth.objects.filter(
            pk=booth_pk,
            expo_id=expo_pk,
            expo__unit__path__startswith=officer.unit.path,
            expo__published=True,
            status=Booth.Status.APPROVED,
        )
        .select_related("expo", "hall", "startup")
        .first()
    )
    return booth_poster(booth) if booth is not None else None


def booth_poster_for_user(user, booth_pk: int) -> PosterContent | None:
    """The poster of the user's own approved booth (of an announced expo), else None."""
    booth = (
        booths_of_user(user)
        .filter(pk=booth_pk, status=Booth.Status.APPROVED, expo__published=True)
        .first()
    )
    return booth_poster(booth) if booth is not None else None
