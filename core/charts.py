"""Small charts drawn on the server as inline SVG: bar charts and line charts.

Two ways in. ``trend`` and ``breakdown`` return a ``Chart`` (its SVG, its numbers as table
rows, whether there is anything to draw) that ``templates/includes/chart.html`` renders as a
figure: the picture, a caption and the table, the same numbers in the active language's
format (``1.250.000`` on Vietnamese pages, ``1,250,000`` on English ones, VND through Oscar's
``currency`` filter when ``money=True``):

    chart = trend([("01/06", 3), ("02/06", 5)], title=_("Orders per day"),
                  label_header=_("Day"), value_header=_("Orders"))
    {% include "includes/chart.html" with chart=chart %}

``bar_chart`` and ``line_chart`` (the expo report's) return the whole figure as HTML.

No script, no third-party service, nothing fetched: the chart is part of the page, scales to
its width (a ``viewBox``, width 100%), and stays readable on a 360 px phone (horizontal bars
for rankings carry their label above the bar; a line chart labels at most a handful of days).
Every chart is followed by its numbers as a table for screen readers (the SVG itself is
``aria-hidden``), so the figures are never only a picture.

    bar_chart([("Hall A", 12), ("Hall B", 7)], title=_("Visitors per hall"))
    line_chart(["1/6", "2/6"], [("Visitors", [10, 14])], title=_("Visitors per day"))

Values are whole numbers or Decimals; ``number`` formats them for the text (default: the
active language's grouping).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import numberformat
from django.utils.formats import get_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from oscar.templatetags.currency_filters import currency

COLOURS = ("#0b6e4f", "#c8553d", "#2e86ab", "#f2a541", "#6c757d")
WIDTH = 320  # viewBox units; the SVG is drawn at the width of its box
FONT = 11


def _number(value) -> str:
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def _nice_max(value) -> float:
    """A round top for the axis (1, 2, 5 × 10^n) at or above ``value``."""
    value = float(value or 0)
    if value <= 0:
        return 1.0
    step = 1.0
    while step * 10 <= value:
        step *= 10
    for factor in (1, 2, 5, 10):
        if factor * step >= value:
            return factor * step
    return 10 * step  # pragma: no cover


def _table(title, headers: Sequence, rows: Sequence[Sequence]) -> SafeString:
    head = format_html_join("", '<th scope="col">{}</th>', ((h,) for h in headers))
    body = format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (row[0], format_html_join("", "<td>{}</td>", ((cell,) for cell in row[1:])))
            for row in rows
        ),
    )
    return format_html(
        '<table class="sr-only"><caption>{}</caption><thead><tr>{}</tr></thead>'
        "<tbody>{}</tbody></table>",
        title,
        head,
        body,
    )


def _figure(title, svg: SafeString, table: SafeString, testid: str) -> SafeString:
    return format_html(
        '<figure class="chart" data-chart="{}" style="margin:0 0 1.5rem">'
        '<figcaption style="font-weight:600;margin-bottom:.25rem">{}</figcaption>{}{}</figure>',
        testid,
        title,
        svg,
        table,
    )


def _svg(height: float, inner: str) -> SafeString:
    # every text inside comes escaped from format_html
    return mark_safe(
        f'<svg viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="img" aria-hidden="true" '
        f'focusable="false" style="max-width:640px;display:block;font-family:inherit" '
        f'xmlns="http://www.w3.org/2000/svg">{inner}</svg>'
    )


def bar_chart(
    bars: Sequence[tuple[str, object]],
    *,
    title,
    value_label="",
    number: Callable = _number,
    testid: str = "bar",
    colour: str = COLOURS[0],
) -> SafeString:
    """Horizontal bars, one a row: the label above its bar, the number at the bar's end."""
    row = 30
    height = max(len(bars), 1) * row + 6
    top = _nice_max(max((float(v or 0) for _label, v in bars), default=0))
    parts = []
    for i, (label, value) in enumerate(bars):
        y = i * row + 4
        length = (WIDTH - 60) * float(value or 0) / top
        parts.append(
            format_html(
                '<text x="0" y="{}" font-size="{}" fill="#212529">{}</text>'
                '<rect x="0" y="{}" width="{}" height="10" rx="2" fill="{}"/>'
                '<text x="{}" y="{}" font-size="{}" fill="#212529">{}</text>',
                y + FONT,
                FONT,
                _short(label, 52),
                y + 15,
                f"{max(length, 1 if value else 0):.1f}",
                colour,
                f"{length + 4:.1f}",
                y + 24,
                FONT,
                number(value or 0),
            )
        )
    if not bars:
        parts.append(format_html('<text x="0" y="20" font-size="{}">—</text>', FONT))
    svg = _svg(height, "".join(parts))
    table = _table(title, ["", value_label], [(label, number(v or 0)) for label, v in bars])
    return _figure(title, svg, table, testid)


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence]],
    *,
    title,
    number: Callable = _number,
    testid: str = "line",
) -> SafeString:
    """One line per series over ``labels`` (days), with dots, the top value on the axis and
    at most six labels along the bottom; a legend when there is more than one series."""
    left, right, top_pad, bottom = 34, 8, 10, 22
    legend = 16 * len(series) if len(series) > 1 else 0
    height = 150 + legend
    plot_h = height - top_pad - bottom - legend
    plot_w = WIDTH - left - right
    top = _nice_max(max((float(v or 0) for _n, values in series for v in values), default=0))
    count = len(labels)

    def x(i):
        return left + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(value):
        return top_pad + plot_h - plot_h * float(value or 0) / top

    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#adb5bd"/>'
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#dee2e6"/>'
            '<text x="{}" y="{}" font-size="{}" text-anchor="end" fill="#495057">{}</text>'
            '<text x="{}" y="{}" font-size="{}" text-anchor="end" fill="#495057">0</text>',
            left,
            top_pad + plot_h,
            WIDTH - right,
            top_pad + plot_h,
            left,
            top_pad,
            WIDTH - right,
            top_pad,
            left - 3,
            top_pad + 4,
            FONT - 1,
            number(top),
            left - 3,
            top_pad + plot_h + 4,
            FONT - 1,
        )
    ]
    every = max(1, -(-count // 6))
    for i, label in enumerate(labels):
        if i % every == 0 or i == count - 1:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="#495057">{}'
                    "</text>",
                    f"{x(i):.1f}",
                    top_pad + plot_h + 15,
                    FONT - 1,
                    label,
                )
            )
    for n, (name, values) in enumerate(series):
        colour = COLOURS[n % len(COLOURS)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        if count > 1:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
                    points,
                    colour,
                )
            )
        for i, v in enumerate(values):
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="2.5" fill="{}"/>',
                    f"{x(i):.1f}",
                    f"{y(v):.1f}",
                    colour,
                )
            )
        if legend:
            ly = height - legend + 16 * n + 10
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
                    '<text x="{}" y="{}" font-size="{}" fill="#212529">{}</text>',
                    left,
                    ly - 9,
                    colour,
                    left + 14,
                    ly,
                    FONT,
                    name,
                )
            )
    svg = _svg(height, "".join(parts))
    rows = [
        (label, *(number(values[i] or 0) for _name, values in series))
        for i, label in enumerate(labels)
    ]
    table = _table(title, ["", *(name for name, _values in series)], rows)
    return _figure(title, svg, table, testid)


