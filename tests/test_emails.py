"""Every e-mail the project sends, in Vietnamese and English: its links start with SITE_URL
(never Django's example.com) and open a page of ours; no English is left in the Vietnamese
text. Stock alerts are rate-limited."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

from core.siteurl import site_sync
from tests.catalog.factories import product_create
from tests.shop.factories import order_create

Order = get_model("order", "Order")
ProductAlert = get_model("customer", "ProductAlert")
StockRecord = get_model("partner", "StockRecord")
AlertsDispatcher = get_class("customer.alerts.utils", "AlertsDispatcher")
CustomerDispatcher = get_class("customer.utils", "CustomerDispatcher")

pytestmark = pytest.mark.django_db

SITE = "https://cho-ocop.example.vn"
LINK = re.compile(r"(?:https?:)?//[^\s\"'<>)]+")
# Phrases of Oscar's and our English texts that must not survive in a Vietnamese e-mail.
ENGLISH = (
    "Hello",
    "Thank you",
    "password",
    "back in stock",
    "Someone",
    "confirm",
    "order",
    "Dear",
    "alert",
    "Thanks",
    "Team",
    "certificate",
    "application",
)


@pytest.fixture
def public_site(settings):
    """The site served at an address that is not the test client's: links must follow it."""
    settings.SITE_URL = SITE
    site_sync()
    yield
    Site.objects.clear_cache()


def links(text: str) -> list[str]:
    return LINK.findall(text)


def check_links(client, message, *, language, expect_some=True):
    text = message.subject + "\n" + message.body
    found = links(text)
    assert not expect_some or found, text
    assert "example.com" not in text
    for url in found:
        assert url.startswith(SITE + "/"), url
        path = url[len(SITE) :]
        if language == "en":
            assert path.startswith("/en/"), url
        elif language == "vi":
            assert not path.startswith("/en/"), url
        response = client.get(path)
        assert response.status_code in (200, 302), (url, response.status_code)
        if response.status_code == 302:
            assert urlsplit(response["Location"]).path, url
    return found


def check_vietnamese(message):
    text = message.subject + "\n" + LINK.sub("", message.body)
    for phrase in ENGLISH:
        assert phrase.lower() not in text.lower(), (phrase, text)


def check_both(message):
    """An e-mail to someone whose language is not stored: Vietnamese first, then English."""
    vi, _sep, en = message.body.partition("---- English ----")
    assert en, message.body
    assert "Xin chào" in vi or "Chào" in vi or "Hello" not in vi
    for phrase in ENGLISH:
        assert phrase.lower() not in LINK.sub("", vi).lower(), (phrase, vi)
    assert all(not u.startswith(SITE + "/en/") for u in links(vi))
    assert links(en) and all(u.startswith(SITE + "/en/") for u in links(en))


def test_the_site_record_follows_site_url(public_site):
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("cho-ocop.example.vn", "Chợ OCOP Thanh niên")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_order_confirmation_in_the_buyers_language(client, public_site, product, language):
    from shop.order.emails import order_confirmation_send

    order = order_create(product, payment_method="cod")
    Order.objects.filter(pk=order.pk).update(guest_email="mai@example.com", language=language)
    assert order_confirmation_send(order_id=order.pk)
    (message,) = mail.outbox
    assert not getattr(message, "alternatives", None)  # no HTML part with Oscar's English
    (url,) = check_links(client, message, language=language)
    assert order.verification_hash() in url
    if language == "vi":
        check_vietnamese(message)
        assert "Cảm ơn bạn đã đặt hàng" in message.body or "Cảm ơn" in message.body
    else:
        assert "Thank you for your order" in message.body


