"""The SQL the database backends build, as (sql, params) fragments: facet filters over the
columns of ``search.SearchEntry``, the plan of one search (what it matches, and with which
filters, each removable for counting that facet), the ORDER BY of a page, and the counting
statements with the reading of the rows they give.

Only values go into parameters; what is written into the SQL itself is column names, the
price range bounds (integers of ``search.types.PRICE_RANGES``) and placeholders, so no typed
text or URL value can change a statement.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from search.models import SearchEntry
from search.query import Word
from search.types import (
    BOOLEAN_FACETS,
    FOLLOWED,
    GROUP,
    HAS_OCOP,
    IN_STOCK,
    INTEREST,
    LOOKING_FOR,
    MARKETPLACE,
    NEWEST,
    POPULAR,
    PRICE,
    PRICE_ASC,
    PRICE_DESC,
    PRICE_RANGES,
    PRODUCT,
    PROVINCE,
    SECTOR,
    SELLER_KIND,
    SELLERS,
    STAGE,
    STARS,
    STARS_DESC,
    STARTUP,
    VERIFIED,
    YOUTH_TEAM,
)

TABLE = SearchEntry._meta.db_table

Frag = tuple[str, list]  # a piece of SQL and its parameters


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def union(parts: list[Frag]) -> Frag:
    return " UNION ALL ".join(sql for sql, _ in parts), [p for _, params in parts for p in params]


def joined(frags: list[Frag], glue: str = " AND ", empty: str = "TRUE") -> Frag:
    if not frags:
        return empty, []
    return glue.join(f"({sql})" for sql, _ in frags), [p for _, params in frags for p in params]


# --- facets -------------------------------------------------------------------------------


def _price_case() -> str:
    whens = []
    for key, (low, below) in PRICE_RANGES.items():
        bounds = [
            f"e.price >= {int(low)}" if low is not None else "",
            f"e.price < {int(below)}" if below is not None else "",
        ]
        whens.append(f"WHEN {' AND '.join(b for b in bounds if b) or 'TRUE'} THEN '{key}'")
    return f"CASE {' '.join(whens)} ELSE '' END"


# The column (or expression) whose values a facet counts.
FACET_COLUMNS = {
    GROUP: "e.group_codes",
    STARS: "e.stars",
    PROVINCE: "e.province_code",
    PRICE: _price_case(),
    SELLER_KIND: "e.seller_kind",
    IN_STOCK: "e.in_stock",
    MARKETPLACE: "e.marketplaces",
    SECTOR: "e.sector",
    STAGE: "e.stage",
    LOOKING_FOR: "e.looking_for",
    VERIFIED: "e.verified",
    YOUTH_TEAM: "e.youth_team",
    HAS_OCOP: "e.has_ocop",
    SELLERS: "e.seller_id",  # a restriction, not counted (search.types.KIND_RESTRICTIONS)
}
# Facets whose column holds several ``|``-delimited values ("|1|1.9|").
MULTI_VALUED = {
    GROUP: "e.group_codes",
    MARKETPLACE: "e.marketplaces",
    LOOKING_FOR: "e.looking_for",
}


def like_any(column: str, values: list[str]) -> Frag:
    """A ``|``-delimited column holds any of ``values`` (PostgreSQL finds the rows by a trigram
    index when they are few)."""
    return joined(
        [(f"{column} LIKE %s ESCAPE '\\'", [f"%|{like_escape(v)}|%"]) for v in values], " OR "
    )


def facet_condition(facet: str, values: list[str]) -> Frag:
    """OR within one facet (values already checked by ``search.query.usable_filters``)."""
    if facet in MULTI_VALUED:
        return like_any(MULTI_VALUED[facet], values)
    if facet == PRICE:
        ranges = []
        for key in values:
            low, below = PRICE_RANGES[key]
            bounds = [
                ("e.price >= %s", [low]) if low is not None else None,
                ("e.price < %s", [below]) if below is not None else None,
            ]
            ranges.append(joined([b for b in bounds if b]))
        return joined(ranges, " OR ")
    if facet in BOOLEAN_FACETS:
        return f"{FACET_COLUMNS[facet]} = %s", [True]
    if facet == SELLERS:
        values = [int(v) for v in values]  # whole numbers (search.query.usable_filters)
    if facet == STARS:
        values = [int(v) for v in values if v.isascii() and v.isdigit() and len(v) < 3]
        if not values:
            return "1 = 0", []
    column = FACET_COLUMNS[facet]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def value_counts(source: str, where: Frag, position: int, column: str) -> Frag:
    """(position, value as text, count) for each value of ``column`` over the matching rows."""
    return (
        f"SELECT {position}, CAST({column} AS TEXT), COUNT(*) FROM {source} "
        f"WHERE {where[0]} GROUP BY {column}",
        where[1],
    )


def total_count(source: str, where: Frag) -> Frag:
    """(-1, NULL, count) of the matching rows: the total among the facet counts."""
    return f"SELECT -1, NULL, COUNT(*) FROM {source} WHERE {where[0]}", where[1]


def read_counts(names: tuple[str, ...], rows) -> tuple[dict[str, Counter], int]:
    """The counts of each facet in ``names`` and the total, from the rows of counting
    statements (position in ``names`` or -1 for the total, value as text, count). Multi-valued
    columns are split into their codes; no stars (0) and empty values are not values."""
    counts = {facet: Counter() for facet in names}
    total = 0
    for position, value, count in rows:
        if position < 0:
            total += count
            continue
        facet = names[position]
        if facet in MULTI_VALUED:
            for code in (value or "").strip("|").split("|"):
                if code:
                    counts[facet][code] += count
        elif facet in BOOLEAN_FACETS:  # SQLite gives "1", PostgreSQL "true"
            if value in ("1", "true"):
                counts[facet]["1"] += count
        elif facet == STARS:
            if value not in (None, "", "0"):
                counts[facet][value] += count
        elif value not in (None, ""):
            counts[facet][value] += count
    return counts, total


# --- one search ---------------------------------------------------------------------------


@dataclass
class TextMatch:
    """How an engine matches words: an extra join, a condition, and a score (lower first)."""

    join: str
    where: Frag
    score: Frag
    # A whole FROM clause, when the engine must choose the join order itself.
    source: str | None = None

    def from_clause(self) -> str:
        return self.source or f"{TABLE} e{self.join}"


@dataclass
class Plan:
    """One search, as SQL pieces."""

    kind: str
    words: list[Word]
    text: TextMatch | None
    conditions: dict[str, Frag] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return self.text.from_clause() if self.text else f"{TABLE} e"

    @property
    def base(self) -> Frag:
        """The kind and the text, without facet filters."""
        frags = [("e.kind = %s", [self.kind])]
        if self.text:
            frags.append(self.text.where)
        return joined(frags)

    def where(self, *, without: str | None = None) -> Frag:
        frags = [self.base] + [c for f, c in self.conditions.items() if f != without]
        return joined(frags)


def order_by(plan: Plan, sort: str) -> Frag:
    """The ORDER BY of a page; every order ends with the id, so pages never overlap.

    Relevance, for a text: a title that is the query (folded) first, then an exact-accent
    match of the whole query in the title, then the folded query as a phrase at a word start
    in the title, then the engine's score, then popularity. Another sort comes first and
    relevance breaks its ties; a sort this kind does not have is relevance. Startups' last
    tie-break before the id is the newest first."""
    relevance: list[Frag] = []
    if plan.text:
        phrase = " ".join(w.folded for w in plan.words)
        typed = " ".join(w.typed for w in plan.words).casefold()
        relevance = [
            (
                "(CASE WHEN e.title_folded = %s THEN 4 ELSE 0 END"
                " + CASE WHEN e.title_lower LIKE %s ESCAPE '\\' THEN 2 ELSE 0 END"
                " + CASE WHEN (' ' || e.title_folded) LIKE %s ESCAPE '\\' THEN 1 ELSE 0 END) DESC",
                [phrase, f"%{like_escape(typed)}%", f"% {like_escape(phrase)}%"],
            ),
            (f"{plan.text.score[0]} ASC", plan.text.score[1]),
        ]
    if plan.kind == PRODUCT:
        keys = {
            PRICE_ASC: ["e.price ASC"],
            PRICE_DESC: ["e.price DESC"],
            NEWEST: ["e.created DESC"],
            STARS_DESC: ["e.stars DESC", "e.popularity DESC"],
            POPULAR: ["e.popularity DESC"],
        }.get(sort)
        fallback = ["e.stars DESC", "e.created DESC"]
    elif plan.kind == STARTUP:
        keys = {
            NEWEST: ["e.created DESC"],
            FOLLOWED: ["e.followers_month DESC"],
            INTEREST: ["e.interest DESC"],
        }.get(sort)
        fallback = []
    else:
        keys = {NEWEST: ["e.created DESC"], POPULAR: ["e.popularity DESC"]}.get(sort)
        fallback = ["e.popularity DESC", "e.created DESC"]
    if keys is None:  # relevance, and sorts this kind does not have
        frags = (
            [*relevance, ("e.popularity DESC", [])] if relevance else [(k, []) for k in fallback]
        )
    else:
        frags = [(k, []) for k in keys] + relevance
    if plan.kind == STARTUP and sort != NEWEST:
        frags.append(("e.created DESC", []))
    frags.append(("e.object_id ASC", []))
    return ", ".join(sql for sql, _ in frags), [p for _, ps in frags for p in ps]
