"""Site benchmark: every page type, in-process latency and queries, then throughput
and memory against gunicorn (2 workers, production settings) on loopback.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/ocop_bench \\
        .venv/bin/python bench/bench_site.py [--products 100000] [--iterations 30] [--write]

1. Prepares the data when the database has none: ``manage.py load_reference_data`` and
   ``bench/generate.py`` (``--products``, sellers one per 20 products), then
   ``search.services.index_rebuild()``; the site's home page (``cms.services.home_page_ensure``
   as ``prepare_demo_site`` does, instead of Wagtail's welcome page); and a dashboard login for the generated seller with the
   most products (``bench-seller``, with ``partner.dashboard_access``).
2. Server-side latency p50/p95 per page: ``django.test.Client`` in this process, DEBUG off,
   warm (each page is asked once first), one client, ``--iterations`` times each.
3. SQL statements per page (``CaptureQueriesContext``, one warm request).
4. Throughput: gunicorn ``config.wsgi`` with 2 workers and ``config.settings.production`` (only
   ``STATIC_ROOT`` moved to ``bench/output/static``, see ``bench/settings_production.py``),
   loaded with ``wrk`` (or a threaded Python loop when ``wrk`` is missing) on the GET pages;
   then the same server set-up serving ``bench/bare_wsgi.py``: a bare Django view answering a
   fixed page of the same size, the "limit". Reported as requests per second and a ratio.
5. Peak RSS (``VmHWM``) of each gunicorn worker after the load.

A page type joins with one entry in ``PAGES``: a name, how to get its URL from the data
(``Data``), the method, an optional set-up of the client (login, basket) and its target.
``--write`` writes the table into ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Clock, django_setup, machine, percentile

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
OUTPUT = Path(__file__).resolve().parent / "output"
PYTHON = sys.executable
TARGET_QUERIES = 15
TARGET_RSS_MB = 300
TARGET_RATIO = 1 / 3
SELLER_USERNAME = "bench-seller"
CATEGORY_DEEP_PAGE = 100
DIRECTORY_DEEP_PAGE = 200
DIRECTORY_PAGE_SIZE = 24
DIRECTORY_FILTERS = "sector=agriculture_food&looking_for=investment"


# --- the data the pages are built from ----------------------------------------------------


@dataclass
class Data:
    """What the page entries need, looked up once from the generated rows."""

    category_url: str = ""
    category_pages: int = 0
    product_id: int = 0
    product_url: str = ""
    basket_product_ids: list[int] = field(default_factory=list)
    seller_url: str = ""
    seller_products: int = 0
    seller_user_id: int = 0
    public_products: int = 0
    products: int = 0  # all products, public or not (the generated size)
    startups: int = 0  # public startups (the directory's size)
    directory_url: str = ""
    directory_pages: int = 0
    startup_url: str = ""
    startup_followers: int = 0
    pitch_url: str = ""
    expo_slug: str = ""
    expo_booths: int = 0  # approved booths of the generated expo
    expo_products: int = 0  # featured products of its booths
    expo_lobby_url: str = ""
    expo_booth_url: str = ""
    expo_booth_products: int = 0
    expo_missing: str = ""  # why the expo rows are skipped, when they are
    officer_user_id: int = 0  # a central youth-union officer (the national report)
    union_report_url: str = ""


def data_load() -> Data:
    from django.db.models import Count, Q
    from oscar.core.loading import get_model

    from catalog.selectors import public_products

    Category = get_model("catalogue", "Category")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    data = Data(
        public_products=public_products().count(),
        products=get_model("catalogue", "Product").objects.count(),
    )

    # The OCOP sub-group with the most public products: its first and its 100th page.
    public_ids = public_products().values("pk")
    category = (
        Category.objects.exclude(ocop_code="")
        .annotate(n=Count("product", filter=Q(product__in=public_ids)))
        .order_by("-n", "pk")
        .first()
    )
    data.category_url = category.get_absolute_url()
    data.category_pages = -(-category.n // 24)

    # The most ordered public product in stock (a well-linked, busy product page).
    product = (
        public_products()
        .filter(stockrecords__num_in_stock__gt=50)
        .annotate(sold=Count("line"))
        .order_by("-sold", "pk")
        .first()
    )
    data.product_id, data.product_url = product.pk, product.get_absolute_url()
    data.basket_product_ids = list(
        public_products()
        .filter(stockrecords__num_in_stock__gt=50)
        .exclude(pk=product.pk)
        .order_by("pk")
        .values_list("pk", flat=True)[:3]
    )

    # The approved generated seller with the most products: its page and its dashboard.
    seller = (
        Partner.objects.filter(code__startswith="gen-", status=Partner.Status.APPROVED)
        .annotate(n=Count("stockrecords"))
        .order_by("-n", "pk")
        .first()
    )
    data.seller_url, data.seller_products = seller.get_absolute_url(), seller.n
    data.seller_user_id = seller_user(seller).pk
    assert StockRecord.objects.filter(partner=seller).exists()
    startups_load(data)
    expo_load(data)
    union_load(data)
    return data


OFFICER_USERNAME = "bench-central-officer"


def union_load(data: Data) -> None:
    """A central officer and the national report over the last 365 days (Viet Nam's)."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from startups.models import Officer, UnionUnit
    from startups.selectors.union_report import today_vietnam
    from startups.services.union import union_units_load

    union_units_load()
    User = get_user_model()
    user = User.objects.filter(username=OFFICER_USERNAME).first()
    if user is None:
        user = User.objects.create_user(OFFICER_USERNAME, f"{OFFICER_USERNAME}@example.com")
        Officer.objects.create(user=user, unit=UnionUnit.objects.get(level="central"))
    data.officer_user_id = user.pk
    end = today_vietnam()
    start = end - datetime.timedelta(days=364)
    data.union_report_url = (
        f"{reverse('startups:union-report')}?period=custom&start={start}&end={end}"
    )


def startups_load(data: Data) -> None:
    """The directory, the most followed public startup's page, and the pitch page of the most
    followed startup that has a published pitch."""
    from django.urls import reverse

    from startups.models import Pitch, Startup

    public = Startup.objects.filter(published=True, partner__status="approved")
    data.startups = public.count()
    data.directory_url = reverse("startup-directory")
    data.directory_pages = -(-data.startups // DIRECTORY_PAGE_SIZE)
    startup = public.order_by("-follower_count", "pk").first()
    data.startup_url = reverse("startups:startup-detail", kwargs={"slug": startup.slug})
    data.startup_followers = startup.follower_count
    pitch = (
        Pitch.objects.filter(published_version__isnull=False, startup__in=public)
        .select_related("startup")
        .order_by("-startup__follower_count", "pk")
        .first()
    )
    data.pitch_url = reverse(
        "startups:pitch-detail", kwargs={"slug": pitch.startup.slug, "pitch_slug": pitch.slug}
    )


def expo_load(data: Data) -> None:
    """The generated expo's lobby, and the booth with the most featured products (the first
    of them): ``data.expo_missing`` says why not when there is no expo or no page yet."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from bench.generate import EXPO_SLUG
    from startups.models import Booth, BoothProduct, Expo

    expo = Expo.objects.filter(slug=EXPO_SLUG).first()
    if expo is None:
        data.expo_missing = (
            f"no expo {EXPO_SLUG!r} in this database (generated before expos: use a fresh one)"
        )
        return
    booths = Booth.objects.filter(expo=expo, status=Booth.Status.APPROVED)
    data.expo_slug, data.expo_booths = expo.slug, booths.count()
    data.expo_products = BoothProduct.objects.filter(booth__in=booths).count()
    booth = booths.annotate(n=Count("booth_products")).order_by("-n", "position", "pk").first()
    if booth is None:
        data.expo_missing = f"the expo {expo.slug!r} has no approved booth"
        return
    data.expo_booth_products = booth.n
    try:
        data.expo_lobby_url = reverse("startups:expo-lobby", kwargs={"slug": expo.slug})
        data.expo_booth_url = reverse(
            "startups:expo-booth", kwargs={"slug": expo.slug, "booth_pk": booth.pk}
        )
    except NoReverseMatch as error:
        data.expo_lobby_url = data.expo_booth_url = ""
        data.expo_missing = f"the expo pages do not resolve yet ({error})"


def seller_user(partner):
    """One dashboard user for ``partner`` (as tests/catalog/factories.py seller_user_create makes)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    User = get_user_model()
    user = User.objects.filter(username=SELLER_USERNAME).first()
    if user is None:
        user = User.objects.create_user(
            SELLER_USERNAME, f"{SELLER_USERNAME}@example.com", "mat-khau-nguoi-ban-2026"
        )
        user.user_permissions.add(
            Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
        )
    partner.users.add(user)
    return user


# --- the pages ----------------------------------------------------------------------------


def login_seller(client, data: Data) -> None:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(pk=data.seller_user_id))


def login_officer(client, data: Data) -> None:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(pk=data.officer_user_id))


