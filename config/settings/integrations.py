"""Celery, Stripe and Elasticsearch settings, all from environment variables.

Without a broker, tasks run in-process (``CELERY_TASK_ALWAYS_EAGER``) so the embedded default
needs no Redis; production sets ``CELERY_BROKER_URL`` and runs workers and beat.
"""

import environ
from celery.schedules import crontab

env = environ.Env()

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task held by a worker that dies (killed, out of memory, machine lost) is acknowledged late
# and so stays in the broker; Redis hands it to another worker once the visibility timeout has
# passed (Celery's default is an hour), looked for every ``unacked_restore_interval`` seconds
# (kombu's default scans only every tenth of those sweeps). Tasks are idempotent
# (``shop.order.outbox`` for e-mails), so a task that outlives the timeout and runs twice does
# no harm.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=300),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": 1,
}
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# How long a claimed e-mail may take to send before another worker takes it over.
EMAIL_CLAIM_LEASE_SECONDS = env.int("EMAIL_CLAIM_LEASE_SECONDS", default=600)
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# Every periodic job, in one place (run by `celery -A config beat`).
CELERY_BEAT_SCHEDULE: dict = {
    "ocop-certificate-notices": {
        "task": "catalog.tasks.send_certificate_notices",
        "schedule": crontab(hour=7, minute=0),
    },
    "search-certificate-changes": {
        "task": "search.tasks.reindex_certificate_changes",
        "schedule": crontab(hour=0, minute=10),
    },
    # "Most followed this month" in the startup directory starts again on the 1st, with no save
    # to tell the index: every startup is rewritten nightly (and any left-over hidden one goes).
    "search-startups-refresh": {
        "task": "search.tasks.refresh_startups",
        "schedule": crontab(hour=0, minute=20),
    },
    "unpaid-order-parts": {
        "task": "shop.order.tasks.remind_and_cancel_unpaid",
        "schedule": crontab(minute="*/15"),
    },
    "card-payment-reconciliation": {  # F4: Stripe's card payments against the orders
        "task": "shop.payments.tasks.reconcile_card_payments",
        "schedule": crontab(hour=3, minute=30),
    },
    # Expo figures: the days of expos live today or closed yesterday, recomputed from the raw
    # visit rows (idempotent; the report reads today from the raw rows anyway).
    # CMS pages scheduled by their editors ("go live"/"expiry" dates) go up and down on time.
    "cms-scheduled-pages": {
        "task": "cms.tasks.publish_scheduled_pages",
        "schedule": crontab(minute="*"),
    },
    "expo-rollups": {
        "task": "startups.tasks.expo_stats.roll_up_expos",
        "schedule": crontab(minute="*/10"),
    },
}

# Defaults for the admin's payment terms (editable in the Django admin, "Payment terms").
PAYMENT_REMINDER_HOURS = env.int("PAYMENT_REMINDER_HOURS", default=12)
PAYMENT_CANCEL_HOURS = env.int("PAYMENT_CANCEL_HOURS", default=48)

STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")

ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
