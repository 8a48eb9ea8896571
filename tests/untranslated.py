"""Records the strings a page shows in Vietnamese that have no Vietnamese translation.

While installed, every lookup in the Vietnamese catalogue that misses (ours, Oscar's, Django's,
Wagtail's merged) is noted for the request being handled, and when the request's response is
HTML or JSON, the missed strings that the response really shows are kept: a string looked up
but never shown (a label of a field the page hides, a model name) is not a user's problem.
Used by the browser journeys (buyer, seller, officer): see ``tests/browser/conftest.py``.
"""

from __future__ import annotations

import html
import re
import threading
from contextlib import contextmanager

from django.core.handlers.base import BaseHandler
from django.utils.translation.trans_real import DjangoTranslation

PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{[^}]*\}")
MIN_CHUNK = 4  # shorter literal pieces ("of", "%s") prove nothing when found on a page
_local = threading.local()


def _note(message: str) -> None:
    missed = getattr(_local, "missed", None)
    if missed is not None and re.search(r"[A-Za-z]{2}", message):
        missed.add(message)


def _shown(message: str, text: str) -> bool:
    chunks = [c.strip() for c in PLACEHOLDER.split(message.split("\x04")[-1])]
    chunks = [c for c in chunks if len(c) >= MIN_CHUNK]
    if not chunks:
        return False
    longest = max(chunks, key=len)
    return (
        longest in text or html.escape(longest) in text or html.escape(longest, quote=False) in text
    )


@contextmanager
def recording():
    """Yields a dict {path: set of untranslated strings shown} filled while it is open."""
    found: dict[str, set[str]] = {}
    original_gettext = DjangoTranslation.gettext
    original_ngettext = DjangoTranslation.ngettext
    original_get_response = BaseHandler.get_response

    def gettext(self, message):
        if self.language() == "vi" and message not in self._catalog:
            _note(message)
        return original_gettext(self, message)

    def ngettext(self, singular, plural, number):
        if self.language() == "vi":
            try:
                self._catalog.plural(singular, number)
            except KeyError:
                _note(singular)
        return original_ngettext(self, singular, plural, number)

    def get_response(handler, request):
        _local.missed = set()
        try:
            response = original_get_response(handler, request)
            missed = _local.missed
        finally:
            _local.missed = None
        kind = response.get("Content-Type", "")
        if (
            missed
            and not getattr(response, "streaming", False)
            and ("html" in kind or "json" in kind)
        ):
            text = response.content.decode(errors="replace")
            if "json" in kind:
                text = text.encode().decode("unicode_escape", errors="replace")
            shown = {m for m in missed if _shown(m, text)}
            if shown:
                found.setdefault(request.path, set()).update(shown)
        return response

    DjangoTranslation.gettext = gettext
    DjangoTranslation.ngettext = ngettext
    BaseHandler.get_response = get_response
    try:
        yield found
    finally:
        DjangoTranslation.gettext = original_gettext
        DjangoTranslation.ngettext = original_ngettext
        BaseHandler.get_response = original_get_response


def report(found: dict[str, set[str]]) -> str:
    return "\n".join(
        f"{path}:\n" + "\n".join(f"    {m!r}" for m in sorted(messages))
        for path, messages in sorted(found.items())
    )