def login_buyer(client, data: Data) -> None:
    """A signed-in buyer (made once, ``bench-buyer``) with the product in their basket."""
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench-buyer", defaults={"email": "bench-buyer@example.com"}
    )
    client.force_login(user)
    response = client.post(f"/shop/basket/add/{data.product_id}/", {"quantity": 1})
    assert response.status_code == 302, f"basket add {data.product_id}: {response.status_code}"
    client.get("/shop/basket/")  # reads the "added" message


def basket_fill(client, data: Data) -> None:
    for pk in [data.product_id, *data.basket_product_ids]:
        response = client.post(f"/shop/basket/add/{pk}/", {"quantity": 1})
        assert response.status_code == 302, f"basket add {pk}: {response.status_code}"


@dataclass
class Page:
    name: str
    url: Callable[[Data], str]
    method: str = "GET"
    form: dict | None = None  # POST body
    setup: Callable | None = None  # (client, data) before timing: login, basket
    fresh_client: bool = False  # a new client (and basket) for every request
    target_ms: float | None = None  # p95 target
    load: bool = True  # also measured for throughput against gunicorn (GET only)
    throughput_target: bool = False  # must reach a third of the bare view
    status: int = 200
    optional: bool = False  # skipped (with the reason in ``Data``) when its URL is empty
    queries_target: int = TARGET_QUERIES  # a report runs one GROUP BY per figure


