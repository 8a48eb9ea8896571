"""Video links: the three providers' forms are read into (provider, id); anything else is
refused with the reason; embeds are the privacy-enhanced players."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.video import FACEBOOK, TIKTOK, YOUTUBE, video_or_none, video_parse

YT = "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={YT}",
        f"https://youtube.com/watch?v={YT}&t=42s",
        f"https://m.youtube.com/watch?feature=share&v={YT}",
        f"https://youtu.be/{YT}",
        f"https://youtu.be/{YT}?si=abc",
        f"https://www.youtube.com/shorts/{YT}",
        f"https://www.youtube.com/embed/{YT}",
        f"https://www.youtube-nocookie.com/embed/{YT}",
        f"  https://WWW.YouTube.com/watch?v={YT}  ",
    ],
)
def test_youtube_forms(url):
    video = video_parse(url)
    assert (video.provider, video.id) == (YOUTUBE, YT)
    assert video.embed_url.startswith(f"https://www.youtube-nocookie.com/embed/{YT}")
    assert video.thumbnail_url == f"https://i.ytimg.com/vi/{YT}/hqdefault.jpg"
    assert video.watch_url == f"https://www.youtube.com/watch?v={YT}"


@pytest.mark.parametrize(
    ("url", "video_id", "href"),
    [
        (
            "https://www.facebook.com/doanthanhnien/videos/1234567890123456/",
            "1234567890123456",
            "https://www.facebook.com/watch/?v=1234567890123456",
        ),
        (
            "https://facebook.com/doanthanhnien/videos/gioi-thieu/1234567890123456",
            "1234567890123456",
            "https://www.facebook.com/watch/?v=1234567890123456",
        ),
        (
            "https://www.facebook.com/watch/?v=1234567890123456",
            "1234567890123456",
            "https://www.facebook.com/watch/?v=1234567890123456",
        ),
        (
            "https://m.facebook.com/watch?v=1234567890123456",
            "1234567890123456",
            "https://www.facebook.com/watch/?v=1234567890123456",
        ),
        ("https://fb.watch/aBc_12-XyZ/", "aBc_12-XyZ", "https://fb.watch/aBc_12-XyZ/"),
    ],
)
def test_facebook_forms(url, video_id, href):
    video = video_parse(url)
    assert (video.provider, video.id) == (FACEBOOK, video_id)
    assert video.watch_url == href
    assert video.embed_url.startswith("https://www.facebook.com/plugins/video.php?href=")
    assert "href=https%3A%2F%2F" in video.embed_url  # the address itself, URL-encoded
    assert video.thumbnail_url == ""  # a local placeholder is shown instead


def test_tiktok_form():
    video = video_parse("https://www.tiktok.com/@cafe.eatu/video/7301234567890123456?lang=vi")
    assert (video.provider, video.id) == (TIKTOK, "7301234567890123456")
    assert video.embed_url == "https://www.tiktok.com/embed/v2/7301234567890123456"
    assert video.watch_url == "https://www.tiktok.com/@cafe.eatu/video/7301234567890123456"
    assert video.provider_name == "TikTok"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        (f"http://www.youtube.com/watch?v={YT}", "not_https"),
        ("javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ", "not_https"),
        ("JavaScript:alert(document.cookie)", "not_https"),
        (f"//youtu.be/{YT}", "not_https"),
        (f"ftp://youtu.be/{YT}", "not_https"),
        (f"https://vimeo.com/{YT}", "other_host"),
        (f"https://youtube.com.evil.example/watch?v={YT}", "other_host"),
        (f"https://evil.example/youtube.com/watch?v={YT}", "other_host"),
        (f"https://www.youtube.com@evil.example/watch?v={YT}", "other_host"),
        (f"https://user:pw@youtu.be/{YT}", "other_host"),
        (f"https://youtu.be:8443/{YT}", "other_host"),
        ("https://[::1/", "other_host"),
        ("https://www.youtube.com/watch?v=short", "not_a_video"),
        ("https://www.youtube.com/channel/UC123", "not_a_video"),
        (f"https://www.youtube.com/watch?v={YT}<script>", "not_a_video"),
        ("https://www.facebook.com/doanthanhnien", "not_a_video"),
        ("https://www.facebook.com/doanthanhnien/videos/abc/", "not_a_video"),
        ("https://www.tiktok.com/@cafe.eatu", "not_a_video"),
        ("https://www.tiktok.com/@cafe.eatu/video/abc", "not_a_video"),
        ("", "not_https"),
    ],
)
def test_refused_with_the_reason(url, code):
    with pytest.raises(ValidationError) as refused:
        video_parse(url)
    assert refused.value.code == code
    assert refused.value.messages[0]  # a sentence the uploader reads
    assert video_or_none(url) is None


def test_messages_name_the_rule():
    with pytest.raises(ValidationError) as refused:
        video_parse("https://vimeo.com/123")
    with translation.override("en"):
        assert "YouTube, Facebook or TikTok" in refused.value.messages[0]
    with translation.override("vi"):
        assert "YouTube, Facebook hoặc TikTok" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        video_parse("https://www.tiktok.com/@a")
    assert "TikTok" in refused.value.messages[0]


def test_the_site_policy_frames_exactly_the_players_and_youtube_stills(settings):
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    frames = set(directives["frame-src"]) - {"'self'"}
    assert frames == {
        "https://www.youtube-nocookie.com",
        "https://www.facebook.com",
        "https://www.tiktok.com",
    }
    assert "https://i.ytimg.com" in directives["img-src"]
    assert not any("youtube.com" in o for o in frames)  # never the tracking player
