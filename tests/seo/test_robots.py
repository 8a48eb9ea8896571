"""robots.txt (cms/robots.py): public pages open, private ones and searches closed, the
sitemap named."""

from django.urls import reverse
from django.utils import translation


def test_robots_txt_closes_private_pages_and_searches_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    disallowed = {line.split(": ", 1)[1] for line in lines if line.startswith("Disallow: ")}
    for prefix in ("", "/en"):
        for path in (
            "/shop/dashboard/",
            "/union/",
            "/shop/basket/",
            "/shop/checkout/",
            "/shop/accounts/",
            "/shop/orders/",
        ):
            assert prefix + path in disallowed
        assert f"{prefix}/shop/search/?" in disallowed
    assert "/cms-admin/" in disallowed and "/django-admin/" in disallowed
    for language in ("vi", "en"):
        with translation.override(language):
            assert reverse("startup-directory") + "?" in disallowed
            expo_search = reverse("expo-search", kwargs={"slug": "hoi-cho"})
        assert expo_search.replace("/hoi-cho/", "/*/") + "?" in disallowed
    # Public pages stay open: nothing closes the catalogue, startups or expos.
    assert not any(path in ("/", "/en/", "/shop/", "/shop/catalogue/") for path in disallowed)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
