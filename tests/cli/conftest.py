"""Run ``weakties`` commands in-process, against the test database, on a fixed "today"."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.conftest import TODAY


class Run:
    """``run("add", "Ada")`` runs ``weakties add Ada`` and checks the exit code (0 by default)."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int = 0) -> Result:
        from weakties.cli.app import cli

        result = self.runner.invoke(
            cli,
            list(args),
            env={"WEAKTIES_TODAY": TODAY.isoformat(), "COLUMNS": "200"},
            prog_name="weakties",
        )
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--json").stdout)


@pytest.fixture
def run(owner) -> Run:
    """The CLI, run as the owner: the local user every command works for."""
    return Run()


@pytest.fixture
def add(run) -> Callable[..., dict[str, Any]]:
    """``add("Ada Lovelace", "--org", "Acme")``: add someone through the CLI, get their JSON."""

    def add_contact(name: str, *options: str) -> dict[str, Any]:
        return run.json("add", name, *options)

    return add_contact


@pytest.fixture
def run_offline() -> Run:
    """The CLI with no database access at all: help and usage errors must not need one."""
    return Run()
