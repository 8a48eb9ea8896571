"""Fixtures shared by the shop tests."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from celery import Celery
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# In a parallel run (pytest-xdist) each test process is a worker named gw0, gw1...
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def worker_redis_url(url: str, worker: str = XDIST_WORKER) -> str:
    """The Redis the Celery tests of this test process use. In a parallel run every worker has
    a Redis database of its own (gw0 on /1, gw1 on /2...): its broker queue, the messages it
    has not acknowledged and their restore index live there, so the Celery worker started by
    one test process never takes a task sent by another (whose order is in another test
    database). bin/test starts its Redis with 64 databases; a serial run keeps the URL as is."""
    if not url or not worker:
        return url
    number = int(worker.removeprefix("gw")) + 1
    return urlsplit(url)._replace(path=f"/{number}").geturl()


REDIS_URL = worker_redis_url(os.environ.get("TEST_REDIS_URL", ""))


def _require_worker_parts():
    if not REDIS_URL:
        message = "no Redis: bin/test starts one (apt-get install redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs the shared PostgreSQL test database")


def start_worker(mail_dir: Path, **extra_env) -> subprocess.Popen:
    """A real Celery worker process on the test Redis and the shared PostgreSQL test
    database, writing e-mails to ``mail_dir``; ``extra_env`` adds settings."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        **extra_env,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--hostname=test-{XDIST_WORKER or 'serial'}@%h",  # names the worker in logs
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        output = process.communicate(timeout=30)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        output = process.communicate()[0]
    if output and output.strip():
        print("worker output:\n", output[-3000:])


@pytest.fixture
def sender():
    """A client that sends task messages to the test Redis. The suite's own Celery app stays
    eager; not the current app: shared tasks elsewhere in the suite must stay on it."""
    _require_worker_parts()
    app = Celery("test-sender", broker=REDIS_URL, set_as_current=False)
    yield app
    app.close()


@pytest.fixture
def worker(sender):
    """A real Celery worker (see ``start_worker``); yields (mail folder, a client to send with)."""
    mail_dir = Path(tempfile.mkdtemp(prefix="ocop-worker-mail-"))
    process = start_worker(mail_dir)
    try:
        yield mail_dir, sender
    finally:
        stop_worker(process)
