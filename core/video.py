"""Video links that a page may embed: YouTube, Facebook and TikTok, nothing else.

``video_parse(url)`` reads an https link of one of the three providers into a ``Video``
(provider, id) or raises ``ValidationError`` saying why; the ``Video`` gives the embed address
(privacy-enhanced where the provider has one), a thumbnail (YouTube only; the others get a
local placeholder) and the link to watch it on the provider's site. The page loads the
provider's frame only when the visitor clicks play (``static/js/video.js``), and the site's
Content-Security-Policy lets in exactly ``FRAME_ORIGINS`` and ``IMAGE_ORIGINS``
(``config/settings/security.py``).

Pitch pages use it now; the CMS's video blocks are meant to reuse it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YOUTUBE, FACEBOOK, TIKTOK = "youtube", "facebook", "tiktok"
PROVIDER_NAMES = {YOUTUBE: "YouTube", FACEBOOK: "Facebook", TIKTOK: "TikTok"}

FRAME_ORIGINS = (
    "https://www.youtube-nocookie.com",
    "https://www.facebook.com",
    "https://www.tiktok.com",
)
IMAGE_ORIGINS = ("https://i.ytimg.com",)

_HOSTS = {
    "youtube.com": YOUTUBE,
    "www.youtube.com": YOUTUBE,
    "m.youtube.com": YOUTUBE,
    "youtu.be": YOUTUBE,
    "youtube-nocookie.com": YOUTUBE,
    "www.youtube-nocookie.com": YOUTUBE,
    "facebook.com": FACEBOOK,
    "www.facebook.com": FACEBOOK,
    "m.facebook.com": FACEBOOK,
    "web.facebook.com": FACEBOOK,
    "fb.watch": FACEBOOK,
    "tiktok.com": TIKTOK,
    "www.tiktok.com": TIKTOK,
    "m.tiktok.com": TIKTOK,
}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_DIGITS = re.compile(r"^[0-9]{5,25}$")
_FB_SHORT = re.compile(r"^[A-Za-z0-9_-]{4,20}$")
_FB_PAGE = re.compile(r"^[A-Za-z0-9.\-_]{1,100}$")
_TIKTOK_USER = re.compile(r"^@[A-Za-z0-9._]{1,40}$")

NOT_HTTPS = _("The video link must start with https://.")
OTHER_HOST = _("Videos can be shown from YouTube, Facebook or TikTok only.")
NOT_A_VIDEO = _("This %(provider)s link does not point at one video.")


@dataclass(frozen=True)
class Video:
    provider: str
    id: str
    watch_url: str

    @property
    def provider_name(self) -> str:
        return PROVIDER_NAMES[self.provider]

    @property
    def embed_url(self) -> str:
        if self.provider == YOUTUBE:
            return f"https://www.youtube-nocookie.com/embed/{self.id}?autoplay=1"
        if self.provider == TIKTOK:
            return f"https://www.tiktok.com/embed/v2/{self.id}"
        return (
            "https://www.facebook.com/plugins/video.php?href="
            + quote(self.watch_url, safe="")
            + "&show_text=false&autoplay=true"
        )

    @property
    def thumbnail_url(self) -> str:
        """The provider's still for YouTube; "" for the others (the page shows a placeholder:
        their stills need their scripts or API keys)."""
        if self.provider == YOUTUBE:
            return f"https://i.ytimg.com/vi/{self.id}/hqdefault.jpg"
        return ""


def _refuse(provider: str):
    return ValidationError(
        NOT_A_VIDEO, code="not_a_video", params={"provider": PROVIDER_NAMES[provider]}
    )


def _youtube(host: str, parts: list[str], query: dict) -> str | None:
    if host == "youtu.be":
        return parts[0] if len(parts) == 1 else None
    if parts == ["watch"]:
        values = query.get("v") or [""]
        return values[0]
    if len(parts) == 2 and parts[0] in ("shorts", "embed", "live"):
        return parts[1]
    return None


def _facebook(host: str, parts: list[str], query: dict) -> tuple[str, str] | None:
    """(id, the address Facebook's player is given) or None."""
    if host == "fb.watch":
        if len(parts) == 1 and _FB_SHORT.match(parts[0]):
            return parts[0], f"https://fb.watch/{parts[0]}/"
        return None
    video_id = None
    if parts == ["watch"]:
        video_id = (query.get("v") or [""])[0]
    elif len(parts) in (3, 4) and parts[1] == "videos" and _FB_PAGE.match(parts[0]):
        video_id = parts[-1]  # /<page>/videos/<id>/ or the older /<page>/videos/<title>/<id>/
    if video_id and _DIGITS.match(video_id):
        return video_id, f"https://www.facebook.com/watch/?v={video_id}"
    return None


def _tiktok(parts: list[str]) -> str | None:
    if len(parts) == 3 and _TIKTOK_USER.match(parts[0]) and parts[1] == "video":
        return parts[2] if _DIGITS.match(parts[2]) else None
    return None


def video_parse(url: str) -> Video:
    """The video ``url`` points at, or ``ValidationError`` with the reason (any scheme but
    https, a host that is not one of the three providers', a provider's link that is not one
    video)."""
    url = (url or "").strip()
    try:
        split = urlsplit(url)
        port = split.port
    except ValueError:
        raise ValidationError(OTHER_HOST, code="other_host") from None
    if split.scheme.lower() != "https":
        raise ValidationError(NOT_HTTPS, code="not_https")
    host = (split.hostname or "").lower()
    provider = _HOSTS.get(host)
    if provider is None or split.username or split.password or port not in (None, 443):
        raise ValidationError(OTHER_HOST, code="other_host")
    parts = [p for p in split.path.split("/") if p]
    query = parse_qs(split.query)
    if provider == YOUTUBE:
        video_id = _youtube(host, parts, query)
        if not video_id or not _YOUTUBE_ID.match(video_id):
            raise _refuse(provider)
        return Video(YOUTUBE, video_id, f"https://www.youtube.com/watch?v={video_id}")
    if provider == FACEBOOK:
        found = _facebook(host, parts, query)
        if found is None:
            raise _refuse(provider)
        return Video(FACEBOOK, found[0], found[1])
    video_id = _tiktok(parts)
    if video_id is None:
        raise _refuse(provider)
    return Video(TIKTOK, video_id, f"https://www.tiktok.com/{parts[0]}/video/{video_id}")


def video_or_none(url: str) -> Video | None:
    """For pages showing a stored link: the video, or None when there is none or it no longer
    passes (never an error on a public page)."""
    if not url:
        return None
    try:
        return video_parse(url)
    except ValidationError:
        return None
