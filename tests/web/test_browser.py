"""A real browser against a real server: add a contact, log a conversation with a next step,
complete it, all as a user would.

The server is ``weakties serve`` in its own process, on the test database; Chromium is
Debian's (``/usr/bin/chromium``). Without it the test is skipped, unless
``WEAKTIES_REQUIRE_BROWSER=1`` (as in CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import TODAY

pytestmark = pytest.mark.browser

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
    return sync_playwright


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


def test_a_user_adds_a_contact_logs_a_conversation_and_completes_the_next_step(
    sync_playwright, async_unsafe_allowed, server, owner, make_contact
):
    from playwright.sync_api import expect

    from weakties.network.models import Contact

    make_contact("Mary Jackson", organization="NACA")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(10_000)

            page.goto(f"{server}/contacts/")
            expect(page.get_by_role("heading", name="Contacts", level=1)).to_be_visible()
            page.get_by_role("main").get_by_role("link", name="Add contact").click()

            page.get_by_label("Name", exact=True).fill("Dorothy Vaughan")
            page.get_by_label("Organisation", exact=True).fill("NACA")
            page.get_by_label("Emails", exact=True).fill("dorothy@example.com")
            page.get_by_label("Tags", exact=True).fill("mentor, computing")
            page.get_by_role("button", name="Add contact").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Dorothy Vaughan")

            # Search as you type: the results change and the address follows.
            page.goto(f"{server}/contacts/")
            expect(page.locator("#results")).to_contain_text("Mary Jackson")
            page.get_by_label("Search", exact=True).fill("doro")
            expect(page.locator("#results")).not_to_contain_text("Mary Jackson")
            expect(page).to_have_url(re.compile(r"/contacts/\?q=doro$"))
            page.get_by_role("link", name="Dorothy Vaughan").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Dorothy Vaughan")

            # Log a conversation with its next step; the page is not reloaded.
            page.evaluate("window.stillTheSamePage = true")
            page.get_by_label("What did you talk about?").fill("Coffee: FORTRAN at NACA.")
            page.get_by_label("Channel", exact=True).select_option("coffee")
            page.get_by_label("When", exact=True).fill("yesterday")
            page.get_by_label("Next step", exact=True).fill("Send her the Langley article")
            page.get_by_label("Due", exact=True).fill("friday")
            page.get_by_role("button", name="Log conversation").click()

            expect(page.locator("#timeline")).to_contain_text("Coffee: FORTRAN at NACA.")
            expect(page.locator("#log-panel")).to_contain_text("Logged, with the next step")
            steps = page.locator("#contact-steps")
            expect(steps).to_contain_text("Send her the Langley article")
            expect(steps).to_contain_text("due Fri 20 Mar")
            expect(page.get_by_label("What did you talk about?")).to_have_value("")
            assert page.evaluate("window.stillTheSamePage") is True

            # Complete the next step in place.
            page.get_by_role("button", name="Mark done: Send her the Langley article").click()
            expect(steps).to_contain_text("done today")
            expect(
                steps.get_by_role("button", name="Reopen: Send her the Langley article")
            ).to_be_visible()
            assert page.evaluate("window.stillTheSamePage") is True
        finally:
            browser.close()

    dorothy = Contact.objects.get(owner=owner, name="Dorothy Vaughan")
    assert dorothy.organization is not None and dorothy.organization.name == "NACA"
    assert [p.value for p in dorothy.points.all()] == ["dorothy@example.com"]
    assert sorted(t.name for t in dorothy.tags.all()) == ["computing", "mentor"]
    conversation = dorothy.interactions.get()
    assert conversation.summary == "Coffee: FORTRAN at NACA."
    assert conversation.channel == "coffee"
    assert conversation.occurred_on == TODAY - timedelta(days=1)
    step = conversation.next_steps.get()
    assert step.text == "Send her the Langley article" and step.mine
    assert step.contact == dorothy
    assert step.due == TODAY + timedelta(days=4)
    assert step.done_on == TODAY
