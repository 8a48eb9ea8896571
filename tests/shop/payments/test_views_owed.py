"""What the platform owes each seller for card sales: staff see every seller and record
payouts, a seller sees only its own row; bad or too large payouts are refused."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from shop.order.services import part_cancel
from shop.payments.models import CardPayment, SellerPayout
from tests.catalog.factories import seller_user_create
from tests.shop.payments.stripe_fake import deliver, event_payload

Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def owed_url():
    with translation.override("en"):
        return reverse("dashboard:payments-owed")


@pytest.fixture
def sales(client, card_order, stripe_api):
    """Card order paid (215.000 ₫ coffee + 355.000 ₫ tea), then the tea part cancelled and
    refunded."""
    client.get(
        reverse(
            "payments:card-start",
            kwargs={"number": card_order.number, "hash": card_order.verification_hash()},
        )
    )
    payment = CardPayment.objects.get(order=card_order)
    assert (
        deliver(client, event_payload("event_checkout_session_completed", payment)).status_code
        == 200
    )
    part_cancel(card_order.parts.get(number=2), by="buyer")
    coffee, tea = (p.partner for p in card_order.parts.order_by("number"))
    return coffee, tea


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        "ke-toan", "ketoan@example.com", "mat-khau-2026", is_staff=True
    )


def rows(html):
    import re

    return re.findall(r'data-seller="(\d+)"', html)


def test_staff_see_every_seller_with_its_balance(client, staff, sales):
    coffee, tea = sales
    client.force_login(staff)
    html = client.get(owed_url()).content.decode()
    assert sorted(rows(html)) == sorted([str(coffee.pk), str(tea.pk)])
    # Coffee: paid 215,000, nothing refunded, owed 215,000. Tea: paid and refunded, owed 0.
    coffee_row = html.split(f'data-seller="{coffee.pk}"')[1].split("</tr>")[0]
    assert coffee_row.count("₫215,000") == 2 and "₫0" in coffee_row
    tea_row = html.split(f'data-seller="{tea.pk}"')[1].split("</tr>")[0]
    assert tea_row.count("₫355,000") == 2
    assert 'data-testid="payout-form"' in html


def test_a_seller_sees_only_its_own_row_and_cannot_pay_itself(client, sales):
    coffee, tea = sales
    user = seller_user_create(partner=coffee, username="nguoi-ban-ca-phe")
    client.force_login(user)
    html = client.get(owed_url()).content.decode()
    assert rows(html) == [str(coffee.pk)]
    assert tea.name not in html and 'data-testid="payout-form"' not in html
    response = client.post(
        owed_url(), {"partner": coffee.pk, "amount": "215000", "reference": "FT123"}
    )
    assert response.status_code == 404  # a dashboard refusal (shop.dashboard.access)
    assert not SellerPayout.objects.exists()


def test_buyers_and_visitors_cannot_see_it(client, sales, django_user_model):
    assert client.get(owed_url()).status_code == 302  # to the log-in page
    client.force_login(django_user_model.objects.create_user("nguoi-mua", "mua@example.com", "x"))
    assert client.get(owed_url()).status_code == 404  # a dashboard refusal


def test_staff_record_a_payout_and_the_balance_drops(client, staff, sales):
    coffee, _ = sales
    client.force_login(staff)
    response = client.post(
        owed_url(),
        {"partner": coffee.pk, "amount": "200.000", "reference": " FT25330123456 "},
        follow=True,
    )
    payout = SellerPayout.objects.get()
    assert (payout.partner, payout.amount, payout.reference, payout.created_by) == (
        coffee,
        200000,
        "FT25330123456",
        staff,
    )
    html = response.content.decode()
    assert "Payout of ₫200,000 to" in html
    coffee_row = html.split(f'data-seller="{coffee.pk}"')[1].split("</tr>")[0]
    assert "₫15,000" in coffee_row  # 215,000 paid by card - 200,000 paid out


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"amount": "abc"}, "Enter a whole number of đồng"),
        ({"amount": "-5000"}, "Enter a whole number of đồng"),
        ({"amount": "0"}, "more than 0"),
        ({"amount": "1,5"}, "Enter a whole number of đồng"),
        ({"amount": "215001"}, "is more than that"),
        ({"amount": "99999999999999"}, "too large"),
        ({"reference": "   "}, "required"),
        ({"partner": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_payouts_are_refused_with_a_message(client, staff, sales, data, error):
    coffee, _ = sales
    client.force_login(staff)
    form = {"partner": coffee.pk, "amount": "100000", "reference": "FT1", **data}
    response = client.post(owed_url(), form)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not SellerPayout.objects.exists()


def test_the_dashboard_menu_links_to_it(client, sales):
    coffee, _ = sales
    client.force_login(seller_user_create(partner=coffee, username="nguoi-ban-menu"))
    html = client.get(reverse("dashboard:index")).content.decode()
    assert reverse("dashboard:payments-owed") in html


def test_django_admin_shows_payments_read_only(client, sales, django_user_model):
    admin = django_user_model.objects.create_superuser("quan-tri", "qt@example.com", "x")
    client.force_login(admin)
    listing = client.get("/django-admin/payments/cardpayment/")
    assert listing.status_code == 200
    assert client.get("/django-admin/payments/cardpayment/add/").status_code == 403
    payment = CardPayment.objects.get()
    page = client.get(f"/django-admin/payments/cardpayment/{payment.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