@pytest.mark.parametrize("language", ["vi", "en"])
def test_part_notice_in_the_buyers_language(client, public_site, product, language):
    from shop.order.emails import part_notice_send
    from shop.order.services import part_cancel

    order = order_create(product, payment_method="cod")
    Order.objects.filter(pk=order.pk).update(guest_email="mai@example.com", language=language)
    part = order.parts.get()
    part_cancel(part, by="seller")
    mail.outbox.clear()
    assert part_notice_send(part_id=part.pk, kind="cancelled")
    (message,) = mail.outbox
    check_links(client, message, language=language)
    if language == "vi":
        check_vietnamese(message)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_password_reset_link_works_in_each_language(
    client, public_site, django_user_model, language
):
    django_user_model.objects.create_user("mai", "mai@example.com", "mat-khau-cu-2026")
    prefix = "/en" if language == "en" else ""
    with translation.override(language):
        path = reverse("password-reset")
    assert path.startswith(prefix + "/")
    response = client.post(path, {"email": "mai@example.com"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert not getattr(message, "alternatives", None)
    (url,) = check_links(client, message, language=language)
    # The token link leads to the form for the new password, in the same language.
    form = client.get(client.get(url[len(SITE) :])["Location"])
    assert form.status_code == 200 and b'name="new_password1"' in form.content
    if language == "vi":
        check_vietnamese(message)
        assert message.subject == "Đặt mật khẩu mới cho Chợ OCOP Thanh niên"
    else:
        assert message.subject == "Set a new password for Chợ OCOP Thanh niên"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_account_e_mails_in_each_language(client, public_site, django_user_model, language):
    from oscar.apps.customer.utils import get_password_reset_url

    user = django_user_model.objects.create_user("mai", "mai@example.com", "mat-khau-cu-2026")
    site = Site.objects.get_current()
    with translation.override(language):
        dispatcher = CustomerDispatcher()
        dispatcher.send_registration_email_for_user(user, {"user": user, "site": site})
        context = {
            "user": user,
            "site": site,
            "reset_url": get_password_reset_url(user),
            "new_email": "moi@nha-mai.vn",
        }
        dispatcher.send_password_changed_email_for_user(user, context)
        dispatcher.send_email_changed_email_for_user(user, context)
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        check_links(client, message, language=language)
        if language == "vi":
            check_vietnamese(message)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_stock_alert_confirmation_in_the_visitors_language(client, public_site, product, language):
    StockRecord.objects.filter(product=product).update(num_in_stock=0)
    with translation.override(language):
        path = reverse("customer:alert-create", kwargs={"pk": product.pk})
    response = client.post(path, {"email": "khach@example.com"})
    assert response.status_code == 302
    (message,) = mail.outbox
    confirm, cancel = check_links(client, message, language=language)
    # Both links work: the first confirmed the alert, the second cancelled it.
    assert confirm != cancel and ProductAlert.objects.get().status == ProductAlert.CANCELLED
    if language == "vi":
        check_vietnamese(message)
        assert message.subject.startswith("Xác nhận nhận thông báo")


def test_back_in_stock_alert_in_both_languages(client, public_site, product, django_user_model):
    user = django_user_model.objects.create_user("mai", "mai@example.com", "mat-khau-cu-2026")
    ProductAlert.objects.create(user=user, product=product, status=ProductAlert.ACTIVE)
    with translation.override("en"):  # the seller's language while restocking: not the buyer's
        AlertsDispatcher().send_product_alert_email_for_user(product)
    (message,) = mail.outbox
    check_links(client, message, language=None)
    check_both(message)
    assert message.subject.startswith(f"{product.title} đã có hàng trở lại")


def test_certificate_reminder_in_both_languages(client, public_site, reference_data):
    from catalog.emails import certificate_notices_send
    from tests.catalog.factories import SellerFactory, seller_user_create

    seller = SellerFactory(name="HTX Chè", code="htx-che")
    seller_user_create(partner=seller, username="htxche")
    today = datetime.date.today()
    product_create(seller=seller, valid_until=today + datetime.timedelta(days=10))
    assert certificate_notices_send(today=today)["reminders"] == 1
    (message,) = mail.outbox
    check_links(client, message, language=None)
    check_both(message)


def test_application_decision_in_both_languages(
    client, public_site, reference_data, django_user_model
):
    from startups.emails.onboarding import application_decision_send
    from startups.models import SellerApplication, UnionUnit
    from startups.services.union import union_units_load

    union_units_load()
    unit = UnionUnit.objects.get(province__code="66", level="province")
    application = SellerApplication.objects.create(
        created_by=django_user_model.objects.create_user("cb", "cb@example.com", "mk-2026-abcd"),
        kind="cooperative",
        display_name="HTX Chè",
        legal_name="HTX Chè",
        contact_email="a@example.com",
        province=unit.province,
        commune="Xã Ea Tu",
        phone="+84912345678",
        union_unit=unit,
        bank_bin="970436",
        bank_account_number="0123456789",
        bank_account_holder="A B",
        status="rejected",
        rejection_reason="Thiếu giấy phép",
    )
    assert application_decision_send(application_id=application.pk)
    (message,) = mail.outbox
    check_links(client, message, language=None)
    check_both(message)


def test_stock_alert_requests_are_rate_limited(client, product, settings):
    settings.STOCK_ALERTS_PER_EMAIL_HOUR = 3
    settings.STOCK_ALERTS_PER_ADDRESS_HOUR = 5
    StockRecord.objects.filter(product=product).update(num_in_stock=0)
    path = reverse("customer:alert-create", kwargs={"pk": product.pk})
    for _ in range(3):
        ProductAlert.objects.all().delete()
        assert client.post(path, {"email": "nan-nhan@example.com"}).status_code == 302
    ProductAlert.objects.all().delete()
    refused = client.post(path, {"email": "nan-nhan@example.com"})
    assert refused.status_code == 429
    assert "Quá nhiều yêu cầu thông báo có hàng" in refused.content.decode()
    assert len(mail.outbox) == 3  # nothing sent to the victim past the limit
    # Other addresses from the same connection, up to the per-address limit.
    assert client.post(path, {"email": "b@example.com"}).status_code == 302
    assert client.post(path, {"email": "c@example.com"}).status_code == 429
    assert len(mail.outbox) == 4


def test_product_reviews_are_closed(client, product):
    base = product.get_absolute_url()
    assert client.get(base + "reviews/add/").status_code == 404
    assert (
        client.post(
            base + "reviews/add/", {"title": "Ngon", "score": 5, "body": "Ngon lắm"}
        ).status_code
        == 404
    )
    assert client.get(product.get_absolute_url()).status_code == 200
