"""Uploaded files served by the site itself (the run command; ``SERVE_MEDIA`` or ``DEBUG``, and
only while MEDIA_URL is a path of this site). In production the proxy or a separate media
domain serves them with the same headers (README, "Uploaded files").

Lives in ``catalog`` next to ``core.uploads`` (the lowest layer, which every upload of the
project goes through): the headers are decided in one place for every kind of file."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.views.decorators.http import require_safe

from core.uploads import media_headers


@require_safe
def media_serve(request, path: str):
    """A stored file with the headers of its stored type (``core.uploads.media_headers``):
    never sniffed, never rendered as a page of the site; anything outside MEDIA_ROOT is 404."""
    if "\x00" in path or "\\" in path:
        raise Http404
    try:
        full = Path(safe_join(settings.MEDIA_ROOT, path))
    except (SuspiciousFileOperation, ValueError) as error:
        raise Http404 from error
    if not full.is_file():
        raise Http404
    response = FileResponse(full.open("rb"))
    for header, value in media_headers(full.name).items():
        response[header] = value
    return response
