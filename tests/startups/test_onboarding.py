"""Seller onboarding: apply, officer review scoped to the unit tree, on-behalf sellers and
hand-over, with e-mails sent after the decision commits."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from startups.models import Officer, SellerApplication, UnionUnit
from startups.services.union import union_units_load

Partner = get_model("partner", "Partner")
Province = get_model("catalogue", "Province")
pytestmark = pytest.mark.django_db


@pytest.fixture
def units(reference_data):
    union_units_load()
    daklak = UnionUnit.objects.get(province__code="66", level="province")
    grassroots = daklak.add_child(
        name="Đoàn xã Ea Tu",
        code="doan-xa-ea-tu",
        level=UnionUnit.Level.GRASSROOTS,
        province=daklak.province,
    )
    return {
        "daklak": UnionUnit.objects.get(pk=daklak.pk),
        "eatu": grassroots,
        "hanoi": UnionUnit.objects.get(province__code="01"),
    }


def make_officer(django_user_model, unit, name):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "mat-khau-2026-x")
    return Officer.objects.create(user=user, unit=unit)


FORM = {
    "kind": "cooperative",
    "display_name": "HTX Cà phê Ea Tu",
    "legal_name": "Hợp tác xã Ea Tu",
    "tax_code": "6001234567",
    "commune": "Xã Ea Tu",
    "phone": "0912 345 678",
    "bank_bin": "970436",
    "bank_account_number": "0123 456 789",
    "bank_account_holder": "Nguyễn Văn An",
    "description": "Cà phê sạch của thanh niên.",
}


def form_data(units, **changes):
    return {
        **FORM,
        "province": Province.objects.get(code="66").pk,
        "union_unit": units["eatu"].pk,
        **changes,
    }


def test_union_units_seed_the_35_units_once(units):
    assert UnionUnit.objects.filter(level="province").count() == 34
    assert UnionUnit.objects.get(province__code="01").name == "Thành đoàn Hà Nội"
    assert units["daklak"].name == "Tỉnh đoàn Đắk Lắk"
    assert units["eatu"].get_parent() == units["daklak"]
    assert union_units_load() == 0


def test_producer_applies_and_officer_above_approves(
    client, django_user_model, units, django_capture_on_commit_callbacks
):
    producer = django_user_model.objects.create_user("an", "an@example.com", "mat-khau-2026-x")
    client.force_login(producer)
    response = client.post(reverse("startups:apply"), form_data(units))
    assert response.status_code == 302
    application = SellerApplication.objects.get()
    assert application.status == "submitted"
    assert application.phone == "+84912345678"
    assert application.bank_account_number == "0123456789"
    assert application.bank_account_holder == "NGUYEN VAN AN"
    status = client.get(reverse("startups:application-status")).content.decode()
    assert "Đang chờ duyệt" in status

    officer = make_officer(django_user_model, units["daklak"], "canbo")  # unit above Ea Tu
    client.force_login(officer.user)
    queue = client.get(reverse("startups:queue")).content.decode()
    assert "HTX Cà phê Ea Tu" in queue
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("startups:review", args=[application.pk]), {"action": "approve"})
    application.refresh_from_db()
    partner = application.partner
    assert application.status == "approved" and partner.name == "HTX Cà phê Ea Tu"
    assert list(partner.users.all()) == [producer]
    assert partner.bank_bin == "970436" and partner.kind == "cooperative"
    producer = django_user_model.objects.get(pk=producer.pk)
    assert producer.has_perm("partner.dashboard_access")
    assert mail.outbox[-1].to == ["an@example.com"]
    assert "đã có thể bán hàng" in mail.outbox[-1].subject


def test_rejection_needs_a_reason_and_the_applicant_sees_it(
    client, django_user_model, units, django_capture_on_commit_callbacks
):
    producer = django_user_model.objects.create_user("binh", "binh@example.com", "mat-khau-2026-x")
    client.force_login(producer)
    client.post(reverse("startups:apply"), form_data(units))
    application = SellerApplication.objects.get()
    officer = make_officer(django_user_model, units["eatu"], "canbo-xa")
    client.force_login(officer.user)
    url = reverse("startups:review", args=[application.pk])
    response = client.post(url, {"action": "reject", "reason": "   "})
    assert response.status_code == 200 and "bắt buộc" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "reject", "reason": "Thiếu giấy phép kinh doanh"})
    application.refresh_from_db()
    assert application.status == "rejected" and Partner.objects.count() == 0
    assert "Thiếu giấy phép kinh doanh" in mail.outbox[-1].body
    client.force_login(producer)
    status = client.get(reverse("startups:application-status")).content.decode()
    assert "Thiếu giấy phép kinh doanh" in status
    assert client.get(reverse("startups:apply")).status_code == 200  # may apply again


def test_officer_of_another_province_cannot_see_or_decide(client, django_user_model, units):
    producer = django_user_model.objects.create_user("cuc", "cuc@example.com", "mat-khau-2026-x")
    client.force_login(producer)
    client.post(reverse("startups:apply"), form_data(units))
    application = SellerApplication.objects.get()
    stranger = make_officer(django_user_model, units["hanoi"], "canbo-hanoi")
    client.force_login(stranger.user)
    assert "HTX Cà phê Ea Tu" not in client.get(reverse("startups:queue")).content.decode()
    url = reverse("startups:review", args=[application.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "approve"}).status_code == 404
    application.refresh_from_db()
    assert application.status == "submitted" and Partner.objects.count() == 0


def test_buyers_and_anonymous_cannot_open_the_review_desk(client, django_user_model, units):
    assert client.get(reverse("startups:queue")).status_code == 302
    buyer = django_user_model.objects.create_user("mua", "mua@example.com", "mat-khau-2026-x")
    client.force_login(buyer)
    assert client.get(reverse("startups:queue")).status_code == 403
    assert client.get(reverse("startups:on-behalf")).status_code == 403


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "số điện thoại Việt Nam"),
        ("tax_code", "12AB", "10 chữ số"),
        ("bank_account_number", "12", "6 đến 19 chữ số"),
        ("bank_bin", "999999", "lựa chọn hợp lệ"),
        ("bank_account_holder", "123", "chữ cái"),
        ("display_name", "", "bắt buộc"),
        ("kind", "company", "lựa chọn hợp lệ"),
    ],
)
def test_bad_application_is_refused_with_a_message(
    client, django_user_model, units, field, value, message
):
    producer = django_user_model.objects.create_user("dung", "d@example.com", "mat-khau-2026-x")
    client.force_login(producer)
    response = client.post(reverse("startups:apply"), form_data(units, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SellerApplication.objects.count() == 0


def test_officer_runs_a_seller_for_a_producer_then_hands_it_over(client, django_user_model, units):
    officer = make_officer(django_user_model, units["daklak"], "canbo-hotro")
    client.force_login(officer.user)
    response = client.post(reverse("startups:on-behalf"), form_data(units, consent_note=""))
    assert response.status_code == 200 and SellerApplication.objects.count() == 0
    response = client.post(
        reverse("startups:on-behalf"),
        form_data(units, consent_note="Bà Hoa đồng ý qua điện thoại ngày 20/11/2026, có biên bản."),
    )
    application = SellerApplication.objects.get()
    partner = application.partner
    assert application.on_behalf and application.status == "approved"
    assert partner.managed_by_union and list(partner.users.all()) == [officer.user]

    producer = django_user_model.objects.create_user("hoa", "hoa@example.com", "mat-khau-2026-x")
    url = reverse("startups:review", args=[application.pk])
    response = client.post(url, {"action": "handover", "email": "khong-co@example.com"})
    assert "Chưa có tài khoản" in response.content.decode()
    client.post(url, {"action": "handover", "email": "hoa@example.com"})
    partner.refresh_from_db()
    assert list(partner.users.all()) == [producer] and not partner.managed_by_union
    assert django_user_model.objects.get(pk=producer.pk).has_perm("partner.dashboard_access")


def test_officer_cannot_create_a_seller_outside_their_tree(client, django_user_model, units):
    officer = make_officer(django_user_model, units["eatu"], "canbo-eatu")
    client.force_login(officer.user)
    response = client.post(
        reverse("startups:on-behalf"),
        form_data(units, union_unit=units["hanoi"].pk, consent_note="Đồng ý"),
    )
    assert response.status_code == 200
    assert SellerApplication.objects.count() == 0


def test_anonymous_applicant_is_sent_to_login_or_register_and_back(client, units):
    response = client.get(reverse("startups:apply"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("customer:login"))
    assert "next=" in response.url
    page = client.get(response.url)
    assert page.status_code == 200 and "Đăng ký" in page.content.decode()
