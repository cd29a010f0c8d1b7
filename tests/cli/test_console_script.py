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


def _clean_env(home: Path, *, drop: tuple[str, ...] = (), **extra: str) -> dict[str, str]:
    """This process's environment for a fresh data folder ``home``: no database or settings
    module of the test run's own, nor the variables in ``drop``."""
    gone = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", *drop}
    env = {key: value for key, value in os.environ.items() if key not in gone}
    return env | {"WEAKTIES_HOME": str(home), **extra}


def test_a_new_user_can_add_log_and_see_next_steps_without_any_setup(tmp_path):
    env = _clean_env(tmp_path, WEAKTIES_TODAY=TODAY.isoformat())

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


MODULES_AFTER = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "weakties.settings"
import django
django.setup()
from weakties.cli.app import cli
cli(sys.argv[1:], prog_name="weakties", standalone_mode=False)
print(json.dumps(sorted(sys.modules)))
"""


def test_a_command_loads_only_its_own_module_and_not_the_path_engine(tmp_path):
    """Start-up is part of every command: ``weakties next`` imports the module that defines
    it, not the other commands' modules, and not numpy (0.1 s; only path and reach need it)."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"WEAKTIES_HOME": str(tmp_path)}

    def modules_after(*command: str) -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", MODULES_AFTER, *command],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return set(json.loads(done.stdout.splitlines()[-1]))

    imported = modules_after("next")
    assert "weakties.cli.conversations" in imported
    assert not imported & {"weakties.cli.paths", "weakties.cli.leads", "weakties.cli.interop"}
    assert "numpy" not in imported
    assert {"weakties.cli.paths", "numpy"} <= modules_after("reach")


def test_the_quick_exit_keeps_the_status_the_whole_output_and_a_clean_database(tmp_path):
    """The program ends without the interpreter's teardown (``cli._leave``): the exit status,
    every byte of piped output and the database must be exactly as on a normal exit."""
    env = _clean_env(tmp_path, WEAKTIES_TODAY=TODAY.isoformat())

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


EXIT_HANDLER = """
import atexit, sys
from pathlib import Path
atexit.register(Path(sys.argv[1]).write_text, "saved on exit")
sys.argv = ["weakties", *sys.argv[2:]]
from weakties.cli import main
main()
"""


def test_the_quick_exit_still_runs_what_libraries_registered_for_the_end(tmp_path):
    """A coverage tool or a log handler saves its work in an ``atexit`` handler; skipping the
    interpreter's teardown must not skip those, on success or on a refusal."""
    env = _clean_env(tmp_path)
    for args, status in ((["list", "--json"], 0), (["import", str(tmp_path / "missing.csv")], 2)):
        saved = tmp_path / f"saved-{status}.txt"
        done = subprocess.run(
            [sys.executable, "-c", EXIT_HANDLER, str(saved), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == status, done.stderr
        assert saved.read_text() == "saved on exit"


def test_time_zone_settings_that_name_no_zone(tmp_path):
    """A POSIX rule in TZ (as some systems set it) is not a zone name: the machine's zone is
    used instead. A wrong WEAKTIES_TIME_ZONE, which only the user sets, is named."""
    env = _clean_env(tmp_path, drop=("WEAKTIES_TIME_ZONE",))

    def weakties(**extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_weakties(), "next", "--json"],
            env=env | extra,
            capture_output=True,
            text=True,
            timeout=60,
        )

    posix = weakties(TZ="CET-1CEST")
    assert (posix.returncode, json.loads(posix.stdout)) == (0, []), posix.stderr
    wrong = weakties(WEAKTIES_TIME_ZONE="Mars/Base")
    assert wrong.returncode == 1
    assert wrong.stderr == (
        "Error: WEAKTIES_TIME_ZONE='Mars/Base' is not a time zone; use a name such as "
        "Europe/Paris or America/New_York.\n"
    )


def test_piped_output_keeps_each_line_whole(tmp_path):
    """Into a pipe or a file there is no terminal width: a hint line must not be broken at 80
    columns in the middle of the command it suggests."""
    env = _clean_env(tmp_path, drop=("COLUMNS",), WEAKTIES_TODAY=TODAY.isoformat())

    def weakties(*args: str) -> str:
        done = subprocess.run(
            [*_weakties(), *args], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    weakties("demo")
    hints = [line for line in weakties("today").splitlines() if "weakties log" in line]

    assert hints
    assert all("weakties skip" in line for line in hints)
    assert max(len(line) for line in hints) > 80
