"""The anti-spam rules shared by the forms strangers send (startups.antispam): each rule
refuses with a reason the sender reads, and a cache outage lets messages through."""

from datetime import timedelta

import pytest
from django.utils import timezone

from startups import antispam
from startups.antispam import DAY, HOUR, Limit, RateLimited, Refused
from startups.models import Lead
from tests.startups.factories import startup_create

NOON = 1_767_268_800.0  # a fixed instant on the hour (windows are aligned to the clock)


class Account:
    is_authenticated = True

    def __init__(self, pk):
        self.pk = pk


def send(address="198.51.100.7", user=None, *, per_address=3, per_account=2, now=NOON):
    antispam.rate_limit_check(
        scope="test",
        address=address,
        user=user,
        per_address=Limit(per_address, HOUR),
        per_account=Limit(per_account, DAY),
        now=now,
    )


def test_one_address_is_refused_past_its_hourly_limit_and_told_when_to_come_back():
    for _ in range(3):
        send()
    with pytest.raises(RateLimited) as refused:
        send(now=NOON + 15 * 60)
    assert refused.value.status == 429 and refused.value.code == "rate_address"
    assert "3" in refused.value.reason and "45" in refused.value.reason  # limit, minutes left
    send(address="198.51.100.8")  # another connection is not held back
    send(now=NOON + HOUR)  # the next hour starts afresh


def test_one_account_is_refused_past_its_daily_limit_from_any_address():
    user = Account(41)
    send("198.51.100.1", user)
    send("198.51.100.2", user)
    with pytest.raises(RateLimited) as refused:
        send("198.51.100.3", user)
    assert refused.value.code == "rate_account"
    send("198.51.100.4", Account(42))  # another account
    send("198.51.100.5", None)  # a visitor who is not signed in has no account limit
    send("198.51.100.6", user, now=NOON + DAY)  # the next day


def test_a_cache_outage_lets_messages_through(monkeypatch, caplog):
    class BrokenCache:
        def add(self, *args, **kwargs):
            raise ConnectionError("redis is down")

        incr = add

    monkeypatch.setattr(antispam, "cache", BrokenCache())
    for _ in range(10):
        send(user=Account(7))
    assert "cache unavailable" in caplog.text


def test_the_honeypot_refuses_a_filled_in_field_and_says_so():
    antispam.honeypot_check("")
    with pytest.raises(Refused) as refused:
        antispam.honeypot_check("http://spam.example")
    assert refused.value.code == "honeypot" and refused.value.status == 400
    assert str(antispam.HoneypotField().label) in refused.value.reason


@pytest.mark.parametrize(
    "text",
    [
        "Xem thêm tại http://example.org/a",
        "HTTPS://EVIL.EXAMPLE",
        "vào www.muare.vn nhé",
        "mua ở abc.com giá rẻ",
        "Shop: ban-hang.abc.com.vn",
        "rút gọn bit.ly/3xYz",
        "nhắn t.me/spammer",
        "(chi tiết: Example.Net)",
    ],
)
def test_links_are_found(text):
    assert antispam.has_link(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cửa hàng ở Q.1, TP.HCM",
        "Cà phê, trà, mật ong v.v. đều được",
        "Đầu tư khoảng 1.5 tỷ",
        "Gửi về a.nguyen@gmail.com giúp tôi",
        "Sản phẩm rất tốt.Top đầu Tây Nguyên",
        "Gọi 0912.345.678",
    ],
)
def test_abbreviations_numbers_and_e_mail_addresses_are_not_links(text):
    assert not antispam.has_link(text)


def test_links_are_refused_only_from_senders_who_are_not_signed_in():
    antispam.links_check("xem abc.com", signed_in=True)
    antispam.links_check("không có địa chỉ web", "Nguyễn Văn A", signed_in=False)
    with pytest.raises(Refused) as refused:
        antispam.links_check("Chào anh", "www.quangcao.vn", signed_in=False)
    assert refused.value.code == "link" and refused.value.status == 400


def test_a_fingerprint_ignores_case_accents_and_spacing_but_not_the_sender():
    one = antispam.fingerprint("startup:1", "a@example.com", "Tôi muốn  đầu tư\n")
    assert one == antispam.fingerprint("startup:1", "A@example.com", "toi muon dau tu")
    assert one != antispam.fingerprint("startup:1", "b@example.com", "Tôi muốn đầu tư")
    assert one != antispam.fingerprint("startup:2", "a@example.com", "Tôi muốn đầu tư")


@pytest.mark.django_db
def test_the_same_message_is_refused_within_a_day_and_accepted_the_day_after(reference_data):
    startup = startup_create()
    fingerprint = antispam.fingerprint("startup:1", "a@example.com", "Xin chào")
    lead = Lead.objects.create(
        startup=startup,
        role=Lead.Role.BUYER,
        message="Xin chào",
        name="A",
        email="a@example.com",
        fingerprint=fingerprint,
    )
    with pytest.raises(Refused) as refused:
        antispam.duplicate_check(queryset=Lead.objects.all(), fingerprint=fingerprint)
    assert refused.value.code == "duplicate"
    antispam.duplicate_check(queryset=Lead.objects.all(), fingerprint="another message")
    Lead.objects.filter(pk=lead.pk).update(created=timezone.now() - timedelta(hours=25))
    antispam.duplicate_check(queryset=Lead.objects.all(), fingerprint=fingerprint)
