"""Search benchmark: full index rebuild, search with facets and type-ahead, with the real code.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/ocop_bench \\
        .venv/bin/python bench/bench_search.py [--iterations 20] [--readme] [--explain 3]

Runs against the data of ``bench/generate.py`` through ``search.api`` and the configured
backend (the database's own full text, or Elasticsearch when ``ELASTICSEARCH_URL`` is set),
in this process: server-side latency, warm (every case runs once before timing), one client.

- rebuild: ``search.services.index_rebuild`` of every public product and approved seller;
- search with facets: unaccented Vietnamese queries ("ca phe", "nuoc mam phu quoc", one with
  a typo), each alone (relevance, page 1) and with two facets and a sort on pages 1 and 10,
  plus browsing without text (a category page: group and another facet, a sort);
- type-ahead: ``search.api.suggest`` for 1 to 4 letter prefixes ("c", "ca", "ca p", "mat ").

Prints a table of p50/p95/max per scenario against the targets (search with facets
p95 < 150 ms, type-ahead p95 < 50 ms, rebuild < 5 min); ``--readme`` writes it into
``bench/README.md`` (section "Search") with the machine, date and commit. ``--explain N``
prints EXPLAIN ANALYZE of the statements of the N slowest searches and type-ahead prefixes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    Clock,
    django_setup,
    machine,
    percentile,
    readme_block_write,
)

TARGET_SEARCH_MS = 150
TARGET_SUGGEST_MS = 50
TARGET_REBUILD_S = 300

# What buyers type, mostly without diacritics (phones), a few with, one typo.
TEXTS = [
    "ca phe",
    "ca phe dak lak",
    "mat ong",
    "nuoc mam phu quoc",
    "gao st25",
    "che thai nguyen",
    "tra",
    "hat dieu",
    "banh trang",
    "nem chua",
    "ruou",
    "tho cam",
    "gom",
    "may tre dan",
    "tieu den",
    "dac san",
    "buoi da xanh",
    "sam ngoc linh",
    "tinh dau",
    "kho ca loc",
    "cà phê",
    "Mật ong rừng",
    "nuoc mam nhi",
    "moc chau",
    "ca phe chon",
    "mat ongg",
]
# Two facets and a sort, rotated over the texts (as a buyer narrows down then sorts).
NARROWING = [
    ({"stars": ("4", "5"), "province": ("66",)}, "price_asc"),
    ({"group": ("1",), "price": ("100000-200000",)}, "popular"),
    ({"in_stock": ("1",), "seller_kind": ("cooperative",)}, "newest"),
    ({"marketplace": ("shopee",), "stars": ("3", "4", "5")}, "stars"),
    ({"province": ("68", "52"), "price": ("0-100000", "200000-500000")}, "price_desc"),
    ({"group": ("1.9",), "in_stock": ("1",)}, "relevance"),
]
# Browsing a category page: no text, its group and one more facet, a sort.
BROWSE = [
    ({"group": ("1.9",), "stars": ("5",)}, "popular"),
    ({"group": ("1",), "province": ("66",)}, "newest"),
    ({"group": ("4.2",), "price": ("200000-500000",)}, "price_asc"),
    ({"group": ("3",), "in_stock": ("1",)}, "stars"),
]
# Type-ahead words; their 1-4 character prefixes are what is sent as the user types.
TYPED = [
    "ca phe",
    "mat ong",
    "nuoc mam",
    "gao",
    "che",
    "tra",
    "hat dieu",
    "banh",
    "ruou",
    "tho cam",
    "gom",
    "tieu",
    "htx",
    "ho kinh doanh",
    "buon ma thuot",
    "dak lak",
    "moc chau",
    "sam",
    "nem",
    "tinh dau",
    "cà phê",
    "mật ong",
    "xoai",
    "lan",
    "khô",
]


@dataclass
class Case:
    scenario: str
    label: str
    call: object  # () -> anything
    times: list[float] = field(default_factory=list)  # ms


def search_cases() -> list[Case]:
    from search import api

    cases = []

    def add(scenario, label, **kwargs):
        query = api.Query(**kwargs)
        cases.append(Case(scenario, label, lambda q=query: api.search(q)))

    for n, text in enumerate(TEXTS):
        filters, sort = NARROWING[n % len(NARROWING)]
        shown = " ".join(f"{k}={'|'.join(v)}" for k, v in filters.items())
        add("text, page 1", f"{text!r}", text=text)
        add(
            "text + 2 facets + sort, page 1",
            f"{text!r} {shown} sort={sort}",
            text=text,
            filters=filters,
            sort=sort,
        )
        add(
            "text + 2 facets + sort, page 10",
            f"{text!r} {shown} sort={sort} page=10",
            text=text,
            filters=filters,
            sort=sort,
            page=10,
        )
    for filters, sort in BROWSE:
        shown = " ".join(f"{k}={'|'.join(v)}" for k, v in filters.items())
        add("browse: 2 facets + sort, page 1", f"{shown} sort={sort}", filters=filters, sort=sort)
        add(
            "browse: 2 facets + sort, page 10",
            f"{shown} sort={sort} page=10",
            filters=filters,
            sort=sort,
            page=10,
        )
    return cases


def suggest_cases() -> list[Case]:
    from search import api

    prefixes = {}
    for word in TYPED:
        for length in range(1, 5):
            prefix = word[:length]
            if prefix.strip() and len(prefix) == length:
                prefixes.setdefault(prefix, length)
    return [
        Case(
            f"type-ahead, {length} letter{'s' if length > 1 else ''}",
            repr(prefix),
            lambda p=prefix: api.suggest(p),
        )
        for prefix, length in sorted(prefixes.items(), key=lambda item: (item[1], item[0]))
    ]


def measure(cases: list[Case], iterations: int) -> None:
    for case in cases:  # warm: caches, plans, the connection
        case.call()
    for _ in range(iterations):
        for case in cases:
            started = time.perf_counter()
            case.call()
            case.times.append((time.perf_counter() - started) * 1000)


def queries_per_call(case: Case) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        case.call()
    return len(captured.captured_queries)


def explain(case: Case) -> None:
    """EXPLAIN ANALYZE of each statement the case runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        case.call()
    print(f"\n=== {case.scenario}: {case.label} (p95 {percentile(case.times, 95):.1f} ms)")
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            print(f"\n-- {query['time']} s: {query['sql'][:3000]}")
            if connection.vendor != "postgresql":
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            print("\n".join(row[0] for row in cursor.fetchall()))


