"""Browser fixtures for every area's page tests: ``weakties serve`` in its own process on the
test database, and Debian's Chromium driven by Playwright.

Without Chromium a browser test is skipped, unless ``WEAKTIES_REQUIRE_BROWSER=1`` (as in CI),
where a missing browser is a failure. Use: ``pytestmark = pytest.mark.browser`` and the
fixtures ``browser, server`` (Chromium already launched, and the server's base URL); the
test's own ORM calls may run beside Playwright (``async_unsafe_allowed``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connections

from tests.conftest import TODAY

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def _browser_missing(reason: str) -> None:
    if os.environ.get("WEAKTIES_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and WEAKTIES_REQUIRE_BROWSER=1 says the browser test must run")
    pytest.skip(f"{reason}; install Debian's chromium package to run the browser test")


@pytest.fixture
def sync_playwright():
    if not CHROMIUM.exists():
        _browser_missing(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_missing("the playwright package is not installed")

    @contextmanager
    def playwright_closing_connections() -> Iterator[Any]:
        # The ORM, called inside Playwright's block, runs in Playwright's own context and so
        # opens a connection of its own; closed here, or PostgreSQL could not drop the test
        # database at the end of the run ("being accessed by other users").
        with sync_playwright() as playwright:
            try:
                yield playwright
            finally:
                connections.close_all()

    return playwright_closing_connections


@pytest.fixture
def browser(sync_playwright, async_unsafe_allowed) -> Iterator[Any]:
    """Debian's Chromium, launched once for the test and closed after it."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def async_unsafe_allowed(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM would refuse to run
    # beside it, though here nothing else touches the connection.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")


def _database_url() -> str:
    """A DATABASE_URL for the test database this test runs against."""
    from django.db import connection

    config = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(config["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            pytest.fail("the SQLite test database must be a file (see tests/web/conftest.py)")
        return f"sqlite:///{name}"
    user = quote(config.get("USER") or "", safe="")
    password = quote(config.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = config.get("HOST") or "localhost"
    port = f":{config['PORT']}" if config.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{config['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(transactional_db, owner, tmp_path) -> Iterator[str]:
    """``weakties serve`` on a free port, on the test database; yields its base URL."""
    port = _free_port()
    env = os.environ | {
        "WEAKTIES_HOME": str(tmp_path / "home"),
        "DATABASE_URL": _database_url(),
        "WEAKTIES_MODE": "local",
        "WEAKTIES_TODAY": TODAY.isoformat(),
    }
    log = (tmp_path / "server.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "weakties", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"weakties serve exited early:\n{log.read()}")
            try:
                with urllib.request.urlopen(f"{base}/static/web/weakties.css", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail("weakties serve did not answer within 30 seconds")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
