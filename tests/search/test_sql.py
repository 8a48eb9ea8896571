"""The SQL pieces of the database backends (``search.backends.sql``), without a database:
values go into parameters only, the plan drops one facet's filter for counting it, every
page order ends with the id, and the counting statements' rows are read into counts."""

from search import api
from search.backends.sql import (
    TABLE,
    Plan,
    TextMatch,
    facet_condition,
    joined,
    order_by,
    read_counts,
    value_counts,
)
from search.query import query_words


def test_filter_values_are_parameters_never_sql():
    sql, params = facet_condition(api.PROVINCE, ["66", "' OR 1=1 --"])
    assert sql == "e.province_code IN (%s, %s)" and params == ["66", "' OR 1=1 --"]
    sql, params = facet_condition(api.GROUP, ["1.9", "1%_"])
    assert "1.9" not in sql and params == ["%|1.9|%", "%|1\\%\\_|%"]  # LIKE wildcards escaped
    assert facet_condition(api.STARS, ["4", "x"]) == ("e.stars IN (%s)", [4])
    assert facet_condition(api.STARS, ["' OR 1=1"]) == ("1 = 0", [])
    assert facet_condition(api.IN_STOCK, ["1"]) == ("e.in_stock = %s", [True])


def test_price_ranges_or_together_with_open_ends():
    sql, params = facet_condition(api.PRICE, ["0-100000", "1000000-"])
    assert sql == "((e.price < %s)) OR ((e.price >= %s))" and params == [100_000, 1_000_000]


def test_joined_fragments_keep_their_parameters_in_order():
    assert joined([("a = %s", [1]), ("b = %s", [2])]) == ("(a = %s) AND (b = %s)", [1, 2])
    assert joined([]) == ("TRUE", [])


def test_a_plan_counts_a_facet_without_its_own_filter():
    plan = Plan(kind=api.PRODUCT, words=[], text=None)
    plan.conditions = {
        api.STARS: facet_condition(api.STARS, ["5"]),
        api.PROVINCE: facet_condition(api.PROVINCE, ["66"]),
    }
    assert plan.source == f"{TABLE} e"
    assert plan.where()[1] == [api.PRODUCT, 5, "66"]
    assert plan.where(without=api.STARS)[1] == [api.PRODUCT, "66"]
    sql, params = value_counts(plan.source, plan.where(without=api.STARS), 1, "e.stars")
    assert sql.startswith("SELECT 1, CAST(e.stars AS TEXT), COUNT(*)")
    assert sql.endswith("GROUP BY e.stars") and params == [api.PRODUCT, "66"]


def test_every_order_ends_with_the_id_and_a_text_ranks_by_relevance():
    browse = Plan(kind=api.PRODUCT, words=[], text=None)
    assert order_by(browse, api.RELEVANCE) == (
        "e.stars DESC, e.created DESC, e.object_id ASC",
        [],
    )
    assert order_by(browse, api.PRICE_ASC)[0] == "e.price ASC, e.object_id ASC"
    sellers = Plan(kind=api.SELLER, words=[], text=None)
    assert order_by(sellers, api.PRICE_ASC)[0] == (
        "e.popularity DESC, e.created DESC, e.object_id ASC"  # sellers have no price
    )
    match = TextMatch(join="", where=("TRUE", []), score=("score(%s)", ["x"]))
    text = Plan(kind=api.PRODUCT, words=query_words("Cà phê"), text=match)
    sql, params = order_by(text, api.RELEVANCE)
    assert sql.endswith("score(%s) ASC, e.popularity DESC, e.object_id ASC")
    assert params == ["ca phe", "%cà phê%", "% ca phe%", "x"]
    sql, params = order_by(text, api.NEWEST)
    assert sql.startswith("e.created DESC, (CASE") and params[-1] == "x"


def test_counting_rows_become_counts_of_each_value():
    names = api.PRODUCT_FACETS
    rows = [
        (names.index(api.GROUP), "|1|1.9|", 2),
        (names.index(api.GROUP), "|1|", 1),
        (names.index(api.STARS), "0", 4),  # no certificate: not a value
        (names.index(api.STARS), "5", 1),
        (names.index(api.IN_STOCK), "true", 3),
        (names.index(api.IN_STOCK), "false", 2),
        (names.index(api.PROVINCE), "", 5),
        (names.index(api.PROVINCE), "66", 2),
        (-1, None, 5),
    ]
    counts, total = read_counts(names, rows)
    assert total == 5
    assert counts[api.GROUP] == {"1": 3, "1.9": 2}
    assert counts[api.STARS] == {"5": 1}
    assert counts[api.IN_STOCK] == {"1": 3}
    assert counts[api.PROVINCE] == {"66": 2}
    assert counts[api.MARKETPLACE] == {}
