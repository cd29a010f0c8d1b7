"""Server mode: people sign in with their own account on a page of ours, not the admin's."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse


@pytest.fixture
def server_mode(settings):
    settings.WEAKTIES_MODE = "server"


@pytest.fixture
def alice(db):
    """A job seeker's account: no staff rights, no admin."""
    return get_user_model().objects.create_user("alice", password="a-long-passphrase-1")


def test_a_job_seeker_without_staff_rights_signs_in_and_out(server_mode, alice):
    browser = Client()

    asked = browser.get(reverse("web:import"))
    assert asked.status_code == 302
    assert asked["Location"] == f"{reverse('web:sign_in')}?next={reverse('web:import')}"
    form = browser.get(asked["Location"]).content.decode()
    assert "User name" in form and "Import/export" not in form  # no menu before signing in

    signed_in = browser.post(
        reverse("web:sign_in"),
        {"username": "alice", "password": "a-long-passphrase-1", "next": reverse("web:import")},
    )
    assert signed_in["Location"] == reverse("web:import")
    page = browser.get(reverse("web:import")).content.decode()
    assert "Sign out alice" in page

    browser.post(reverse("web:sign_out"))
    assert browser.get(reverse("web:import")).status_code == 302


def test_a_wrong_password_is_refused_with_a_message(server_mode, alice):
    refused = Client().post(reverse("web:sign_in"), {"username": "alice", "password": "guess"})

    assert refused.status_code == 200
    assert "Please enter a correct username and password" in refused.content.decode()
    assert "_auth_user_id" not in refused.wsgi_request.session


def test_locally_there_is_nothing_to_sign_out_of(client, owner):
    page = client.get(reverse("web:home")).content.decode()

    assert "Sign out" not in page
    assert client.get(reverse("web:sign_in"))["Location"] == reverse("web:home")
