import datetime

import pytest
from django.core import mail

from catalog.emails import certificate_notices_send
from tests.catalog.factories import product_create, seller_user_create

pytestmark = pytest.mark.django_db


def test_reminder_30_days_before_and_notice_after_lapse_each_sent_once(site_tree, seller):
    seller_user_create(partner=seller, username="chu-htx")
    today = datetime.date(2026, 11, 22)
    soon = product_create(
        seller=seller,
        title="Nước mắm 500ml",
        stars=4,
        valid_from=datetime.date(2023, 12, 22),
        valid_until=today + datetime.timedelta(days=30),
    )
    lapsed = product_create(
        seller=seller,
        title="Mật ong 500ml",
        stars=3,
        valid_from=datetime.date(2023, 1, 1),
        valid_until=today - datetime.timedelta(days=1),
    )
    product_create(
        seller=seller,
        title="Chè 200g",
        stars=4,
        valid_from=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2028, 1, 1),
    )
    assert certificate_notices_send(today=today) == {"reminders": 1, "lapsed": 1}
    # Sellers' language is not stored: Vietnamese first, then English (" / ").
    subjects = sorted(m.subject.split(" / ")[0] for m in mail.outbox)
    assert subjects == [
        f"Giấy chứng nhận OCOP của {lapsed.title} đã hết hiệu lực",
        f"Giấy chứng nhận OCOP của {soon.title} hết hiệu lực ngày 22/12/2026",
    ]
    assert all(m.to == ["chu-htx@example.com"] for m in mail.outbox)
    assert certificate_notices_send(today=today) == {"reminders": 0, "lapsed": 0}
    assert len(mail.outbox) == 2


def test_the_daily_job_is_scheduled():
    from django.conf import settings

    schedule = settings.CELERY_BEAT_SCHEDULE["ocop-certificate-notices"]
    assert schedule["task"] == "catalog.tasks.send_certificate_notices"
