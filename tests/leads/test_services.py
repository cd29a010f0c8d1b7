"""Leads move through stages with their history kept; referrals, events and memberships."""

from __future__ import annotations

import importlib
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import TODAY
from weakties.errors import Ambiguous, UserError
from weakties.leads import services
from weakties.leads.models import Event, Lead, LeadStageChange, Membership
from weakties.network import services as network
from weakties.network.models import Contact, ContactRole, Interaction, NextStep, Organization
from weakties.plan.models import Exchange

pytestmark = pytest.mark.django_db


def test_a_lead_heard_from_a_contact_starts_at_heard_and_credits_them_in_the_ledger(owner, market):
    lead = services.lead_add(
        owner=owner,
        organization="acme",
        role="Data lead",
        source=market["ada"],
        heard_on=TODAY - timedelta(days=1),
        url="acme.example/jobs/42",
    )

    assert lead.organization.name == "Acme"  # the existing organisation, whatever the case
    assert (lead.stage, lead.heard_on, lead.url) == (
        "heard",
        TODAY - timedelta(days=1),
        "https://acme.example/jobs/42",
    )
    assert [(h.from_stage, h.to_stage) for h in lead.history.all()] == [("", "heard")]
    exchange = Exchange.objects.get(contact=market["ada"])
    assert (exchange.direction, exchange.kind) == ("got", "job_posting")
    assert str(exchange) == "I received job posting: Told me about Data lead at Acme"


def test_a_posted_lead_found_alone_credits_no_one(owner):
    lead = services.lead_add(owner=owner, organization="Initech", role="Analyst", is_posted=True)

    assert lead.is_posted and lead.source is None
    assert Organization.objects.filter(owner=owner, name="Initech").exists()
    assert not Exchange.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"role": "  "}, "role"),
        ({"role": "Dev", "heard_on": TODAY + timedelta(days=1)}, "date"),
        ({"role": "Dev", "url": "javascript:alert(1)"}, "url"),
        ({"role": "Dev", "organization": " "}, "organization"),
    ],
)
def test_a_bad_lead_names_its_field_and_writes_nothing(owner, market, fields, field):
    arguments = {"organization": "Acme", "source": market["ada"]} | fields

    with pytest.raises(UserError) as refused:
        services.lead_add(owner=owner, **arguments)

    assert refused.value.field == field
    assert not Lead.objects.exists() and not Exchange.objects.exists()


def test_another_users_contact_cannot_be_a_source(owner, stranger, make_contact):
    theirs = make_contact("Sam", user=stranger)

    with pytest.raises(UserError):
        services.lead_add(owner=owner, organization="Acme", role="Dev", source=theirs)

    assert not Lead.objects.exists()


def test_every_stage_change_is_kept_with_its_date(owner, market):
    lead = services.lead_add(
        owner=owner, organization="Acme", role="Dev", heard_on=TODAY - timedelta(days=20)
    )

    services.lead_move(lead=lead, stage="researching", on=TODAY - timedelta(days=15))
    services.lead_move(lead=lead, stage="applied", on=TODAY - timedelta(days=9), note="CV sent")
    services.lead_move(lead=lead, stage="interviewing", on=TODAY - timedelta(days=2))
    moved = services.lead_move(lead=lead, stage="offer")
    services.lead_move(lead=lead, stage="closed won")

    history = [
        (h.from_stage, h.to_stage, (TODAY - h.changed_on).days, h.note)
        for h in LeadStageChange.objects.filter(lead=lead)
    ]
    assert history == [
        ("", "heard", 20, ""),
        ("heard", "researching", 15, ""),
        ("researching", "applied", 9, "CV sent"),
        ("applied", "interviewing", 2, ""),
        ("interviewing", "offer", 0, ""),
        ("offer", "won", 0, ""),
    ]
    assert moved.changed
    lead.refresh_from_db()
    assert (lead.stage, lead.stage_changed_on, lead.is_open) == ("won", TODAY, False)


def test_moving_to_the_same_stage_changes_nothing(owner):
    lead = services.lead_add(owner=owner, organization="Acme", role="Dev")

    move = services.lead_move(lead=lead, stage="Heard")

    assert not move.changed
    assert lead.history.count() == 1


