import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    """Our fork of Oscar's partner app: a partner is a seller (startup, cooperative, household)."""

    name = "shop.partner"
    label = "partner"
