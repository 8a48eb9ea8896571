"""The nightly reconciliation of Stripe's card payments against the orders.

Stripe's list of Checkout Sessions comes from recorded list pages (``has_more`` pagination,
a Payment Link sale on the same account that is not ours, an earlier expired try), pointed at
the test's order. A payment whose webhook never arrived is applied as the webhook would apply
it, once; money without an order and an order without money are reported, never "fixed"."""

import copy
import datetime
import io
from unittest import mock

import pytest
from celery.schedules import crontab
from django.conf import settings as django_settings
from django.core.management import ManagementUtility, call_command
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.order.services import part_cancel
from shop.order.tasks import send_part_notice
from shop.payments.models import CardPayment, CardRefund
from shop.payments.reconcile import card_payments_reconcile
from shop.payments.tasks import reconcile_card_payments
from tests.shop.payments.stripe_fake import deliver, event_payload, recorded

OrderPart = get_model("order", "OrderPart")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

INTENT = "pi_3QhZkB2eZvKYlo2C0c7Vd5Hy"  # the paid session's, in the recorded list
SECOND_INTENT = "pi_3QhZjU2eZvKYlo2C1dK8Xe2w"  # the one refund_list.json gave back
LIST = "/v1/checkout/sessions"


@pytest.fixture
def payment(client, card_order, stripe_api):
    """The buyer has opened Stripe's page for the order (570.000 ₫, two parts waiting)."""
    client.get(
        reverse(
            "payments:card-start",
            kwargs={"number": card_order.number, "hash": card_order.verification_hash()},
        )
    )
    return CardPayment.objects.get(order=card_order)


def ours(session: dict, payment=None, *, number=None, **fields) -> dict:
    """A recorded session pointed at ``payment``'s order (or at order ``number``)."""
    session = copy.deepcopy(session)
    number = number or str(payment.order.number)
    session["metadata"] = {"order_number": number}
    session["client_reference_id"] = number
    if payment is not None:
        session["amount_subtotal"] = session["amount_total"] = int(payment.amount)
    session.update(fields)
    return session


def listing(*sessions, has_more=False, name="checkout_session_list_last_page") -> dict:
    page = recorded(name)
    page.update(data=list(sessions), has_more=has_more)
    return page


def stripe_lists(stripe_api, *pages):
    for page in pages:
        stripe_api.answer_next("get", LIST, page)


def paid_on_stripe(stripe_api, payment):
    """Stripe's two pages: the order's session paid (and a Payment Link sale, not ours), then
    the order's first try, expired."""
    first, last = recorded("checkout_session_list"), recorded("checkout_session_list_last_page")
    first["data"][0] = ours(first["data"][0], payment, id=payment.checkout_session_id)
    last["data"][0] = ours(last["data"][0], payment)
    stripe_lists(stripe_api, first, last)
    return first


def statuses(order):
    return list(order.parts.order_by("number").values_list("status", flat=True))


def stock(order):
    return [
        (s.num_in_stock, s.num_allocated)
        for s in (
            StockRecord.objects.get(pk=line.stockrecord_id) for line in order.lines.order_by("pk")
        )
    ]


def webhook_paid(client, payment):
    assert (
        deliver(client, event_payload("event_checkout_session_completed", payment)).status_code
        == 200
    )
    payment.refresh_from_db()
    assert payment.status == "paid"


def run_command(*args) -> int:
    try:
        ManagementUtility(["manage.py", "reconcile_card_payments", *args]).execute()
    except SystemExit as exit:
        return exit.code
    return 0


# --- A missed webhook -------------------------------------------------------------------------


