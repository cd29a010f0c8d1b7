"""The daily commands cost a fixed number of queries, however big the network is."""

from __future__ import annotations

from datetime import timedelta

import pytest

from weakties.network import services


@pytest.fixture
def busy_network(owner, make_contact, today):
    """Twenty people with emails, tags and roles; each talked to twice, with a next step."""
    people = [
        make_contact(
            f"Person {i:02}",
            organization=f"Org {i % 4}",
            emails=[f"p{i}@example.com"],
            tags=["python", f"group {i % 3}"],
            roles=["mentor"],
        )
        for i in range(20)
    ]
    for i, person in enumerate(people):
        for days_ago in (400, 3):
            services.interaction_log(
                owner=owner,
                participants=[person, people[(i + 1) % len(people)]],
                summary="Catch-up",
                occurred_on=today - timedelta(days=days_ago),
                next_step=f"Follow up with {person.name}",
                next_step_due=today + timedelta(days=i - 10),
            )
        services.contact_link(a=person, b=people[(i + 1) % len(people)])
    return people


@pytest.mark.parametrize(
    ("args", "most"),
    [
        ((), 20),
        (("today",), 16),
        (("next",), 3),
        (("list",), 6),
        (("list", "--json"), 6),
        (("find", "person"), 6),
        (("show", "Person 07"), 14),
        (("show", "Person 07", "--json"), 14),
    ],
)
def test_daily_commands_do_not_query_per_row(
    run, busy_network, django_assert_max_num_queries, args, most
):
    run("next")  # the first command of a process checks for migrations; measure the rest

    with django_assert_max_num_queries(most):
        run(*args)
