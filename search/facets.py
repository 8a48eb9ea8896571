"""What buyers read beside the results: labels for facet values, which values exist, and the
sidebar the pages draw (each value a link that adds or removes it from the URL).

Backends return bare values and counts (``search.types.FacetValue``); names come from here: OCOP groups
by ``Category.display_name``, provinces by code, seller kinds from ``Partner.Kind``, marketplaces
from ``catalog.models.Marketplace``, startups' sectors, stages and asks from
``startups.models`` (``Sector``, ``Stage``, ``LookingFor``). One ``Vocabulary`` per request loads the groups and the
provinces once (two queries) and serves both the URL validation (``search.forms``) and the labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from babel.numbers import format_decimal
from django.conf import settings
from django.utils.translation import get_language, gettext, pgettext_lazy, to_locale
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalog.models import Marketplace
from core import pagecache
from core.text import vietnamese_sort_key
from search import types
from startups.models.profiles import LookingFor, Sector, Stage

FACET_TITLES = {
    types.GROUP: _("Product group"),
    types.STARS: _("OCOP star rating"),
    types.PROVINCE: _("Province or city"),
    types.PRICE: _("Price"),
    types.SELLER_KIND: _("Seller type"),
    types.IN_STOCK: _("Availability"),
    types.MARKETPLACE: pgettext_lazy("search filter", "Also sold on"),
    types.SECTOR: pgettext_lazy("search filter", "Sector"),
    types.STAGE: pgettext_lazy("search filter", "Stage"),
    types.LOOKING_FOR: pgettext_lazy("search filter", "Looking for"),
    types.VERIFIED: pgettext_lazy("search filter", "Verification"),
    types.YOUTH_TEAM: pgettext_lazy("search filter", "Team"),
    types.HAS_OCOP: pgettext_lazy("search filter", "OCOP products"),
}
# The one value of each yes-or-nothing facet.
BOOLEAN_LABELS = {
    types.IN_STOCK: _("In stock"),
    types.VERIFIED: _("Verified by the Youth Union"),
    types.YOUTH_TEAM: _("Youth team"),
    types.HAS_OCOP: _("Sells OCOP-certified products"),
}


def price_label(key: str) -> str:
    """'100000-200000' -> '100.000–200.000 ₫' (grouping of the active language)."""
    low, high = types.PRICE_RANGES[key]
    locale = to_locale(get_language() or settings.LANGUAGE_CODE)

    def money(value):
        return f"{format_decimal(value, locale=locale)}\u00a0₫"

    if low is None:
        return gettext("Under %(price)s") % {"price": money(high)}
    if high is None:
        return gettext("From %(price)s") % {"price": money(low)}
    return f"{format_decimal(low, locale=locale)}–{money(high)}"


def _groups() -> dict[str, tuple[str, int]]:
    Category = get_model("catalogue", "Category")
    rows = (
        Category.objects.filter(is_public=True)
        .exclude(ocop_code="")
        .only("ocop_code", "name", "name_en", "depth", "path")
    )
    return {c.ocop_code: (c.display_name, c.depth) for c in rows}


def _provinces() -> dict[str, str]:
    Province = get_model("catalogue", "Province")
    return dict(Province.objects.values_list("code", "name"))


class Vocabulary:
    """The values each facet may take and their labels, loaded lazily once per request: the
    groups and provinces from the cache while the site is unchanged (categories and provinces
    replace its token), one statement each otherwise."""

    @cached_property
    def groups(self) -> dict[str, tuple[str, int]]:
        """OCOP code -> (name in the active language, depth: 1 for a group, 2 for a sub-group)."""
        return pagecache.site_cached("facet-groups", _groups)

    @cached_property
    def provinces(self) -> dict[str, str]:
        return pagecache.site_cached("facet-provinces", _provinces)

    @cached_property
    def seller_kinds(self) -> dict[str, str]:
        Partner = get_model("partner", "Partner")
        return dict(Partner.Kind.choices)

    @cached_property
    def marketplaces(self) -> dict[str, str]:
        return dict(Marketplace.choices)

    # The startups' choices are fixed lists, in the order their panels show them.
    choices = {
        types.SECTOR: dict(Sector.choices),
        types.STAGE: dict(Stage.choices),
        types.LOOKING_FOR: dict(LookingFor.choices),
    }

    def known(self, facet: str, value: str) -> bool:
        if facet == types.GROUP:
            return value in self.groups
        if facet == types.STARS:
            return value in ("3", "4", "5")
        if facet == types.PROVINCE:
            return value in self.provinces
        if facet == types.PRICE:
            return value in types.PRICE_RANGES
        if facet == types.SELLER_KIND:
            return value in self.seller_kinds
        if facet in types.BOOLEAN_FACETS:
            return value == "1"
        if facet == types.MARKETPLACE:
            return value in self.marketplaces
        if facet in self.choices:
            return value in self.choices[facet]
        return False

    def label(self, facet: str, value: str) -> str:
        if facet == types.GROUP:
            return self.groups.get(value, (value, 1))[0]
        if facet == types.STARS:
            return gettext("%(stars)s stars") % {"stars": value}
        if facet == types.PROVINCE:
            return self.provinces.get(value, value)
        if facet == types.PRICE:
            return price_label(value) if value in types.PRICE_RANGES else value
        if facet == types.SELLER_KIND:
            return str(self.seller_kinds.get(value, value))
        if facet in types.BOOLEAN_FACETS:
            return str(BOOLEAN_LABELS[facet])
        if facet == types.MARKETPLACE:
            return str(self.marketplaces.get(value, value))
        if facet in self.choices:
            return str(self.choices[facet].get(value, value))
        return value

    def sort_key(self, facet: str, value: types.FacetValue):
        """Values in the order a buyer scans them: groups by code, most stars first, price
        ranges and seller kinds in their defined order, provinces by name in Vietnamese
        alphabetical order (a list of 34 a buyer scans for one name), marketplaces by count,
        startups' sectors, stages and asks in their defined order."""
        if facet == types.GROUP:
            return tuple(int(p) if p.isdigit() else 0 for p in value.value.split("."))
        if facet == types.STARS:
            return (-int(value.value),) if value.value.isdigit() else (0,)
        if facet == types.PRICE:
            keys = list(types.PRICE_RANGES)
            return (keys.index(value.value) if value.value in keys else len(keys),)
        if facet == types.SELLER_KIND:
            keys = list(self.seller_kinds)
            return (keys.index(value.value) if value.value in keys else len(keys),)
        if facet in self.choices:
            keys = list(self.choices[facet])
            return (keys.index(value.value) if value.value in keys else len(keys),)
        if facet == types.PROVINCE:
            return vietnamese_sort_key(self.label(facet, value.value))
        return (-value.count, vietnamese_sort_key(self.label(facet, value.value)))


