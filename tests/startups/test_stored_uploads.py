"""`manage.py uploads_check` covers the startups' files too: a logo stored before the checks
whose content is a web page is removed, a real picture under an old name is renamed."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from core.uploads import SERVER_NAME, stored_uploads_check
from tests.startups.factories import startup_create

pytestmark = pytest.mark.django_db


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (80, 80), "green").save(out, "PNG")
    return out.getvalue()


def test_startup_logos_are_checked_by_content(reference_data, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    good = startup_create(name="Logo thật")
    bad = startup_create(name="Logo giả")
    good.logo.name = default_storage.save("startups/logos/old-logo.png", io.BytesIO(png()))
    bad.logo.name = default_storage.save(
        "startups/logos/logo.png", io.BytesIO(b"<html><script>alert(1)</script></html>")
    )
    good.save()
    bad.save()

    report = stored_uploads_check(fix=True, labels=["startups.Startup"])

    assert report["checked"] == 2 and report["renamed"] == 1 and report["removed"] == 1
    good.refresh_from_db()
    bad.refresh_from_db()
    assert SERVER_NAME.match(good.logo.name.rsplit("/", 1)[-1]) and good.logo.name.endswith(".png")
    assert not bad.logo