PAGES: list[Page] = [
    Page("home", lambda d: "/", target_ms=80),
    Page("category, page 1", lambda d: d.category_url, target_ms=80, throughput_target=True),
    Page(
        f"category, page {CATEGORY_DEEP_PAGE}",
        lambda d: f"{d.category_url}?page={min(CATEGORY_DEEP_PAGE, d.category_pages)}",
        target_ms=80,
        throughput_target=True,
    ),
    Page("product", lambda d: d.product_url, target_ms=80, throughput_target=True),
    Page("seller", lambda d: d.seller_url, target_ms=80),
    Page(
        "search, 2 facets",
        lambda d: "/shop/search/?q=ca+phe&stars=4&stars=5&province=66",
        target_ms=150,
    ),
    Page("type-ahead", lambda d: "/shop/search/suggest/?q=ca+ph", target_ms=50),
    Page("startup directory, page 1", lambda d: d.directory_url, target_ms=80),
    Page(
        f"startup directory, page {DIRECTORY_DEEP_PAGE}",
        lambda d: f"{d.directory_url}?page={min(DIRECTORY_DEEP_PAGE, d.directory_pages)}",
        target_ms=80,
    ),
    Page(
        "startup directory, 2 filters",
        lambda d: f"{d.directory_url}?{DIRECTORY_FILTERS}",
        target_ms=80,
    ),
    Page("startup", lambda d: d.startup_url, target_ms=80),
    Page("pitch", lambda d: d.pitch_url, target_ms=80),
    Page("expo lobby", lambda d: d.expo_lobby_url, target_ms=80, optional=True),
    Page("expo booth", lambda d: d.expo_booth_url, target_ms=80, optional=True),
    Page(
        "add to basket (POST)",
        lambda d: f"/shop/basket/add/{d.product_id}/",
        method="POST",
        form={"quantity": 1},
        fresh_client=True,
        load=False,
        status=302,
    ),
    Page("basket", lambda d: "/shop/basket/", setup=basket_fill, load=False),
    # A signed-in buyer with a basket: the shop's pages as served to them (shared cached pages,
    # their basket and links filled in) and uncached (what they paid before).
    Page("product, signed in", lambda d: d.product_url, setup=login_buyer, load=False),
    Page("category, page 1, signed in", lambda d: d.category_url, setup=login_buyer, load=False),
    Page(
        "search, 2 facets, signed in",
        lambda d: "/shop/search/?q=ca+phe&stars=4&stars=5&province=66",
        setup=login_buyer,
        load=False,
    ),
    Page(
        "dashboard: seller's products",
        lambda d: "/shop/dashboard/catalogue/",
        setup=login_seller,
        load=False,
    ),
    Page(
        "seller centre: 30 days",
        lambda d: "/shop/dashboard/?period=30d",
        setup=login_seller,
        load=False,
        target_ms=300,
        queries_target=45,
    ),
    Page(
        "union home: central",  # the work waiting and this month's national report
        lambda d: "/union/",
        setup=login_officer,
        load=False,
        target_ms=1500,
        queries_target=40,
    ),
    Page(
        "union report: central, a year",
        lambda d: d.union_report_url,
        setup=login_officer,
        load=False,
        target_ms=1500,
        queries_target=40,
    ),
]


