"""What a query means, the same for every backend: the words read from its text, how many
typos a word may have, which pages may be asked for, which filter values are acted on, and
the order facet values come back in.

Backends differ in how they find things, never in these rules, so a misspelt word, a
half-typed query or a crafted URL is read the same way whichever engine serves it. Folding
(accents, đ, i/y spellings) is ``core.text.search_fold``, shared with the indexed documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from core.text import search_fold
from search.types import (
    BOOLEAN_FACETS,
    GROUP,
    KINDS,
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_RESTRICTION_VALUES,
    PRICE,
    PRICE_RANGES,
    STARS,
    FacetValue,
    Query,
    facet_names,
    restriction_names,
)

WORD = re.compile(r"[^\W_]+")  # letters and digits; anything else separates words
MAX_TEXT = 200  # characters of a query that are read
MAX_WORDS = 12  # longer queries are cut: each word costs the engine a clause
MAX_WORD = 64  # characters kept of one word
# Typo tolerance by word length: none under ONE_EDIT_FROM letters (too many near neighbours),
# one edit up to TWO_EDITS_FROM - 1 letters (every Vietnamese syllable), two from there.
ONE_EDIT_FROM = 3
TWO_EDITS_FROM = 7


# --- words --------------------------------------------------------------------------------


def nfc(text: str) -> str:
    """``text`` in composed form: "ê" typed as "e" plus a combining circumflex counts as "ê"."""
    return unicodedata.normalize("NFC", text or "")


@dataclass(frozen=True)
class Word:
    typed: str  # NFC, as typed
    folded: str  # the search key the index holds (``core.text.search_fold``)


def _tokens(text: str) -> list[str]:
    """Runs of letters and digits in the first MAX_TEXT characters (punctuation separates)."""
    return WORD.findall(nfc(text)[:MAX_TEXT])


def query_words(text: str) -> list[Word]:
    """The words of a query: letters and digits only, at most MAX_WORDS of at most MAX_WORD
    characters, each with its folded form. For engines that compare the folded forms
    themselves (the database backends)."""
    words = []
    for token in _tokens(text):
        folded = "".join(WORD.findall(search_fold(token)))[:MAX_WORD]
        if folded:
            words.append(Word(token[:MAX_WORD], folded))
    return words[:MAX_WORDS]


def typed_words(text: str) -> list[str]:
    """The words of a query as typed (NFC), cut as ``query_words`` cuts them, for an engine
    that folds them with its own analyser (Elasticsearch). "!!!" gives no words, so it
    browses everything instead of finding nothing."""
    return [token[:MAX_WORD] for token in _tokens(text)][:MAX_WORDS]


# --- typos --------------------------------------------------------------------------------


def allowed_edits(word: str) -> int:
    """How many typos a word of this length may have and still be corrected."""
    return 0 if len(word) < ONE_EDIT_FROM else 1 if len(word) < TWO_EDITS_FROM else 2


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions). With
    ``limit``, stops early and returns ``limit + 1`` once the distance must exceed it."""
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, prev2[j - 2] + 1)
            row.append(value)
        if limit is not None and min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


# --- pages and filters --------------------------------------------------------------------


def check_page(query: Query) -> None:
    """Refuse (ValueError) a kind that is not searched and a page or page size out of range:
    deep pages are refused rather than scanned."""
    if query.kind not in KINDS:
        raise ValueError(f"Unknown kind {query.kind!r}: search one of {', '.join(KINDS)}.")
    if not 1 <= query.page <= MAX_PAGE:
        raise ValueError(f"Page {query.page} is out of range (1 to {MAX_PAGE}).")
    if not 1 <= query.per_page <= MAX_PER_PAGE:
        raise ValueError(
            f"{query.per_page} results per page is out of range (1 to {MAX_PER_PAGE})."
        )


def usable_filters(query: Query) -> dict[str, list[str]]:
    """The values of each filter a backend acts on: facets of the query's kind only, known
    price ranges, yes-or-nothing facets (in stock, verified...) only "1"; empty and repeated
    values dropped. Anything else is
    ignored, so every backend reads a crafted URL the same way.

    Restrictions (``SELLERS``: seller ids) come after the facets: whole numbers only, at most
    ``MAX_RESTRICTION_VALUES``; given but with no usable value, nothing matches (``["0"]``),
    never everything."""
    out = {}
    for name in restriction_names(query.kind):
        if name not in query.filters:
            continue
        values = query.filters.get(name) or ()
        if isinstance(values, (str, int)):
            values = (values,)
        ids = []
        for value in values:
            value = str(value).strip()
            if value.isascii() and value.isdigit() and len(value) <= 10 and value not in ids:
                ids.append(str(int(value)))
        out[name] = sorted(set(ids), key=int)[:MAX_RESTRICTION_VALUES] or ["0"]
    for facet in facet_names(query.kind):
        values = query.filters.get(facet) or ()
        if isinstance(values, str):
            values = (values,)
        clean: list[str] = []
        for value in values:
            value = str(value).strip()[:100]
            if not value or value in clean:
                continue
            if facet == PRICE and value not in PRICE_RANGES:
                continue
            if facet in BOOLEAN_FACETS and value != "1":
                continue
            clean.append(value)
        if clean:
            out[facet] = clean[:MAX_FILTER_VALUES]
    return out


# --- facet values -------------------------------------------------------------------------


def _group_key(code: str) -> tuple:
    """OCOP codes by their numbers: "1.2" before "1.10"."""
    return tuple(int(p) if p.isdigit() else 10**6 for p in code.split(".")), code


def facet_order(facet: str, counts: Mapping[str, int]) -> list[str]:
    """The values of ``counts`` in the order backends give them: groups by code, stars from 5
    down, price ranges as defined, others by count (then by value)."""
    if facet == GROUP:
        return sorted(counts, key=_group_key)
    if facet == STARS:
        return sorted(counts, key=lambda v: (-int(v) if v.isdigit() else 0, v))
    if facet == PRICE:
        return [key for key in PRICE_RANGES if key in counts]
    return sorted(counts, key=lambda v: (-counts[v], v))


def facet_values(facet: str, counts: Mapping[str, int], selected: list[str]) -> list[FacetValue]:
    """One facet of ``Results``: the values with hits in ``facet_order``, then the selected
    values that have none (with 0, so that the page can still offer to remove them)."""
    values = [
        FacetValue(value, counts[value], value in selected)
        for value in facet_order(facet, counts)
        if counts[value] or value in selected
    ]
    values += [FacetValue(value, 0, True) for value in selected if value not in counts]
    return values
