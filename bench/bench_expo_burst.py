"""Expo burst: 1,000 visitors walk the generated expo's lobby and 5 booths each within a
minute against gunicorn, each page followed by its visit beacon; then the roll-up, and the
report's counts checked against what was sent.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/ocop_bench \\
        .venv/bin/python bench/bench_expo_burst.py [--visitors 1000] [--booths 5] [--write]

Needs the database ``bench/bench_site.py`` prepares (``bench/generate.py`` makes the expo
``bench.generate.EXPO_SLUG``: live, 200 approved booths) and the expo pages
(``startups:expo-lobby``, ``startups:expo-booth``) and the beacon (``startups:expo-beacon``).

1. gunicorn ``config.wsgi``, 2 sync workers (``--workers``; production's default), production
   settings, as ``bench_site.py`` starts it, with a throwaway Redis as the shared cache: the
   page cache on, as in production. The lobby and every booth page are asked once first (a
   warm cache; ``--cold`` skips it).
2. The burst: visitors arrive evenly over ``--ramp`` seconds (default 45) and walk at once,
   each with a cookie jar of its own (the ``expo_v`` visitor cookie the first beacon sets):
   GET the lobby, POST the beacon (``event_id`` a uuid4, ``expo``, ``kind=lobby``, ``hall``,
   ``booth``, ``session`` empty; the Origin header of the server, a phone browser's
   User-Agent), then for each of ``--booths`` booths (distinct, drawn at random with
   ``--seed``) GET the booth page and POST its beacon (``kind=booth``, its hall and booth).
   ``--threads`` client threads (default 64) carry the visitors.
3. Reported: the burst's duration (target: within 60 s), page and beacon p50/p95/max,
   errors (non-2xx answers and failed connections), events sent and counted (200), the
   passports (every visitor's last answer should say ``--booths`` stamps).
4. Afterwards: ``startups.rollups.expo_day_rollup`` of today (Viet Nam's day) and
   the figures from ``startups.selectors.expo_stats`` (``expo_figures``: the report's totals;
   and the rolled-up row of the day), each compared with what was sent: unique visitors =
   visitors, lobby visits = visitors, booth visits = visitors x booths (as increases over the
   figures before the burst, so the script can run again on the same database). OK/FAIL each.

``--write`` writes the table into bench/RESULTS.md (the "Expo: lobby, booth, burst" section).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Clock, django_setup, machine, percentile, readme_block_write

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36"
)
TARGET_SECONDS = 60
PAGE_P95_MS = 80  # the cached page target of the site benchmark's table


@dataclass
class Plan:
    expo_id: int
    slug: str
    lobby: str
    beacon: str
    booths: list[tuple[int, int, str]]  # (booth id, hall id, URL)


@dataclass
class Tally:
    """What the client threads measured (appended under a lock)."""

    page_ms: list[float] = field(default_factory=list)
    beacon_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sent: int = 0  # beacons POSTed
    counted: int = 0  # answered 200 (204: not counted)
    not_counted: int = 0
    passports: list[int] = field(default_factory=list)  # last "stamps" per visitor
    lock: threading.Lock = field(default_factory=threading.Lock)


class Browser:
    """One visitor: its own cookie jar, one connection per request (gunicorn's sync workers
    close every connection)."""

    def __init__(self, base: str, tally: Tally):
        parts = urlsplit(base)
        self.host, self.port, self.origin = parts.hostname, parts.port, base
        self.cookies: dict[str, str] = {}
        self.tally = tally

    def _request(self, method: str, path: str, body: str | None = None):
        headers = {"User-Agent": PHONE_UA, "Accept-Language": "vi"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        elapsed = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return response.status, content, elapsed

    def page(self, path: str) -> bool:
        try:
            status, _content, elapsed = self._request("GET", path)
        except OSError as error:
            self._error(f"GET {path}: {error.__class__.__name__}")
            return False
        with self.tally.lock:
            self.tally.page_ms.append(elapsed)
        if not 200 <= status < 300:
            self._error(f"GET {path}: {status}")
            return False
        return True

    def beacon(self, path: str, fields: dict) -> None:
        body = urlencode({"event_id": str(uuid.uuid4()), **fields})
        with self.tally.lock:
            self.tally.sent += 1
        try:
            status, content, elapsed = self._request("POST", path, body)
        except OSError as error:
            self._error(f"POST beacon: {error.__class__.__name__}")
            return
        with self.tally.lock:
            self.tally.beacon_ms.append(elapsed)
            if status == 200:
                self.tally.counted += 1
            elif status == 204:
                self.tally.not_counted += 1
        if not 200 <= status < 300:
            self._error(f"POST beacon {fields.get('kind')}: {status}")
        elif status == 200:
            self.stamps = json.loads(content).get("stamps")

    def _error(self, what: str) -> None:
        with self.tally.lock:
            self.tally.errors.append(what)


def visit(base: str, plan: Plan, booths: list[tuple[int, int, str]], tally: Tally) -> None:
    """One visitor's walk: the lobby and its beacon, then each booth and its beacon."""
    browser = Browser(base, tally)
    browser.stamps = None
    expo = str(plan.expo_id)
    browser.page(plan.lobby)
    browser.beacon(
        plan.beacon, {"expo": expo, "kind": "lobby", "hall": "", "booth": "", "session": ""}
    )
    for booth_id, hall_id, url in booths:
        browser.page(url)
        browser.beacon(
            plan.beacon,
            {"expo": expo, "kind": "booth", "hall": hall_id, "booth": booth_id, "session": ""},
        )
    with tally.lock:
        tally.passports.append(browser.stamps)