def test_a_move_cannot_be_dated_in_the_future_or_before_the_last_change(owner):
    lead = services.lead_add(owner=owner, organization="Acme", role="Dev")

    with pytest.raises(UserError, match="in the future"):
        services.lead_move(lead=lead, stage="applied", on=TODAY + timedelta(days=1))
    with pytest.raises(UserError, match="before the lead's last change"):
        services.lead_move(lead=lead, stage="applied", on=TODAY - timedelta(days=1))

    assert lead.history.count() == 1


def test_asking_for_a_referral_creates_a_next_step_with_the_referrer(owner, market):
    lead = services.lead_add(owner=owner, organization="Acme", role="Data lead")

    move = services.lead_move(lead=lead, stage="referral-asked", referrer=market["hedy"])

    step = NextStep.objects.get(contact=market["hedy"])
    assert move.step == step
    assert step.text == "Follow up with Hedy on the referral for Data lead at Acme"
    assert (step.mine, step.due) == (True, TODAY + timedelta(days=7))
    assert lead.referrer == market["hedy"]
    assert ContactRole.objects.filter(contact=market["hedy"], role="referrer").exists()


def test_leads_asked_before_the_follow_up_link_existed_get_it_back(owner, market):
    from django.apps import apps

    migration = importlib.import_module("weakties.leads.migrations.0002_lead_follow_up")
    asked = services.lead_add(owner=owner, organization="Acme", role="Dev", source=market["ada"])
    services.lead_move(lead=asked, stage="referral asked")
    other = services.lead_add(owner=owner, organization="Acme", role="QA", source=market["ada"])
    services.lead_move(lead=other, stage="referral asked")
    Lead.objects.update(follow_up=None)

    migration.link_open_follow_ups(apps, None)

    follow_ups = dict(Lead.objects.values_list("role", "follow_up__text"))
    assert follow_ups == {
        "Dev": "Follow up with Ada on the referral for Dev at Acme",
        "QA": "Follow up with Ada on the referral for QA at Acme",
    }
    services.lead_move(lead=Lead.objects.get(role="Dev"), stage="won")
    assert list(NextStep.objects.filter(done_on=None).values_list("text", flat=True)) == [
        "Follow up with Ada on the referral for QA at Acme"
    ]


def test_the_source_is_asked_for_the_referral_when_no_one_else_is_named(owner, market):
    lead = services.lead_add(owner=owner, organization="Acme", role="Dev", source=market["ada"])

    services.lead_move(lead=lead, stage="Referral Asked")

    assert NextStep.objects.get().contact == market["ada"]


def test_a_referral_needs_someone_to_ask(owner):
    lead = services.lead_add(owner=owner, organization="Acme", role="Dev", is_posted=True)

    with pytest.raises(UserError, match="say who you asked for the referral") as refused:
        services.lead_move(lead=lead, stage="referral asked")

    assert refused.value.field == "referrer"
    assert (Lead.objects.get().stage, NextStep.objects.count()) == ("heard", 0)


@pytest.mark.parametrize(
    ("typed", "stage"),
    [
        ("referral asked", "referral_asked"),
        ("Referral-Asked", "referral_asked"),
        ("referral_asked", "referral_asked"),
        ("APPLIED", "applied"),
        ("closed won", "won"),
        ("Closed: lost", "lost"),
        ("withdrawn", "withdrawn"),
        ("interview", "interviewing"),
    ],
)
def test_stages_are_understood_as_people_type_them(typed, stage):
    assert services.stage_parse(typed) == stage


def test_an_unknown_stage_lists_the_valid_ones():
    with pytest.raises(UserError) as refused:
        services.stage_parse("ghosted")

    assert "heard, researching, referral asked, applied" in refused.value.message
    assert "closed withdrawn" in refused.value.message


@given(st.sampled_from(list(services.STAGE_WORDS.values())), st.sampled_from([" ", "-", "_"]))
def test_every_printed_stage_name_parses_back_whatever_the_separator_and_case(words, separator):
    typed = words.replace(" ", separator).upper()

    assert services.STAGE_WORDS[services.stage_parse(typed)] == words


