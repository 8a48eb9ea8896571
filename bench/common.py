"""What the benchmark scripts share: Django set-up against ``DATABASE_URL``, the machine's
description, percentiles, and writing a section of ``bench/README.md``.

Each script imports this first (it puts the project on ``sys.path``), then calls
``django_setup()`` before importing models.
"""

from __future__ import annotations

import datetime
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = Path(__file__).resolve().parent / "README.md"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def django_setup(*, require_postgres: bool = True) -> None:
    """Set Django up with the local settings against ``DATABASE_URL``. The figures only mean
    something on PostgreSQL, so other databases are refused unless told otherwise.

    DEBUG is switched off as in production: with it on, Django formats and keeps every SQL
    statement it runs, which costs time in every measured call (and ``CaptureQueriesContext``
    loses count once its 9,000-statement log is full)."""
    url = os.environ.get("DATABASE_URL", "")
    if require_postgres and not url.startswith("postgres"):
        sys.exit(
            "DATABASE_URL must point to a migrated PostgreSQL database "
            "(see bench/README.md for a throwaway one)."
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False


def percentile(values: list[float], pct: float) -> float:
    """The ``pct`` percentile by linear interpolation between the closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


class Clock:
    """Elapsed seconds since it was made, and a ``say`` that prefixes them."""

    def __init__(self):
        self.started = time.perf_counter()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def say(self, message: str) -> None:
        print(f"[{self.elapsed:7.1f} s] {message}", flush=True)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        pass
    return "RAM unknown"


def commit() -> str:
    """The checked-out commit, marked ``+changes`` when the working tree differs from it."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return f"{sha}+changes" if dirty else sha
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> dict[str, str]:
    """Where figures were measured: date, machine, load, database and code."""
    from django.db import connection

    info = {
        "date": datetime.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores ({_cpu_model()}), {_memory_gb()}",
        "load average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "commit": commit(),
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("show server_version")
            info["database"] = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        info["database"] = connection.vendor
    return info


def readme_block_write(name: str, body: str, *, heading: str, path: Path = README) -> None:
    """Replace the text between ``<!-- name:begin -->`` and ``<!-- name:end -->`` in the README
    with ``body``, so measured figures are rewritten while the prose around them stays. When
    the markers are missing the block is appended under a new ``heading`` at the end."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text, count=1)
    else:
        text = text.rstrip() + f"\n\n{heading}\n\n{block}\n"
    path.write_text(text, encoding="utf-8")
