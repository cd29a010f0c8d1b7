"""The leads board, a lead, the ranked targets, organisation pages and events, as a browser
without JavaScript sees them (htmx requests where the board swaps in place)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.conftest import TODAY
from weakties.leads import services
from weakties.leads.models import Event, Lead
from weakties.network.models import Contact, NextStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, owner):
    client.force_login(owner)
    return client


def _lead(owner, market, **fields):
    arguments = {"organization": "Acme", "role": "Data lead", "source": market["ada"]} | fields
    return services.lead_add(owner=owner, **arguments)


def test_the_board_shows_each_open_stage_with_one_click_to_the_next(client, owner, market):
    lead = _lead(owner, market)

    page = client.get(reverse("web:leads")).content.decode()

    assert "<h1>Leads</h1>" in page
    for stage in ("Heard", "Researching", "Referral asked", "Applied", "Interviewing", "Offer"):
        assert f">{stage} <span" in page
    assert 'aria-label="Move Data lead at Acme to Researching"' in page
    assert reverse("web:lead", args=[lead.pk]) in page


def test_one_click_moves_a_lead_and_htmx_gets_the_board_back(client, owner, market):
    lead = _lead(owner, market)

    response = client.post(
        reverse("web:lead_move", args=[lead.pk]),
        {"stage": "researching", "next": reverse("web:leads")},
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert 'id="board"' in page and "<h1>" not in page
    assert "is now at “researching”" in page
    assert f'data-moved="{lead.pk}"' in page
    lead.refresh_from_db()
    assert lead.stage == "researching"
    assert list(lead.history.values_list("to_stage", flat=True)) == ["heard", "researching"]


def test_without_javascript_a_move_redirects_back_to_the_board(client, owner, market):
    lead = _lead(owner, market)

    response = client.post(
        reverse("web:lead_move", args=[lead.pk]),
        {"stage": "referral_asked", "next": reverse("web:leads")},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("web:leads")
    assert "Next step: Follow up with Ada on the referral" in response.content.decode()
    assert NextStep.objects.get().contact == market["ada"]


def test_a_move_that_cannot_happen_says_why_and_changes_nothing(client, owner):
    lead = services.lead_add(owner=owner, organization="Acme", role="Dev", is_posted=True)

    response = client.post(
        reverse("web:lead_move", args=[lead.pk]),
        {"stage": "referral_asked"},
        HTTP_HX_REQUEST="true",
    )

    assert "say who you asked for the referral" in response.content.decode()
    assert "--referrer" not in response.content.decode()  # no command-line syntax on a page
    assert Lead.objects.get().stage == "heard"


def test_a_move_only_accepts_post(client, owner, market):
    lead = _lead(owner, market)

    assert client.get(reverse("web:lead_move", args=[lead.pk])).status_code == 405


def test_a_lead_is_added_from_the_board(client, owner, market):
    response = client.post(
        reverse("web:lead_add"),
        {"organization": "Initech", "role": "Analyst", "source": "Grace", "url": "initech.example"},
        follow=True,
    )

    lead = Lead.objects.get()
    assert (lead.source, lead.url) == (market["grace"], "https://initech.example")
    assert "<h1>Analyst</h1>" in response.content.decode()


def test_a_lead_from_an_unknown_person_is_refused_on_the_form(client, market):
    response = client.post(
        reverse("web:lead_add"), {"organization": "Initech", "role": "Analyst", "source": "Zed"}
    )

    assert "No one called" in response.content.decode()
    assert not Lead.objects.exists()


def test_the_lead_page_shows_history_people_there_and_who_can_introduce(client, owner, market):
    lead = _lead(owner, market, organization="Initech")
    services.lead_move(lead=lead, stage="researching", note="Read their annual report")

    page = client.get(reverse("web:lead", args=[lead.pk])).content.decode()

    assert "Read their annual report" in page
    assert "Linus Pauling" in page  # at Initech, not met yet
    assert "Grace Hopper" in page and "knows Linus Pauling" in page


def test_the_lead_page_moves_with_a_referrer_by_name(client, owner, market):
    lead = _lead(owner, market)

    client.post(
        reverse("web:lead_move", args=[lead.pk]),
        {"stage": "referral_asked", "referrer": "Hedy", "on": "today"},
    )

    lead.refresh_from_db()
    assert (lead.stage, lead.referrer) == ("referral_asked", market["hedy"])


def test_closing_a_lead_on_the_board_says_its_follow_up_is_done(client, owner, market):
    lead = _lead(owner, market)
    services.lead_move(lead=lead, stage="referral_asked")

    response = client.post(
        reverse("web:lead_move", args=[lead.pk]),
        {"stage": "withdrawn", "next": reverse("web:leads")},
        HTTP_HX_REQUEST="true",
    )

    assert "The follow-up is done: Follow up with Ada on the referral" in response.content.decode()
    assert NextStep.objects.get().done_on == TODAY


def test_the_targets_page_ranks_and_adds_targets(client, owner, market):
    services.organization_target(owner=owner, organization="Initech", motivation=3)

    response = client.post(
        reverse("web:targets"),
        {"organization": "Acme", "motivation": "5", "note": "Investing in telemedicine"},
        follow=True,
    )

    page = response.content.decode()
    assert page.index(">Acme</a>") < page.index(">Initech</a>")
    assert "Investing in telemedicine" in page
    assert "Hedy Lamarr" in page  # the advocate at Acme


def test_the_targets_page_takes_a_fixed_number_of_queries(
    client, owner, make_contact, django_assert_max_num_queries
):
    for i in range(20):
        services.organization_target(owner=owner, organization=f"Org {i}", motivation=i % 5 + 1)
        make_contact(f"Person {i}", organization=f"Org {i}")

    with django_assert_max_num_queries(8):
        response = client.get(reverse("web:targets"))

    assert response.content.decode().count("Person ") == 20


def test_the_board_takes_a_fixed_number_of_queries(
    client, owner, market, django_assert_max_num_queries
):
    for i in range(30):
        services.lead_add(
            owner=owner, organization=f"Org {i % 7}", role=f"Job {i}", source=market["ada"]
        )

    with django_assert_max_num_queries(6):
        response = client.get(reverse("web:leads"))

    assert response.content.decode().count('class="lead-card"') == 30


def test_the_organisation_page_shows_people_leads_notes_and_events(client, owner, market):
    acme = market["ada"].organization
    services.organization_target(
        owner=owner, organization=acme, motivation=4, note="Steer clear of sales"
    )
    _lead(owner, market)
    event = services.event_create(
        owner=owner, name="Acme open house", held_on=TODAY - timedelta(days=2), organizer=acme
    )

    page = client.get(reverse("web:organization", args=[acme.pk])).content.decode()

    for text in (
        "<h1>Acme</h1>",
        "Hedy Lamarr",
        "Ada Lovelace",
        "Data lead",
        "Steer clear of sales",
    ):
        assert text in page
    assert reverse("web:event", args=[event.pk]) in page


def test_the_organisation_target_form_saves_motivation_and_notes(client, owner, market):
    acme = market["ada"].organization

    client.post(
        reverse("web:organization_target", args=[acme.pk]),
        {"is_target": "on", "motivation": "5", "note": "Investing in telemedicine"},
    )

    acme.refresh_from_db()
    assert (acme.is_target, acme.motivation, acme.insight) == (
        True,
        5,
        "Investing in telemedicine",
    )


def test_a_membership_is_recorded_from_the_organisation_page(client, owner):
    guild = services.membership_set(owner=owner, organization="Data Guild").organization

    client.post(
        reverse("web:organization_membership", args=[guild.pk]),
        {"since": "2022-05-01", "role": "events committee"},
    )
    page = client.get(reverse("web:events")).content.decode()

    assert "Data Guild" in page and "events committee" in page


def test_events_are_added_and_people_met_there_in_one_step(client, owner, market):
    response = client.post(
        reverse("web:events"),
        {"name": "Data & Donuts", "held_on": "yesterday", "kind": "meetup"},
        follow=True,
    )
    event = Event.objects.get()
    assert "Data &amp; Donuts" in response.content.decode()

    response = client.post(
        reverse("web:event_met", args=[event.pk]),
        {
            "name_0": "Katherine Johnson",
            "title_0": "Analyst",
            "organization_0": "NASA",
            "name_1": "ada lovelace",
            "note": "Orbital mechanics",
        },
        follow=True,
    )

    page = response.content.decode()
    assert "Added Katherine Johnson, each with a follow-up due Tue 17 Mar" in page
    assert "Noted that you met Ada Lovelace" in page
    katherine = Contact.objects.get(name="Katherine Johnson")
    assert (katherine.source, katherine.title) == ("event", "Analyst")
    assert NextStep.objects.get(contact=katherine).due == event.held_on + timedelta(days=2)


def test_an_empty_people_form_says_so_and_adds_no_one(client, owner):
    event = services.event_create(owner=owner, name="Meetup", held_on=TODAY)

    response = client.post(reverse("web:event_met", args=[event.pk]), {"note": "x"})

    assert "Write the name of at least one person" in response.content.decode()
    assert not Contact.objects.exists()


def test_a_row_with_a_title_but_no_name_is_not_dropped_silently(client, owner):
    event = services.event_create(owner=owner, name="Meetup", held_on=TODAY)

    response = client.post(
        reverse("web:event_met", args=[event.pk]),
        {"name_0": "Bob Smith", "title_1": "CTO", "organization_1": "Acme"},
    )

    page = response.content.decode()
    assert "Whose title or organisation is this? Add the name." in page
    assert 'value="CTO"' in page  # kept, to add the name to
    assert not Contact.objects.exists()  # nothing half-done: not even Bob


def test_a_future_event_has_no_form_and_refuses_people(client, owner):
    event = services.event_create(
        owner=owner, name="Career fair", held_on=TODAY + timedelta(days=4)
    )

    page = client.get(reverse("web:event", args=[event.pk])).content.decode()
    response = client.post(reverse("web:event_met", args=[event.pk]), {"name_0": "Bob"})

    assert "Add the people I met</button>" not in page
    assert "in the future" in response.content.decode()
    assert not Contact.objects.exists()


def test_the_contact_page_lists_the_leads_they_told_me_about_and_where_we_met(
    client, owner, market
):
    _lead(owner, market)
    event = services.event_create(owner=owner, name="PyCon", held_on=TODAY)
    services.event_met(owner=owner, event=event, people=[services.PersonMet("Ada Lovelace")])

    page = client.get(reverse("web:contact", args=[market["ada"].pk])).content.decode()

    assert "Leads and events" in page and "Data lead" in page and "PyCon" in page


def test_the_organisation_and_lead_pages_take_a_fixed_number_of_queries(
    client, owner, make_contact, django_assert_max_num_queries
):
    from weakties.network import services as network

    friend = make_contact("Fay Friend", organization="Elsewhere", tie="strong")
    for i in range(15):
        inside = make_contact(f"Insider {i}", organization="Acme", roles=["recruiter"])
        network.contact_link(a=friend, b=inside)
    lead = services.lead_add(owner=owner, organization="Acme", role="Dev", source=friend)
    acme = lead.organization

    with django_assert_max_num_queries(20):
        organization_page = client.get(reverse("web:organization", args=[acme.pk]))
    with django_assert_max_num_queries(20):
        lead_page = client.get(reverse("web:lead", args=[lead.pk]))

    assert organization_page.content.decode().count("Insider ") >= 12
    assert "How to get introduced" in lead_page.content.decode()