def test_a_target_gets_its_motivation_and_notes_added_not_replaced(owner):
    services.organization_target(
        owner=owner, organization="Acme", motivation=4, note="Steer clear of sales"
    )
    org = services.organization_target(
        owner=owner, organization="ACME", note="Investing in telemedicine"
    )

    assert (org.is_target, org.motivation) == (True, 4)
    assert org.insight == "Steer clear of sales\n\nInvesting in telemedicine"


def test_a_motivation_outside_1_to_5_is_refused(owner):
    with pytest.raises(UserError) as refused:
        services.organization_target(owner=owner, organization="Acme", motivation=6)

    assert refused.value.field == "motivation"
    assert not Organization.objects.filter(is_target=True).exists()


# Events ---------------------------------------------------------------------------------------


def _event(owner, days_ago=1, name="PyCon Chicago"):
    return services.event_create(
        owner=owner,
        name=name,
        held_on=TODAY - timedelta(days=days_ago),
        kind="conference",
        organizer="Python Software Foundation",
    )


def test_people_met_at_an_event_become_weak_ties_with_a_first_conversation_and_a_follow_up(
    owner,
):
    event = _event(owner, days_ago=1)

    met = services.event_met(
        owner=owner,
        event=event,
        people=[
            services.PersonMet("Katherine Johnson", title="Analyst", organization="NASA"),
            services.PersonMet("Mary Jackson", note="Wind tunnels"),
        ],
    )

    assert [c.name for c in met.added] == ["Katherine Johnson", "Mary Jackson"]
    katherine = Contact.objects.get(name="Katherine Johnson")
    assert (katherine.tie, katherine.source, katherine.title, katherine.organization.name) == (
        "weak",
        "event",
        "Analyst",
        "NASA",
    )
    assert katherine.how_met == f"Met at PyCon Chicago ({event.held_on.isoformat()})"
    assert katherine.added_on == event.held_on
    assert katherine.last_contacted == event.held_on
    first = Interaction.objects.get(participants=katherine)
    assert (first.channel, first.occurred_on) == ("event", event.held_on)
    assert Interaction.objects.get(participants__name="Mary Jackson").summary == (
        "Met at PyCon Chicago: Wind tunnels"
    )
    steps = NextStep.objects.order_by("contact__name")
    assert [s.contact.name for s in steps] == ["Katherine Johnson", "Mary Jackson"]
    assert all(s.due == event.held_on + timedelta(days=2) for s in steps)
    assert steps[0].text.startswith("Follow up with Katherine after PyCon Chicago")
    assert set(event.people_met.all()) == {katherine, Contact.objects.get(name="Mary Jackson")}
    assert Organization.objects.get(name="Python Software Foundation") == event.organizer


def test_a_follow_up_for_an_event_logged_late_is_due_today_not_weeks_overdue(owner):
    event = _event(owner, days_ago=30)

    services.event_met(owner=owner, event=event, people=[services.PersonMet("Mary Jackson")])

    assert NextStep.objects.get().due == TODAY


def test_someone_already_in_the_network_is_linked_not_duplicated(owner, market):
    event = _event(owner)

    met = services.event_met(
        owner=owner,
        event=event,
        people=[services.PersonMet("ada lovelace"), services.PersonMet("Ada Love")],
    )

    assert met.linked == [market["ada"]]
    assert [c.name for c in met.added] == ["Ada Love"]  # not a fuzzy match: a new person
    assert Contact.objects.filter(name__iexact="Ada Lovelace").count() == 1
    assert market["ada"] in event.people_met.all()
    assert Interaction.objects.filter(participants=market["ada"], channel="event").exists()
    assert not NextStep.objects.filter(contact=market["ada"]).exists()  # not new: no follow-up


def test_recording_the_same_person_twice_adds_nothing(owner):
    event = _event(owner)
    services.event_met(owner=owner, event=event, people=[services.PersonMet("Mary Jackson")])

    again = services.event_met(
        owner=owner, event=event, people=[services.PersonMet("Mary Jackson")]
    )

    assert [c.name for c in again.already] == ["Mary Jackson"]
    assert (Contact.objects.count(), Interaction.objects.count(), NextStep.objects.count()) == (
        1,
        1,
        1,
    )


