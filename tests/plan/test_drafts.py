"""Reconnect notes and announcements (PRODUCT §5): the real gap in words, a memory, why now,
an offer to help, and nothing blank when a part is missing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import TODAY
from weakties.errors import UserError
from weakties.network import services as network
from weakties.network.models import Interaction
from weakties.plan import drafts, selectors, services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (30, "about a month"),
        (60, "a couple of months"),
        (243, "about eight months"),
        (380, "about a year"),
        (500, "over a year"),
        (750, "about two years"),
        (800, "over two years"),
    ],
)
def test_the_gap_is_said_in_words(days, words):
    assert drafts.gap_words(days) == words


@pytest.mark.django_db(False)
@given(st.integers(min_value=0, max_value=20000))
def test_any_gap_has_words_without_digits_below_thirteen_years(days):
    words = drafts.gap_words(days)
    assert words and "None" not in words


def test_a_full_draft_has_the_three_parts_of_a_good_reconnect_note(owner, make_contact, clock):
    services.plan_settings_update(
        owner=owner,
        goal="I'm looking for a product role in digital health.",
        pitch="I led the patient-portal redesign at Acme.",
        my_name="Jo",
    )
    clock(TODAY - timedelta(days=300))
    ada = make_contact("Ada Lovelace", organization="Analytical Engines", emails=["ada@x.example"])
    clock(TODAY)
    network.interaction_log(
        owner=owner, participants=[ada], summary="Lunch", occurred_on=TODAY - timedelta(days=245)
    )
    network.memory_add(contact=ada, text="Talking football on Monday mornings")
    network.help_idea_add(contact=ada, text="Introduce them to Sam, who is hiring")
    ada.refresh_from_db()

    view = selectors.draft_for(user=owner, contact=ada, day=TODAY)

    body = view.draft.body
    assert body.startswith("Hi Ada,\n\nIt's been about eight months since we last spoke.")
    assert "such good memories of talking football on Monday mornings." in body
    assert "I'm looking for a product role in digital health." in body
    assert "I could introduce you to Sam, who is hiring" in body
    assert body.endswith("Best,\nJo")
    assert view.mailto.startswith("mailto:ada@x.example?subject=Catching%20up&body=Hi%20Ada")
    assert view.draft.missing == []


def test_missing_parts_are_left_out_never_blank_or_none(owner, make_contact, clock):
    bob = make_contact("Bob")

    view = selectors.draft_for(user=owner, contact=bob, day=TODAY)

    body = view.draft.body
    assert "None" not in body and "{" not in body and "  " not in body
    assert "memories" not in body and "at ." not in body
    assert "Is there anything I can do for you in return?" in body
    assert set(view.draft.missing) >= {"memory", "goal", "pitch", "organization"}


def test_templates_are_stored_listed_and_editable(owner, make_contact):
    services.template_save(
        owner=owner,
        name="coffee",
        body="Hi {first_name},\n{lapse}.\nCoffee soon?",
        subject="Coffee?",
    )
    names = [t.name for t in selectors.template_list(user=owner)]
    assert {"reconnect", "short", "announce", "coffee"} <= set(names)

    services.template_save(owner=owner, name="coffee", body="Hey {first_name}! Coffee?")
    bob = make_contact("Bob Smith")
    view = selectors.draft_for(user=owner, contact=bob, day=TODAY, template="coffee")
    assert view.draft.body == "Hey Bob! Coffee?"
    assert view.draft.subject == "Coffee?"


def test_a_template_with_an_unknown_placeholder_is_refused(owner):
    with pytest.raises(UserError, match="unknown nickname"):
        services.template_save(owner=owner, name="bad", body="Hi {nickname}")
    with pytest.raises(UserError, match="body"):
        services.template_save(owner=owner, name="bad", body="Hi {first_name")


def test_sending_a_draft_logs_an_email(owner, make_contact):
    ada = make_contact("Ada")

    services.message_sent(owner=owner, contact=ada, subject="Catching up", day=TODAY)

    logged = ada.interactions.get()
    assert (logged.channel, logged.summary) == ("email", "Sent a reconnect note: Catching up")


def test_an_announcement_is_personalised_for_each_person_of_a_tag(owner, make_contact):
    services.plan_settings_update(owner=owner, goal="I'm after a data role in healthcare.")
    make_contact("Ada Lovelace", tags=["pycon"], how_met="PyCon 2024")
    make_contact("Bob Smith", tags=["pycon"], organization="Initech")
    make_contact("Cy Other")
    # What "Add the people I met" at an event writes.
    make_contact("Di Event", tags=["pycon"], how_met="Met at Data & Donuts (2026-03-12)")

    people = selectors.announcement_recipients(user=owner, tag="pycon")
    views = selectors.announcement_drafts(user=owner, people=people, day=TODAY)

    assert [v.contact.name for v in views] == ["Ada Lovelace", "Bob Smith", "Di Event"]
    assert views[0].draft.body.startswith("Hi Ada,")
    assert "Since we met through PyCon 2024" in views[0].draft.body
    assert "Since you are at Initech" in views[1].draft.body
    assert "Since we met at Data & Donuts (2026-03-12)" in views[2].draft.body
    assert not Interaction.objects.exists()  # nothing is logged before it is confirmed

    services.announcement_sent(owner=owner, people=people, subject="News", day=TODAY)
    assert Interaction.objects.filter(channel="email").count() == 3


def test_an_announcement_needs_exactly_one_group(owner):
    with pytest.raises(UserError):
        selectors.announcement_recipients(user=owner)
    with pytest.raises(UserError):
        selectors.announcement_recipients(user=owner, tag="x", weak_ties=True)


def test_the_lapse_sentence_for_someone_never_contacted_counts_from_connecting():
    assert (
        drafts.lapse_sentence(last=None, added_on=date(2025, 7, 1), today=TODAY)
        == "It's been about eight months since we connected"
    )
    assert drafts.lapse_sentence(last=TODAY - timedelta(days=3), added_on=None, today=TODAY) == ""
    # Someone to be introduced to was never "connected" with.
    assert drafts.lapse_sentence(last=None, added_on=date(2025, 7, 1), today=TODAY, met=False) == ""


@pytest.mark.django_db(False)
@given(
    st.dictionaries(
        st.sampled_from(sorted(drafts.PLACEHOLDERS)),
        st.one_of(st.just(""), st.just("   "), st.text(alphabet="abc XYZ.", min_size=1)),
    )
)
def test_any_mix_of_missing_parts_renders_without_blanks_or_braces(values):
    for name, (_kind, subject, body) in drafts.BUILTIN.items():
        draft = drafts.render(subject, body, values)
        assert "{" not in draft.body and "None" not in draft.body, name
        assert "\n\n\n" not in draft.body
        for missing in draft.missing:
            assert not values.get(missing, "").strip()


@pytest.mark.parametrize(
    ("idea", "offer"),
    [
        ("Introduce her to Sam, who is hiring", "I could introduce you to Sam, who is hiring,"),
        ("send her the FHIR primer", "I could send you the FHIR primer,"),
        ("Review her CV", "I could review your CV,"),
        ("Share his talk with my team", "I could share your talk with my team,"),
        ("Introduce them to Sam", "I could introduce you to Sam,"),
    ],
)
def test_an_idea_about_them_is_offered_to_them(idea, offer):
    assert offer in drafts.offer_sentence(idea)
