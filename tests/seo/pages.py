"""Reading what search engines read in a page: its JSON-LD, canonical and hreflang links,
Open Graph and robots tags (parsed, so the tests check data, not strings)."""

import io
import json
from html.parser import HTMLParser

from django.core.files.base import ContentFile
from oscar.core.loading import get_model

ProductImage = get_model("catalogue", "ProductImage")


class _Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.jsonld, self.links, self.meta = [], [], {}
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = []
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, attrs.get("content"))

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.jsonld.append(json.loads("".join(self._script)))
            self._script = None


def read(response) -> _Head:
    assert response.status_code == 200, response.status_code
    head = _Head()
    head.feed(response.content.decode())
    return head


def of_type(head: _Head, schema_type: str) -> list[dict]:
    return [data for data in head.jsonld if data.get("@type") == schema_type]


def one(head: _Head, schema_type: str) -> dict:
    found = of_type(head, schema_type)
    assert len(found) == 1, (schema_type, [d.get("@type") for d in head.jsonld])
    assert found[0]["@context"] == "https://schema.org"
    return found[0]


def canonical(head: _Head) -> str:
    (link,) = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    return link


def hreflang(head: _Head) -> dict:
    return {link["hreflang"]: link["href"] for link in head.links if link.get("rel") == "alternate"}


def assert_breadcrumbs(data: dict, names_and_urls: list[tuple[str, str]]) -> None:
    """BreadcrumbList: itemListElement of ListItems with position (from 1), name and item."""
    assert data["@type"] == "BreadcrumbList"
    items = data["itemListElement"]
    assert [(i["@type"], i["position"]) for i in items] == [
        ("ListItem", n) for n in range(1, len(items) + 1)
    ]
    assert [(i["name"], i["item"]) for i in items] == names_and_urls


def picture_add(product, order=0):
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (40, 40), (20 * order, 60, 160)).save(data, format="JPEG")
    image = ProductImage(product=product, display_order=order)
    image.original.save(f"anh-{product.pk}-{order}.jpg", ContentFile(data.getvalue()), save=True)
    return image


def png_file(name="logo.png") -> ContentFile:
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (300, 300), (200, 16, 46)).save(data, format="PNG")
    return ContentFile(data.getvalue(), name=name)