def _short(text, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Chart: the picture and its numbers, rendered by templates/includes/chart.html ----------

BAR = COLOURS[0]  # dark green on white: 6.4:1, well above the 3:1 graphics need
INK = "#212529"
MUTED = "#495057"  # axis text: 8.6:1 on white
GRID = "#adb5bd"


@dataclass(frozen=True)
class Chart:
    """One chart: ``svg`` is the picture (``aria-hidden``: the table is its accessible
    version), ``rows`` the same numbers as (label, formatted value), ``empty`` when there is
    nothing to draw (no point, or every value zero)."""

    title: str
    svg: SafeString
    headers: tuple[str, str]
    rows: tuple[tuple[str, str], ...]
    empty: bool


def format_value(value, *, money: bool = False) -> str:
    """A figure as the page shows it: VND with Oscar's ``currency`` filter, else a number
    grouped in the active language (decimals kept only where there are any)."""
    value = value or 0
    if money:
        return currency(value, "VND")
    places = 0
    if isinstance(value, Decimal | float) and value != int(value):
        places = 1 if isinstance(value, float) else min(2, max(0, -value.as_tuple().exponent))
    # Django's Vietnamese formats leave NUMBER_GROUPING unset (no grouping at all): group by
    # thousands with the language's own separators ("1.250.000" vs "1,250,000")
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
        use_l10n=True,
    )