@dataclass
class Measured:
    page: Page
    url: str
    times: list[float] = field(default_factory=list)
    queries: int = 0
    uncached_times: list[float] = field(default_factory=list)  # page and card caches off
    uncached_queries: int = 0
    miss_times: list[float] = field(default_factory=list)  # whole pages off, fragments kept
    miss_queries: int = 0
    size: int = 0
    rps: float | None = None
    bare_rps: float | None = None


def request(client, page: Page, url: str):
    if page.method == "POST":
        return client.post(url, page.form or {})
    return client.get(url)


def measure_in_process(
    data: Data, iterations: int, say, only: list[str] | None = None
) -> list[Measured]:
    """Each page as served (warm: after one request, so cached pages come from the cache) and
    rendered every time (``PAGE_CACHE_SECONDS=0``: no page, card or facet count cache), which
    is what a visitor pays right after a change (and staff on every page)."""
    from django.test import override_settings

    results = []
    for page in PAGES:
        if only and not any(word.lower() in page.name.lower() for word in only):
            continue
        url = page.url(data)
        if page.optional and not url:
            say(f"{page.name:32} skipped: {data.expo_missing or 'no URL'}")
            continue
        measured = Measured(page, url)
        try:
            measured.times, measured.queries, measured.size = timed(page, url, data, iterations)
            with override_settings(PAGE_CACHE_SECONDS=0):
                measured.uncached_times, measured.uncached_queries, _ = timed(
                    page, url, data, iterations
                )
            with override_settings(PAGE_CACHE_PAGES=False):
                measured.miss_times, measured.miss_queries, _ = timed(page, url, data, iterations)
        except Exception as error:  # a page still being written: its row is left out
            if not page.optional:
                raise
            say(f"{page.name:32} skipped: {url} fails ({error.__class__.__name__}: {error})")
            continue
        say(
            f"{page.name:32} {url[:60]:60} p50 {percentile(measured.times, 50):7.1f} ms  "
            f"p95 {percentile(measured.times, 95):7.1f} ms  {measured.queries:3} queries  "
            f"uncached p95 {percentile(measured.uncached_times, 95):7.1f} ms "
            f"{measured.uncached_queries:3} queries  "
            f"page miss p50 {percentile(measured.miss_times, 50):7.1f} ms "
            f"{measured.miss_queries:3} queries  {measured.size:,} bytes"
        )
        results.append(measured)
    return results


