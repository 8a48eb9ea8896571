"""What the Elasticsearch backend stores: index names, the analysis of Vietnamese text, the
mapping of each kind's index, and the ``_source`` of each ``search.documents`` document.

Names: one index per kind, ``<prefix>-products-<stamp>``, ``<prefix>-sellers-<stamp>`` and
``<prefix>-startups-<stamp>``, always reached through the aliases ``<prefix>-products``,
``<prefix>-sellers`` and ``<prefix>-startups`` (see ``search.backends.elastic`` for how a
rebuild swaps them). Startups are not offered by type-ahead, so their index has no
``suggest`` field.

Text: ``title`` is analysed with ``vi_folded`` (đ→d by an explicit mapping char filter, standard
tokenizer, lowercase, asciifolding), so "ca phe dak lak" meets "Cà phê Đắk Lắk"; its sub-field
``title.exact`` is only lower-cased, so an exact-accent match scores on top of the folded one and
ranks first. ``vi_folded`` ends with ``vi_iy``, the i/y rule of ``core.text.search_key``
("Lí Sơn" meets "Lý Sơn"). ``body`` holds ``search.documents.search_body``: the already folded
description with the former names of the province and the words written together ("caphe",
"quangnam"), the same text the database backends index (computed once, in Python, rather
than by a shingle filter here: the joined place names are not in any one field, and a new
field would break writes to an index made before it until the next rebuild). The English
name and description (and the categories' English names) are in ``body`` too, for the same
reason: "honey" finds "Mật ong rừng" whose English name is "Wild honey", with no new field.
Both are copied into ``spell`` for the "did you mean" term suggester, and ``suggest`` is a
``search_as_you_type`` field for type-ahead. Text is NFC-normalised in Python on both sides
(the standard tokenizer would keep decomposed marks glued to their letters).
"""

from __future__ import annotations

from elasticsearch_dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    MetaField,
    SearchAsYouType,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from search.documents import ProductDocument, SellerDocument, StartupDocument, search_body
from search.query import nfc
from search.types import MAX_PAGE, MAX_PER_PAGE, PRODUCT, SELLER, STARTUP

PLURAL = {PRODUCT: "products", SELLER: "sellers", STARTUP: "startups"}


def alias_name(prefix: str, kind: str) -> str:
    """The alias searches and writes of ``kind`` go through."""
    return f"{prefix}-{PLURAL[kind]}"


# --- analysis -------------------------------------------------------------------------------

vi_d = char_filter("vi_d", "mapping", mappings=["đ => d", "Đ => D"])
# core.text.search_key on each folded word: a syllable of initial consonants (or "qu") and
# one final y ends in i ("ly" -> "li", "my" -> "mi", "quy" -> "qui"; "tay", "thuy" unchanged).
vi_iy = token_filter(
    "vi_iy", "pattern_replace", pattern="^(qu|[bcdghklmnprstvx]+)y$", replacement="$1i"
)
vi_folded = analyzer(
    "vi_folded",
    tokenizer="standard",
    char_filter=[vi_d],
    filter=["lowercase", "asciifolding", vi_iy],
)
vi_exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])


def _title_field():
    return Text(analyzer=vi_folded, fields={"exact": Text(analyzer=vi_exact)}, copy_to="spell")


# --- mappings -------------------------------------------------------------------------------


class ProductIndexDoc(Document):
    """The mapping of ``<prefix>-products-*`` (one ``search.documents.ProductDocument`` each)."""

    id = Integer()
    title = _title_field()
    body = Text(analyzer=vi_folded, copy_to="spell")
    spell = Text(analyzer=vi_folded)
    suggest = SearchAsYouType(analyzer=vi_folded)
    url = Keyword(index=False)
    group_codes = Keyword()
    stars = Keyword()
    province_code = Keyword()
    price = Long()
    seller_id = Integer()
    seller_name = Keyword(index=False)
    seller_kind = Keyword()
    in_stock = Boolean()
    marketplaces = Keyword()
    popularity = Integer()
    created = Date()

    class Meta:
        dynamic = MetaField("strict")


