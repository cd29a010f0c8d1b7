"""A new user's first command creates the schema directly; it must be the very schema that
replaying every migration gives, or the next migration would meet a different database."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

CREATE_FRESH = "from weakties import bootstrap; bootstrap.setup()"
REPLAY = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'weakties.settings'; "
    "django.setup(); from django.core.management import call_command; "
    "call_command('migrate', interactive=False, verbosity=0)"
)


def _database(home: Path, code: str) -> Path:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"WEAKTIES_HOME": str(home), "DJANGO_SETTINGS_MODULE": "weakties.settings"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    return home / "weakties.sqlite3"


def _items(create_table: str) -> set[str]:
    """The column and constraint definitions of a CREATE TABLE, in any order."""
    body = create_table[create_table.index("(") + 1 : create_table.rindex(")")]
    items, depth, current = set(), 0, ""
    for char in body:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            items.add(re.sub(r"\s+", " ", current.strip()))
            current = ""
        else:
            current += char
    items.add(re.sub(r"\s+", " ", current.strip()))
    return items


def _schema(path: Path) -> dict[str, object]:
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        applied = set(db.execute("SELECT app, name FROM django_migrations").fetchall())
        permissions = db.execute("SELECT COUNT(*) FROM auth_permission").fetchone()[0]
    tables = {name: _items(sql) for kind, name, _, sql in rows if kind == "table"}
    indexes = {(table, sql) for kind, _name, table, sql in rows if kind == "index" and sql}
    return {
        "tables": tables,
        "indexes": indexes,
        "migrations": applied,
        "permissions": permissions,
    }


def test_the_fresh_schema_is_the_migrated_schema(tmp_path):
    fresh = _schema(_database(tmp_path / "fresh", CREATE_FRESH))
    replayed = _schema(_database(tmp_path / "replayed", REPLAY))

    assert fresh["tables"].keys() == replayed["tables"].keys()
    for table, items in replayed["tables"].items():
        assert fresh["tables"][table] == items, table
    assert fresh["indexes"] == replayed["indexes"]
    assert fresh["migrations"] == replayed["migrations"]
    assert fresh["permissions"] == replayed["permissions"] > 0


def test_an_existing_database_is_migrated_not_recreated(tmp_path):
    database = _database(tmp_path, CREATE_FRESH)
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM django_migrations WHERE app = 'leads'")
        db.execute(
            "INSERT INTO auth_user (password, is_superuser, username, first_name, "
            "last_name, email, is_staff, is_active, date_joined) "
            "VALUES ('', 0, 'kept', '', '', '', 0, 1, '2026-01-01')"
        )
        for (table,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'leads_%'"
        ).fetchall():
            db.execute(f'DROP TABLE "{table}"')

    _database(tmp_path, CREATE_FRESH)

    with sqlite3.connect(database) as db:
        assert db.execute("SELECT username FROM auth_user").fetchall() == [("kept",)]
        assert db.execute("SELECT COUNT(*) FROM leads_lead").fetchone() == (0,)


def test_an_up_to_date_database_is_recognised_without_loading_the_migrations(tmp_path):
    """Every command checks the schema first; when every migration is recorded it answers
    from file names, and Django's migration graph (every migration module) is never built."""
    database = _database(tmp_path, CREATE_FRESH)
    check = (
        "import sys; from weakties import bootstrap; bootstrap.setup(); "
        "print(sorted(m for m in sys.modules if '.migrations.0' in m))"
    )
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"WEAKTIES_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "weakties.settings"}

    def loaded() -> str:
        done = subprocess.run(
            [sys.executable, "-c", check], env=env, check=True, timeout=120,
            capture_output=True, text=True,
        )  # fmt: skip
        return done.stdout.strip()

    assert loaded() == "[]"

    # As if a new version brought a migration: the database of the version before, without
    # the latest migration's column and its record.
    with sqlite3.connect(database) as db:
        db.execute("ALTER TABLE network_contact DROP COLUMN uid")
        db.execute("DELETE FROM django_migrations WHERE app = 'network' AND name LIKE '0005%'")
    assert "weakties.network.migrations.0005_contact_uid" in loaded()
    with sqlite3.connect(database) as db:
        recorded = db.execute("SELECT name FROM django_migrations WHERE app = 'network'")
        assert ("0005_contact_uid",) in recorded.fetchall()
        columns = [row[1] for row in db.execute("PRAGMA table_info(network_contact)")]
        assert "uid" in columns
    assert loaded() == "[]"