def timed(page: Page, url: str, data: Data, iterations: int) -> tuple[list[float], int, int]:
    """(times in ms, queries of one warm request, response size) for ``iterations`` warm
    requests of one client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if page.setup:
        page.setup(client, data)
    response = request(Client() if page.fresh_client else client, page, url)  # warm
    assert response.status_code == page.status, f"{page.name} {url}: {response.status_code}"
    size = len(response.content)
    with CaptureQueriesContext(connection) as captured:
        request(Client() if page.fresh_client else client, page, url)
    queries = len(captured.captured_queries)  # now: each request empties Django's query log
    times = []
    for _ in range(iterations):
        current = Client() if page.fresh_client else client
        started = time.perf_counter()
        response = request(current, page, url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == page.status
    return times, queries, size


# --- gunicorn, the load tool, memory ------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings_production",
            "SECRET_KEY": env.get("SECRET_KEY") or "bench-only-secret-key-" + "x" * 32,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def collectstatic(say) -> None:
    """Collect the static files once, and again when one of the project's is newer than the
    manifest (a page naming a file the manifest lacks fails with production's storage)."""
    manifest = OUTPUT / "static" / "staticfiles.json"
    if manifest.exists():
        newest = max(
            (f.stat().st_mtime for f in (ROOT / "static").rglob("*") if f.is_file()), default=0
        )
        if newest <= manifest.stat().st_mtime:
            return
    say("collectstatic into bench/output/static (production's manifest storage needs it)")
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=server_env(),
        check=True,
    )


class Gunicorn:
    """gunicorn with 2 sync workers (production's default ``WEB_CONCURRENCY``, see the
    Procfile) on a free loopback port, stopped on exit."""

    def __init__(self, app: str, extra_env: dict | None = None, workers: int = 2):
        self.port = free_port()
        env = server_env()
        env.update(extra_env or {})
        self.log = open(OUTPUT / f"gunicorn-{app.replace(':', '-')}.log", "w")
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                app,
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--access-logfile",
                "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(self.base + "/robots.txt", timeout=5)
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if self.process.poll() is not None or time.time() > deadline:
                    raise SystemExit(f"gunicorn {app} did not start: see {self.log.name}") from None
                time.sleep(0.3)

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def peak_rss_mb(self) -> list[float]:
        peaks = []
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM"):
                    peaks.append(int(line.split()[1]) / 1024)
        return peaks

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Redis:
    """A throwaway redis-server on a free loopback port (the production cache), or None when
    it is not installed (the workers then use their own local-memory caches)."""

    @classmethod
    def start(cls, say):
        if not shutil.which("redis-server"):
            say("redis-server not installed: gunicorn uses local-memory caches")
            return None
        return cls()

    def __init__(self):
        import tempfile

        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="bench-redis-")
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.dir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"redis://127.0.0.1:{self.port}/0"
        deadline = time.time() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit("redis-server did not start") from None
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)


def load_wrk(url: str, seconds: int, connections: int) -> float:
    # wrk's own time-out (2 s) would drop every answer of a page slower than that: 30 s.
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = [line for line in out.splitlines() if "Non-2xx" in line or "Socket errors" in line]
    if errors:
        print(f"  wrk {url}: {'; '.join(e.strip() for e in errors)}", flush=True)
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise RuntimeError(out)


