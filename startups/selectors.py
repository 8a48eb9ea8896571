from startups.models import Officer, SellerApplication


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
    from django.db.models import Q

    from catalog.selectors import awaiting_review

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
