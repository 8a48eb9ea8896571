"""The interest form and the pages that show leads: a visitor sends interest in Vietnamese or
English and is told it is non-binding; every refusal says why (400, or 429 for rate limits);
the startup sees its leads, another startup and an officer of another province get 404;
script in every text field stays text."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from startups.models import Lead, Officer, Pitch, PitchVersion, UnionUnit
from startups.services.leads import lead_create
from tests.catalog.factories import SellerFactory, seller_user_create
from tests.startups.factories import startup_create

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"
FORM_NOTICE = (
    "Interest is not an offer, a commitment or an investment: the platform takes no money and "
    "sells no shares. Your message and how to reach you are seen only by the startup and the "
    "youth union officers who support it."
)
THANKS_NOTICE = (
    "Interest is not an offer, a commitment or an investment: the platform takes no money and "
    "sells no shares. Anything further you agree directly with the startup."
)


def tr(text: str, language: str = "vi") -> str:
    with translation.override(language):
        return gettext(text)


def published_pitch(startup, approver, slug="mo-rong-xuong", title="Mở rộng xưởng rang"):
    pitch = Pitch.objects.create(startup=startup, slug=slug, title=title, state="approved")
    version = PitchVersion.objects.create(
        pitch=pitch,
        number=1,
        content={"title": title},
        approved_by=approver,
        approved_unit=startup.union_unit,
    )
    Pitch.objects.filter(pk=pitch.pk).update(published_version=version)
    pitch.published_version = version
    return pitch


@pytest.fixture
def world(site_tree, django_user_model):
    startup = startup_create(seller=SellerFactory(kind="startup"), name="Cà phê Ea Tu")
    owner = seller_user_create(partner=startup.partner, username="chu-a")
    other = startup_create(seller=SellerFactory(kind="startup"), name="Mật ong Krông Bông")
    other_owner = seller_user_create(partner=other.partner, username="chu-b")
    daklak = startup.union_unit
    hanoi = UnionUnit.objects.get(province__code="01", level="province")
    officer = django_user_model.objects.create_user("cb-dl", "cbdl@example.com", "x")
    Officer.objects.create(user=officer, unit=daklak)
    far_officer = django_user_model.objects.create_user("cb-hn", "cbhn@example.com", "x")
    Officer.objects.create(user=far_officer, unit=hanoi)
    pitch = published_pitch(startup, officer)
    return {
        "startup": startup,
        "pitch": pitch,
        "owner": owner,
        "other": other,
        "other_owner": other_owner,
        "officer": officer,
        "far_officer": far_officer,
        "url": reverse("startups:interest", args=[startup.slug, pitch.slug]),
    }


def form_data(**overrides):
    return {
        "role": "investor",
        "amount_range": "100m-500m",
        "message": "Tôi muốn tìm hiểu thêm về xưởng rang.",
        "name": "Trần Thị Mai",
        "email": "mai@example.com",
        "phone": "0912 345 678",
        "company_website": "",
        **overrides,
    }


def lead_of(startup, **overrides):
    fields = {
        "startup": startup,
        "role": Lead.Role.BUYER,
        "message": "Tôi muốn mua sỉ 200 gói.",
        "name": "Lê Văn Hùng",
        "email": "hung@example.com",
        "phone": "+84987654321",
        "address": "203.0.113.50",
        **overrides,
    }
    return lead_create(**fields)


# --- the form on the public pages -----------------------------------------------------------


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_form_says_it_is_non_binding_next_to_the_button(world, language):
    with translation.override(language):
        html = render_to_string(
            "startups/leads/interest_form.html",
            {"startup": world["startup"], "pitch": world["pitch"]},
        )
        action = reverse("startups:interest", args=[world["startup"].slug, world["pitch"].slug])
    notice = html.split('data-testid="interest-notice"', 1)[1]
    assert tr(FORM_NOTICE, language) in notice.split("</p>", 1)[0]
    assert 'type="submit"' in notice  # the statement sits right before the button
    assert f'action="{action}"' in html
    for value, _label in Lead.Role.choices:
        assert f'value="{value}"' in html
    assert 'class="d-none" aria-hidden="true"' in html and 'name="company_website"' in html


def test_the_startup_page_form_posts_without_a_pitch(world):
    html = render_to_string(
        "startups/leads/interest_form.html", {"startup": world["startup"], "pitch": None}
    )
    assert f'action="{reverse("startups:startup-interest", args=[world["startup"].slug])}"' in html


def test_a_visitor_sends_interest_in_vietnamese(client, world):
    response = client.post(world["url"], form_data())
    thanks = reverse("startups:interest-thanks", args=[world["startup"].slug])
    assert response.status_code == 302 and response["Location"] == thanks
    lead = Lead.objects.get()
    assert (lead.role, lead.amount_range, lead.phone) == ("investor", "100m-500m", "+84912345678")
    assert lead.pitch == world["pitch"] and lead.language == "vi" and lead.user is None
    page = client.get(thanks).content.decode()
    assert tr(THANKS_NOTICE) in page
    world["startup"].refresh_from_db()
    assert world["startup"].interest_count == 1


def test_a_visitor_sends_interest_in_english(client, world):
    with translation.override("en"):
        url = reverse("startups:interest", args=[world["startup"].slug, world["pitch"].slug])
        thanks = reverse("startups:interest-thanks", args=[world["startup"].slug])
    assert url.startswith("/en/")
    response = client.post(url, form_data(role="distributor", phone="", amount_range="gt2b"))
    assert response.status_code == 302 and response["Location"] == thanks
    lead = Lead.objects.get()
    assert lead.language == "en" and lead.amount_range == ""  # an amount is investors' only
    assert THANKS_NOTICE in client.get(thanks).content.decode()


def test_interest_in_a_startup_without_a_pitch(client, world):
    url = reverse("startups:startup-interest", args=[world["startup"].slug])
    page = client.get(reverse("startups:startup-detail", args=[world["startup"].slug]))
    assert f'action="{url}"' in page.content.decode()  # the startup's page carries the form
    assert client.post(url, form_data(role="mentor")).status_code == 302
    assert Lead.objects.get().source == Lead.Source.STARTUP


def test_a_signed_in_visitor_is_named_and_reached_through_the_account(
    client, world, django_user_model
):
    user = django_user_model.objects.create_user(
        "ndt", "ndt@example.com", "x", first_name="Quỹ", last_name="Sen Vàng"
    )
    client.force_login(user)
    response = client.post(world["url"], form_data(name="", email="", phone=""))
    assert response.status_code == 302
    lead = Lead.objects.get()
    assert (lead.name, lead.email, lead.user) == ("Quỹ Sen Vàng", "ndt@example.com", user)


def test_hidden_pitches_and_startups_take_no_interest(client, world):
    Pitch.objects.filter(pk=world["pitch"].pk).update(published_version=None)
    assert client.post(world["url"], form_data()).status_code == 404
    hidden = startup_create(published=False)
    url = reverse("startups:startup-interest", args=[hidden.slug])
    assert client.post(url, form_data()).status_code == 404
    assert client.get(reverse("startups:interest-thanks", args=[hidden.slug])).status_code == 404
    assert client.get(world["url"]).status_code == 405
    assert not Lead.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        (
            {"email": "", "phone": ""},
            "Please give an e-mail address or a phone number, so the startup can reply.",
        ),
        ({"phone": "12345"}, "Please enter a Vietnamese phone number, e.g. 0912 345 678."),
        ({"name": ""}, "Please tell the startup your name."),
        ({"message": "   "}, "Please write a few words to the startup."),
        (
            {"role": ""},
            "Please say whether you are an investor, a mentor, a buyer or a distributor.",
        ),
        (
            {"company_website": "http://spam.example"},
            "This message was not sent: the hidden field “Leave this field empty” was filled in,"
            " as automatic senders do. Please leave it empty and send again.",
        ),
        (
            {"message": "Giá tốt tại www.hang-re.vn"},
            "Links are not accepted from visitors who are not signed in. Please remove the web"
            " address (or sign in) and send again.",
        ),
    ],
)
def test_each_refusal_says_why_and_writes_nothing(client, world, overrides, message):
    response = client.post(world["url"], form_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert tr(message) in html
    assert 'data-testid="interest-form"' in html  # the form again, with what was typed
    assert not Lead.objects.exists()


def test_the_same_message_twice_is_refused_the_second_time(client, world):
    assert client.post(world["url"], form_data()).status_code == 302
    again = client.post(world["url"], form_data(phone="0987 654 321"))
    assert again.status_code == 400
    assert tr("You sent this same message less than a day ago; it was not sent again.") in (
        again.content.decode()
    )
    assert Lead.objects.count() == 1


def test_one_connection_is_held_back_past_its_hourly_limit(client, world, settings):
    settings.LEADS_PER_ADDRESS_HOUR = 2
    for n in range(2):
        response = client.post(world["url"], form_data(message=f"Tin {n}"), REMOTE_ADDR="192.0.2.9")
        assert response.status_code == 302
    refused = client.post(world["url"], form_data(message="Tin 3"), REMOTE_ADDR="192.0.2.9")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert 'data-testid="interest-throttled"' in html
    reason = tr(
        "Too many messages were sent from this connection: at most %(limit)d in %(window)s. "
        "Nothing was sent; please try again in %(wait)s."
    )
    assert reason.split("%(limit)d")[0] + "2" in html
    other = client.post(world["url"], form_data(message="Tin 4"), REMOTE_ADDR="192.0.2.10")
    assert other.status_code == 302
    assert Lead.objects.count() == 3


def test_one_account_is_held_back_past_its_daily_limit(client, world, settings, django_user_model):
    settings.LEADS_PER_ACCOUNT_DAY = 2
    client.force_login(django_user_model.objects.create_user("ndt", "ndt@example.com", "x"))
    for n in range(2):
        response = client.post(
            world["url"], form_data(message=f"Tin {n}"), REMOTE_ADDR=f"192.0.2.{n}"
        )
        assert response.status_code == 302
    with translation.override("en"):
        url = reverse("startups:interest", args=[world["startup"].slug, world["pitch"].slug])
    refused = client.post(url, form_data(message="Tin 3"), REMOTE_ADDR="192.0.2.77")
    assert refused.status_code == 429
    assert "You have sent too many messages from your account: at most 2 in a day." in (
        refused.content.decode()
    )  # in the visitor's language
    assert Lead.objects.count() == 2


# --- the startup's dashboard --------------------------------------------------------------


def test_script_in_every_text_field_is_shown_as_text_on_the_dashboard(client, world):
    lead = lead_of(world["startup"], name=f"Mai {SCRIPT}", message=f"Xin chào {SCRIPT}")
    client.force_login(world["owner"])
    for url in (reverse("dashboard:lead-list"), reverse("dashboard:lead-detail", args=[lead.pk])):
        html = client.get(url).content.decode()
        assert SCRIPT not in html, url
        assert f"Mai {ESCAPED}" in html, url


def test_the_startup_sees_its_leads_with_contact_details_and_moves_them_along(client, world):
    lead = lead_of(world["startup"])
    client.force_login(world["owner"])
    listing = client.get(reverse("dashboard:lead-list")).content.decode()
    assert "Lê Văn Hùng" in listing
    detail_url = reverse("dashboard:lead-detail", args=[lead.pk])
    detail = client.get(detail_url).content.decode()
    assert "hung@example.com" in detail and "0987 654 321" in detail
    assert 'href="tel:+84987654321"' in detail
    response = client.post(detail_url, {"status": "contacted"})
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.status == Lead.Status.CONTACTED
    assert client.post(detail_url, {"status": "paid"}).status_code == 400
    lead.refresh_from_db()
    assert lead.status == Lead.Status.CONTACTED


def test_the_list_filters_by_status_and_role(client, world):
    lead_of(world["startup"], name="Chị Hoa", role=Lead.Role.BUYER)
    mentor = lead_of(world["startup"], name="Anh Tuấn", role=Lead.Role.MENTOR, message="Khác")
    Lead.objects.filter(pk=mentor.pk).update(status=Lead.Status.IN_TALKS)
    client.force_login(world["owner"])
    url = reverse("dashboard:lead-list")
    by_role = client.get(url, {"role": "mentor"}).content.decode()
    assert "Anh Tuấn" in by_role and "Chị Hoa" not in by_role
    by_status = client.get(url, {"status": "new"}).content.decode()
    assert "Chị Hoa" in by_status and "Anh Tuấn" not in by_status
    unknown = client.get(url, {"status": "nonsense"}).content.decode()
    assert "Chị Hoa" in unknown and "Anh Tuấn" in unknown


def test_another_startup_gets_404_on_the_leads_of_the_first(client, world):
    lead = lead_of(world["startup"], name="Bí mật của A")
    client.force_login(world["other_owner"])
    assert client.get(reverse("dashboard:lead-detail", args=[lead.pk])).status_code == 404
    response = client.post(reverse("dashboard:lead-detail", args=[lead.pk]), {"status": "closed"})
    assert response.status_code == 404
    assert "Bí mật của A" not in client.get(reverse("dashboard:lead-list")).content.decode()
    export = client.get(reverse("dashboard:lead-export", args=["csv"]))
    assert export.status_code == 200 and "Bí mật của A" not in export.content.decode("utf-8-sig")
    lead.refresh_from_db()
    assert lead.status == Lead.Status.NEW


def test_a_seller_without_a_startup_is_told_so(client, world):
    seller = SellerFactory()
    client.force_login(seller_user_create(partner=seller, username="htx-khong"))
    response = client.get(reverse("dashboard:lead-list"))
    assert response.status_code == 200 and 'data-testid="no-startup"' in response.content.decode()
    export = client.get(reverse("dashboard:lead-export", args=["xlsx"]))
    assert export.status_code == 302 and export["Location"] == reverse("dashboard:lead-list")


def test_buyers_and_officers_get_404_on_the_dashboard_pages(client, world, django_user_model):
    lead = lead_of(world["startup"])
    buyer = django_user_model.objects.create_user("mua", "mua@example.com", "x")
    urls = [
        reverse("dashboard:lead-list"),
        reverse("dashboard:lead-detail", args=[lead.pk]),
        reverse("dashboard:lead-export", args=["csv"]),
    ]
    for user in (buyer, world["officer"]):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)


def test_the_lead_list_costs_the_same_queries_for_2_and_for_30_leads(client, world):
    client.force_login(world["owner"])
    url = reverse("dashboard:lead-list")

    def count():
        client.get(url)  # warm (sessions, permissions, Oscar's menu)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for n in range(2):
        lead_of(world["startup"], message=f"Tin {n}", pitch=world["pitch"])
    few = count()
    for n in range(2, 30):
        lead_of(world["startup"], message=f"Tin {n}", pitch=world["pitch"], address=f"10.0.0.{n}")
    assert count() == few


# --- the officers' list ---------------------------------------------------------------------


def test_the_officer_of_the_unit_tree_reads_the_leads_with_contact_details(client, world):
    lead_of(world["startup"], name=f"Hùng {SCRIPT}")
    lead_of(world["other"], name="Khách của B", email="b@example.com", message="Khác")
    client.force_login(world["officer"])
    url = reverse("startups:officer-leads")
    html = client.get(url).content.decode()
    assert f"Hùng {ESCAPED}" in html and SCRIPT not in html
    assert "hung@example.com" in html and "0987 654 321" in html
    one = client.get(url, {"startup": world["startup"].pk}).content.decode()
    assert "hung@example.com" in one and "b@example.com" not in one


def test_an_officer_of_another_province_sees_nothing_and_gets_404_on_a_startup(client, world):
    lead_of(world["startup"])
    client.force_login(world["far_officer"])
    url = reverse("startups:officer-leads")
    response = client.get(url)
    assert response.status_code == 200 and "hung@example.com" not in response.content.decode()
    assert client.get(url, {"startup": world["startup"].pk}).status_code == 404
    assert client.get(url, {"startup": "abc"}).status_code == 404
    client.force_login(world["other_owner"])  # not an officer at all
    assert client.get(url).status_code == 404


def test_a_blank_forms_fields_are_drawn_once_per_language_and_a_refused_one_keeps_its_values(
    client, world, settings, monkeypatch
):
    """The fields of the blank form are kept per language (the page rendered every time,
    its fragments cached); a refused form is drawn with what was typed and its error, and
    none of that reaches the next visitor's blank form."""
    from startups.templatetags import startup_leads

    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_PAGES = False
    drawn = []
    real = startup_leads.render_to_string
    monkeypatch.setattr(
        startup_leads,
        "render_to_string",
        lambda name, context: drawn.append(context["form"].is_bound) or real(name, context),
    )
    page = reverse("startups:startup-detail", kwargs={"slug": world["startup"].slug})
    for _ in range(2):
        assert tr("Your name") in client.get(page).content.decode()
    assert drawn == [False]
    with translation.override("en"):
        english = reverse("startups:startup-detail", kwargs={"slug": world["startup"].slug})
    assert "Your name" in client.get(english).content.decode() and drawn == [False, False]

    refused = client.post(world["url"], form_data(role=""))
    assert refused.status_code == 400 and drawn[-1] is True
    assert "Trần Thị Mai" in refused.content.decode()
    again = client.get(page).content.decode()
    assert "Trần Thị Mai" not in again and tr("Your name") in again and len(drawn) == 3
