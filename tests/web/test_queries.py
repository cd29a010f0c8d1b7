"""The main pages take a fixed number of queries, however big the network (no N+1)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.conftest import TODAY
from weakties.network import services


@pytest.fixture
def busy_network(owner, make_contact):
    """Sixty people with tags, roles, emails, phones, links, conversations and next steps."""
    people = []
    for number in range(60):
        people.append(
            make_contact(
                f"Person {number:02d}",
                organization=f"Company {number % 7}",
                title="Engineer",
                tags=[f"tag{number % 5}", "all"],
                roles=["mentor"] if number % 3 == 0 else [],
                emails=[f"person{number}@example.com"],
                phones=[f"+49 30 555 {number:04d}"],
                urls=[f"https://www.linkedin.com/in/person-{number}"],
            )
        )
    for number, person in enumerate(people):
        services.interaction_log(
            owner=owner,
            participants=[person, people[(number + 1) % 60]],
            summary=f"Conversation {number}",
            occurred_on=TODAY - timedelta(days=number),
            next_step=f"Follow up {number}",
            next_step_due=TODAY + timedelta(days=number - 30),
        )
        services.memory_add(contact=person, text="A shared moment")
        services.contact_link(a=person, b=people[(number + 7) % 60], kind="colleague")
    return people


def test_contacts_list_takes_a_fixed_number_of_queries(
    client, busy_network, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        response = client.get(reverse("web:contacts"))
    assert response.content.decode().count('class="contact-link"') == 50


def test_searching_contacts_with_htmx_takes_a_fixed_number_of_queries(
    client, busy_network, django_assert_max_num_queries
):
    # One of them asks whether the database found anyone, before comparing names by key.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("web:contacts"), {"q": "person"}, HTTP_HX_REQUEST="true")
    assert response.content.decode().count('class="contact-link"') == 50


def test_contact_page_takes_a_fixed_number_of_queries(
    client, busy_network, django_assert_max_num_queries
):
    # 14 of the network (with its namesakes), + 1 the reciprocity ledger (plan), + 2 leads and
    # events (leads).
    with django_assert_max_num_queries(17):
        response = client.get(reverse("web:contact", args=[busy_network[5].pk]))
    assert "Conversation 5" in response.content.decode()


def test_home_page_takes_a_fixed_number_of_queries(
    client, busy_network, django_assert_max_num_queries
):
    # The day's plan: session and user 2, counts 5, settings 1, due steps and follow-ups 2,
    # ranking 1 + the chosen people with tags, points and roles 4, the week 4.
    with django_assert_max_num_queries(19):
        response = client.get(reverse("web:home"))
    assert "Follow up 0" in response.content.decode()


def test_next_steps_page_takes_a_fixed_number_of_queries(
    client, busy_network, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        response = client.get(reverse("web:next_steps"), {"done": "1"})
    assert response.content.decode().count('class="step ') == 50
