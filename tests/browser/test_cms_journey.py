"""Issue 15's "done when", end to end in a real browser: a province's editor writes a campaign
page in the Wagtail admin (a "products by a rule" carousel and the expo cards), saves a draft
and submits it to the province's moderation; the page is not on the site until the province's
moderator approves it; then a visitor sees exactly the products the rule picks and the expo,
in Vietnamese and, through the header's language switch, on the English copy; a product that
loses its approval leaves the page at the next load; the published page passes axe-core. And an
editor of one province cannot touch another province's section.

The editors' and moderators' Wagtail admin is set to English (their account's preference, as
an editor may choose it). In Vietnamese the admin is Wagtail's own catalogue, which lacks most
of its strings: five admin pages (dashboard, explorer, page types, new page, edit) show about
two hundred English strings, none of them ours, and ``_every_string_in_vietnamese`` would fail
on Wagtail's admin rather than on this site. Every page of the site itself (sign-in, the
officer's editor role page, the published page) is still visited and checked in Vietnamese."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from cms import publishing
from cms.models import CampaignPage
from search.services import index_rebuild
from startups.models import Officer, UnionUnit
from startups.services.review import product_decide
from startups.services.union import union_units_load
from tests.browser import steps
from tests.browser.test_accessibility import axe_js, axe_violations  # noqa: F401 (a fixture)
from tests.catalog.factories import SellerFactory, product_create
from tests.startups.factories import expo_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-manh-2026"
TITLE = "Tuần lễ OCOP Đắk Lắk 2026"
SLUG = "tuan-le-ocop-dak-lak-2026"
RULE_HEADING = "Sản phẩm OCOP 5 sao của Đắk Lắk"
EXPO_HEADING = "Triển lãm đang mở"


def user_make(username, *, unit=None, group=None):
    """A user who signs in with its e-mail, an officer of ``unit`` and a member of ``group``
    when given. Its Wagtail admin speaks English (its account's preference; the module's
    docstring says why)."""
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(username, f"{username}@example.com", PASSWORD)
    if unit is not None:
        Officer.objects.create(user=user, unit=unit, title="Cán bộ Tỉnh đoàn")
    if group is not None:
        user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def world(site_tree):
    """Đắk Lắk's and Hà Nội's sections with their groups and workflows; five products of
    which two fit the rule (OCOP 5 stars from Đắk Lắk); a live expo."""
    union_units_load()
    daklak = UnionUnit.objects.get(level="province", province__code="66")
    hanoi = UnionUnit.objects.get(level="province", province__code="01")
    publishing.editors_setup([daklak, hanoi])
    seller = SellerFactory(name="HTX Cà phê Ea Tu", code="htx-ca-phe-ea-tu")
    fits = [
        product_create(seller=seller, title="Cà phê Robusta Ea Tu 5 sao", stars=5, province="66"),
        product_create(seller=seller, title="Mật ong hoa cà phê Krông Bông", stars=5),
    ]
    others = [
        product_create(seller=seller, title="Chè Tân Cương Thái Nguyên", stars=5, province="19"),
        product_create(seller=seller, title="Tiêu đen Chư Sê 3 sao", stars=3, province="66"),
        product_create(seller=seller, title="Ca cao chưa chứng nhận", stars=None, province="66"),
    ]
    index_rebuild()
    expo = expo_create(phase="live", unit=daklak, title="Triển lãm nông sản Tây Nguyên 2026")
    return {"daklak": daklak, "hanoi": hanoi, "fits": fits, "others": others, "expo": expo}


def context_for(browser, live_server, **options):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale="vi-VN",
        base_url=live_server.url,
        **options,
    )
    context.set_default_timeout(15000)
    return context


def block_add(page, label, index):
    """Insert a block at the end of the body: the last "+" of the StreamField opens the block
    chooser; the block is picked by its label."""
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(page.locator(f"[name='body-{index}-type']")).to_have_count(1)


def more_actions(page):
    """Open the rest of the editor's action menu (the arrow beside its main button)."""
    page.locator("footer").get_by_role("button", name="More actions").click()


def field(page, index, name):
    return page.locator(f"[name='body-{index}-value-{name}']")


def shown_titles(page) -> str:
    return page.locator("[data-testid=product-block]").inner_text()


