"""Who may act on what in the community layer: an officer acts on its unit and every unit below it, and never decides on something it is a party to (its own application, a shop its account runs). Every officer page and service checks through these."""

from oscar.core.loading import get_model

from startups.models import Officer, SellerApplication, UnionUnit

Partner = get_model("partner", "Partner")


class NotAllowed(Exception):
    """The officer may not act on this object (outside their unit tree)."""


class ConflictOfInterest(NotAllowed):
    """The officer is a party to what they would decide (their own application, a shop they
    run): another officer of the unit, or of a unit above, decides instead."""


def units_of(officer: Officer):
    """The officer's unit and every unit below it."""
    return UnionUnit.objects.filter(path__startswith=officer.unit.path)


def officer_can_act_on(officer: Officer | None, application: SellerApplication) -> bool:
    return bool(officer) and application.union_unit.path.startswith(officer.unit.path)


def officer_is_party_to(officer: Officer, application: SellerApplication) -> bool:
    """The officer applied, or their account runs (or ran) the seller."""
    if application.applicant_id == officer.user_id:
        return True
    if not application.on_behalf and application.created_by_id == officer.user_id:
        return True
    return (
        bool(application.partner_id)
        and application.partner.users.filter(pk=officer.user_id).exists()
    )


def officer_runs_shop_of(officer: Officer, product) -> bool:
    """The officer's account is one of the users of a seller of this product."""
    return Partner.objects.filter(stockrecords__product=product, users=officer.user).exists()


def officer_covers_startup(officer: Officer | None, startup) -> bool:
    """The startup belongs to the officer's unit or a unit below it."""
    return bool(officer) and startup.union_unit.path.startswith(officer.unit.path)


def officer_runs_startup(officer: Officer, startup) -> bool:
    """The officer's account is one of the users of the startup's seller."""
    return startup.partner.users.filter(pk=officer.user_id).exists()


def officer_covers_expo(officer: Officer | None, expo) -> bool:
    """The expo is organised by the officer's unit or a unit below it: the officer edits it,
    decides its booths, reads its leads and figures."""
    return bool(officer) and expo.unit.path.startswith(officer.unit.path)


def user_runs_booth(user, booth) -> bool:
    """The user is one of the users of the booth's seller (the exhibitor's staff)."""
    return bool(user and user.is_authenticated) and (
        booth.startup.partner.users.filter(pk=user.pk).exists()
    )
