"""The run command never shows Django's debug pages (URL patterns, settings) to a visitor:
DEBUG is off unless asked for, and asked for only on a loopback address."""

import os
import subprocess
import tempfile
from pathlib import Path

from tests.config.test_settings import run_manage

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
from django.conf import settings
from django.test import Client
print("DEBUG", settings.DEBUG)
response = Client(HTTP_HOST="127.0.0.1").get("/static/js/site.js")
print("STATIC", response.status_code)
"""


def test_run_command_settings_serve_without_debug_and_still_serve_static_files():
    db = Path(tempfile.mkdtemp()) / "db.sqlite3"
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.local", "DATABASE_URL": f"sqlite:///{db}"}
    result = run_manage("shell", "-c", PROBE, env={**env, "DEBUG": ""})
    assert "DEBUG False" in result.stdout and "STATIC 200" in result.stdout, result.stderr


def test_run_command_refuses_debug_pages_on_a_public_address():
    env = {**os.environ, "DEBUG": "1", "HOST": "0.0.0.0"}
    result = subprocess.run(
        [str(ROOT / "bin" / "run")], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "HOST=127.0.0.1" in result.stderr
