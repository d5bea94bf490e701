"""Helpers for tests that work on the test database from elsewhere: another process (a Celery worker, a web
server) or other threads with connections of their own."""

import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

ROOT = Path(__file__).resolve().parents[1]

# The moment every test starts at (tests/conftest.py pins the clock there): a working Monday morning in
# Shanghai, inside the holiday calendar's data.
SUITE_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium() -> str:
    """Debian's Chromium for a browser test. Without it the test is skipped on a developer's machine, but fails
    under CI (CI=true), where a missing browser must never pass for a green run."""
    if not os.path.exists(CHROMIUM):
        message = f"Debian's chromium is not installed ({CHROMIUM}): apt-get install chromium chromium-driver"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


def session_database_url() -> str:
    """The URL of the database this test session uses, for a process started by the test."""
    db = connection.settings_dict
    host = db["HOST"] or db["OPTIONS"].get("host", "")
    password = quote(db["PASSWORD"] or "")
    if host.startswith("/"):  # a Unix socket directory, as the embedded server uses
        return f"postgresql://{db['USER']}:{password}@/{db['NAME']}?host={quote(host)}"
    return f"postgresql://{db['USER']}:{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def web_server():
    """Serves the project on the test database; yields the port."""
    port = free_port()
    # Test settings, so that the server checks passwords with the same (fast) hasher the fixtures used;
    # --insecure serves the static files without DEBUG.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": session_database_url()}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the web server did not start: {server.stderr.read().decode()}") from None
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_threads(schema, functions):
    """Run each function in its own thread and connection, started together; return results or exceptions."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def worker(index, function):
        try:
            with schema_context(schema):
                barrier.wait(timeout=10)
                results[index] = function()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def in_own_connection(schema, function):
    (result,) = run_threads(schema, [function])
    if isinstance(result, BaseException):
        raise result
    return result


def count_queries(call):
    """(response, the real queries of building it): cached pages are dropped first, and django-tenants'
    SET search_path is not counted."""
    caches["default"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = call()
    real = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SET search_path")]
    return response, real


def align_next_ids(models, schemas) -> dict:
    """Makes each model's next id the same in every schema (the highest of them), so that rows created next
    in the same order get the same ids in each firm: a test then cannot pass just because an id does not
    exist in the other firm. Sequences only move forward (setval is not rolled back with the test)."""
    next_ids = {}
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            sequences = []
            for schema in schemas:
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [f'"{schema}"."{table}"'])
                sequence = cursor.fetchone()[0]
                cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608 - a catalogue name
                last_value, is_called = cursor.fetchone()
                sequences.append((sequence, last_value + 1 if is_called else last_value))
            next_id = max(value for _sequence, value in sequences)
            for sequence, _value in sequences:
                cursor.execute("SELECT setval(%s, %s, false)", [sequence, next_id])
            next_ids[model] = next_id
    return next_ids
