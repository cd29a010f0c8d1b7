"""The ranked target list, the leads board, and who I know at an organisation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import TODAY
from weakties.errors import Ambiguous, NotFound
from weakties.leads import selectors, services
from weakties.network import services as network

pytestmark = pytest.mark.django_db


def _target(owner, name, motivation=None):
    return services.organization_target(owner=owner, organization=name, motivation=motivation)


def test_targets_rank_by_motivation_then_advocate_then_posting(owner, make_contact):
    # Same motivation: someone I know there beats someone who can introduce me, who beats
    # a posting with no one; the most wanted employer comes first whatever else.
    for name in ("Advocate Co", "Intro Co", "Posting Co", "Nobody Co", "Dream Co", "Unrated Co"):
        _target(owner, name, motivation=None if name == "Unrated Co" else 3)
    _target(owner, "Dream Co", motivation=5)
    make_contact("Ann Inside", organization="Advocate Co")
    friend = make_contact("Fay Friend", organization="Elsewhere", tie="strong")
    stranger_there = make_contact("Ian Inside", organization="Intro Co", tie="none")
    network.contact_link(a=friend, b=stranger_there)
    services.lead_add(owner=owner, organization="Posting Co", role="Dev", is_posted=True)
    services.lead_add(owner=owner, organization="Unrated Co", role="Dev", is_posted=True)

    ranked = selectors.target_list(user=owner)

    assert [t.organization.name for t in ranked] == [
        "Dream Co",
        "Advocate Co",
        "Intro Co",
        "Posting Co",
        "Nobody Co",
        "Unrated Co",
    ]
    assert [t.rank for t in ranked] == [1, 2, 3, 4, 5, 6]
    by_name = {t.organization.name: t for t in ranked}
    assert (by_name["Advocate Co"].first_degree, by_name["Advocate Co"].advocate.name) == (
        1,
        "Ann Inside",
    )
    assert (by_name["Intro Co"].second_degree, by_name["Intro Co"].not_met) == (1, 1)
    assert (by_name["Posting Co"].posting, by_name["Posting Co"].open_leads) == (True, 1)
    assert by_name["Intro Co"].advocacy_words == "can be introduced"


def test_first_and_second_degree_counts_leave_out_archived_and_not_met_people(
    owner, market, make_contact
):
    _target(owner, "Acme", 4)
    _target(owner, "Initech", 4)
    gone = make_contact("Old Colleague", organization="Acme")
    network.contact_archive(contact=gone)
    unmet = make_contact("Nora Unmet", organization="Elsewhere", tie="none")
    network.contact_link(a=unmet, b=market["ada"])  # cannot introduce me: we have not met
    network.contact_link(a=market["grace"], b=market["ada"])  # can
    network.contact_link(a=market["hedy"], b=market["ada"])  # same place: not second degree
    closed = services.lead_add(owner=owner, organization="Acme", role="Old job", is_posted=True)
    services.lead_move(lead=closed, stage="closed lost")
    services.lead_add(owner=owner, organization="Acme", role="New job")

    acme, initech = sorted(selectors.target_list(user=owner), key=lambda t: t.organization.name)

    assert (acme.first_degree, acme.second_degree, acme.open_leads, acme.posting) == (
        2,
        1,
        1,
        False,
    )
    assert acme.advocate == market["hedy"]  # the strong tie speaks for me first
    assert (initech.first_degree, initech.second_degree, initech.not_met) == (0, 1, 1)


def test_the_target_list_takes_the_same_queries_for_three_targets_or_thirty(
    owner, make_contact, django_assert_num_queries
):
    def grow(count):
        for i in range(count):
            name = f"Target {len(selectors.target_list(user=owner)) + 1:03}"
            _target(owner, name, motivation=i % 5 + 1)
            inside = make_contact(f"Insider {name}", organization=name)
            outside = make_contact(f"Friend of {name}", organization="Elsewhere")
            network.contact_link(a=inside, b=outside)
            services.lead_add(owner=owner, organization=name, role="Dev", is_posted=bool(i % 2))

    grow(3)
    with django_assert_num_queries(3):
        assert len(selectors.target_list(user=owner)) == 3
    grow(27)
    with django_assert_num_queries(3):
        ranked = selectors.target_list(user=owner)
    assert len(ranked) == 30 and all(t.second_degree == 1 for t in ranked)


def test_a_stranger_sees_none_of_the_owners_targets_or_leads(owner, stranger, market):
    _target(owner, "Acme", 5)
    services.lead_add(owner=owner, organization="Acme", role="Dev")

    assert selectors.target_list(user=stranger) == []
    assert not selectors.lead_list(user=stranger).exists()
    with pytest.raises(NotFound):
        selectors.lead_get_for_user(user=stranger, lead_id=selectors.lead_list(user=owner)[0].pk)


def test_the_board_has_a_column_per_open_stage_and_the_closed_leads_apart(owner):
    heard = services.lead_add(owner=owner, organization="Acme", role="Dev")
    applied = services.lead_add(owner=owner, organization="Initech", role="Analyst")
    services.lead_move(lead=applied, stage="applied")
    lost = services.lead_add(owner=owner, organization="Hooli", role="PM")
    services.lead_move(lead=lost, stage="lost")

    columns, closed = selectors.lead_board(user=owner)

    assert [c.stage.label for c in columns] == [
        "Heard",
        "Researching",
        "Referral asked",
        "Applied",
        "Interviewing",
        "Offer",
    ]
    assert columns[0].leads == [heard] and columns[3].leads == [applied]
    assert closed == [lost]
    assert [c.next_stage for c in columns] == [
        "researching",
        "referral_asked",
        "applied",
        "interviewing",
        "offer",
        "won",
    ]


def test_the_leads_list_shows_open_leads_unless_asked(owner):
    services.lead_add(owner=owner, organization="Acme", role="Dev")
    done = services.lead_add(owner=owner, organization="Acme", role="Old")
    services.lead_move(lead=done, stage="withdrawn")

    assert [lead.role for lead in selectors.lead_list(user=owner)] == ["Dev"]
    assert len(selectors.lead_list(user=owner, include_closed=True)) == 2
    assert [lead.role for lead in selectors.lead_list(user=owner, stage="withdrawn")] == ["Old"]


def test_introducers_are_people_i_know_linked_to_someone_there(owner, market):
    initech = selectors.organization_resolve(user=owner, query="initech")

    introducers = selectors.introducers_at(user=owner, organization=initech)

    assert [(i.contact.name, [k.name for k in i.knows]) for i in introducers] == [
        ("Grace Hopper", ["Linus Pauling"])
    ]
    acme = selectors.organization_resolve(user=owner, query="Acme")
    assert [c.name for c in selectors.people_at(user=owner, organization=acme)] == [
        "Hedy Lamarr",
        "Ada Lovelace",
    ]


def test_events_are_found_by_id_or_name_and_a_repeated_name_is_ambiguous(owner):
    one = services.event_create(owner=owner, name="HealthTech Forward", held_on=TODAY)
    services.event_create(
        owner=owner, name="HealthTech Forward", held_on=TODAY - timedelta(days=365)
    )
    services.event_create(owner=owner, name="Data & Donuts", held_on=TODAY)

    assert selectors.event_resolve(user=owner, query=f"#{one.pk}") == one
    assert selectors.event_resolve(user=owner, query="donuts").name == "Data & Donuts"
    with pytest.raises(Ambiguous) as ambiguous:
        selectors.event_resolve(user=owner, query="healthtech forward")
    assert len(ambiguous.value.candidates) == 2
    with pytest.raises(NotFound):
        selectors.event_resolve(user=owner, query="PyCon")


def test_a_contact_shows_the_leads_they_told_me_about_and_where_we_met(owner, market):
    services.lead_add(owner=owner, organization="Acme", role="Dev", source=market["ada"])
    event = services.event_create(owner=owner, name="PyCon", held_on=TODAY)
    services.event_met(owner=owner, event=event, people=[services.PersonMet("Ada Lovelace")])

    assert [lead.role for lead in selectors.contact_leads(contact=market["ada"])] == ["Dev"]
    assert list(selectors.contact_events(contact=market["ada"])) == [event]
    assert list(selectors.events_at(user=owner, organization=market["ada"].organization)) == [event]
