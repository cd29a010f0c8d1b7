"""Fixtures for the plan: a clock the tests can move, day by day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tests.conftest import TODAY


@pytest.fixture
def clock(monkeypatch) -> Callable[[date], date]:
    """``clock(day)`` makes ``day`` today for every service (logging refuses future dates)."""

    def move(day: date) -> date:
        monkeypatch.setenv("WEAKTIES_TODAY", day.isoformat())
        return day

    move(TODAY)
    return move


@pytest.fixture
def run(owner, monkeypatch):
    """The CLI in-process as the owner, on TODAY; never opens a mail app."""
    from tests.cli.conftest import Run

    monkeypatch.setenv("WEAKTIES_NO_BROWSER", "1")
    return Run()
