"""startups.services.qr and the QR reads: a visit counted once per scan on Viet Nam's day,
bots left out, exact under concurrent scans; short codes that read back."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from startups.models import QRVisitDay
from startups.selectors import qr_code, qr_code_read, qr_short_url, qr_today, qr_visit_counts
from startups.services.qr import qr_visit_record

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"


@pytest.mark.django_db
def test_each_scan_adds_one_to_the_days_row():
    for _ in range(3):
        assert qr_visit_record(kind="product", object_id=12, user_agent=PHONE) is True
    qr_visit_record(kind="startup", object_id=12, user_agent=PHONE)
    rows = {(r.kind, r.object_id): r.count for r in QRVisitDay.objects.all()}
    assert rows == {("product", 12): 3, ("startup", 12): 1}


@pytest.mark.django_db
def test_bots_are_not_counted():
    for agent in ("Googlebot/2.1", "Zalo link preview bot", "curl/8.5.0", "", None):
        assert qr_visit_record(kind="product", object_id=1, user_agent=agent) is False
    assert not QRVisitDay.objects.exists()


@pytest.mark.django_db
def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        qr_visit_record(kind="order", object_id=1, user_agent=PHONE)


@pytest.mark.django_db
def test_the_day_is_viet_nams(monkeypatch):
    """17:30 UTC on 1 March is 00:30 on 2 March in Ha Noi: the scan counts for 2 March."""
    moment = datetime.datetime(2026, 3, 1, 17, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    qr_visit_record(kind="pitch", object_id=3, user_agent=PHONE)
    assert QRVisitDay.objects.get().day == datetime.date(2026, 3, 2)


@pytest.mark.django_db
def test_counts_for_the_last_30_days_and_in_all():
    today = qr_today()
    for days_ago, count in ((0, 2), (29, 3), (30, 4), (400, 1)):
        QRVisitDay.objects.create(
            kind="product", object_id=5, day=today - datetime.timedelta(days=days_ago), count=count
        )
    QRVisitDay.objects.create(kind="startup", object_id=5, day=today, count=6)
    counts = qr_visit_counts([("product", 5), ("startup", 5), ("pitch", 5)])
    assert counts == {("product", 5): (5, 10), ("startup", 5): (6, 6)}
    assert qr_visit_counts([]) == {}


def test_codes_read_back_and_nothing_else_reads():
    for kind, pk in (("product", 12), ("startup", 7), ("pitch", 3), ("product", 2_147_483_647)):
        assert qr_code_read(qr_code(kind, pk)) == (kind, pk)
    assert qr_code("product", 12) == "p12" and qr_code("pitch", 3) == "g3"
    assert qr_code_read("S7") == ("startup", 7)
    for bad in ("", "p", "p0", "p012", "q12", "p-1", "p1 ", "p１２", "p2147483648", None):
        assert qr_code_read(bad) is None, bad


def test_the_short_address_is_absolute_and_has_no_language_prefix_in_vietnamese():
    assert qr_short_url("product", 12) == "http://testserver/q/p12/"


def _scan_at_once(n: int, *, kind: str, object_id: int) -> list:
    barrier = threading.Barrier(n)
    errors = []

    def scan():
        try:
            barrier.wait(timeout=30)
            qr_visit_record(kind=kind, object_id=object_id, user_agent=PHONE)
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_scans_of_the_day_are_all_counted():
    """20 phones scan at once and no row exists yet: one creates it, none is lost."""
    errors = _scan_at_once(20, kind="product", object_id=42)
    assert errors == []
    row = QRVisitDay.objects.get(kind="product", object_id=42)
    assert row.count == 20 and row.day == qr_today()


@pytest.mark.django_db(transaction=True)
def test_concurrent_scans_on_an_existing_row_are_exact():
    QRVisitDay.objects.create(kind="startup", object_id=9, day=qr_today(), count=5)
    assert _scan_at_once(16, kind="startup", object_id=9) == []
    assert QRVisitDay.objects.get(kind="startup", object_id=9).count == 21
