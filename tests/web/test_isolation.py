"""A second user can neither see nor change the owner's network through any page.

The list of URLs with an object id is checked against the URL configuration itself, so a new
URL fails this test until it is added here (and so, checked). Each area of the product lists its
own URLs in ``tests/<area>/isolation.py`` (``OBJECT_URLS``, ``OWNER_OBJECTS`` and optionally
``SPECIAL_KWARGS`` and ``EXEMPT``), merged below; the ``network`` fixture's dict is passed to
each ``OWNER_OBJECTS`` function (``network["ada"].owner`` is the owner).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps
from django.core import serializers
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from weakties.network import services
from weakties.web import urls as web_urls

# For each URL name with an id: the form data a POST sends (plausible data, so a missing
# ownership check would really write something), or a function of the network giving it.
OBJECT_URLS: dict[str, Any] = {
    "contact": {},
    "contact_edit": {"name": "Taken over", "tie": "weak", "closeness": "2"},
    "contact_archive": {},
    "contact_unarchive": {},
    "contact_merge": lambda network: {"other": network["grace"].pk},
    "interaction_log": {"summary": "Not mine", "channel": "call", "occurred_on": "today"},
    "contact_link_add": {"other": "Grace Hopper", "kind": "colleague", "strength": "4"},
    "memory_add": {"memory-text": "Not mine"},
    "help_idea_add": {"idea-text": "Not mine"},
    "next_step_done": {},
    "next_step_reopen": {},
}

# Which of the owner's objects each URL parameter names.
OWNER_OBJECTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "contact_id": lambda network: network["ada"].pk,
    "step_id": lambda network: network["cv_step"].pk,
}

# URLs whose object must be in a particular state first (something to reopen, to unarchive).
SPECIAL_KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "next_step_reopen": lambda network: {"step_id": network["intro_step"].pk},
    "contact_unarchive": lambda network: {"contact_id": network["linus"].pk},
}

# URL names that are deliberately reachable without the owner's session (a secret feed URL),
# each with the test module that proves what a stranger can and cannot get from it.
EXEMPT: dict[str, str] = {}

AREAS = ("plan", "interop", "intros", "leads")
for _area in AREAS:
    try:
        _module = importlib.import_module(f"tests.{_area}.isolation")
    except ModuleNotFoundError as _missing:
        if _missing.name not in (f"tests.{_area}", f"tests.{_area}.isolation"):
            raise
        continue
    OBJECT_URLS.update(getattr(_module, "OBJECT_URLS", {}))
    OWNER_OBJECTS.update(getattr(_module, "OWNER_OBJECTS", {}))
    SPECIAL_KWARGS.update(getattr(_module, "SPECIAL_KWARGS", {}))
    EXEMPT.update(getattr(_module, "EXEMPT", {}))


def _patterns(patterns: list[Any]) -> Iterator[URLPattern]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns)
        else:
            yield pattern


def _web_patterns_with_ids() -> dict[str, list[str]]:
    return {
        str(pattern.name): list(pattern.pattern.regex.groupindex)
        for pattern in _patterns(web_urls.urlpatterns)
        if pattern.pattern.regex.groupindex and pattern.name not in EXEMPT
    }


def _snapshot() -> str:
    """Every row of the network and of the users, to prove nothing changed."""
    models = [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("weakties.") or config.name == "django.contrib.auth"
        for model in config.get_models()
    ]
    return "\n".join(
        serializers.serialize("json", model._default_manager.order_by("pk")) for model in models
    )


@pytest.fixture
def stranger_client(stranger) -> Client:
    browser = Client()
    browser.force_login(stranger)
    return browser


def test_every_url_with_an_object_id_is_checked_here():
    found = _web_patterns_with_ids()

    assert set(found) == set(OBJECT_URLS), "add the new URL to OBJECT_URLS"
    for name, parameters in found.items():
        assert set(parameters) <= set(OWNER_OBJECTS), f"{name}: which object is {parameters}?"


@pytest.mark.parametrize("name", sorted(OBJECT_URLS))
def test_a_stranger_gets_not_found_for_the_owners_objects_and_changes_nothing(
    name, network, stranger_client
):
    services.next_step_complete(step=network["intro_step"])  # something to reopen
    services.contact_archive(contact=network["linus"])  # something to unarchive
    parameters = _web_patterns_with_ids()[name]
    kwargs = {parameter: OWNER_OBJECTS[parameter](network) for parameter in parameters}
    if name in SPECIAL_KWARGS:
        kwargs = SPECIAL_KWARGS[name](network)
    url = reverse(f"web:{name}", kwargs=kwargs)
    data = OBJECT_URLS[name](network) if callable(OBJECT_URLS[name]) else OBJECT_URLS[name]
    before = _snapshot()

    responses = [
        stranger_client.get(url),
        stranger_client.post(url, data),
        stranger_client.post(url, data, HTTP_HX_REQUEST="true"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    for response in responses:
        assert b"Ada" not in response.content and b"Grace" not in response.content
    assert _snapshot() == before


def test_the_owner_reaches_the_same_urls(client, network):
    """The check above is not passing only because the URLs are broken."""
    for name in OBJECT_URLS:
        parameters = _web_patterns_with_ids()[name]
        kwargs = {parameter: OWNER_OBJECTS[parameter](network) for parameter in parameters}
        response = client.get(reverse(f"web:{name}", kwargs=kwargs))
        assert response.status_code in (200, 405), name


def test_pages_without_an_id_show_a_stranger_nothing_of_the_owners(network, stranger_client):
    without_ids = [
        pattern
        for pattern in _patterns(web_urls.urlpatterns)
        if not pattern.pattern.regex.groupindex and pattern.name not in EXEMPT
    ]
    assert len(without_ids) >= 4

    for pattern in without_ids:
        url = reverse(f"web:{pattern.name}")
        for query in ({}, {"q": "a"}, {"done": "1"}, {"archived": "1"}):
            page = stranger_client.get(url, query).content.decode()
            for private in ("Ada Lovelace", "Grace Hopper", "Send Ada my CV", "Navy Labs"):
                assert private not in page, (url, query, private)


def test_a_stranger_cannot_name_the_owners_contacts_in_a_conversation(
    network, stranger, stranger_client
):
    mine = services.contact_create(owner=stranger, data=services.ContactData(name="Sam"))

    response = stranger_client.post(
        reverse("web:interaction_log", args=[mine.pk]),
        {"summary": "Hi", "channel": "call", "occurred_on": "today", "others": "Ada Lovelace"},
        HTTP_HX_REQUEST="true",
    )

    assert "No one called" in response.content.decode()
    assert not network["ada"].interactions.filter(summary="Hi").exists()


def test_a_stranger_cannot_merge_the_owners_contact_into_their_own(
    network, stranger, stranger_client
):
    mine = services.contact_create(owner=stranger, data=services.ContactData(name="Ada Lovelace"))
    before = _snapshot()

    response = stranger_client.post(
        reverse("web:contact_merge", args=[mine.pk]), {"other": network["ada"].pk}
    )

    assert response.status_code == 404
    assert b"Ada" not in response.content
    assert _snapshot() == before
