"""Fixtures for the web UI tests: a small network for the owner, and a pinned "today"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    """Pages compute "overdue" and "3 days ago" from today; pin it so tests read the same."""
    monkeypatch.setenv("WEAKTIES_TODAY", TODAY.isoformat())
    return TODAY


@pytest.fixture
def client(client, owner):
    """The owner's browser, signed in (as the local user is on this machine)."""
    client.force_login(owner)
    return client


@pytest.fixture
def network(owner, make_contact):
    """A small network: Ada (weak tie, overdue next step), Grace (strong tie, their move),
    and Linus (never contacted)."""
    from weakties.network import services

    ada = make_contact(
        "Ada Lovelace",
        title="Engineering Manager",
        organization="Analytical Engines",
        tie="weak",
        tags=["data", "mentor"],
        how_met="PyCon 2024 hallway track",
        notes="Prefers email.\nAsk about the new data team.",
        emails=["ada@example.com"],
        phones=["+44 20 7946 0018"],
        urls=["https://www.linkedin.com/in/ada-lovelace/"],
    )
    grace = make_contact(
        "Grace Hopper",
        title="Director of Platforms",
        organization="Navy Labs",
        tie="strong",
        closeness=4,
        tags=["mentor"],
    )
    linus = make_contact("Linus Pauling", organization="Caltech", tie="none")
    first = services.interaction_log(
        owner=owner,
        participants=[ada],
        summary="Coffee near her office; she is hiring for a data team.",
        channel="coffee",
        occurred_on=TODAY - timedelta(days=10),
        next_step="Send Ada my CV",
        next_step_due=TODAY - timedelta(days=3),
    )
    second = services.interaction_log(
        owner=owner,
        participants=[grace, ada],
        summary="Video call about platform teams.",
        channel="video",
        occurred_on=TODAY - timedelta(days=2),
        next_step="Grace introduces me to her VP",
        next_step_due=TODAY + timedelta(days=5),
        next_step_mine=False,
    )
    services.memory_add(contact=ada, text="We both love the Difference Engine.")
    services.help_idea_add(contact=ada, text="Share the SQLite performance article.")
    services.contact_link(a=ada, b=grace, kind="colleague", strength=4)
    return {
        "ada": ada,
        "grace": grace,
        "linus": linus,
        "coffee": first,
        "call": second,
        "cv_step": first.next_steps.get(),
        "intro_step": second.next_steps.get(),
    }