def plan_load() -> Plan:
    from django.urls import NoReverseMatch, reverse

    from bench.generate import EXPO_SLUG
    from startups.models import Booth, Expo

    expo = Expo.objects.filter(slug=EXPO_SLUG).first()
    if expo is None:
        raise SystemExit(
            f"No expo {EXPO_SLUG!r} in this database: prepare it with bench/bench_site.py "
            "(or bench/generate.py) on a fresh database."
        )
    if expo.phase != Expo.Phase.LIVE:
        raise SystemExit(f"The expo {expo.slug!r} is {expo.phase}, not live: nothing is counted.")
    try:
        lobby = reverse("startups:expo-lobby", kwargs={"slug": expo.slug})
        beacon = reverse("startups:expo-beacon")
        booths = [
            (
                pk,
                hall_id,
                reverse("startups:expo-booth", kwargs={"slug": expo.slug, "booth_pk": pk}),
            )
            for pk, hall_id in Booth.objects.filter(expo=expo, status=Booth.Status.APPROVED)
            .order_by("pk")
            .values_list("pk", "hall_id")
        ]
    except NoReverseMatch as error:
        raise SystemExit(f"The expo pages do not resolve yet: {error}") from None
    if not booths:
        raise SystemExit(f"The expo {expo.slug!r} has no approved booth.")
    return Plan(expo.pk, expo.slug, lobby, beacon, booths)


METRICS = (("visitors", "unique visitors"), ("lobby_visits", "lobby visits"),
           ("booth_visits", "booth visits"))  # fmt: skip


def figures_now(expo, day) -> tuple[dict, dict]:
    """(the report's totals, the raw figures of ``day``) for the metrics checked."""
    from startups.selectors.expo_stats import event_cells, expo_figures

    totals = expo_figures(expo).totals
    raw = event_cells(expo, [day]).get((day, 0, 0), {})
    return (
        {metric: totals[metric] for metric, _label in METRICS},
        {metric: raw.get(metric, 0) for metric, _label in METRICS},
    )