def test_an_editors_campaign_page_is_moderated_published_and_shows_live_products(
    browser,
    live_server,
    world,
    axe_js,  # noqa: F811
):
    daklak = world["daklak"]
    editor_user = user_make("bien-tap-dak-lak", unit=daklak)
    user_make("kiem-duyet-dak-lak", group="Kiểm duyệt · Đắk Lắk")
    section = publishing.section_of(daklak)

    # --- the officer takes the editor role of its province and writes the page -----------
    editor = context_for(browser, live_server).new_page()
    steps.login(editor, editor_user.email, PASSWORD)
    editor.goto("/union/site/")
    editor.get_by_test_id("take-role").click()
    assert publishing.is_editor(editor_user, daklak)
    editor.goto(f"/cms-admin/pages/{section.pk}/")
    editor.get_by_role("link", name="Add child page").first.click()
    editor.get_by_role("link", name="Campaign page", exact=True).click()
    editor.fill("#id_title", TITLE)

    block_add(editor, "Products by a rule", 0)
    field(editor, 0, "heading").fill(RULE_HEADING)
    field(editor, 0, "min_stars").select_option("5")
    field(editor, 0, "province").select_option("66")
    block_add(editor, "Expos (live and upcoming)", 1)
    field(editor, 1, "heading").fill(EXPO_HEADING)

    editor.get_by_role("tab", name="Promote").click()
    editor.fill("#id_slug", SLUG)
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.locator(".messages")).to_contain_text("created")
    page_row = CampaignPage.objects.get(slug=SLUG, locale__language_code="vi")
    assert page_row.get_parent().pk == section.pk and not page_row.live

    more_actions(editor)
    editor.get_by_role("button", name="Submit to Duyệt trang · Đắk Lắk").click()
    expect(editor.locator(".messages")).to_contain_text("submitted")
    page_row.refresh_from_db()
    assert page_row.current_workflow_state.status == "in_progress"
    assert not page_row.live

    # --- not on the site before approval ----------------------------------------------------
    visitor = context_for(browser, live_server).new_page()
    url = f"/{section.slug}/{SLUG}/"
    assert visitor.goto(url).status == 404

    # --- the province's moderator approves it -----------------------------------------------
    moderator = context_for(browser, live_server).new_page()
    steps.login(moderator, "kiem-duyet-dak-lak@example.com", PASSWORD)
    moderator.goto("/cms-admin/")
    moderator.get_by_role("link", name=TITLE).first.click()
    more_actions(moderator)
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text(TITLE)
    page_row.refresh_from_db()
    assert page_row.live

    # --- a visitor sees exactly what the rule picks, and the expo ---------------------------
    response = visitor.goto(url)
    assert response.status == 200
    expect(visitor.get_by_role("heading", name=RULE_HEADING)).to_be_visible()
    products = shown_titles(visitor)
    for product in world["fits"]:
        assert product.title in products
    for product in world["others"]:
        assert product.title not in products
    expect(visitor.get_by_test_id("expo-block")).to_contain_text(world["expo"].title)

    # --- the same page in English, through the header's switch ------------------------------
    visitor.locator(".site-lang a[hreflang=en]").click()
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    english_url = visitor.url.removeprefix(live_server.url)
    assert english_url.startswith("/en/")
    # not translated yet: the English copy says so and links the Vietnamese page
    notice = visitor.get_by_test_id("untranslated-notice")
    expect(notice).to_contain_text("not been translated into English yet")
    expect(notice.get_by_role("link")).to_have_attribute("href", url)
    english = shown_titles(visitor)
    for product in world["fits"]:
        assert product.title in english
    assert world["others"][0].title not in english
    expect(visitor.get_by_test_id("expo-block")).to_contain_text(world["expo"].title)

    # --- a product loses its approval: gone at the next load --------------------------------
    reviewer = Officer.objects.create(
        user=get_user_model().objects.create_user("tham-dinh", "td@example.com", PASSWORD),
        unit=daklak,
    )
    withdrawn = world["fits"][1]
    product_decide(
        officer=reviewer, product=withdrawn, approve=False, reason="Giấy chứng nhận bị thu hồi"
    )
    for address in (url, english_url):
        visitor.goto(address)
        products = shown_titles(visitor)
        assert world["fits"][0].title in products and withdrawn.title not in products, address

    # --- usable by everyone: axe-core on the published page, in both languages ------------
    # (a browser of its own: axe is injected as an inline script, which the site's policy
    # forbids, so only this one ignores the policy; the journey above ran under it)
    checker = context_for(browser, live_server, bypass_csp=True).new_page()
    for address in (url, english_url):
        checker.goto(address)
        assert axe_violations(checker, axe_js) == [], address


def test_an_editor_cannot_edit_another_provinces_section(browser, live_server, world):
    editor_user = user_make(
        "bien-tap-dak-lak", unit=world["daklak"], group="Biên tập viên · Đắk Lắk"
    )
    own, other = publishing.section_of(world["daklak"]), publishing.section_of(world["hanoi"])
    editor = context_for(browser, live_server).new_page()
    steps.login(editor, editor_user.email, PASSWORD)

    editor.goto(f"/cms-admin/pages/{other.pk}/edit/")
    assert editor.url.removeprefix(live_server.url) == "/cms-admin/"
    # Wagtail words the refusal before the account's admin language applies: Vietnamese
    expect(editor.locator(".messages")).to_contain_text(re.compile("không có quyền|permission"))

    # its own section offers a new page; the other's explorer does not, nor does its address
    editor.goto(f"/cms-admin/pages/{own.pk}/")
    expect(editor.get_by_role("link", name="Add child page").first).to_be_visible()
    editor.goto(f"/cms-admin/pages/{other.pk}/")
    expect(editor.get_by_role("heading", name=other.title).first).to_be_visible()
    expect(editor.get_by_role("link", name="Add child page")).to_have_count(0)
    for address in (
        f"/cms-admin/pages/{other.pk}/add_subpage/",
        f"/cms-admin/pages/add/cms/campaignpage/{other.pk}/",
    ):
        editor.goto(address)
        assert editor.url.removeprefix(live_server.url) == "/cms-admin/", address
        expect(editor.locator(".messages")).to_contain_text(re.compile("không có quyền|permission"))
    assert not CampaignPage.objects.exists()
