"""Dashboard menu entries for pages that live outside Oscar's dashboard apps."""


def seller_or_staff(user, url_name, url_args=None, url_kwargs=None):
    return user.is_staff or user.has_perm("partner.dashboard_access")
