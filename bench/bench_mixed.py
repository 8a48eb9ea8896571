"""The mixed run: anonymous visitors browse while the shop takes orders.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/ocop_bench \\
        .venv/bin/python bench/bench_mixed.py [--seconds 60] [--write --label "..."]

gunicorn serves the site (2 sync workers, production settings, the page cache in a Redis of
its own, as ``bench_site.py``'s throughput part). ``--connections`` (4) threads browse: each
request is one of a fixed set of addresses, drawn at random: category pages (the six OCOP
groups and the busiest sub-group, pages 1 and 2), searches (text, and text with a facet) and
product pages (40 products in stock). First they browse for ``--idle-seconds`` with nothing
changing (the idle figures); then for ``--seconds`` while this process places an order every
second from a process of its own, as a checkout does (``OrderCreator``: stock allocated, the
order's seller parts made with cash on delivery), each committed, with its index update run
after the commit (in that process: there is no broker). Half of the orders buy one of the browsed products, half one
of 200 other products in stock, drawn at random.

Reported: the share of answers served from the page cache (``X-Page-Cache: hit``), and the
p50 / p95 latency of listings (categories and searches) and of product pages, idle and
during the orders, as the client measured them. Targets (issue 17): hit rate >= 90 %,
listing p95 during the orders within 2x the idle p95.

Before it starts, every product that will be sold is written to the index once (as any
product sold or edited before has been), so that the index writes of the run know what each
product's listings showed (``search.listing_cache``).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_site import OUTPUT, Gunicorn, Redis, collectstatic
from bench.common import ROOT, django_setup, machine, percentile

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
TARGET_HIT_RATE = 0.90
TARGET_P95_GROWTH = 2.0


@dataclass
class Sample:
    kind: str  # "listing" or "product"
    ms: float
    hit: bool


@dataclass
class Phase:
    samples: list[Sample] = field(default_factory=list)
    errors: int = 0
    orders: int = 0
    order_ms: list[float] = field(default_factory=list)

    def hit_rate(self) -> float:
        return sum(s.hit for s in self.samples) / max(1, len(self.samples))

    def ms(self, kind: str) -> list[float]:
        return [s.ms for s in self.samples if s.kind == kind]


def addresses(say) -> tuple[list[tuple[str, str]], list[int], list[int]]:
    """(kind, path) of the browsed pages; the browsed products; 200 others in stock."""
    from django.db.models import Count, Q
    from oscar.core.loading import get_model

    from catalog.selectors import public_products

    Category = get_model("catalogue", "Category")
    in_stock = public_products().filter(stockrecords__num_in_stock__gt=100)
    public_ids = public_products().values("pk")
    groups = list(Category.get_root_nodes().exclude(ocop_code="").order_by("ocop_code"))
    busiest = (
        Category.objects.exclude(ocop_code="")
        .filter(depth__gt=1)
        .annotate(n=Count("product", filter=Q(product__in=public_ids)))
        .order_by("-n", "pk")
        .first()
    )
    pages = []
    for category in [*groups, busiest]:
        url = category.get_absolute_url()
        pages += [("listing", url), ("listing", f"{url}?page=2")]
    for words in ("ca phe", "mat ong", "tra", "gao", "nuoc mam", "banh"):
        q = words.replace(" ", "+")
        pages += [("listing", f"/shop/search/?q={q}"), ("listing", f"/shop/search/?q={q}&stars=4")]
    rng = random.Random(17)
    pool = list(in_stock.order_by("pk").values_list("pk", flat=True)[:5000])
    browsed = rng.sample(pool, 40)
    others = rng.sample([pk for pk in pool if pk not in set(browsed)], 200)
    Product = get_model("catalogue", "Product")
    for product in Product.objects.filter(pk__in=browsed):
        pages.append(("product", product.get_absolute_url()))
    say(f"{sum(k == 'listing' for k, _ in pages)} listing and 40 product addresses")
    return pages, browsed, others


def browse(base: str, pages, seconds: float, connections: int, phase: Phase) -> None:
    parts = urlsplit(base)
    stop = time.perf_counter() + seconds
    lock = threading.Lock()

    def worker(n):
        rng = random.Random(n)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        mine = []
        errors = 0
        while time.perf_counter() < stop:
            kind, path = rng.choice(pages)
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            ms = (time.perf_counter() - started) * 1000
            if response.status != 200:
                errors += 1
                continue
            mine.append(Sample(kind, ms, response.getheader("X-Page-Cache") == "hit"))
        with lock:
            phase.samples.extend(mine)
            phase.errors += errors

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def order_place(product_id: int) -> None:
    """One order of one unit, as a checkout places it, committed."""
    from django.db import transaction
    from oscar.core.loading import get_model
    from oscar.test.factories import create_order

    from catalog.partner.strategy import Default
    from shop.order.services import parts_create

    Basket = get_model("basket", "Basket")
    Product = get_model("catalogue", "Product")
    with transaction.atomic():
        basket = Basket.objects.create()
        basket.strategy = Default()
        basket.add_product(Product.objects.get(pk=product_id), 1)
        order = create_order(basket=basket)
        parts_create(order=order, payment_method="cod")


def orders(seconds: float, browsed: list[int], others: list[int], phase: Phase) -> None:
    rng = random.Random(1)
    stop = time.perf_counter() + seconds
    tick = time.perf_counter()
    while tick < stop:
        pk = rng.choice(browsed if rng.random() < 0.5 else others)
        started = time.perf_counter()
        order_place(pk)
        phase.order_ms.append((time.perf_counter() - started) * 1000)
        phase.orders += 1
        tick += 1.0
        time.sleep(max(0.0, tick - time.perf_counter()))


def buy(args) -> int:
    """The second client: its own process (its own interpreter lock), placing the orders and
    printing how long each took."""
    django_setup()
    browsed, others = ([int(x) for x in ids.split(",")] for ids in args.orders)
    print("ready", flush=True)
    phase = Phase()
    orders(args.seconds, browsed, others, phase)
    print(" ".join(f"{ms:.1f}" for ms in phase.order_ms), flush=True)
    return 0


def report(idle: Phase, mixed: Phase, args, load: tuple, products: int) -> str:
    def row(name: str, phase: Phase) -> str:
        cells = [name, f"{len(phase.samples):,}", f"{phase.hit_rate():.1%}"]
        for kind in ("listing", "product"):
            values = phase.ms(kind)
            cells.append(f"{percentile(values, 50):.1f} / {percentile(values, 95):.1f}")
        cells.append(str(phase.orders))
        return "| " + " | ".join(cells) + " |"

    idle_p95 = percentile(idle.ms("listing"), 95)
    mixed_p95 = percentile(mixed.ms("listing"), 95)
    info = machine()
    growth = mixed_p95 / idle_p95
    after = os.getloadavg()
    lines = [
        f"Measured {info['date']} at commit {info['commit']} on {info['machine']}, "
        f"{info['database']}; {products:,} public products; {args.connections} connections "
        f"browsing; load average (1, 5, 15 min) {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"before, {after[0]:.2f} {after[1]:.2f} {after[2]:.2f} after.",
        "",
        "| phase | answers | from the cache | listings p50 / p95 ms | products p50 / p95 ms "
        "| orders |",
        "|---|---|---|---|---|---|",
        row(f"idle, {args.idle_seconds} s", idle),
        row(f"an order a second, {args.seconds} s", mixed),
        "",
        f"- Hit rate during the orders: {mixed.hit_rate():.1%} (target >= 90 %): "
        f"{'met' if mixed.hit_rate() >= TARGET_HIT_RATE else '**not met**'}.",
        f"- Listing p95 during the orders: {mixed_p95:.1f} ms against {idle_p95:.1f} ms idle, "
        f"{growth:.2f}x (target <= 2x): "
        f"{'met' if growth <= TARGET_P95_GROWTH else '**not met**'}.",
        f"- Placing an order (in this process, its index update included): p50 "
        f"{percentile(mixed.order_ms, 50):.0f} ms, p95 {percentile(mixed.order_ms, 95):.0f} ms; "
        f"errors {idle.errors + mixed.errors}.",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--idle-seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--write", action="store_true", help="append to bench/RESULTS.md")
    parser.add_argument("--label", default="mixed run")
    parser.add_argument("--orders", nargs=2, help=argparse.SUPPRESS)  # the buying process
    args = parser.parse_args()
    if args.orders:
        return buy(args)

    def say(text):
        print(text, flush=True)

    redis = Redis.start(say)
    if redis is None:
        sys.exit("The mixed run needs redis-server: the workers and the orders share a cache.")
    os.environ["REDIS_URL"] = redis.url  # this process's bumps reach the workers' cache
    os.environ.setdefault("PAGE_CACHE_SECONDS", "600")
    server = None
    try:
        django_setup()
        from catalog.selectors import public_products
        from search.services import products_reindex

        OUTPUT.mkdir(exist_ok=True)
        collectstatic(say)
        pages, browsed, others = addresses(say)
        products = public_products().count()
        started = time.perf_counter()
        products_reindex([*browsed, *others])
        say(f"the 240 products to sell written once: {time.perf_counter() - started:.1f} s")
        server = Gunicorn("config.wsgi", {"REDIS_URL": redis.url})
        warm = Phase()
        for _round in range(2):
            for _kind, path in pages:
                browse_once(server.base, path, warm)
        load = os.getloadavg()
        idle = Phase()
        browse(server.base, pages, args.idle_seconds, args.connections, idle)
        say(f"idle: {len(idle.samples):,} answers, {idle.hit_rate():.1%} from the cache")
        mixed = Phase()
        buyer = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--orders",
                ",".join(map(str, browsed)),
                ",".join(map(str, others)),
                "--seconds",
                str(args.seconds),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        ready = buyer.stdout.readline()  # Django is set up: the orders start now
        assert ready.strip() == "ready", ready
        browse(server.base, pages, args.seconds, args.connections, mixed)
        out, _ = buyer.communicate(timeout=120)
        mixed.order_ms = [float(x) for x in out.split()]
        mixed.orders = len(mixed.order_ms)
        body = report(idle, mixed, args, load, products)
        print(body)
        if args.write:
            with RESULTS.open("a") as out:
                out.write(f"\n## {args.label}\n\n{body}\n")
            say(f"appended to {RESULTS.relative_to(ROOT)}")
    finally:
        if server is not None:
            server.stop()
        redis.stop()
    return 0


def browse_once(base: str, path: str, phase: Phase) -> None:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        phase.errors += 1
        print(f"  {path}: {response.status}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
