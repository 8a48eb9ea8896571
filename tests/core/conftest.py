"""Fixtures of the page cache's tests."""

import pytest


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as a committed transaction would: its after-commit callbacks run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
