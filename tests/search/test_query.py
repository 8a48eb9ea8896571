"""How every backend reads a query (``search.query``): its words, the typos a word may have,
the pages that may be asked for, the filter values acted on, and the order of facet values."""

import unicodedata

import pytest

from search import api
from search.query import (
    MAX_WORD,
    MAX_WORDS,
    Word,
    allowed_edits,
    check_page,
    edit_distance,
    facet_order,
    facet_values,
    query_words,
    typed_words,
    usable_filters,
)

# --- words --------------------------------------------------------------------------------


def test_query_words_fold_split_and_limit():
    assert [(w.typed, w.folded) for w in query_words("  Cà-phê,  ĐẮK lắk! ")] == [
        ("Cà", "ca"),
        ("phê", "phe"),
        ("ĐẮK", "dak"),
        ("lắk", "lak"),
    ]
    assert query_words(unicodedata.normalize("NFD", "cà phê")) == query_words("cà phê")
    assert query_words("!!! ... \u0301 _ %") == []
    assert len(query_words(" ".join(["ca"] * 50))) == 12
    assert len(query_words("x" * 5000)[0].folded) == 64


def test_query_words_take_the_search_key_of_i_and_y_spellings():
    assert query_words("Lý Sơn") == [Word("Lý", "li"), Word("Sơn", "son")]
    assert [w.folded for w in query_words("thủy")] == ["thuy"]  # y after a vowel stays


def test_typed_words_keep_what_was_typed_and_are_cut_the_same_way():
    assert typed_words("  Cà-phê,  ĐẮK lắk! ") == ["Cà", "phê", "ĐẮK", "lắk"]
    assert typed_words(unicodedata.normalize("NFD", "Cà phê")) == ["Cà", "phê"]  # composed
    assert typed_words("!!! ??? _") == []
    assert len(typed_words("ca " * 500)) == MAX_WORDS
    assert typed_words("x" * 5000) == ["x" * MAX_WORD]
    assert [w.typed for w in query_words("Cà phê Đắk Lắk")] == typed_words("Cà phê Đắk Lắk")


# --- typos --------------------------------------------------------------------------------


def test_edit_distance_and_allowed_edits():
    assert edit_distance("phee", "phe") == 1
    assert edit_distance("robsuta", "robusta") == 1  # a transposition is one edit
    assert edit_distance("ongg", "mat", limit=1) == 2  # stops early past the limit
    assert [allowed_edits(w) for w in ("ca", "phe", "robust", "robusta")] == [0, 1, 1, 2]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("", "", 0),
        ("", "ca", 2),
        ("phe", "phe", 0),
        ("phe", "pho", 1),  # a substitution
        ("nguoong", "nguong", 1),  # a deletion
        ("ca", "cao", 1),  # an insertion
        ("ab", "ba", 1),  # a transposition
        ("kitten", "sitting", 3),
    ],
)
def test_edit_distance_counts_each_kind_of_edit(a, b, distance):
    assert edit_distance(a, b) == distance == edit_distance(b, a)
    assert edit_distance(a, b, limit=distance) == distance  # a limit it reaches is no cut


def test_a_limit_answers_one_past_it_for_anything_farther():
    assert edit_distance("ca", "ca phe sua", limit=2) == 3  # lengths alone tell
    assert edit_distance("kitten", "sitting", limit=1) == 2
    assert edit_distance("kitten", "sitting", limit=5) == 3


# --- pages --------------------------------------------------------------------------------


def test_pages_within_the_limits_pass():
    check_page(api.Query())
    check_page(api.Query(kind=api.SELLER, page=api.MAX_PAGE, per_page=api.MAX_PER_PAGE))
    check_page(api.Query(kind=api.STARTUP))


@pytest.mark.parametrize(
    ("page", "per_page"),
    [(api.MAX_PAGE + 1, 24), (0, 24), (-3, 24), (1, 0), (1, api.MAX_PER_PAGE + 1)],
)
def test_pages_out_of_range_are_refused(page, per_page):
    with pytest.raises(ValueError, match="out of range"):
        check_page(api.Query(page=page, per_page=per_page))


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError, match="Unknown kind"):
        check_page(api.Query(kind="expo"))


def test_the_offset_of_a_page():
    assert api.Query(page=3, per_page=24).offset == 48
    assert api.Query().offset == 0


# --- filters ------------------------------------------------------------------------------


def test_only_known_filters_of_the_kind_are_used():
    query = api.Query(
        filters={
            "colour": ("red",),
            api.PRICE: ("cheap", "0-100000"),
            api.IN_STOCK: ("0",),
            api.GROUP: ("", " 1 ", "1", "1.9"),
        }
    )
    assert usable_filters(query) == {api.PRICE: ["0-100000"], api.GROUP: ["1", "1.9"]}
    sellers = api.Query(kind=api.SELLER, filters={api.PROVINCE: "66", api.PRICE: ("0-100000",)})
    assert usable_filters(sellers) == {api.PROVINCE: ["66"]}  # a lone string is one value


def test_startups_have_their_own_filters_and_yes_or_nothing_ones():
    query = api.Query(
        kind=api.STARTUP,
        filters={
            api.SECTOR: ("agriculture_food",),
            api.LOOKING_FOR: ("loan", "grant", "loan"),
            api.VERIFIED: ("1",),
            api.YOUTH_TEAM: ("yes",),  # only "1" means yes
            api.HAS_OCOP: ("0",),
            api.GROUP: ("1",),  # a product facet
        },
    )
    assert usable_filters(query) == {
        api.SECTOR: ["agriculture_food"],
        api.LOOKING_FOR: ["loan", "grant"],
        api.VERIFIED: ["1"],
    }


def test_filter_values_are_bounded():
    many = tuple(str(n) for n in range(200))
    assert len(usable_filters(api.Query(filters={api.PROVINCE: many}))[api.PROVINCE]) == 50
    (long,) = usable_filters(api.Query(filters={api.PROVINCE: ("6" * 500,)}))[api.PROVINCE]
    assert len(long) == 100


# --- facet values -------------------------------------------------------------------------


def test_facet_values_come_in_the_order_pages_show_them():
    assert facet_order(api.GROUP, {"1.10": 1, "2": 1, "1": 5, "1.2": 2}) == [
        "1",
        "1.2",
        "1.10",
        "2",
    ]
    assert facet_order(api.STARS, {"3": 9, "5": 1, "4": 2}) == ["5", "4", "3"]
    ranges = {"1000000-": 4, "0-100000": 1, "200000-500000": 3}
    assert facet_order(api.PRICE, ranges) == ["0-100000", "200000-500000", "1000000-"]
    assert facet_order(api.PROVINCE, {"68": 2, "01": 2, "66": 7}) == ["66", "01", "68"]


def test_values_without_hits_are_left_out_unless_selected():
    counts = {"0-100000": 3, "100000-200000": 0, "200000-500000": 0}
    assert facet_values(api.PRICE, counts, ["200000-500000", "1000000-"]) == [
        api.FacetValue("0-100000", 3),
        api.FacetValue("200000-500000", 0, True),
        api.FacetValue("1000000-", 0, True),  # selected, with no products at all
    ]
    assert facet_values(api.IN_STOCK, {"1": 0}, []) == []
