"""What the search index holds: one document per public product and per approved seller.

Documents are plain data built from the database in batches (``product_documents`` and
``seller_documents`` in ``search.indexing``); every backend indexes exactly these fields.
Folded fields are ``catalog.text.fold_vietnamese`` of the original (NFC, casefold, no
diacritics, đ→d), so backends never fold differently.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


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
