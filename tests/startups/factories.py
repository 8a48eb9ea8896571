"""Factories of the community layer: a seller attached to a youth-union unit."""

from startups.models import SellerApplication


def approved_application_create(*, seller, unit, created_by) -> SellerApplication:
    """The approved application that puts ``seller`` in ``unit``'s tree (what an officer's
    desks and reports filter on)."""
    return SellerApplication.objects.create(
        created_by=created_by,
        kind="cooperative",
        display_name=seller.name,
        legal_name="HTX",
        province=unit.province,
        commune="Xã Ea Tu",
        phone="+84912345678",
        union_unit=unit,
        bank_bin="970436",
        bank_account_number="0123456789",
        bank_account_holder="A B",
        status="approved",
        partner=seller,
    )
