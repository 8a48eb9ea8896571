"""The exhibitors' dashboard pages: the list, applying (one booth per expo, a seller without a
startup is sent to set it up), editing and the offer, the booth desk and its presence ping,
the booth's leads. Another seller's booth ids are 404 and their POSTs change nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from startups.models import Booth, BoothQuestion, Lead
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.startups.factories import booth_create, expo_create, startup_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree):
    startup = startup_create(seller=SellerFactory(kind="startup"), name="Cà phê Ea Tu")
    owner = seller_user_create(partner=startup.partner, username="chu-a")
    other = startup_create(seller=SellerFactory(kind="startup"), name="Mật ong Krông Bông")
    other_owner = seller_user_create(partner=other.partner, username="chu-b")
    products = [product_create(seller=startup.partner, title=f"Cà phê {n}") for n in range(2)]
    expo = expo_create(phase="applications", title="Hội chợ OCOP online")
    booth = booth_create(expo=expo, startup=startup, status="applied", products=products[:1])
    return {
        "startup": startup,
        "owner": owner,
        "other": other,
        "other_owner": other_owner,
        "products": products,
        "expo": expo,
        "booth": booth,
    }


def test_list_shows_booths_and_expos_to_apply(client, world):
    booth = world["booth"]
    Booth.objects.filter(pk=booth.pk).update(status="refused", refusal_reason="Thiếu ảnh")
    client.force_login(world["owner"])
    response = client.get(reverse("dashboard:booth-list"))
    assert response.status_code == 200
    assert "Thiếu ảnh" in response.content.decode()
    client.force_login(world["other_owner"])
    response = client.get(reverse("dashboard:booth-list"))
    assert reverse("dashboard:booth-apply", args=[world["expo"].pk]) in response.content.decode()
    assert "Thiếu ảnh" not in response.content.decode()


def test_a_seller_without_a_startup_is_sent_to_set_it_up(client, world):
    user = seller_user_create(partner=SellerFactory(), username="htx-c")
    client.force_login(user)
    response = client.get(reverse("dashboard:booth-list"))
    assert reverse("dashboard:startup-edit") in response.content.decode()
    response = client.get(reverse("dashboard:booth-apply", args=[world["expo"].pk]))
    assert response.status_code == 302


def test_apply_page_creates_an_application(client, world):
    client.force_login(world["other_owner"])
    product = product_create(seller=world["other"].partner)
    url = reverse("dashboard:booth-apply", args=[world["expo"].pk])
    assert client.get(url).status_code == 200
    data = {
        "hall": world["expo"].halls.first().pk,
        "products": [product.pk],
        "pitch": "Mật ong rừng",
        "pitch_en": "",
        "video_url": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    booth = Booth.objects.get(startup=world["other"])
    assert booth.status == "applied"
    # the second time: sent to the booth already there, nothing created
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == reverse("dashboard:booth-edit", args=[booth.pk])
    assert Booth.objects.filter(startup=world["other"]).count() == 1


def test_apply_with_another_sellers_product_is_refused(client, world):
    client.force_login(world["other_owner"])
    url = reverse("dashboard:booth-apply", args=[world["expo"].pk])
    response = client.post(
        url,
        {
            "hall": world["expo"].halls.first().pk,
            "products": [world["products"][0].pk],
            "pitch": "x",
        },
    )
    assert response.status_code == 400
    assert not Booth.objects.filter(startup=world["other"]).exists()


def test_edit_and_offer_by_the_owner(client, world):
    client.force_login(world["owner"])
    url = reverse("dashboard:booth-edit", args=[world["booth"].pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "action": "booth",
            "hall": world["expo"].halls.first().pk,
            "products": [p.pk for p in world["products"]],
            "pitch": "Mới",
        },
    )
    assert response.status_code == 302
    world["booth"].refresh_from_db()
    assert world["booth"].pitch == "Mới"
    response = client.post(url, {"action": "offer", "percent": "15", "text": "Giảm 15%"})
    assert response.status_code == 302
    world["booth"].refresh_from_db()
    assert world["booth"].offer_voucher.code.startswith("EXPO-")
    with translation.override("en"):
        response = client.post(url, {"action": "offer", "percent": "80", "text": "x"})
    assert response.status_code == 400


def test_another_seller_gets_404_and_changes_nothing(client, world):
    booth = world["booth"]
    question = BoothQuestion.objects.create(
        booth=booth, asker=world["other_owner"], text="Giá bao nhiêu?", fingerprint="f"
    )
    client.force_login(world["other_owner"])
    pk = booth.pk
    for name in (
        "booth-edit",
        "booth-questions",
        "booth-leads",
        "followup-create",
    ):
        assert client.get(reverse(f"dashboard:{name}", args=[pk])).status_code == 404
    assert (
        client.post(
            reverse("dashboard:booth-edit", args=[pk]),
            {"action": "booth", "hall": booth.hall_id, "products": [], "pitch": "Hack"},
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("dashboard:booth-edit", args=[pk]), {"action": "withdraw"}).status_code
        == 404
    )
    assert (
        client.post(
            reverse("dashboard:booth-edit", args=[pk]),
            {"action": "offer", "percent": "10", "text": "x"},
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("dashboard:booth-questions", args=[pk]),
            {"question": question.pk, "action": "answer", "answer": "Hack"},
        ).status_code
        == 404
    )
    assert client.post(reverse("dashboard:booth-presence", args=[pk])).status_code == 404
    assert (
        client.post(
            reverse("dashboard:followup-create", args=[pk]), {"subject": "x", "body": "y"}
        ).status_code
        == 404
    )
    booth.refresh_from_db()
    question.refresh_from_db()
    assert booth.pitch != "Hack" and booth.status == "applied" and booth.offer_voucher is None
    assert booth.staff_seen_at is None
    assert question.answer == ""
    assert not booth.followups.exists()


def test_booth_desk_answers_and_presence(client, world):
    booth = world["booth"]
    question = BoothQuestion.objects.create(
        booth=booth, asker=world["other_owner"], text="Giá bao nhiêu?", fingerprint="f"
    )
    client.force_login(world["owner"])
    url = reverse("dashboard:booth-questions", args=[booth.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "booth-desk.js" in response.content.decode()
    assert reverse("dashboard:booth-presence", args=[booth.pk]) in response.content.decode()
    client.post(url, {"question": question.pk, "action": "answer", "answer": "185.000đ"})
    question.refresh_from_db()
    assert question.answer == "185.000đ" and question.status == "shown"
    response = client.post(reverse("dashboard:booth-presence", args=[booth.pk]))
    assert response.status_code == 204
    booth.refresh_from_db()
    assert booth.staff_seen_at is not None


def test_booth_leads_page(client, world):
    booth = world["booth"]
    Lead.objects.create(
        startup=world["startup"],
        booth=booth,
        source="booth",
        role="buyer",
        message="Cần 100 gói",
        name="Chị Lan",
        email="lan@example.com",
        fingerprint="a",
    )
    Lead.objects.create(
        startup=world["startup"],
        role="buyer",
        message="Không từ gian hàng",
        name="Anh Nam",
        email="nam@example.com",
        fingerprint="b",
    )
    client.force_login(world["owner"])
    response = client.get(reverse("dashboard:booth-leads", args=[booth.pk]))
    body = response.content.decode()
    assert "Chị Lan" in body and "Anh Nam" not in body


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_officers_are_not_exhibitors(client, world):
    """An officer of the expo's own unit (with or without the dashboard) runs no booth: the
    exhibitor's pages are not theirs and their POSTs change nothing."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from startups.models import Officer

    booth = world["booth"]
    officer = get_user_model().objects.create_user("canbo-daklak", "cb@example.com", "x")
    Officer.objects.create(user=officer, unit=world["expo"].unit)
    client.force_login(officer)
    pk = booth.pk
    for name in ("booth-edit", "booth-questions", "booth-leads", "followup-create"):
        assert client.get(reverse(f"dashboard:{name}", args=[pk])).status_code in (302, 403, 404)
    officer.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    client.force_login(officer)
    for name in ("booth-edit", "booth-questions", "booth-leads", "followup-create"):
        assert client.get(reverse(f"dashboard:{name}", args=[pk])).status_code == 404
    assert client.post(reverse("dashboard:booth-presence", args=[pk])).status_code == 404
    response = client.post(
        reverse("dashboard:booth-edit", args=[pk]),
        {"action": "offer", "percent": "10", "text": "x"},
    )
    assert response.status_code == 404
    response = client.post(reverse("dashboard:booth-apply", args=[world["expo"].pk]))
    assert response.status_code in (302, 404)
    booth.refresh_from_db()
    assert booth.offer_voucher is None and booth.staff_seen_at is None
    assert Booth.objects.filter(expo=world["expo"]).count() == 1