def test_two_people_of_the_same_name_must_be_named_by_id(owner, make_contact):
    acme = make_contact("Sam Lee", organization="Acme")
    make_contact("Sam Lee", organization="Initech")
    event = _event(owner)

    with pytest.raises(Ambiguous) as ambiguous:
        services.event_met(owner=owner, event=event, people=[services.PersonMet("Sam Lee")])

    assert ambiguous.value.message.startswith("2 people are called 'Sam Lee'")
    assert ambiguous.value.candidates[0] == f"#{acme.pk} Sam Lee (Acme)"


def test_many_namesakes_are_counted_all_and_the_first_ten_listed(owner, make_contact):
    for number in range(14):
        make_contact("Anna Smith", organization=f"Startup {number}")

    with pytest.raises(Ambiguous) as ambiguous:
        services.event_met(
            owner=owner, event=_event(owner), people=[services.PersonMet("Anna Smith")]
        )

    assert ambiguous.value.message.startswith("14 people are called 'Anna Smith'")
    assert "(the first 10)" in ambiguous.value.message
    assert len(set(ambiguous.value.candidates)) == 10


def test_no_one_can_be_met_at_an_event_in_the_future_and_nothing_is_written(owner):
    event = services.event_create(
        owner=owner, name="Career fair", held_on=TODAY + timedelta(days=3), kind="career_fair"
    )

    with pytest.raises(UserError, match="in the future: add the people you met once"):
        services.event_met(owner=owner, event=event, people=[services.PersonMet("Mary Jackson")])

    assert not Contact.objects.exists() and not NextStep.objects.exists()


def test_a_failure_midway_leaves_no_one_half_added(owner):
    event = _event(owner)

    with pytest.raises(UserError):
        services.event_met(
            owner=owner,
            event=event,
            people=[services.PersonMet("Mary Jackson"), services.PersonMet("#999999")],
        )

    assert not Contact.objects.exists()
    assert not Interaction.objects.exists() and not event.people_met.exists()


def test_an_event_needs_a_name_and_a_known_kind(owner):
    with pytest.raises(UserError) as refused:
        services.event_create(owner=owner, name="Meetup", held_on=TODAY, kind="party")

    assert refused.value.field == "kind"
    assert not Event.objects.exists()


# Memberships and merges -----------------------------------------------------------------------


def test_a_membership_of_a_new_association_records_since_and_role(owner):
    membership = services.membership_set(
        owner=owner,
        organization="Digital Health Guild",
        since=date(2022, 5, 1),
        role="events committee",
    )
    again = services.membership_set(owner=owner, organization="digital health guild", role="chair")

    assert again.pk == membership.pk
    assert (again.since, again.role) == (date(2022, 5, 1), "chair")
    assert again.organization.kind == "association"
    assert Membership.objects.count() == 1


def test_merging_two_contacts_keeps_their_leads_and_event_attendance(owner, market):
    ada, twin = (
        market["ada"],
        network.contact_create(owner=owner, data=network.ContactData(name="A. Lovelace")),
    )
    told = services.lead_add(owner=owner, organization="Acme", role="Dev", source=twin)
    first = _event(owner, name="PyCon")
    second = _event(owner, name="Data & Donuts", days_ago=5)
    services.event_met(owner=owner, event=first, people=[services.PersonMet(f"#{ada.pk}")])
    services.event_met(
        owner=owner, event=first, people=[services.PersonMet(f"#{twin.pk}")]
    )  # both at the same event: one attendance after the merge
    services.event_met(owner=owner, event=second, people=[services.PersonMet(f"#{twin.pk}")])
    services.lead_move(lead=told, stage="referral asked")

    network.contact_merge(keep=ada, other=twin)

    told.refresh_from_db()
    assert (told.source, told.referrer) == (ada, ada)
    assert sorted(e.name for e in ada.events_met_at.all()) == ["Data & Donuts", "PyCon"]
    assert first.people_met.count() == 1
