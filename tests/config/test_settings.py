"""G1: production settings pass `manage.py check --deploy` and refuse to guess secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 20 + "production-secret-for-the-check-only-0123456789",
    "ALLOWED_HOSTS": "cho-ocop.example.vn",
    "DATABASE_URL": "sqlite:////tmp/deploy-check.sqlite3",
}


def run_manage(*args, env):
    # The browser tests' async-unsafe switch must not leak into a production check.
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PROD_ENV.items() if k != "SECRET_KEY"}
    env["SECRET_KEY"] = ""
    result = run_manage("check", env={**env})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_no_migration_is_missing():
    result = run_manage(
        "makemigrations",
        "--check",
        "--dry-run",
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": "sqlite:////tmp/makemigrations-check.sqlite3",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