def test_missed_webhook_is_recovered_once(payment, stripe_api, django_capture_on_commit_callbacks):
    order = payment.order
    stock_before = stock(order)
    first_page = paid_on_stripe(stripe_api, payment)
    since = timezone.now() - datetime.timedelta(days=3)
    asked_before = len(stripe_api.requests)

    with (
        mock.patch.object(send_part_notice, "apply_async") as notice,
        django_capture_on_commit_callbacks(execute=True),
    ):
        report = card_payments_reconcile(since=since)

    assert (report.recovered, report.matched, report.unresolved) == (1, 0, 0)
    assert report.sessions == 2  # the Payment Link sale is not ours
    assert statuses(order) == ["placed", "placed"]
    payment.refresh_from_db()
    assert (payment.status, payment.payment_intent_id) == ("paid", INTENT)
    assert all(order.parts.values_list("paid_at", flat=True))
    assert stock(order) == stock_before  # allocated at order, nothing more until shipped
    assert sorted(call.kwargs["args"] for call in notice.call_args_list) == sorted(
        (part.pk, "paid") for part in order.parts.all()
    )
    # Stripe was asked for everything since ``since``, 100 a page, and the second page
    # continues after the last session of the first (whoever's it was); nothing was posted.
    pages = stripe_api.calls("get", LIST)
    assert [p.params.get("created[gte]") for p in pages] == [str(int(since.timestamp()))] * 2
    assert pages[0].params["limit"] == "100" and "starting_after" not in pages[0].params
    assert pages[1].params["starting_after"] == first_page["data"][-1]["id"]
    assert [r.method for r in stripe_api.requests[asked_before:]] == ["get", "get"]

    # The next night (or a second run now) changes nothing and tells nobody again.
    paid_at = list(order.parts.values_list("paid_at", flat=True))
    paid_on_stripe(stripe_api, payment)
    with (
        mock.patch.object(send_part_notice, "apply_async") as notice,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        again = card_payments_reconcile(since=since)
    assert (again.recovered, again.matched, again.unresolved) == (0, 1, 0)
    assert callbacks == [] and not notice.called
    assert list(order.parts.values_list("paid_at", flat=True)) == paid_at
    assert stock(order) == stock_before


def test_late_webhook_after_recovery_changes_nothing(
    client, payment, stripe_api, django_capture_on_commit_callbacks
):
    paid_on_stripe(stripe_api, payment)
    with django_capture_on_commit_callbacks(execute=True):
        assert card_payments_reconcile().recovered == 1
    # Stripe's retry of the missed delivery finally gets through.
    with django_capture_on_commit_callbacks() as callbacks:
        webhook_paid(client, payment)
    assert callbacks == []
    assert statuses(payment.order) == ["placed", "placed"]


def test_payment_found_after_the_parts_were_cancelled_is_refunded(
    payment, stripe_api, django_capture_on_commit_callbacks
):
    order = payment.order
    for part in order.parts.all():  # unpaid in time: the system cancelled both, stock back
        part_cancel(part, by=OrderPart.CancelledBy.SYSTEM)
    stock_after_cancel = stock(order)
    paid_on_stripe(stripe_api, payment)

    with django_capture_on_commit_callbacks(execute=True):
        report = card_payments_reconcile()

    assert (report.recovered, report.unresolved) == (1, 0)
    assert statuses(order) == ["cancelled", "cancelled"]
    refunds = stripe_api.calls("post", "/v1/refunds")
    assert sorted(r.params["amount"] for r in refunds) == ["215000", "355000"]
    assert {r.params["payment_intent"] for r in refunds} == {INTENT}
    assert CardRefund.objects.count() == 2
    assert stock(order) == stock_after_cancel

    paid_on_stripe(stripe_api, payment)
    assert card_payments_reconcile().matched == 1
    assert len(stripe_api.calls("post", "/v1/refunds")) == 2


def test_paid_session_with_another_amount_is_not_applied(payment, stripe_api, caplog):
    first = recorded("checkout_session_list")
    first["data"][0] = ours(
        first["data"][0], payment, id=payment.checkout_session_id, amount_total=1000
    )
    stripe_lists(stripe_api, first, listing())
    report = card_payments_reconcile()
    assert (report.amount_mismatch, report.recovered, report.unresolved) == (1, 0, 1)
    assert statuses(payment.order) == ["awaiting_payment"] * 2
    payment.refresh_from_db()
    assert payment.status == "open"
    assert f"order {payment.order.number}" in caplog.text


# --- Money without an order -------------------------------------------------------------------


@pytest.mark.parametrize("case", ["unknown order", "order without card payment"])
def test_paid_without_order_is_reported_not_refunded(card_order, stripe_api, case, caplog):
    number = "999999" if case == "unknown order" else str(card_order.number)
    first = recorded("checkout_session_list")
    first["data"][0] = ours(first["data"][0], number=number)
    stripe_lists(stripe_api, first, listing())

    report = card_payments_reconcile()

    assert (report.paid_without_order, report.recovered, report.unresolved) == (1, 0, 1)
    assert stripe_api.calls("post", "") == []  # no refund: staff decide
    assert not CardPayment.objects.exists() and not CardRefund.objects.exists()
    assert statuses(card_order) == ["awaiting_payment"] * 2
    expected = "does not exist here" if case == "unknown order" else "has no card payment"
    assert f"order {number}, which {expected}" in caplog.text
    assert first["data"][0]["id"] in report.problems[0]
    assert any(r.levelname == "ERROR" for r in caplog.records)


@pytest.mark.parametrize("refunded", [True, False])
def test_second_payment_for_a_paid_order(client, payment, stripe_api, refunded):
    webhook_paid(client, payment)
    first, last = recorded("checkout_session_list"), recorded("checkout_session_list_last_page")
    first["data"][0] = ours(first["data"][0], payment, id=payment.checkout_session_id)
    # The buyer also paid the first try before it was closed.
    last["data"][0] = ours(
        last["data"][0],
        payment,
        status="complete",
        payment_status="paid",
        payment_intent=SECOND_INTENT,
    )
    stripe_lists(stripe_api, first, last)
    stripe_api.answer_next(
        "get", "/v1/refunds", recorded("refund_list") if refunded else listing(name="refund_list")
    )

    report = card_payments_reconcile()

    [asked] = stripe_api.calls("get", "/v1/refunds")
    assert asked.params["payment_intent"] == SECOND_INTENT
    assert report.matched == 1
    assert report.paid_without_order == (0 if refunded else 1)
    if not refunded:
        assert "was paid twice" in report.problems[0]
    assert stripe_api.calls("post", "/v1/refunds") == []


# --- An order without money -------------------------------------------------------------------


@pytest.mark.parametrize("case", ["session unpaid", "session missing", "paid before the window"])
def test_order_without_payment_is_reported_and_nothing_changes(
    client, payment, stripe_api, case, caplog
):
    webhook_paid(client, payment)
    open_session = ours(recorded("checkout_session_open"), payment, id=payment.checkout_session_id)
    stripe_lists(stripe_api, listing(open_session) if case == "session unpaid" else listing())
    # Looking for a paid session with the payment's intent outside the window:
    paid_earlier = ours(recorded("checkout_session_list")["data"][0], payment)
    stripe_lists(
        stripe_api, listing(paid_earlier) if case == "paid before the window" else listing()
    )

    report = card_payments_reconcile()

    [_, lookup] = stripe_api.calls("get", LIST)
    assert lookup.params["payment_intent"] == INTENT
    if case == "paid before the window":
        assert (report.matched, report.unresolved) == (1, 0)
        return
    assert (report.order_without_payment, report.matched, report.unresolved) == (1, 0, 1)
    assert f"order {payment.order.number} is paid here" in caplog.text
    payment.refresh_from_db()
    assert (payment.status, payment.payment_intent_id) == ("paid", INTENT)
    assert statuses(payment.order) == ["placed", "placed"]
    assert stripe_api.calls("post", "/v1/refunds") == []


def test_open_payment_and_unpaid_session_match(payment, stripe_api):
    stripe_lists(
        stripe_api,
        listing(ours(recorded("checkout_session_open"), payment, id=payment.checkout_session_id)),
    )
    report = card_payments_reconcile()
    assert (report.matched, report.unresolved, report.problems) == (1, 0, [])
    assert statuses(payment.order) == ["awaiting_payment"] * 2


# --- Without keys, the command and the nightly task ------------------------------------------


def test_without_stripe_keys_nothing_is_asked(payment, stripe_api, settings, caplog):
    settings.STRIPE_SECRET_KEY = ""
    requests_before = len(stripe_api.requests)
    report = card_payments_reconcile()
    assert not report.enabled and report.unresolved == 0
    assert "STRIPE_SECRET_KEY is not set" in caplog.text
    out = io.StringIO()
    call_command("reconcile_card_payments", stdout=out)  # exits 0
    assert "Stripe keys are not set" in out.getvalue()
    assert reconcile_card_payments.delay().get()["enabled"] is False
    assert len(stripe_api.requests) == requests_before


def test_command_prints_the_report_and_exits_0_when_all_agree(
    payment, stripe_api, capsys, django_capture_on_commit_callbacks
):
    paid_on_stripe(stripe_api, payment)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_command("--days", "2") == 0
    out = capsys.readouterr().out
    assert "2 Stripe Checkout session(s) of ours" in out
    assert "recovered (missed webhook): 1" in out
    assert "Card payments and orders agree." in out
    since = stripe_api.calls("get", LIST)[0].params["created[gte]"]
    assert abs(int(since) - (timezone.now() - datetime.timedelta(days=2)).timestamp()) < 60


def test_command_exits_1_on_a_mismatch(card_order, stripe_api, capsys):
    first = recorded("checkout_session_list")
    first["data"][0] = ours(first["data"][0], number="999999")
    stripe_lists(stripe_api, first, listing())
    assert run_command() == 1
    captured = capsys.readouterr()
    assert "paid without order:         1" in captured.out
    assert f"- paid without order: Stripe session {first['data'][0]['id']}" in captured.out
    assert "1 card payment mismatch(es) need a person" in captured.err
    assert "agree" not in captured.out


def test_command_refuses_a_bad_window(stripe_api, capsys):
    assert run_command("--days", "0") == 1
    assert "--days must be 1 or more" in capsys.readouterr().err
    assert stripe_api.requests == []


def test_nightly_task_is_scheduled_and_logs_the_report(card_order, stripe_api, caplog):
    entry = django_settings.CELERY_BEAT_SCHEDULE["card-payment-reconciliation"]
    assert entry["task"] == reconcile_card_payments.name
    assert entry["schedule"] == crontab(hour=3, minute=30)

    first = recorded("checkout_session_list")
    first["data"][0] = ours(first["data"][0], number="999999")
    stripe_lists(stripe_api, first, listing())
    result = reconcile_card_payments.delay().get()
    assert (result["paid_without_order"], result["unresolved"]) == (1, 1)
    assert "Card payment reconciliation: 1 session(s)" in caplog.text  # only ours count
    assert "1 need a person" in caplog.text
