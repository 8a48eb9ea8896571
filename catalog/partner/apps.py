import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    """Our fork of Oscar's partner app: a partner is a seller (startup, cooperative, household)."""

    name = "catalog.partner"
    label = "partner"
