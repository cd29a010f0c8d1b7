"""The real ``weakties`` program, in its own process, on a brand-new data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import TODAY


def _weakties() -> list[str]:
    script = Path(sys.executable).with_name("weakties")
    return [str(script)] if script.exists() else [sys.executable, "-m", "weakties"]


def test_a_new_user_can_add_log_and_see_next_steps_without_any_setup(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {"WEAKTIES_HOME": str(tmp_path), "WEAKTIES_TODAY": TODAY.isoformat()}

    def weakties(*args: str) -> str:
        done = subprocess.run(
            [*_weakties(), *args], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "Welcome to weakties" in weakties()
    assert (tmp_path / "weakties.sqlite3").exists()
    weakties("add", "Ada Lovelace", "--org", "Acme", "--email", "ada@acme.example")
    weakties("log", "ada", "Coffee about data roles", "--next", "Send my CV", "--due", "friday")

    steps = json.loads(weakties("next", "--json"))

    assert [(s["text"], s["due"], s["contact"]["name"]) for s in steps] == [
        ("Send my CV", "2026-03-20", "Ada Lovelace")
    ]


def test_commands_that_need_no_paths_start_without_loading_the_path_engine(tmp_path):
    """numpy costs a tenth of a second at every start; only path and reach need it."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"WEAKTIES_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "weakties", "next"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "weakties.cli.paths" in imported
    assert "numpy" not in imported


def test_the_quick_exit_keeps_the_status_the_whole_output_and_a_clean_database(tmp_path):
    """The program ends without the interpreter's teardown (``cli._leave``): the exit status,
    every byte of piped output and the database must be exactly as on a normal exit."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {"WEAKTIES_HOME": str(tmp_path), "WEAKTIES_TODAY": TODAY.isoformat()}

    def weakties(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_weakties(), *args], env=env, capture_output=True, text=True, timeout=60
        )

    picture = tmp_path / "photo.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    refused = weakties("import", str(picture))
    assert refused.returncode == 2
    assert "photo.csv" in refused.stderr

    assert weakties("demo").returncode == 0
    listing = weakties("list", "--limit", "500", "--json")
    assert listing.returncode == 0
    people = json.loads(listing.stdout)  # cut-off output would not parse
    assert len(people) > 20
    # SQLite folded its write-ahead log back into the database and removed it, as it does when
    # the last connection closes normally.
    assert not (tmp_path / "weakties.sqlite3-wal").exists()
    assert weakties("show", people[-1]["name"], "--json").returncode == 0