@dataclass
class Choice:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # the page with this value toggled (page reset)
    depth: int = 1


@dataclass
class Panel:
    name: str
    title: str
    choices: list[Choice] = field(default_factory=list)

    @property
    def selected_count(self) -> int:
        return sum(1 for c in self.choices if c.selected)


@dataclass
class ActiveFilter:
    facet: str
    title: str
    label: str
    remove_url: str


def toggle_url(params, facet: str, value: str) -> str:
    """The query string of ``params`` (a QueryDict) with ``value`` added to or removed from
    ``facet``, and the page reset."""
    # As ``params.copy()``, ``setlist`` and ``urlencode()`` would give, without deep-copying
    # the QueryDict for each of a sidebar's fifty-odd links.
    values = [] if facet == "page" else params.getlist(facet)
    values = [v for v in values if v != value] if value in values else [*values, value]
    pairs = []
    for key, current in params.lists():
        if key == "page":
            continue
        pairs += [(key, v) for v in (values if key == facet else current)]
    if facet not in params or facet == "page":
        pairs += [(facet, v) for v in values]
    return "?" + urlencode(pairs)


def clear_url(params, facets) -> str:
    """The query string without any facet filter (text and sort kept)."""
    params = params.copy()
    params.pop("page", None)
    for facet in facets:
        params.pop(facet, None)
    return "?" + params.urlencode() if params else "?"


def panels(
    results: types.Results, *, vocabulary: Vocabulary, params, selected, shown
) -> list[Panel]:
    """The sidebar: one panel per facet in ``shown`` that has values. Sub-groups appear under
    a group once that group (or one of them) is selected, so the list stays short."""
    out = []
    for facet in shown:
        values = list(results.facets.get(facet, []))
        chosen = set(selected.get(facet, ()))
        have = {v.value for v in values}
        # A selected value the backend left out (no hits with the other filters) stays visible
        # so that it can be removed.
        values += [types.FacetValue(v, 0, True) for v in chosen if v not in have]
        if facet == types.GROUP:
            open_groups = {v.split(".")[0] for v in chosen}
            values = [
                v for v in values if "." not in v.value or v.value.split(".")[0] in open_groups
            ]
        if not values:
            continue
        values.sort(key=lambda v, f=facet: vocabulary.sort_key(f, v))
        panel = Panel(name=facet, title=str(FACET_TITLES[facet]))
        for v in values:
            depth = vocabulary.groups.get(v.value, ("", 1))[1] if facet == types.GROUP else 1
            panel.choices.append(
                Choice(
                    value=v.value,
                    label=vocabulary.label(facet, v.value),
                    count=v.count,
                    selected=v.value in chosen,
                    url=toggle_url(params, facet, v.value),
                    depth=depth,
                )
            )
        out.append(panel)
    return out


def active_filters(*, vocabulary: Vocabulary, params, selected, shown) -> list[ActiveFilter]:
    return [
        ActiveFilter(
            facet=facet,
            title=str(FACET_TITLES[facet]),
            label=vocabulary.label(facet, value),
            remove_url=toggle_url(params, facet, value),
        )
        for facet in shown
        for value in selected.get(facet, ())
    ]