def rolled(expo, day) -> dict:
    from startups.models import ExpoDayStat

    rows = dict(
        ExpoDayStat.objects.filter(expo=expo, day=day, hall_id=0, booth_id=0).values_list(
            "metric", "value"
        )
    )
    return {metric: rows.get(metric, 0) for metric, _label in METRICS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visitors", type=int, default=1000)
    parser.add_argument("--booths", type=int, default=5, help="booths each visitor walks")
    parser.add_argument("--ramp", type=float, default=45, help="seconds over which they arrive")
    parser.add_argument("--threads", type=int, default=64)
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn sync workers (production's default 2)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cold", action="store_true", help="no warm-up of the page cache")
    parser.add_argument("--write", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args()
    if args.visitors < 1 or args.booths < 1:
        parser.error("--visitors and --booths must be at least 1")
    django_setup()
    from django.utils import timezone

    from bench.bench_site import OUTPUT, Gunicorn, Redis, collectstatic
    from startups.models import Expo
    from startups.rollups import expo_day_rollup
    from startups.services.expo_visits import VIETNAM

    clock = Clock()
    plan = plan_load()
    expo = Expo.objects.get(pk=plan.expo_id)
    if args.booths > len(plan.booths):
        parser.error(f"the expo has {len(plan.booths)} booths, fewer than --booths")
    rng = random.Random(args.seed)
    walks = [rng.sample(plan.booths, args.booths) for _ in range(args.visitors)]
    day = timezone.localdate(timezone=VIETNAM)
    before, before_raw = figures_now(expo, day)
    clock.say(
        f"expo {plan.slug}: {len(plan.booths)} booths; before: "
        + ", ".join(f"{label} {before[m]:,}" for m, label in METRICS)
    )

    OUTPUT.mkdir(exist_ok=True)
    collectstatic(clock.say)
    redis = Redis.start(clock.say)
    server = Gunicorn(
        "config.wsgi", {"REDIS_URL": redis.url} if redis else None, workers=args.workers
    )
    tally = Tally()
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    try:
        if not args.cold:
            warm = Tally()
            browser = Browser(server.base, warm)
            for path in [plan.lobby, *(url for _pk, _hall, url in plan.booths)]:
                browser.page(path)
            if warm.errors:
                raise SystemExit(f"warm-up failed: {warm.errors[:5]}")
            clock.say(f"warm-up: {len(warm.page_ms)} pages asked once")
        clock.say(
            f"burst: {args.visitors:,} visitors over {args.ramp:.0f} s, lobby + {args.booths} "
            f"booths each, {args.threads} client threads"
        )
        started = time.perf_counter()

        def arrive(n: int) -> None:
            delay = started + n * args.ramp / args.visitors - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            visit(server.base, plan, walks[n], tally)

        with ThreadPoolExecutor(max_workers=args.threads) as pool:
            for future in [pool.submit(arrive, n) for n in range(args.visitors)]:
                future.result()
        duration = time.perf_counter() - started
        rss = server.peak_rss_mb()
    finally:
        server.stop()
        if redis:
            redis.stop()
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    clock.say(f"burst done in {duration:.1f} s; {len(tally.errors)} errors")

    if timezone.localdate(timezone=VIETNAM) != day:
        clock.say("warning: Viet Nam's day changed during the burst; the day's checks may fail")
    rollup_started = time.perf_counter()
    rows = expo_day_rollup(expo=expo, day=day)
    rollup_s = time.perf_counter() - rollup_started
    after, _raw = figures_now(expo, day)
    day_rolled = rolled(expo, day)
    expected = {
        "visitors": args.visitors,
        "lobby_visits": args.visitors,
        "booth_visits": args.visitors * args.booths,
    }
    checks = []
    for metric, label in METRICS:
        got = after[metric] - before[metric]
        checks.append((f"report: {label}", expected[metric], got))
    for metric, label in METRICS:
        got = day_rolled[metric] - before_raw[metric]
        checks.append((f"roll-up of {day.isoformat()}: {label}", expected[metric], got))
    full = sum(1 for stamps in tally.passports if stamps == args.booths)
    checks.append((f"passports with {args.booths} stamps", args.visitors, full))

    page_p95, beacon_p95 = percentile(tally.page_ms, 95), percentile(tally.beacon_ms, 95)
    m = machine()
    lines = [
        f"Measured {m['date']} at commit {m['commit']} on {m['machine']}, "
        f"{m['database']}, Python {m['python']}; load average (1, 5, 15 min) "
        f"{load_before} before, {load_after} after.",
        "",
        f"Burst: {args.visitors:,} visitors arriving evenly over {args.ramp:.0f} s, each with "
        f"its own cookie jar, walking the lobby and {args.booths} booths (distinct, at random "
        f"among {len(plan.booths)}), every page followed by its beacon POST (Origin of the "
        f"server, a phone browser's User-Agent); {args.threads} client threads on the same "
        f"machine; gunicorn `config.wsgi`, {args.workers} sync workers, production settings, "
        f"page cache on (Redis shared by the workers"
        f"{'' if redis else ': not installed, local memory'}); "
        f"{'cold cache' if args.cold else 'the lobby and every booth page asked once before'}.",
        "",
        "| figure | value | target |",
        "|---|---|---|",
        f"| burst duration | {duration:.1f} s | ≤ {TARGET_SECONDS} s: "
        f"{verdict(duration <= TARGET_SECONDS)} |",
        f"| pages (GET) | {len(tally.page_ms):,}: p50 {percentile(tally.page_ms, 50):.1f} ms, "
        f"p95 {page_p95:.1f} ms, max {max(tally.page_ms, default=0):.0f} ms | p95 < "
        f"{PAGE_P95_MS} ms: {verdict(page_p95 < PAGE_P95_MS)} |",
        f"| beacons (POST) | {len(tally.beacon_ms):,}: p50 "
        f"{percentile(tally.beacon_ms, 50):.1f} ms, p95 {beacon_p95:.1f} ms, max "
        f"{max(tally.beacon_ms, default=0):.0f} ms |  |",
        f"| errors (non-2xx, failed connections) | {len(tally.errors)} | 0: "
        f"{verdict(not tally.errors)} |",
        f"| events sent / counted (200) / not counted (204) | {tally.sent:,} / "
        f"{tally.counted:,} / {tally.not_counted:,} | all counted: "
        f"{verdict(tally.counted == tally.sent)} |",
        f"| roll-up of the day (`expo_day_rollup`) | {rows:,} rows in {rollup_s:.2f} s |  |",
    ]
    for label, want, got in checks:
        lines.append(f"| {label} | {got:,} (sent {want:,}) | equal: {verdict(got == want)} |")
    lines += [
        "",
        f"Peak RSS per gunicorn worker after the burst: {', '.join(f'{r:.0f} MB' for r in rss)}.",
    ]
    if tally.errors:
        sample = sorted(set(tally.errors))[:5]
        lines.append(f"Errors (first kinds): {'; '.join(sample)}.")
    body = "\n".join(lines) + "\n"
    print()
    print(body)
    for label, want, got in checks:
        print(f"{'OK  ' if got == want else 'FAIL'} {label}: {got:,} (sent {want:,})")
    if args.write:
        readme_block_write(
            f"bench_expo_burst:{args.visitors}",
            body,
            heading="## Expo: lobby, booth, burst",
            path=RESULTS,
        )
        clock.say(f"written into {RESULTS}")
    ok = not tally.errors and all(got == want for _label, want, got in checks)
    return 0 if ok else 1


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


if __name__ == "__main__":
    sys.exit(main())
