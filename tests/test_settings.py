"""Where data lives and how the database is set up, as a new user and an operator see it."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

REPO = Path(__file__).resolve().parent.parent


def run_python(code: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    environment |= {"WEAKTIES_HOME": str(home), **env}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=environment,
        cwd=REPO,
        timeout=120,
        check=False,
    )


BOOT = """
import json
from weakties import bootstrap
bootstrap.setup()
from django.conf import settings
from django.db import connection
from weakties.accounts.services import local_user
with connection.cursor() as cursor:
    pragmas = {
        name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "foreign_keys", "busy_timeout")
    }
print(json.dumps({
    "database": str(settings.DATABASES["default"]["NAME"]),
    "pragmas": pragmas,
    "user": local_user().username,
    "secret": settings.SECRET_KEY,
}))
"""


def test_a_first_run_creates_the_sqlite_file_migrates_it_and_makes_the_local_user(tmp_path):
    result = run_python(BOOT, tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    database = tmp_path / "weakties.sqlite3"
    assert report["database"] == str(database)
    assert report["pragmas"] == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 20000}
    assert report["user"] == "me"
    tables = {row[0] for row in sqlite3.connect(database).execute("SELECT name FROM sqlite_master")}
    assert {"network_contact", "network_nextstep", "auth_user"} <= tables


def test_the_secret_key_is_made_once_kept_private_and_reused(tmp_path):
    first = json.loads(run_python(BOOT, tmp_path).stdout)["secret"]
    second = json.loads(run_python(BOOT, tmp_path).stdout)["secret"]
    assert first == second and len(first) >= 50
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_an_operator_secret_key_from_the_environment_wins(tmp_path):
    result = run_python(BOOT, tmp_path, SECRET_KEY="operator-key-" + "x" * 40)
    assert json.loads(result.stdout)["secret"].startswith("operator-key-")
    assert not (tmp_path / "secret_key").exists()


def test_database_url_points_weakties_at_another_database(tmp_path):
    other = tmp_path / "elsewhere.sqlite3"
    result = run_python(BOOT, tmp_path / "home", DATABASE_URL=f"sqlite:///{other}")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["database"] == str(other)
    assert other.exists()


BEHIND_PROXY = """
from weakties import bootstrap
bootstrap.setup()
from django.contrib.auth import get_user_model
from django.test import Client
alice = get_user_model().objects.create_user("alice", password="a-long-passphrase-1")
browser = Client(HTTP_HOST="weakties.example.org")
browser.force_login(alice)
page = browser.get("/export/", headers={"X-Forwarded-Proto": "https"})
print(page.status_code, "https://weakties.example.org/calendar/" in page.content.decode())
plain = browser.get("/export/")
print(plain.status_code, "http://weakties.example.org/calendar/" in plain.content.decode())
"""


@pytest.mark.parametrize(("proxy", "expected"), [("1", "200 True"), ("", "200 False")])
def test_behind_a_tls_proxy_the_calendar_address_is_https(tmp_path, proxy, expected):
    result = run_python(
        BEHIND_PROXY,
        tmp_path,
        WEAKTIES_MODE="server",
        WEAKTIES_ALLOWED_HOSTS="weakties.example.org",
        SECRET_KEY="operator-key-" + "x" * 40,
        WEAKTIES_BEHIND_TLS_PROXY=proxy,
    )

    assert result.returncode == 0, result.stderr
    https, plain = result.stdout.splitlines()
    assert https == expected
    assert plain == "200 True"  # without the proxy's header, a request is plain http


FAILING_PAGE = """
from weakties import bootstrap
bootstrap.setup()
from django.test import Client
from weakties.interop import exports

def broken(**kwargs):
    raise RuntimeError("the disk is full")

exports.vcard_export = broken
browser = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
page = browser.post("/export/download/", {"kind": "vcard"})
print(page.status_code)
"""


def test_a_failing_page_leaves_its_traceback_in_the_server_log(tmp_path):
    result = run_python(FAILING_PAGE, tmp_path)

    assert result.stdout.strip() == "500", result.stderr
    assert "Internal Server Error: /export/download/" in result.stderr
    assert "RuntimeError: the disk is full" in result.stderr


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_foreign_keys_are_enforced_by_the_database():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL always enforces foreign keys")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
