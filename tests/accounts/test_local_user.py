"""Local mode: the one user is signed in automatically, but only from this machine."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from weakties.accounts.middleware import is_loopback

pytestmark = pytest.mark.django_db


def signed_in_as(client: Client, remote_addr: str) -> str | None:
    response = client.get("/", REMOTE_ADDR=remote_addr)
    user = response.wsgi_request.user
    return user.username if user.is_authenticated else None


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.0.3", "::1"])
def test_a_browser_on_this_machine_is_signed_in_as_the_local_user(address):
    assert signed_in_as(Client(), address) == "me"


@pytest.mark.parametrize("address", ["192.168.1.20", "10.0.0.5", "2001:db8::1", "", "junk"])
def test_a_browser_elsewhere_on_the_network_is_not_signed_in(address):
    assert signed_in_as(Client(), address) is None


@override_settings(WEAKTIES_MODE="server")
def test_server_mode_never_signs_anyone_in_automatically():
    assert signed_in_as(Client(), "127.0.0.1") is None


def test_the_local_user_is_created_once(owner):
    from django.contrib.auth import get_user_model

    signed_in_as(Client(), "127.0.0.1")
    signed_in_as(Client(), "::1")
    assert get_user_model().objects.filter(username="me").count() == 1
    assert not owner.has_usable_password()


def test_loopback_detection_handles_odd_input():
    assert is_loopback("127.0.0.1") and is_loopback("::1")
    assert not is_loopback(None) and not is_loopback("localhost")