def test_pages_take_the_same_number_of_queries_for_2_and_6_rows(client, world):
    """The list (booths), the booth (products), the desk (questions), the leads and the
    follow-up form (leads) read in a fixed number of queries."""
    startup, owner, booth = world["startup"], world["owner"], world["booth"]
    products = world["products"] + [
        product_create(seller=startup.partner, title=f"Cà phê thêm {n}") for n in range(4)
    ]
    client.force_login(owner)

    def grow(n: int) -> None:
        while Booth.objects.filter(startup=startup).count() < n:
            booth_create(expo=expo_create(phase="applications"), startup=startup, status="applied")
        booth.booth_products.all().delete()
        for position, product in enumerate(products[:n]):
            booth.booth_products.create(product=product, position=position)
        while booth.staff.count() < n:
            user = seller_user_create(partner=startup.partner, username=f"nv-{booth.staff.count()}")
            booth.staff.add(user)
        for k in range(n - booth.questions.count()):
            BoothQuestion.objects.create(
                booth=booth, asker=world["other_owner"], text=f"Câu {n}-{k}", fingerprint=f"q{n}{k}"
            )
        for k in range(n - booth.leads.count()):
            Lead.objects.create(
                startup=startup,
                booth=booth,
                source="booth",
                role="buyer",
                message="Quan tâm",
                name=f"Khách {n}-{k}",
                email=f"khach{n}{k}@example.com",
                fingerprint=f"l{n}{k}",
            )

    urls = [
        reverse("dashboard:booth-list"),
        reverse("dashboard:booth-edit", args=[booth.pk]),
        reverse("dashboard:booth-questions", args=[booth.pk]),
        reverse("dashboard:booth-leads", args=[booth.pk]),
        reverse("dashboard:followup-create", args=[booth.pk]),
    ]
    grow(2)
    for url in urls:  # warm the caches a first visit fills
        client.get(url)
    few = [_queries(client, url) for url in urls]
    grow(6)
    assert Booth.objects.filter(startup=startup).count() == 6
    assert booth.questions.count() == booth.leads.count() == booth.booth_products.count() == 6
    many = [_queries(client, url) for url in urls]
    assert many == few
