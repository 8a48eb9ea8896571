"""E-mails write dates and prices the way their reader's language does (config/formats, Babel
through Oscar's ``currency`` filter): a Vietnamese e-mail "02/12/2026 09:05" and
"1.250.000 ₫", an English one "2 December 2026, 09:05" and "₫1,250,000"; and an English e-mail
has no Vietnamese words of our interface, only the names people wrote (products, addresses)."""

import datetime
import unicodedata
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from oscar.core.loading import get_model

from shop.order.emails import order_confirmation_send, part_notice_send
from shop.order.services import parts_create
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.shop.factories import order_create

Country = get_model("address", "Country")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
OrderPart = get_model("order", "OrderPart")
pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
SAIGON = ZoneInfo("Asia/Ho_Chi_Minh")
PLACED = datetime.datetime(2026, 12, 2, 9, 5, tzinfo=SAIGON)
TITLE = "Mật ong rừng U Minh 500ml"
SHOP = "Chợ OCOP Thanh niên"
PRICES = {"vi": f"1.250.000{NBSP}₫", "en": "₫1,250,000"}
PLACED_AT = {"vi": "02/12/2026 09:05", "en": "2 December 2026, 09:05"}


@pytest.fixture
def honey(reference_data):
    seller = SellerFactory(
        name="HTX Ong mật Sông Trẹm",
        name_en="Song Trem Beekeepers Cooperative",
        code="htx-ong-mat-song-trem",
        bank_bin="970436",
        bank_account_number="0071000123456",
        bank_account_holder="HTX ONG MAT SONG TREM",
    )
    return product_create(seller=seller, title=TITLE, price=1250000)


def _order(product, *, language, method=None):
    order = order_create(product)
    address = ShippingAddress.objects.create(
        first_name="Mai",
        line1="12 Lý Thường Kiệt",
        line4="Hoàn Kiếm",
        state="Hà Nội",
        country=Country.objects.get(iso_3166_1_a2="VN"),
        phone_number="+84912345678",
    )
    Order.objects.filter(pk=order.pk).update(
        guest_email="mai@example.com",
        language=language,
        date_placed=PLACED,
        shipping_address=address,
    )
    order.refresh_from_db()
    if method:
        parts_create(order=order, payment_method=method)
    return order


def vietnamese_letters(text: str) -> set[str]:
    """The letters of ``text`` that English does not write: đ, and vowels with a
    Vietnamese mark (ă â ê ô ơ ư and the tones)."""
    found = set()
    for ch in text:
        if ch in "đĐ" or (ch.isalpha() and unicodedata.decomposition(ch)):
            found.add(ch)
    return found


def without_names(text: str, order) -> str:
    """``text`` without what people wrote: product names, the delivery address, the shop's
    name (a brand, Vietnamese in every language)."""
    names = [TITLE, SHOP, *order.shipping_address.active_address_fields()]
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(str(name), "")
    return text


@pytest.mark.parametrize("language", ["vi", "en"])
def test_order_confirmation_writes_the_date_and_prices_in_the_buyers_language(honey, language):
    order = _order(honey, language=language, method="cod")
    assert order_confirmation_send(order_id=order.pk)
    (message,) = mail.outbox
    assert PLACED_AT[language] in message.body
    assert PRICES[language] in message.body
    other = "en" if language == "vi" else "vi"
    assert PRICES[other] not in message.body and PLACED_AT[other] not in message.body


def test_english_order_confirmation_has_no_vietnamese_words_of_ours(honey):
    order = _order(honey, language="en", method="vietqr")
    assert order_confirmation_send(order_id=order.pk)
    (message,) = mail.outbox
    # The seller's English name, not its Vietnamese one.
    assert "Song Trem Beekeepers Cooperative" in message.body
    assert "Sông Trẹm" not in message.body
    text = without_names(message.subject + "\n" + message.body, order)
    assert vietnamese_letters(text) == set(), text
    assert "Thank you for your order" in text


def test_vietnamese_order_confirmation_is_vietnamese(honey):
    order = _order(honey, language="vi", method="cod")
    assert order_confirmation_send(order_id=order.pk)
    (message,) = mail.outbox
    assert "HTX Ong mật Sông Trẹm" in message.body
    assert "Song Trem Beekeepers" not in message.body
    assert "Thank you" not in message.body


@pytest.mark.parametrize("language", ["vi", "en"])
def test_payment_reminder_deadline_in_the_buyers_date_format(honey, language):
    order = _order(honey, language=language, method="vietqr")
    part = order.parts.get()
    # Made at 02/12/2026 09:05, Viet Nam time: to be paid within the shop's 48 hours.
    OrderPart.objects.filter(pk=part.pk).update(created=PLACED)
    assert part_notice_send(part_id=part.pk, kind="payment_reminder")
    (message,) = mail.outbox
    deadline = {"vi": "04/12/2026 09:05", "en": "4 December 2026, 09:05"}
    assert deadline[language] in message.body
    assert PRICES[language] in message.body
    if language == "en":
        assert vietnamese_letters(without_names(message.body, order)) == set(), message.body


def test_certificate_reminder_dates_each_language_its_own_way(reference_data):
    from catalog.emails import certificate_notices_send

    seller = SellerFactory(name="HTX Chè Tân Cương", code="htx-che-tan-cuong")
    seller_user_create(partner=seller, username="htx-che")
    product = product_create(
        seller=seller, title="Chè búp Tân Cương", valid_until=datetime.date(2026, 12, 2)
    )
    product.title_en = "Tan Cuong green tea buds"
    product.save()
    assert certificate_notices_send(today=datetime.date(2026, 11, 20))["reminders"] == 1
    (message,) = mail.outbox
    vietnamese, _sep, english = message.body.partition("---- English ----")
    assert "02/12/2026" in vietnamese and "Chè búp Tân Cương" in vietnamese
    assert "2 Dec 2026" in english and "Tan Cuong green tea buds" in english
    assert "02/12/2026" not in english and "Chè búp" not in english
    assert message.subject.endswith("Tan Cuong green tea buds lapses on 2 Dec 2026")