def rows(groups: dict[str, list[Case]], target: float) -> list[tuple]:
    out = []
    for scenario, cases in groups.items():
        times = [t for case in cases for t in case.times]
        out.append(
            (
                scenario,
                len(cases),
                len(times),
                percentile(times, 50),
                percentile(times, 95),
                max(times),
                None,
            )
        )
    every = [t for cases in groups.values() for case in cases for t in case.times]
    out.append(
        (
            "**all**",
            sum(len(c) for c in groups.values()),
            len(every),
            percentile(every, 50),
            percentile(every, 95),
            max(every),
            target,
        )
    )
    return out


def table(title: str, lines: list[tuple]) -> str:
    text = [
        f"| {title} | cases | calls | p50 ms | p95 ms | max ms | target |",
        "|---|---|---|---|---|---|---|",
    ]
    for scenario, cases, calls, p50, p95, worst, target in lines:
        verdict = ""
        if target is not None:
            verdict = f"p95 < {target} ms: {'met' if p95 < target else '**missed**'}"
        text.append(
            f"| {scenario} | {cases} | {calls} | {p50:.1f} | {p95:.1f} | {worst:.1f} | {verdict} |"
        )
    return "\n".join(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--iterations", type=int, default=20, help="timed rounds over every case (default 20)"
    )
    parser.add_argument(
        "--no-rebuild", action="store_true", help="keep the index as it is (it must be complete)"
    )
    parser.add_argument(
        "--readme", action="store_true", help="write the figures into bench/README.md"
    )
    parser.add_argument(
        "--explain",
        type=int,
        default=0,
        metavar="N",
        help="EXPLAIN ANALYZE the statements of the N slowest searches "
        "and the N slowest type-ahead prefixes",
    )
    parser.add_argument(
        "--cases", action="store_true", help="also print every case's p50 and p95, slowest first"
    )
    parser.add_argument(
        "--allow-sqlite",
        action="store_true",
        help="also run on SQLite (figures for the SQLite backend)",
    )
    args = parser.parse_args()
    if args.iterations < 1:
        parser.error("--iterations must be at least 1")
    django_setup(require_postgres=not args.allow_sqlite)

    from catalog.selectors import public_products
    from search import api
    from search.services import index_rebuild

    clock = Clock()
    backend = api.backend()
    products = public_products().count()
    clock.say(f"backend: {backend.name}; {products:,} public products")

    rebuild = ""
    if not args.no_rebuild:
        shown = {"step": -1}

        def progress(done, total):
            step = done * 20 // max(total, 1)
            if step != shown["step"]:
                shown["step"] = step
                bar = "#" * step + "." * (20 - step)
                print(f"\r  rebuild [{bar}] {done:,}/{total:,}", end="", flush=True)

        started = time.perf_counter()
        written = index_rebuild(progress=progress)
        seconds = time.perf_counter() - started
        print()
        verdict = "met" if seconds < TARGET_REBUILD_S else "**missed**"
        rebuild = (
            f"Full rebuild (`index_rebuild`): {written:,} documents in {seconds:.0f} s "
            f"({written / seconds:,.0f} per second); target < {TARGET_REBUILD_S // 60} "
            f"minutes: {verdict}."
        )
        clock.say(rebuild)

    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    searches, suggestions = search_cases(), suggest_cases()
    per_search = queries_per_call(searches[1])
    per_suggest = queries_per_call(suggestions[0])
    clock.say(
        f"timing {len(searches)} searches and {len(suggestions)} type-ahead prefixes, "
        f"{args.iterations} rounds each"
    )
    measure(searches, args.iterations)
    measure(suggestions, args.iterations)
    clock.say("done")
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())

    def grouped(cases):
        groups = defaultdict(list)
        for case in cases:
            groups[case.scenario].append(case)
        return groups

    search_table = table("search with facets", rows(grouped(searches), TARGET_SEARCH_MS))
    suggest_table = table("type-ahead", rows(grouped(suggestions), TARGET_SUGGEST_MS))
    slowest = sorted(searches + suggestions, key=lambda c: -percentile(c.times, 95))
    slow_lines = "\n".join(
        f"- {c.scenario}: {c.label}: p95 {percentile(c.times, 95):.1f} ms" for c in slowest[:5]
    )
    info = machine()
    header = (
        f"Measured {info['date']} at commit {info['commit']} on {info['machine']}, "
        f"{info['database']}, Python {info['python']}; load average (1, 5, 15 min) "
        f"{load_before} before timing, {load_after} after."
    )
    report = (
        f"{header}\nBackend `{backend.name}`, {products:,} public products; "
        f"{args.iterations} timed rounds, warm, one client, in-process "
        f"(`search.api`, no HTTP).\n\n"
        + (rebuild + "\n\n" if rebuild else "")
        + search_table
        + "\n\n"
        + suggest_table
        + "\n\n"
        + f"SQL statements per call: a search with facets {per_search}, a type-ahead "
        f"{per_suggest}.\n\nSlowest cases (p95):\n\n{slow_lines}\n"
    )
    print()
    print(report)
    if args.cases:
        for case in slowest:
            print(
                f"{percentile(case.times, 50):8.1f} {percentile(case.times, 95):8.1f} ms  "
                f"{case.scenario}: {case.label}"
            )
    if args.readme:
        readme_block_write(
            f"bench_search:{backend.name}", report, heading=f"### Measured: {backend.name}"
        )
        print(f"Written into {Path(__file__).parent / 'README.md'}.")
    # The slowest searches and the slowest type-ahead prefixes, each explained.
    for cases in (searches, suggestions):
        for case in sorted(cases, key=lambda c: -percentile(c.times, 95))[: args.explain]:
            explain(case)
    return 0


if __name__ == "__main__":
    sys.exit(main())
