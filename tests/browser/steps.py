"""Steps several browser journeys share."""


def guest_gives_address(page, *, email, name, line1, ward, province, phone):
    """From a filled basket: start checkout as a guest and submit a delivery address."""
    page.goto("/shop/checkout/")
    page.fill("#id_username", email)
    page.check("input[name=options][value=anonymous]")
    page.locator("form:has(#id_username) button[type=submit]").click()
    page.fill("#id_first_name", name)
    page.fill("#id_line1", line1)
    page.fill("#id_line4", ward)
    page.select_option("#id_state", province)
    page.fill("#id_phone_number", phone)
    page.locator("form:has(#id_first_name) button[type=submit]").click()
