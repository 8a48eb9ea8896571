"""Every write of the community layer, one module per domain: ``union`` (the units),
``onboarding`` (seller applications, on-behalf sellers, handovers), ``review`` (the product
review desk). Who may act on what is ``startups.access``."""
