"""Playwright driving Debian's Chromium (/usr/bin/chromium). `playwright install` cannot
download browsers here, so the system browser is used. Missing browser: skipped with the
reason, or a failure under CI=true."""

import fcntl
import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A page the size of a small phone (360 x 740), speaking Vietnamese."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", base_url=live_server.url
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    artifacts = os.environ.get("TEST_ARTIFACTS")
    if artifacts:
        os.makedirs(artifacts, exist_ok=True)
        # one per test process of a parallel run (gw0, gw1...), which would overwrite each other
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        name = f"last-phone-page-{worker}.png" if worker else "last-phone-page.png"
        page.screenshot(path=os.path.join(artifacts, name), full_page=True)
    context.close()


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """Journeys run as deployed: anonymous pages from the page cache (core.pagecache), whose
    invalidations run here because the live server's transactions commit."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture(autouse=True)
def _every_string_in_vietnamese(request):
    """Issue 11: a journey fails when a page it visits in Vietnamese shows a string that has
    no Vietnamese translation (ours, Oscar's or Django's). Pages in English are not checked."""
    from tests.untranslated import recording, report

    with recording() as found:
        yield
    if found and os.environ.get("UNTRANSLATED_REPORT"):
        with open(os.environ["UNTRANSLATED_REPORT"], "a", encoding="utf-8") as out:
            fcntl.flock(out, fcntl.LOCK_EX)  # the processes of a parallel run append in turn
            out.write(f"## {request.node.nodeid}\n{report(found)}\n")
    assert not found, "Untranslated strings shown in Vietnamese:\n" + report(found)
