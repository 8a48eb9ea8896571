"""The reads of the community layer's pages: applications and products waiting for an
officer, always limited to the officer's unit tree."""

from django.db.models import Q
from oscar.core.loading import get_model

from catalog.selectors import awaiting_review
from startups.models import Officer, SellerApplication

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


def applications_of_user(user):
    return SellerApplication.objects.filter(applicant=user).select_related(
        "province", "union_unit", "partner"
    )


def applications_for_officer(officer: Officer):
    """Applications of the officer's unit and every unit below it."""
    return SellerApplication.objects.filter(
        union_unit__path__startswith=officer.unit.path
    ).select_related("province", "union_unit", "partner", "applicant", "created_by")


def products_for_officer(officer: Officer):
    """Products waiting for review whose seller belongs to the officer's unit tree. Sellers
    that joined without an application (set up by site staff) fall to the central unit."""
    in_tree = Q(stockrecords__partner__application__union_unit__path__startswith=officer.unit.path)
    if officer.unit.depth == 1:
        in_tree |= Q(stockrecords__partner__application__isnull=True)
    return (
        awaiting_review()
        .filter(in_tree)
        .distinct()
        .select_related("origin_province")
        .prefetch_related("stockrecords__partner", "images", "categories")
    )


def partners_visible_to(user):
    """Sellers whose figures ``user`` may read: staff every seller, a union officer the sellers
    of its unit tree, a seller itself."""
    if user.is_staff:
        return Partner.objects.all()
    officer = Officer.objects.select_related("unit").filter(user=user).first()
    if officer is not None:
        return Partner.objects.filter(application__union_unit__path__startswith=officer.unit.path)
    return Partner.objects.filter(users=user)


def products_of_partners(partners):
    return Product.objects.filter(stockrecords__partner__in=partners)
