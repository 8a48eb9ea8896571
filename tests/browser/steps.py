"""Steps several browser journeys share."""

from playwright.sync_api import expect


def login(page, email, password):
    """Sign in on the shop's login page and wait until the account link shows."""
    page.goto("/shop/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.locator("button[name=login_submit]").click()
    expect(page.get_by_role("link", name="Tài khoản")).to_be_visible()


def guest_gives_address(page, *, email, name, line1, ward, province, phone):
    """From a filled basket: start checkout as a guest and submit a delivery address."""
    page.goto("/shop/checkout/")
    page.fill("#id_username", email)
    page.check("input[name=options][value=anonymous]")
    page.locator("form:has(#id_username) button[type=submit]").click()
    gives_address(page, name=name, line1=line1, ward=ward, province=province, phone=phone)


def gives_address(page, *, name, line1, ward, province, phone):
    """On the checkout's delivery address step: fill it in and go on."""
    page.fill("#id_first_name", name)
    page.fill("#id_line1", line1)
    page.fill("#id_line4", ward)
    page.select_option("#id_state", province)
    page.fill("#id_phone_number", phone)
    page.locator("form:has(#id_first_name) button[type=submit]").click()
