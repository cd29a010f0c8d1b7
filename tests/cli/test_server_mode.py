"""Commands on a server act for an existing account, never a new password-less one."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.cli.conftest import Run
from weakties.network.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(settings):
    settings.WEAKTIES_MODE = "server"
    return settings


def test_on_a_server_a_command_needs_an_existing_account(server):
    refused = Run()("list", code=1)

    assert "no account 'me'" in refused.stderr
    assert "WEAKTIES_LOCAL_USER=alice" in refused.stderr
    assert not get_user_model().objects.exists()


def test_on_a_server_a_command_works_in_the_named_account(server):
    alice = get_user_model().objects.create_user("alice", password="a-long-passphrase-1")
    server.LOCAL_USERNAME = "alice"

    added = Run().json("add", "Ada Lovelace")

    assert Contact.objects.get(pk=added["id"]).owner == alice
    assert get_user_model().objects.count() == 1
