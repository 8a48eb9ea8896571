"""The README's run command, started as a newcomer would, on the embedded default (SQLite,
in-process tasks): it serves the home page, a category page and a product page."""

import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read().decode()


def test_run_command_serves_the_demo_site():
    workdir = Path(tempfile.mkdtemp(prefix="ocop-run-"))
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env.update(
        PORT=str(port),
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
    )
    log = open(workdir / "run.log", "w")
    process = subprocess.Popen(
        [str(ROOT / "bin" / "run")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                status, home = fetch(base + "/")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        "bin/run did not serve the site:\n"
                        + (workdir / "run.log").read_text()[-3000:]
                    )
                time.sleep(1)
        assert status == 200
        assert "Chợ OCOP Thanh niên" in home
        output = (workdir / "run.log").read_text()
        assert "Admin login: admin / ocop-admin-2026" in output

        category_url = re.search(r'href="(/shop/catalogue/category/[^"]+)"', home).group(1)
        status, category = fetch(base + category_url)
        assert status == 200 and "sản phẩm" in category

        product_url = re.search(r'href="(/shop/catalogue/[a-z0-9-]+_\d+/)"', category).group(1)
        status, product = fetch(base + product_url)
        assert status == 200
        assert "Giấy chứng nhận OCOP" in product or "Người bán" in product
        assert "\u00a0₫" in product

        status, image = 0, b""
        image_url = re.search(r'<img src="(/media/[^"]+)"', product).group(1)
        with urllib.request.urlopen(base + image_url, timeout=30) as response:
            status, image = response.status, response.read()
        assert status == 200 and image[:3] == b"\xff\xd8\xff"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