def load_python(url: str, seconds: int, connections: int) -> float:
    """A threaded keep-alive-less HTTP loop: ``connections`` threads for ``seconds``."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    counts = [0] * connections
    stop = time.perf_counter() + seconds

    def worker(n):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while time.perf_counter() < stop:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            counts[n] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - started)


def throughput(
    results: list[Measured],
    seconds: int,
    connections: int,
    say,
    *,
    uncached: bool = False,
    miss: bool = False,
) -> dict:
    OUTPUT.mkdir(exist_ok=True)
    collectstatic(say)
    tool = "wrk" if shutil.which("wrk") else "python"
    load = load_wrk if tool == "wrk" else load_python
    loaded = [m for m in results if m.page.load and m.page.method == "GET"]
    info = {
        "tool": tool,
        "seconds": seconds,
        "connections": connections,
        "uncached": uncached,
        "miss": miss,
    }

    redis = Redis.start(say)
    info["cache"] = "Redis (shared by both workers)" if redis else "local memory (per worker)"
    if uncached:
        info["cache"] += ", the page cache off (PAGE_CACHE_SECONDS=0: every request rendered)"
    elif miss:
        info["cache"] += (
            ", whole pages off (PAGE_CACHE_PAGES=0: every request rendered, the cards, counts,"
            " navigation and footer from the cache)"
        )
    # Both servers run side by side, and each page is loaded right before the bare view of
    # its size: the machine's other load then weighs on both figures of a ratio alike.
    extra = {"REDIS_URL": redis.url} if redis else {}
    if uncached:  # every request rendered: what a signed-in visitor or a miss costs
        extra["PAGE_CACHE_SECONDS"] = "0"
    elif miss:  # every request rendered, the fragments kept: a page whose content changed
        extra["PAGE_CACHE_PAGES"] = "0"
    server = Gunicorn("config.wsgi", extra)
    bare = Gunicorn("bench.bare_wsgi:application")
    try:
        for m in loaded:
            load(server.base + m.url, 2, connections)  # warm both workers
            m.rps = load(server.base + m.url, seconds, connections)
            url = f"{bare.base}/bare/{m.size}/"
            load(url, 2, connections)
            m.bare_rps = load(url, seconds, connections)
            say(
                f"gunicorn {m.page.name:32} {m.rps:8.2f} req/s   bare view, {m.size:,} bytes "
                f"{m.bare_rps:8.1f} req/s   ratio {m.rps / m.bare_rps:.2f}"
            )
        info["rss"] = server.peak_rss_mb()
        info["bare_rss"] = bare.peak_rss_mb()
        say("peak RSS per worker: " + ", ".join(f"{r:.0f} MB" for r in info["rss"]))
    finally:
        server.stop()
        bare.stop()
        if redis:
            redis.stop()
    return info


# --- preparing the database ---------------------------------------------------------------


def prepare(products: int, rebuild: bool, say) -> None:
    from django.core.management import call_command
    from oscar.core.loading import get_model

    from bench.generate import generate
    from cms.services import home_page_ensure
    from search.services import index_rebuild

    Partner = get_model("partner", "Partner")
    if not Partner.objects.filter(code__startswith="gen-").exists():
        say("no generated data: load_reference_data, then generate")
        call_command("load_reference_data")
        generate(products=products, sellers=max(1, products // 20), say=say)
        rebuild = True
    if home_page_ensure():  # the site's home page instead of Wagtail's welcome page
        say("home page made")
    if rebuild:
        started = time.perf_counter()
        written = index_rebuild()
        say(f"index_rebuild: {written:,} documents in {time.perf_counter() - started:.0f} s")


# --- the report ---------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(results: list[Measured], info: dict | None, data: Data, args, load: tuple) -> str:
    m = machine()
    lines = [
        f"Measured {m['date']} at commit {m['commit']} on {m['machine']}, {m['database']}, "
        f"Python {m['python']}; load average (1, 5, 15 min) {load[0]} before, {load[1]} after.",
        "",
        f"Data: {data.products:,} products, {data.public_products:,} public "
        f"(`bench/generate.py`); category: the "
        f"OCOP sub-group with the most products ({data.category_pages:,} pages of 24; the "
        f"deep page is the {CATEGORY_DEEP_PAGE}th or the last); product: "
        f"the most ordered in stock; seller and dashboard: the seller with the most products "
        f"({data.seller_products:,}).{expo_note(data)}",
        "",
        f"Latency: `django.test.Client` in-process, DEBUG off, warm, one client, "
        f"{args.iterations} requests per page, as served (cached pages from the cache: the "
        f"second request onwards) and *uncached* (`PAGE_CACHE_SECONDS=0`: no page, card or "
        f"facet count cache, every request rendered; what staff or the first visitor after a "
        f"change pays) and *page miss* (`PAGE_CACHE_PAGES=False`: every request rendered, the "
        f"cards, facet counts, navigation and footer from the cache: the first visitor of a "
        f"page whose own content changed). Queries: one warm request "
        f"(`CaptureQueriesContext`), uncached (the budget: ≤ 15) and as served.",
    ]
    if info:
        lines += [
            f"Throughput: gunicorn, 2 sync workers, `config.wsgi` with production settings "
            f"(`bench/settings_production.py`), loopback, load tool `{info['tool']}` "
            f"({info['connections']} connections, {info['seconds']} s per page after 2 s warm-up), "
            f"cache: {info.get('cache', 'local memory (per worker)')}; "
            f'"bare" is `bench/bare_wsgi.py` on the same server set-up: a Django view answering '
            f"a fixed page of the same size. Ratio = page / bare (target for product and "
            f"category pages ≥ 1/3).",
        ]
    lines += [
        "",
        "| page | URL | p50 ms | p95 ms | p95 target | uncached p50 / p95 ms | page miss p50 ms / queries | queries uncached (≤ 15; seller centre ≤ 45, union pages ≤ 40) / served | bytes | req/s | bare req/s | ratio |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        p95 = percentile(r.times, 95)
        target = (
            f"< {r.page.target_ms:.0f}: {verdict(p95 < r.page.target_ms)}"
            if r.page.target_ms
            else ""
        )
        queries = (
            (
                f"{r.uncached_queries}: {verdict(r.uncached_queries <= r.page.queries_target)}"
                f" / {r.queries}"
            )
            if r.uncached_times
            else (f"{r.queries}: {verdict(r.queries <= r.page.queries_target)}")
        )
        uncached = (
            (f"{percentile(r.uncached_times, 50):.1f} / {percentile(r.uncached_times, 95):.1f}")
            if r.uncached_times
            else ""
        )
        miss = f"{percentile(r.miss_times, 50):.1f} / {r.miss_queries}" if r.miss_times else ""
        rps = f"{r.rps:.{1 if r.rps >= 10 else 2}f}" if r.rps is not None else ""
        bare = f"{r.bare_rps:.1f}" if r.bare_rps is not None else ""
        ratio = ""
        if r.rps is not None and r.bare_rps:
            ratio = f"{r.rps / r.bare_rps:.3f}"
            if r.page.throughput_target:
                ratio += f": {verdict(r.rps / r.bare_rps >= TARGET_RATIO)}"
        lines.append(
            f"| {r.page.name} | `{r.url}` | {percentile(r.times, 50):.1f} | {p95:.1f} | "
            f"{target} | {uncached} | {miss} | {queries} | {r.size:,} | {rps} | {bare} | {ratio} |"
        )
    if info:
        rss = info["rss"]
        lines += [
            "",
            "Peak RSS per gunicorn worker (VmHWM after the load): "
            + ", ".join(f"{x:.0f} MB" for x in rss)
            + f"; target < {TARGET_RSS_MB} MB: {verdict(max(rss) < TARGET_RSS_MB)}. "
            f"(Bare-view workers: {', '.join(f'{x:.0f} MB' for x in info['bare_rss'])}.)",
        ]
    return "\n".join(lines) + "\n"


def expo_note(data: Data) -> str:
    if data.expo_missing:
        return f" Expo rows skipped: {data.expo_missing}."
    return (
        f" Expo: `{data.expo_slug}`, {data.expo_booths:,} approved booths featuring "
        f"{data.expo_products:,} products; booth: the first with the most featured products "
        f"({data.expo_booth_products})."
    )


def results_write(body: str, products: int, label: str) -> None:
    """Write (or replace) the block of this size and label ("before", "after")."""
    tag = f"bench_site:{products}:{label}"
    begin, end = f"<!-- {tag}:begin -->", f"<!-- {tag}:end -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    text = (
        RESULTS.read_text(encoding="utf-8")
        if RESULTS.exists()
        else (
            "# Site benchmark results\n\nWritten by `bench/bench_site.py --write` (see "
            'bench/README.md). Targets: see bench/README.md. This is the "before" measurement: the '
            "application code as it was, no caching or query work yet.\n"
        )
    )
    if begin in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + f"\n\n## {products:,} products, {label}\n\n{block}\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--products",
        type=int,
        default=100_000,
        help="size to generate when the database is empty (default 100,000)",
    )
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the search index first")
    parser.add_argument("--no-load", action="store_true", help="skip gunicorn and the load tool")
    parser.add_argument("--seconds", type=int, default=10, help="load per page (default 10)")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument(
        "--only",
        action="append",
        metavar="WORD",
        help="only the pages whose name holds WORD (repeatable), e.g. --only expo",
    )
    parser.add_argument(
        "--uncached-load",
        action="store_true",
        help="load gunicorn with the page cache off (PAGE_CACHE_SECONDS=0)",
    )
    parser.add_argument(
        "--miss-load",
        action="store_true",
        help="load gunicorn with whole pages off, the fragments kept (PAGE_CACHE_PAGES=0)",
    )
    parser.add_argument("--write", action="store_true", help="write bench/RESULTS.md")
    parser.add_argument(
        "--label", default="after", help="which block of bench/RESULTS.md to write (default: after)"
    )
    args = parser.parse_args()
    # The in-process measurement is one process: its memory cache is the shared cache.
    os.environ.setdefault("PAGE_CACHE_SECONDS", "600")
    django_setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # DEBUG off: the test client's
    clock = Clock()
    prepare(args.products, args.rebuild, clock.say)
    data = data_load()
    clock.say(
        f"{data.public_products:,} public products; measuring "
        + (f"the pages named with {' or '.join(args.only)}" if args.only else f"{len(PAGES)} pages")
    )
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    results = measure_in_process(data, args.iterations, clock.say, args.only)
    info = (
        None
        if args.no_load
        else throughput(
            results,
            args.seconds,
            args.connections,
            clock.say,
            uncached=args.uncached_load,
            miss=args.miss_load,
        )
    )
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    body = report(results, info, data, args, (load_before, load_after))
    print()
    print(body)
    if args.write:
        results_write(body, data.products, args.label)
        clock.say(f"written into {RESULTS}")
    (OUTPUT / "bench_site.json").parent.mkdir(exist_ok=True)
    (OUTPUT / "bench_site.json").write_text(
        json.dumps(
            [
                {
                    "page": r.page.name,
                    "url": r.url,
                    "p50": percentile(r.times, 50),
                    "p95": percentile(r.times, 95),
                    "queries": r.queries,
                    "uncached_p50": percentile(r.uncached_times, 50),
                    "uncached_p95": percentile(r.uncached_times, 95),
                    "uncached_queries": r.uncached_queries,
                    "miss_p50": percentile(r.miss_times, 50),
                    "miss_queries": r.miss_queries,
                    "bytes": r.size,
                    "rps": r.rps,
                    "bare_rps": r.bare_rps,
                }
                for r in results
            ]
            + [info or {}],
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
