"""Shared fixtures: the personas every test speaks of, and small factories.

The data folder is a fresh temporary directory for the whole run (``tests/settings.py``), so
tests never touch a real user's network. The database is SQLite unless ``DATABASE_URL`` names
another one (``make test`` runs the suite again on PostgreSQL when ``WEAKTIES_TEST_POSTGRES``
is set).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

pytest_plugins = ["tests.browser"]

REPO = Path(__file__).resolve().parent.parent
SHARED_FIXTURES = REPO.parent / "shared" / "fixtures"
TODAY = date(2026, 3, 16)  # a Monday; tests that care about "today" pass it explicitly


@pytest.fixture
def owner(db):
    """The job seeker: the local user who owns the network under test."""
    from weakties.accounts.services import local_user

    return local_user()


@pytest.fixture
def stranger(db):
    """A second user on the same server, who must never see the owner's data."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("stranger", password="not-the-owner-1")


@pytest.fixture
def coach(db):
    """A career coach account (no access granted yet: a stranger to the owner's data)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("coach", password="coach-password-1")


@pytest.fixture
def make_contact(owner):
    """Factory: ``make_contact("Ada Lovelace", organization="Acme", emails=[...])``."""
    from weakties.network import services

    def make(name: str, *, user=None, emails=(), phones=(), urls=(), **fields):
        data = services.ContactData(name=name, **fields)
        return services.contact_create(
            owner=user or owner, data=data, emails=emails, phones=phones, urls=urls
        )

    return make


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Give each PostgreSQL test run its own database, so two runs on one server never collide."""
    from django.conf import settings

    default = settings.DATABASES["default"]
    if default["ENGINE"] != "django.db.backends.sqlite3":
        base = default.get("TEST", {}).get("NAME") or f"test_{default['NAME']}"
        default.setdefault("TEST", {})["NAME"] = f"{base}_{os.getpid()}"
