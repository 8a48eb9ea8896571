from startups.models import Officer, SellerApplication


def applications_of_user(user):
    return (SellerApplication.objects.filter(applicant=user)
            .select_related("province", "union_unit", "partner"))


def applications_for_officer(officer: Officer):
    """Applications of the officer's unit and every unit below it."""
    return (SellerApplication.objects
            .filter(union_unit__path__startswith=officer.unit.path)
            .select_related("province", "union_unit", "partner", "applicant", "created_by"))
