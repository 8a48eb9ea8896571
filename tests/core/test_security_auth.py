"""Password guessing is throttled on every login form, the owner gets back in by a password
reset, and registration does not tell whether an e-mail has an account."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-dung-2026"
LIMIT = 10


@pytest.fixture
def owner(django_user_model, site_tree):
    return django_user_model.objects.create_user(
        "chu", "chu@example.com", PASSWORD, is_staff=True, is_superuser=True
    )


def shop_login(client, password, email="chu@example.com", address="203.0.113.7"):
    return client.post(
        reverse("customer:login"),
        {"login-username": email, "login-password": password, "login_submit": "1"},
        REMOTE_ADDR=address,
    )


def test_wrong_passwords_pause_the_shop_login_even_for_the_right_one(client, owner):
    for _ in range(LIMIT - 1):
        assert shop_login(client, "doan-bua").status_code == 200
    assert shop_login(client, "doan-bua").status_code == 429  # the tenth wrong one
    response = shop_login(client, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Quá nhiều lần đăng nhập sai" in page and reverse("password-reset") in page
    assert 'class="site-header' in page or "site-topbar" in page  # the site's own look
    assert "_auth_user_id" not in client.session


def test_the_pause_counts_per_account_across_forms_and_addresses(client, owner):
    """Guesses through the Django admin with the user name count for the same account as the
    shop's e-mail login, from other addresses too."""
    for n in range(LIMIT):
        client.post(
            "/django-admin/login/",
            {"username": "chu", "password": "sai"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
    assert shop_login(client, PASSWORD, address="192.0.2.50").status_code == 429
    response = client.post(
        "/django-admin/login/", {"username": "chu", "password": PASSWORD}, REMOTE_ADDR="192.0.2.51"
    )
    assert response.status_code == 429


def test_password_spraying_from_one_address_is_paused(client, django_user_model, owner):
    for n in range(LIMIT):
        django_user_model.objects.create_user(f"u{n}", f"u{n}@example.com", PASSWORD)
        shop_login(client, "123456", email=f"u{n}@example.com")
    assert shop_login(client, PASSWORD).status_code == 429  # same address
    assert shop_login(client, PASSWORD, address="192.0.2.9").status_code == 302  # elsewhere


def test_wagtail_admin_login_is_paused_too(client, owner):
    for _ in range(LIMIT):
        client.post("/cms-admin/login/", {"username": "chu", "password": "sai"})
    response = client.post("/cms-admin/login/", {"username": "chu", "password": PASSWORD})
    assert response.status_code == 429


@override_settings(DEFAULT_FROM_EMAIL="shop@example.com")
def test_a_password_reset_lifts_the_pause(client, owner):
    for _ in range(LIMIT):
        shop_login(client, "doan-bua")
    assert shop_login(client, PASSWORD).status_code == 429
    client.post(reverse("password-reset"), {"email": "chu@example.com"})
    link = re.search(r"/shop/password-reset/confirm/\S+/\S+/", mail.outbox[-1].body).group(0)
    form_url = client.get(link).url  # Django swaps the token into the session
    response = client.post(
        form_url, {"new_password1": "mat-khau-moi-2026", "new_password2": "mat-khau-moi-2026"}
    )
    assert response.status_code == 302
    assert shop_login(client, "mat-khau-moi-2026").status_code == 302


def test_registration_does_not_reveal_a_registered_email(client, owner):
    response = client.post(
        reverse("customer:login"),
        {
            "registration-email": "CHU@example.com",
            "registration-password1": "mot-mat-khau-2026",
            "registration-password2": "mot-mat-khau-2026",
            "registration_submit": "1",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "đã tồn tại" not in page and "already exists" not in page
    assert "Vui lòng kiểm tra hộp thư" in page
    assert [m.to for m in mail.outbox] == [["chu@example.com"]]
    assert "đăng ký" in mail.outbox[0].subject.lower()
    assert "_auth_user_id" not in client.session

    # A new address gets the very same answer, and is not signed in either: its account
    # waits for the owner of the address to confirm it.
    other = Client()
    fresh = other.post(
        reverse("customer:login"),
        {
            "registration-email": "moi@example.com",
            "registration-password1": "mot-mat-khau-2026",
            "registration-password2": "mot-mat-khau-2026",
            "registration_submit": "1",
        },
        follow=True,
    )
    assert fresh.redirect_chain == response.redirect_chain
    assert "Vui lòng kiểm tra hộp thư" in fresh.content.decode()
    assert "_auth_user_id" not in other.session
    assert shop_login(other, "mot-mat-khau-2026", email="moi@example.com").status_code == 200

    confirm = mail.outbox[-1]
    assert confirm.to == ["moi@example.com"] and "Xác nhận" in confirm.subject
    link = re.search(r"http://testserver(/shop/accounts/confirm/\S+/\S+/)", confirm.body).group(1)
    opened = other.get(link)
    assert opened.status_code == 302 and "_auth_user_id" in other.session
    assert get_user_model().objects.get(email="moi@example.com").is_active

    stranger = Client()  # the link works once: a forwarded e-mail signs nobody in later
    stranger.get(link)
    assert "_auth_user_id" not in stranger.session
