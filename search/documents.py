"""What the search index holds: one document per public product and per approved seller.

Documents are plain data built from the database in batches (``product_documents`` and
``seller_documents`` in ``search.indexing``); every backend indexes exactly these fields.
Folded fields are ``core.text.fold_vietnamese`` of the original (NFC, casefold, no
diacritics, đ→d), so backends never fold differently.

What a backend indexes is a little more than those fields, the same for every backend and
written once here (``indexed_title``, and ``search_body``: ``indexed_body`` with the
``joined_words``):

- the search key of the folded text (``core.text.search_key``: "ly"/"li", "my"/"mi" made
  one), which queries get too;
- in the body, the names of the provinces merged into the document's province on 1 July 2025
  (``catalog.services.province_names``): "Quảng Nam" finds the products of Đà Nẵng, "Bình
  Dương" those of Hồ Chí Minh;
- words written together, for queries typed without spaces ("caphe", "nuocmam",
  "quangnam"): every run of 2 or 3 consecutive title words, and each province name (current
  and former) in one piece. Descriptions are not joined: that would double the index for
  words buyers rarely type run together.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from core.text import joined_syllables, search_fold, search_key


@dataclass
class ProductDocument:
    id: int
    title: str  # as written, for exact-accent matches and display
    title_folded: str
    body_folded: str  # description, origin place and province, seller name: folded
    url: str
    group_codes: list[str]  # every OCOP group code the product falls under: ["1", "1.9"]
    stars: int | None  # OCOP stars while the certificate is in force, else None
    province_code: str  # province of origin ("" when unknown)
    price: int  # lowest price in whole đồng
    seller_id: int
    seller_name: str
    seller_kind: str
    in_stock: bool
    marketplaces: list[str] = field(default_factory=list)  # codes of marketplaces it is also on
    popularity: int = 0  # units sold plus marketplace clicks
    created: datetime.datetime | None = None

    kind = "product"


@dataclass
class SellerDocument:
    id: int
    title: str  # the seller's name as written
    title_folded: str
    body_folded: str  # story, commune, province: folded
    url: str
    province_code: str
    seller_kind: str
    product_count: int = 0
    created: datetime.datetime | None = None

    kind = "seller"


def province_names(code: str) -> tuple[str, ...]:
    from catalog.services import province_names  # the app registry is ready by now

    return province_names(code)


def _words(folded: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in folded).split()


def indexed_title(doc: ProductDocument | SellerDocument) -> str:
    """The folded title as the index compares it."""
    return search_key(doc.title_folded or "")


def indexed_body(doc: ProductDocument | SellerDocument) -> str:
    """The folded body as the index compares it, with the former names of the province."""
    former = [" ".join(_words(search_fold(name))) for name in province_names(doc.province_code)[1:]]
    return " ".join(filter(None, [search_key(doc.body_folded or ""), *former]))


def joined_words(doc: ProductDocument | SellerDocument) -> list[str]:
    """Words written together that a query typed without spaces may use (see above)."""
    runs = joined_syllables(_words(indexed_title(doc)))
    for name in province_names(doc.province_code):
        words = _words(search_fold(name))
        if len(words) > 1:
            runs.append("".join(words))
    return list(dict.fromkeys(runs))


def search_body(doc: ProductDocument | SellerDocument) -> str:
    """The body every backend indexes: ``indexed_body`` then the ``joined_words``."""
    return " ".join(filter(None, [indexed_body(doc), *joined_words(doc)]))
