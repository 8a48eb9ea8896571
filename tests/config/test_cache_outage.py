"""With the cache server gone the site keeps serving from the database,
sessions included, slower but whole; once it is back nothing stale comes out of it.

A real Redis of the test's own, stopped (killed, or frozen with SIGSTOP as a network cut
would) while buyers browse and check out."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import pytest
from django.core.cache import cache
from django.core.signals import request_started
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from config import cache as resilient

Order = get_model("order", "Order")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db

ADDRESS = {
    "first_name": "Người Mua",
    "line1": "1 Lê Lợi",
    "line4": "Phường Bến Thành",
    "state": "Hồ Chí Minh",
    "phone_number": "0912345678",
}


class RedisServer:
    def __init__(self):
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not os.path.exists(binary):
            if os.environ.get("CI") == "true":
                pytest.fail("redis-server is missing (apt-get install redis-server)")
            pytest.skip("redis-server is missing (apt-get install redis-server)")
        self.binary = binary
        self.folder = tempfile.mkdtemp(prefix="ocop-cache-outage-")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.folder,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the test's Redis did not start")

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def redis_cache(settings, monkeypatch):
    """The site's Redis cache and cached-database sessions on a Redis server of this test's."""
    server = RedisServer()
    server.start()
    monkeypatch.setattr(resilient, "RETRY_SECONDS", 0.3)
    resilient._HEALTH.clear()
    settings.CACHES = {"default": {"BACKEND": "config.cache.RedisCache", "LOCATION": server.url}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_SECONDS = 600
    yield server
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGCONT)
        server.kill()
    shutil.rmtree(server.folder, ignore_errors=True)
    resilient._HEALTH.clear()


def test_browsing_and_checkout_go_on_while_the_cache_server_is_down(
    redis_cache, site_tree, product
):
    category = Category.objects.filter(depth=1).first()
    product.categories.add(category)
    pages = [
        "/",
        product.get_absolute_url(),
        category.get_absolute_url(),
        reverse("search:search") + "?q=ca+phe",
    ]
    buyer = Client()
    for url in pages:  # warm: pages, category URLs and the session in Redis
        assert buyer.get(url).status_code == 200, url
    buyer.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})
    buyer.post(reverse("checkout:index"), {"username": "mua@example.com", "options": "anonymous"})
    buyer.post(reverse("checkout:shipping-address"), ADDRESS, follow=True)
    buyer.post(reverse("checkout:payment-method"), {"method": "cod"})

    redis_cache.kill()
    for url in pages:
        response = Client().get(url)
        assert response.status_code == 200, url
    page = buyer.get(product.get_absolute_url())
    assert page.status_code == 200 and product.title in page.content.decode()
    basket = buyer.get(reverse("basket:summary"))
    assert basket.status_code == 200 and product.title in basket.content.decode()
    preview = buyer.get(reverse("checkout:preview"))
    assert preview.status_code == 200 and "Thanh toán khi nhận hàng" in preview.content.decode()

    redis_cache.start()  # back, empty (a restart); then down again mid-request
    assert buyer.get(reverse("basket:summary")).status_code == 200

    def stop_the_cache(sender, **kwargs):
        request_started.disconnect(stop_the_cache)
        redis_cache.kill()

    request_started.connect(stop_the_cache, weak=False)
    placed = buyer.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.status_code == 302 and placed.url == reverse("checkout:thank-you")
    thanks = buyer.get(placed.url)
    order = Order.objects.get()
    assert thanks.status_code == 200 and str(order.number) in thanks.content.decode()
    assert order.lines.get().quantity == 2


def test_the_error_and_not_found_pages_render_without_the_cache(redis_cache, site_tree):
    redis_cache.kill()
    response = Client().get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Chợ OCOP Thanh niên" in response.content.decode()


def test_what_was_written_during_a_network_cut_is_not_served_stale_after_it(redis_cache):
    cache.set("session-like", "before the cut", timeout=None)
    redis_cache.process.send_signal(signal.SIGSTOP)  # unreachable, its data kept
    try:
        cache.set("session-like", "changed during the cut", timeout=None)  # cannot be written
        assert cache.get("session-like") is None  # a miss, quickly: the breaker is open
    finally:
        redis_cache.process.send_signal(signal.SIGCONT)
    time.sleep(0.4)  # the breaker tries again
    assert cache.get("session-like") is None  # dropped, not "before the cut"
    cache.set("session-like", "after", timeout=None)
    assert cache.get("session-like") == "after"
