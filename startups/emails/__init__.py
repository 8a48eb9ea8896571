"""The e-mails the community layer sends, one module per domain (``onboarding``, ...). Each
is sent by a Celery task after its change commits, once (``shop.order.outbox``)."""
