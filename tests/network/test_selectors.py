"""Finding people: by name or email, with filters, and "last contacted" from conversations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from weakties.errors import Ambiguous, NotFound
from weakties.network import selectors, services

pytestmark = pytest.mark.django_db


def names(contacts):
    return [c.name for c in contacts]


def test_who_can_be_an_id_an_email_a_name_or_part_of_one(owner, make_contact):
    ada = make_contact("Ada Lovelace", emails=["ada@example.org"])
    make_contact("Grace Hopper")
    for query in (str(ada.pk), ada.pk, "ADA@example.org", "ada lovelace", "lovelace", "ada"):
        assert selectors.contact_resolve(user=owner, query=query) == ada


def test_an_exact_name_wins_over_longer_names_containing_it(owner, make_contact):
    sam = make_contact("Sam Lee")
    make_contact("Sam Leeds")
    assert selectors.contact_resolve(user=owner, query="sam lee") == sam


def test_an_ambiguous_name_lists_the_candidates(owner, make_contact):
    make_contact("Sam Lee", organization="Acme")
    make_contact("Sam Okafor")
    with pytest.raises(Ambiguous) as raised:
        selectors.contact_resolve(user=owner, query="sam")
    assert len(raised.value.candidates) == 2
    assert any("Sam Lee (Acme)" in c for c in raised.value.candidates)


def test_an_unknown_name_suggests_close_ones(owner, make_contact):
    make_contact("Grace Hopper")
    with pytest.raises(NotFound, match="Did you mean: Grace Hopper"):
        selectors.contact_resolve(user=owner, query="Grace Hoper")


def test_another_users_contact_is_not_found(owner, stranger, make_contact):
    theirs = make_contact("Ada Lovelace", user=stranger, emails=["ada@x.org"])
    for query in (theirs.pk, "Ada Lovelace", "ada@x.org"):
        with pytest.raises(NotFound):
            selectors.contact_resolve(user=owner, query=query)


def test_last_contacted_is_the_latest_conversation(owner, make_contact, today):
    ada = make_contact("Ada Lovelace")
    make_contact("Grace Hopper")
    for days_ago in (40, 3, 100):
        services.interaction_log(
            owner=owner,
            participants=[ada],
            summary="Talk",
            occurred_on=today - timedelta(days=days_ago),
        )
    listed = {c.name: c.last_contacted for c in selectors.contact_list(user=owner)}
    assert listed == {"Ada Lovelace": today - timedelta(days=3), "Grace Hopper": None}


def test_filters_by_tag_organisation_tie_and_role(owner, make_contact):
    make_contact("Ada Lovelace", organization="Acme", tags=["alumni"], tie="strong")
    make_contact("Grace Hopper", organization="Navy", tags=["Alumni"], roles=["mentor"])
    make_contact("Sam Okafor", organization="acme", tie="none")
    assert names(selectors.contact_list(user=owner, tag="ALUMNI")) == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    assert names(selectors.contact_list(user=owner, organization="ACME")) == [
        "Ada Lovelace",
        "Sam Okafor",
    ]
    assert names(selectors.contact_list(user=owner, tie="none")) == ["Sam Okafor"]
    assert names(selectors.contact_list(user=owner, role="mentor")) == ["Grace Hopper"]


def test_dormant_means_silent_for_n_days_or_never_contacted_since_long_enough(
    owner, make_contact, today
):
    def person(name, *, added_days_ago, spoke_days_ago=None):
        contact = services.contact_create(
            owner=owner,
            data=services.ContactData(name=name),
            added_on=today - timedelta(days=added_days_ago),
        )
        if spoke_days_ago is not None:
            services.interaction_log(
                owner=owner,
                participants=[contact],
                summary="Talk",
                occurred_on=today - timedelta(days=spoke_days_ago),
            )

    person("Spoke Recently", added_days_ago=400, spoke_days_ago=10)
    person("Quiet Ninety", added_days_ago=400, spoke_days_ago=90)
    person("Never Since Long", added_days_ago=200)
    person("Imported Yesterday", added_days_ago=1)
    dormant = selectors.contact_list(user=owner, dormant_days=90, today=today)
    assert names(dormant) == ["Never Since Long", "Quiet Ninety"]
    never = selectors.contact_list(user=owner, never_contacted=True)
    assert names(never) == ["Imported Yesterday", "Never Since Long"]


def test_search_looks_in_names_organisations_titles_notes_and_emails(owner, make_contact):
    make_contact("Ada Lovelace", organization="Analytical Engines")
    make_contact("Grace Hopper", title="Rear Admiral", notes="Invented the compiler")
    make_contact("Sam Okafor", emails=["sam@nursing.example"])
    assert names(selectors.contact_list(user=owner, search="analytical")) == ["Ada Lovelace"]
    assert names(selectors.contact_list(user=owner, search="admiral")) == ["Grace Hopper"]
    assert names(selectors.contact_list(user=owner, search="compiler")) == ["Grace Hopper"]
    assert names(selectors.contact_list(user=owner, search="nursing")) == ["Sam Okafor"]
    assert names(selectors.contact_list(user=owner, search="grace compiler")) == ["Grace Hopper"]
    assert names(selectors.contact_list(user=owner, search="ada compiler")) == []


def test_open_next_steps_come_overdue_first_then_by_date_then_undated(owner, make_contact, today):
    ada = make_contact("Ada Lovelace")
    for text, due in (
        ("Undated", None),
        ("Next week", today + timedelta(days=7)),
        ("Overdue", today - timedelta(days=2)),
        ("Today", today),
    ):
        services.next_step_create(owner=owner, contact=ada, text=text, due=due)
    done = services.next_step_create(owner=owner, contact=ada, text="Done", due=today)
    services.next_step_complete(step=done, on=today)
    assert [s.text for s in selectors.next_step_list(user=owner)] == [
        "Overdue",
        "Today",
        "Next week",
        "Undated",
    ]


def test_contact_list_takes_a_fixed_number_of_queries(
    owner, make_contact, django_assert_max_num_queries
):
    for i in range(30):
        person = make_contact(
            f"Person {i}",
            organization=f"Org {i % 5}",
            tags=["a", "b"],
            emails=[f"p{i}@x.org"],
            roles=["mentor"],
        )
        services.interaction_log(
            owner=owner, participants=[person], summary="Hi", occurred_on=date(2026, 1, 1)
        )
    from weakties.network.serialize import contact_to_dict

    with django_assert_max_num_queries(5):
        rows = [contact_to_dict(c) for c in selectors.contact_list(user=owner)]
    assert len(rows) == 30
    assert rows[0]["last_contacted"] == "2026-01-01"


def test_an_id_can_be_written_as_our_lists_print_it(owner, make_contact):
    ada = make_contact("Ada Lovelace")
    assert selectors.contact_resolve(user=owner, query=f"#{ada.pk}") == ada


def test_a_name_fragment_prefers_people_whose_words_start_with_it(owner, make_contact):
    priya = make_contact("Priya Raman")
    make_contact("Karthik Subramanian")
    assert selectors.contact_resolve(user=owner, query="raman") == priya
    assert selectors.contact_resolve(user=owner, query="ram") == priya
    with pytest.raises(Ambiguous):  # no word starts with "a"; both names contain one
        selectors.contact_resolve(user=owner, query="a")


def test_organisation_suggestions_put_where_you_know_most_people_first(
    owner, stranger, make_contact
):
    for name, org in [("A", "Zeta Labs"), ("B", "Zeta Labs"), ("C", "acme"), ("D", "Initech")]:
        make_contact(name, organization=org)
    services.contact_archive(contact=make_contact("E", organization="Initech"))
    services.organization_get_or_create(owner=owner, name="Nobody Here")
    services.organization_get_or_create(owner=stranger, name="Stranger Co")

    names = selectors.organization_suggestions(user=owner)

    assert names == ["Zeta Labs", "acme", "Initech", "Nobody Here"]
    assert selectors.organization_suggestions(user=owner, limit=2) == ["Zeta Labs", "acme"]


@pytest.mark.parametrize("bound", [500, 1])  # ids bound into the queries, or a subquery
def test_contacts_read_as_plain_rows_are_the_dicts_of_their_objects(
    bound, owner, stranger, make_contact, django_assert_max_num_queries, monkeypatch
):
    from weakties.network import serialize
    from weakties.network.serialize import contact_dicts, contact_to_dict

    monkeypatch.setattr(serialize, "BOUND_IDS", bound)

    make_contact(
        "Ada Lovelace", organization="Acme", title="CTO", level="executive",
        emails=["ada@x.example", "a.l@y.example"], phones=["+44 20 7946 0018"],
        urls=["https://www.linkedin.com/in/ada", "https://ada.example"],
        tags=["Mentor", "alumni", "Zeta"], roles=["mentor", "referrer"],
    )  # fmt: skip
    make_contact("Bob Ray", tie="strong", closeness=5)
    gone = make_contact("Cy Chen", organization="Initech", tags=["alumni"])
    services.contact_archive(contact=gone)
    make_contact("Dee Das", user=stranger, tags=["alumni"], emails=["dee@x.example"])
    every = selectors.contact_list(user=owner, include_archived=True)

    for contacts in (every, every[:2], every[1:], selectors.contact_list(user=owner, tag="alumni")):
        expected = [contact_to_dict(contact) for contact in contacts]
        with django_assert_max_num_queries(4):
            assert contact_dicts(contacts) == expected
    assert contact_dicts(selectors.contact_list(user=owner, search="nobody")) == []