class SellerIndexDoc(Document):
    """The mapping of ``<prefix>-sellers-*`` (one ``search.documents.SellerDocument`` each)."""

    id = Integer()
    title = _title_field()
    body = Text(analyzer=vi_folded, copy_to="spell")
    spell = Text(analyzer=vi_folded)
    suggest = SearchAsYouType(analyzer=vi_folded)
    url = Keyword(index=False)
    province_code = Keyword()
    seller_kind = Keyword()
    product_count = Integer()
    created = Date()

    class Meta:
        dynamic = MetaField("strict")


class StartupIndexDoc(Document):
    """The mapping of ``<prefix>-startups-*`` (one ``search.documents.StartupDocument`` each)."""

    id = Integer()
    title = _title_field()
    body = Text(analyzer=vi_folded, copy_to="spell")
    spell = Text(analyzer=vi_folded)
    url = Keyword(index=False)
    logo_url = Keyword(index=False)
    province_code = Keyword()
    sector = Keyword()
    stage = Keyword()
    looking_for = Keyword()
    verified = Boolean()
    youth_team = Boolean()
    has_ocop = Boolean()
    seller_id = Integer()
    followers_month = Integer()
    interest = Integer()
    popularity = Integer()
    created = Date()

    class Meta:
        dynamic = MetaField("strict")


DOC_CLASSES = {PRODUCT: ProductIndexDoc, SELLER: SellerIndexDoc, STARTUP: StartupIndexDoc}


def index_definition(kind: str, name: str, *, using: str, loading: bool = False) -> Index:
    """Settings, analysis and mapping of one concrete index of ``kind``, on the connection
    ``using``. ``loading``: no refreshes while a rebuild fills it."""
    index = Index(name, using=using)
    index.settings(
        number_of_shards=1,  # one shard: exact term statistics and counts, ample for 10^5
        auto_expand_replicas="0-1",  # a replica as soon as the cluster has a second node
        max_result_window=MAX_PAGE * MAX_PER_PAGE,
        refresh_interval="-1" if loading else "1s",
    )
    index.mapping(DOC_CLASSES[kind]._doc_type.mapping)
    return index


# --- documents ------------------------------------------------------------------------------


def document_source(doc) -> dict:
    """The ``_source`` of one ``search.documents`` dataclass."""
    if isinstance(doc, ProductDocument):
        return ProductIndexDoc(
            id=doc.id,
            title=nfc(doc.title),
            suggest=nfc(doc.title),
            body=search_body(doc),
            url=doc.url,
            group_codes=list(doc.group_codes),
            stars=str(doc.stars) if doc.stars else None,
            province_code=doc.province_code or None,
            price=int(doc.price),
            seller_id=doc.seller_id,
            seller_name=doc.seller_name,
            seller_kind=doc.seller_kind or None,
            in_stock=bool(doc.in_stock),
            marketplaces=list(doc.marketplaces),
            popularity=int(doc.popularity or 0),
            created=doc.created,
        ).to_dict()
    if isinstance(doc, SellerDocument):
        return SellerIndexDoc(
            id=doc.id,
            title=nfc(doc.title),
            suggest=nfc(doc.title),
            body=search_body(doc),
            url=doc.url,
            province_code=doc.province_code or None,
            seller_kind=doc.seller_kind or None,
            product_count=int(doc.product_count or 0),
            created=doc.created,
        ).to_dict()
    if isinstance(doc, StartupDocument):
        return StartupIndexDoc(
            id=doc.id,
            title=nfc(doc.title),
            body=search_body(doc),
            url=doc.url,
            logo_url=doc.logo_url or None,
            province_code=doc.province_code or None,
            sector=doc.sector or None,
            stage=doc.stage or None,
            looking_for=sorted(doc.looking_for),
            verified=bool(doc.verified),
            youth_team=bool(doc.youth_team),
            has_ocop=bool(doc.has_ocop),
            seller_id=doc.seller_id,
            followers_month=int(doc.followers_month or 0),
            interest=int(doc.interest or 0),
            popularity=int(doc.popularity or 0),
            created=doc.created,
        ).to_dict()
    raise TypeError(f"Not a search document: {doc!r}")
