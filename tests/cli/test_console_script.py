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
