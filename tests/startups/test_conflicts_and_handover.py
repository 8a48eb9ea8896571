"""Officers never decide on their own applications or shops, and hand over only union-run
sellers, only to the producer's own account, with a record of each handover."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from startups.models import Officer, SellerApplication, SellerHandover
from tests.catalog.factories import product_create
from tests.startups.test_onboarding import form_data, make_officer, units  # noqa: F401

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db
CONSENT = "Bà Hoa đồng ý qua điện thoại ngày 20/11/2026, có biên bản."


def _self_application(units, officer):  # noqa: F811
    data = form_data(units)
    data["province_id"], data["union_unit_id"] = data.pop("province"), data.pop("union_unit")
    data["phone"] = "+84912345678"
    return SellerApplication.objects.create(applicant=officer.user, created_by=officer.user, **data)


def test_officer_cannot_approve_their_own_application_another_officer_does(
    client,
    django_user_model,
    units,  # noqa: F811  (the fixture, imported)
):
    officer = make_officer(django_user_model, units["eatu"], "canbo-eatu")
    application = _self_application(units, officer)
    client.force_login(officer.user)
    url = reverse("startups:review", args=[application.pk])
    page = client.get(url).content.decode()
    assert 'id="approve"' not in page and 'data-testid="conflict-of-interest"' in page
    response = client.post(url, {"action": "approve"}, follow=True)
    assert "cán bộ khác" in response.content.decode()
    client.post(url, {"action": "reject", "reason": "Tự từ chối"})
    application.refresh_from_db()
    assert application.status == "submitted" and application.partner is None

    above = make_officer(django_user_model, units["daklak"], "canbo-tinh")
    client.force_login(above.user)
    client.post(url, {"action": "approve"})
    application.refresh_from_db()
    assert application.status == "approved" and application.reviewed_by == above.user


def test_officer_cannot_approve_a_product_of_a_shop_they_run(client, django_user_model, units):  # noqa: F811
    officer = make_officer(django_user_model, units["daklak"], "canbo-hotro")
    client.force_login(officer.user)
    client.post(reverse("startups:on-behalf"), form_data(units, consent_note=CONSENT))
    partner = SellerApplication.objects.get().partner
    product = product_create(seller=partner, title="Mật ong Ea Tu")
    Product.objects.filter(pk=product.pk).update(moderation_status="submitted")
    url = reverse("startups:product-review", args=[product.pk])
    assert 'id="approve-product"' not in client.get(url).content.decode()
    client.post(url, {"action": "approve"})
    assert Product.objects.get(pk=product.pk).moderation_status == "submitted"

    colleague = make_officer(django_user_model, units["daklak"], "canbo-khac")
    client.force_login(colleague.user)
    client.post(url, {"action": "approve"})
    assert Product.objects.get(pk=product.pk).moderation_status == "approved"


def test_a_seller_who_applied_themselves_cannot_be_handed_over(client, django_user_model, units):  # noqa: F811
    producer = django_user_model.objects.create_user("an", "an@example.com", "mat-khau-2026-x")
    client.force_login(producer)
    client.post(reverse("startups:apply"), form_data(units))
    application = SellerApplication.objects.get()
    officer = make_officer(django_user_model, units["daklak"], "canbo")
    client.force_login(officer.user)
    url = reverse("startups:review", args=[application.pk])
    client.post(url, {"action": "approve"})
    page = client.get(url).content.decode()
    assert 'id="handover"' not in page
    client.post(url, {"action": "handover", "email": officer.user.email})
    partner = SellerApplication.objects.get().partner
    assert list(partner.users.all()) == [producer]
    assert not SellerHandover.objects.exists()


def test_handover_only_to_the_producers_recorded_account_and_recorded(
    client,
    django_user_model,
    units,  # noqa: F811  (the fixture, imported)
):
    officer = make_officer(django_user_model, units["daklak"], "canbo-hotro")
    client.force_login(officer.user)
    client.post(
        reverse("startups:on-behalf"),
        form_data(units, consent_note=CONSENT, contact_email="hoa@example.com"),
    )
    application = SellerApplication.objects.get()
    partner = application.partner
    url = reverse("startups:review", args=[application.pk])
    someone = django_user_model.objects.create_user("la", "la@example.com", "mat-khau-2026-x")

    for email in (officer.user.email, someone.email):  # own account, an account not recorded
        response = client.post(url, {"action": "handover", "email": email})
        assert "ghi kèm sự đồng ý" in response.content.decode()
    assert list(partner.users.all()) == [officer.user]

    producer = django_user_model.objects.create_user("hoa", "hoa@example.com", "mat-khau-2026-x")
    client.post(url, {"action": "handover", "email": "HOA@example.com"})
    partner.refresh_from_db()
    assert list(partner.users.all()) == [producer] and not partner.managed_by_union
    record = SellerHandover.objects.get()
    assert (record.officer, record.producer, record.partner) == (officer.user, producer, partner)
    assert record.previous_users == [officer.user.pk]
    assert "hoa@example.com" in client.get(url).content.decode()


def test_handover_without_recorded_email_never_goes_to_an_officer(client, django_user_model, units):  # noqa: F811
    officer = make_officer(django_user_model, units["daklak"], "canbo-hotro")
    colleague = make_officer(django_user_model, units["eatu"], "canbo-eatu")
    client.force_login(officer.user)
    client.post(reverse("startups:on-behalf"), form_data(units, consent_note=CONSENT))
    application = SellerApplication.objects.get()
    url = reverse("startups:review", args=[application.pk])
    for email in (officer.user.email, colleague.user.email):
        response = client.post(url, {"action": "handover", "email": email})
        assert "không phải tài khoản của cán bộ" in response.content.decode()
    assert list(application.partner.users.all()) == [officer.user]
    assert Officer.objects.count() == 2 and not SellerHandover.objects.exists()
