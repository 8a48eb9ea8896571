"""core.charts: the trend and breakdown charts and templates/includes/chart.html."""

import re
from decimal import Decimal

from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils import translation

from core.charts import Chart, breakdown, trend


def _bars(chart: Chart) -> list[float]:
    return [float(v) for v in re.findall(r'<rect [^>]*data-value="([^"]+)"', chart.svg)]


def _rect_attr(chart: Chart, attr: str) -> list[float]:
    rects = BeautifulSoup(str(chart.svg), "html.parser").select("rect")
    return [float(r[attr]) for r in rects]


def test_a_label_with_markup_is_escaped_in_the_picture_and_the_table():
    hostile = '<script>alert("x")</script> & Chè'
    chart = breakdown([(hostile, 3)], title="<b>T</b>", label_header="L", value_header="V")
    assert "<script>" not in chart.svg and "&lt;script&gt;" in chart.svg
    html = render_to_string("includes/chart.html", {"chart": chart})
    assert "<script>" not in html and "<b>T</b>" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("tbody th").get_text() == hostile
    assert soup.figcaption.get_text() == "<b>T</b>"


def test_the_table_has_the_numbers_in_the_languages_format():
    points = [("01/06", 1250000), ("02/06", 0)]
    with translation.override("vi"):
        vi = trend(points, title="t", label_header="Ngày", value_header="Đơn")
        vi_money = breakdown(points, title="t", label_header="a", value_header="b", money=True)
    with translation.override("en"):
        en = trend(points, title="t", label_header="Day", value_header="Orders")
        en_money = breakdown(points, title="t", label_header="a", value_header="b", money=True)
    assert vi.rows == (("01/06", "1.250.000"), ("02/06", "0"))
    assert en.rows == (("01/06", "1,250,000"), ("02/06", "0"))
    assert vi_money.rows[0][1].replace("\xa0", " ") == "1.250.000 ₫"
    assert en_money.rows[0][1] == "₫1,250,000"
    assert vi.headers == ("Ngày", "Đơn")


def test_decimals_keep_their_figures():
    with translation.override("vi"):
        chart = breakdown(
            [("a", Decimal("2.5")), ("b", Decimal("3.00"))],
            title="t",
            label_header="x",
            value_header="y",
        )
    assert chart.rows == (("a", "2,5"), ("b", "3"))


def test_bars_are_in_proportion_to_their_values():
    ranked = breakdown(
        [("a", 40), ("b", 10), ("c", 30)], title="t", label_header="x", value_header="y"
    )
    widths = _rect_attr(ranked, "width")
    assert widths[0] > 0
    assert widths[1] / widths[0] == 10 / 40 and round(widths[2] / widths[0], 4) == 0.75
    # kept in the order given
    assert _bars(ranked) == [40, 10, 30]

    over_time = trend(
        [("1", 5), ("2", 20), ("3", 0)], title="t", label_header="x", value_header="y", money=True
    )
    heights = _rect_attr(over_time, "height")
    assert heights[2] == 0 and round(heights[0] / heights[1], 4) == 0.25
    assert len(set(_rect_attr(over_time, "width"))) == 1  # every day as wide as the others


def test_no_points_or_only_zeros_is_an_empty_chart_with_a_sentence():
    for chart in (
        trend([], title="Doanh thu", label_header="x", value_header="y"),
        breakdown([], title="Doanh thu", label_header="x", value_header="y"),
        trend([("1", 0), ("2", 0)], title="Doanh thu", label_header="x", value_header="y"),
    ):
        assert chart.empty
        with translation.override("en"):
            html = render_to_string("includes/chart.html", {"chart": chart})
        soup = BeautifulSoup(html, "html.parser")
        assert soup.select_one("[data-testid=chart-empty]").get_text().strip()
        assert soup.figcaption.get_text() == "Doanh thu" and not soup.table
    assert not trend([("1", 0), ("2", 1)], title="t", label_header="x", value_header="y").empty


def test_the_figure_has_the_picture_hidden_and_the_table_for_screen_readers():
    chart = trend(
        [(f"{d:02}/06", d) for d in range(1, 32)],
        title="Đơn mỗi ngày",
        label_header="Ngày",
        value_header="Đơn",
    )
    soup = BeautifulSoup(render_to_string("includes/chart.html", {"chart": chart}), "html.parser")
    svg = soup.select_one("figure svg")
    assert svg["aria-hidden"] == "true" and svg["viewbox"].startswith("0 0 320")
    assert soup.select_one("table caption").get_text() == "Đơn mỗi ngày"
    assert [th.get_text() for th in soup.select("thead th")] == ["Ngày", "Đơn"]
    assert len(soup.select("tbody tr")) == 31 and len(soup.select("svg rect")) == 31
    # a month of rows is folded under its summary; a short table is shown as it is
    assert soup.select_one("details summary") and soup.select_one("details table")
    short = trend([("1", 1)], title="t", label_header="x", value_header="y")
    short_soup = BeautifulSoup(
        render_to_string("includes/chart.html", {"chart": short}), "html.parser"
    )
    assert short_soup.table and not short_soup.details
    # at most seven day labels under the bars: readable on a phone
    assert 2 <= len(soup.select("svg text")) - 1 <= 8
    assert not soup.select("script")