def _hidden_svg(height: float, inner: str) -> SafeString:
    # aria-hidden: the table under the chart is its accessible version; every text inside
    # comes escaped from format_html. At most 28rem wide: the drawing scales with its box, and
    # drawn wider its text would outgrow the page's.
    return mark_safe(
        f'<svg viewBox="0 0 {WIDTH} {height:.0f}" width="100%" aria-hidden="true" '
        f'focusable="false" class="chart__svg" style="display:block;max-width:28rem" '
        f'xmlns="http://www.w3.org/2000/svg">{inner}</svg>'
    )


def _chart(title, svg, label_header, value_header, points, money) -> Chart:
    rows = tuple((str(label), format_value(value, money=money)) for label, value in points)
    empty = not any(float(value or 0) for _label, value in points)
    return Chart(
        title=str(title),
        svg=svg,
        headers=(str(label_header), str(value_header)),
        rows=rows,
        empty=empty,
    )


def trend(
    points: Sequence[tuple[str, int | Decimal]],
    *,
    title: str,
    label_header: str,
    value_header: str,
    money: bool = False,
) -> Chart:
    """Values over time: one upright bar per day or month, in the order given. The axis top is
    a round number at or above the largest value; at most seven labels along the bottom (the
    first, the last and evenly between), so 31 days stay readable at 360 px."""
    points = list(points)
    left, right, top_pad, bottom = 4, 4, 16, 18
    height = 150
    plot_w = WIDTH - left - right
    plot_h = height - top_pad - bottom
    top = _nice_max(max((float(v or 0) for _label, v in points), default=0))
    count = len(points)
    slot = plot_w / max(count, 1)
    bar_w = max(slot * 0.7, 1)
    base = top_pad + plot_h
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>'
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-dasharray="2 2"/>'
            '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>',
            left,
            base,
            WIDTH - right,
            base,
            GRID,
            left,
            top_pad,
            WIDTH - right,
            top_pad,
            GRID,
            left,
            top_pad - 4,
            FONT - 1,
            MUTED,
            format_value(top, money=money),
        )
    ]
    every = max(1, -(-count // 7))
    for i, (label, value) in enumerate(points):
        h = plot_h * float(value or 0) / top
        x = left + slot * i + (slot - bar_w) / 2
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" data-value="{}"/>',
                f"{x:.2f}",
                f"{base - h:.2f}",
                f"{bar_w:.2f}",
                f"{h:.2f}",
                BAR,
                f"{float(value or 0):g}",
            )
        )
        if i % every == 0 or i == count - 1:
            anchor = (
                "start"
                if i == 0 and count > 1
                else "end"
                if i == count - 1 and count > 1
                else "middle"
            )
            tx = (
                left + slot * i
                if anchor == "start"
                else left + slot * (i + 1)
                if anchor == "end"
                else left + slot * (i + 0.5)
            )
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{}">{}</text>',
                    f"{tx:.2f}",
                    base + 13,
                    FONT - 1,
                    anchor,
                    MUTED,
                    _short(label, 12),
                )
            )
    svg = _hidden_svg(height, "".join(parts))
    return _chart(title, svg, label_header, value_header, points, money)


def breakdown(
    items: Sequence[tuple[str, int | Decimal]],
    *,
    title: str,
    label_header: str,
    value_header: str,
    money: bool = False,
) -> Chart:
    """Horizontal bars in the order given (pass them largest first for a ranking): each
    label above its bar, the figure at the bar's end; the largest bar spans the width left
    for its figure, the others in proportion."""
    items = list(items)
    row = 32
    height = max(len(items), 1) * row + 4
    largest = max((float(v or 0) for _label, v in items), default=0) or 1.0
    figure_room = 96 if money else 64
    span = WIDTH - figure_room
    parts = []
    for i, (label, value) in enumerate(items):
        y = i * row + 2
        length = span * float(value or 0) / largest
        text = format_value(value, money=money)
        parts.append(
            format_html(
                '<text x="0" y="{}" font-size="{}" fill="{}">{}</text>'
                '<rect x="0" y="{}" width="{}" height="11" rx="2" fill="{}" data-value="{}"/>'
                '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>',
                y + FONT,
                FONT,
                INK,
                _short(label, 52),
                y + 15,
                f"{length:.2f}",
                BAR,
                f"{float(value or 0):g}",
                f"{length + 4:.2f}",
                y + 25,
                FONT,
                INK,
                text,
            )
        )
    svg = _hidden_svg(height, "".join(parts))
    return _chart(title, svg, label_header, value_header, items, money)
