"""Every write to the catalogue that a user action causes, one module per domain:
``moderation`` (submit, approve, reject, held changes), ``marketplaces`` (links to other
marketplaces and their clicks), ``imports`` (a seller's bulk import), ``product_views``
(view counts), ``reference`` (provinces, OCOP groups, the product type). Views, the admin,
management commands and Celery tasks call these; none writes around them."""
