"""Fixtures for the hidden-job-market tests: a pinned "today" and a small network around
two target employers."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    """Stages, events and follow-ups are dated from today; pin it so tests read the same."""
    monkeypatch.setenv("WEAKTIES_TODAY", TODAY.isoformat())
    return TODAY


@pytest.fixture
def market(owner, make_contact):
    """Ada works at Acme (a weak tie), Grace knows Linus who works at Initech (not met yet),
    and Hedy is a strong tie at Acme."""
    from weakties.network import services

    ada = make_contact("Ada Lovelace", organization="Acme", tie="weak", closeness=3)
    hedy = make_contact("Hedy Lamarr", organization="Acme", tie="strong", closeness=4)
    grace = make_contact("Grace Hopper", organization="Navy Labs", tie="strong")
    linus = make_contact("Linus Pauling", organization="Initech", tie="none")
    services.contact_link(a=grace, b=linus, kind="friend", strength=4)
    return {"ada": ada, "hedy": hedy, "grace": grace, "linus": linus}


@pytest.fixture
def run(owner):
    """The CLI, run in-process as the owner (see tests/cli/conftest.py)."""
    from tests.cli.conftest import Run

    return Run()
