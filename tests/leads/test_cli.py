"""The hidden-job-market commands, as a job seeker types them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import TODAY
from weakties.leads.models import Lead
from weakties.network.models import Contact, NextStep, Organization
from weakties.plan.models import Exchange

pytestmark = pytest.mark.django_db


def test_a_lead_is_followed_from_a_tip_to_an_offer(run, market):
    added = run.json(
        "lead",
        "add",
        "Acme",
        "Data lead",
        "--from",
        "Ada",
        "--url",
        "acme.example/j/1",
        "--date",
        "3 days ago",
    )
    lead_id = str(added["id"])

    shown = run("lead", "show", lead_id).stdout
    run("lead", "move", lead_id, "researching", "--date", "yesterday")
    asked = run.json("lead", "move", lead_id, "Referral-Asked", "--referrer", "Hedy")
    run("lead", "move", lead_id, "applied", "--note", "Sent CV")
    run("lead", "move", lead_id, "interviewing")
    final = run.json("lead", "move", lead_id, "offer")

    assert added["source"]["name"] == "Ada Lovelace" and added["stage"] == "heard"
    assert "Hedy Lamarr" in shown and "People you know at Acme" in shown
    assert Exchange.objects.get(contact=market["ada"]).kind == "job_posting"
    step = NextStep.objects.get(pk=asked["next_step_id"])
    assert step.contact == market["hedy"]
    assert [change["to"] for change in final["history"]] == [
        "heard",
        "researching",
        "referral_asked",
        "applied",
        "interviewing",
        "offer",
    ]
    assert final["history"][1]["date"] == (TODAY - timedelta(days=1)).isoformat()
    assert final["history"][3]["note"] == "Sent CV"


def test_closing_a_lead_marks_the_referral_follow_up_done_and_reopening_says_so(run, market):
    lead_id = str(run.json("lead", "add", "Acme", "Dev", "--from", "Ada")["id"])
    asked = run.json("lead", "move", lead_id, "referral asked")

    closed = run("lead", "move", lead_id, "closed lost", "--note", "Filled internally").stdout

    step = NextStep.objects.get(pk=asked["next_step_id"])
    assert step.done_on == TODAY
    assert f"Marked next step #{step.pk} done: Follow up with Ada" in closed
    assert "Follow up with Ada" not in run("next").stdout
    reopened = run("lead", "move", lead_id, "interviewing")
    assert "Reopened: it was closed lost" in reopened.stdout
    assert run.json("lead", "move", lead_id, "closed won")["follow_up_done_id"] is None


def test_part_of_a_known_organisations_name_is_not_made_a_new_one(run, market, make_contact):
    make_contact("Bo Berg", organization="Northwind Health")

    refused = run("target", "northwind", code=1)
    assert "No organisation called 'northwind'; you have \"Northwind Health\"" in refused.stderr
    assert "--new" in refused.stderr
    assert not Organization.objects.filter(name="northwind").exists()
    run("lead", "add", "northwind", "Dev", "--posted", code=1)
    run("member", "Northwind", code=1)

    assert run.json("target", "NORTHWIND HEALTH")["name"] == "Northwind Health"
    assert run.json("target", "northwind", "--new")["name"] == "northwind"
    assert Organization.objects.filter(name__iexact="northwind").count() == 1


def test_an_organisation_typed_in_capitals_with_accents_is_the_same_one(run, market, make_contact):
    make_contact("Bo Berg", organization="Café Zürich")

    run("lead", "add", "CAFÉ ZÜRICH", "Barista", "--posted")

    assert Organization.objects.filter(name__icontains="z").count() == 1
    assert Lead.objects.get().organization.name == "Café Zürich"


def test_a_posted_lead_needs_no_source(run):
    added = run.json("lead", "add", "Initech", "Analyst", "--posted")

    assert (added["posted"], added["source"]) == (True, None)
    assert "Initech" in run("leads").stdout


def test_an_unknown_stage_is_refused_with_the_valid_ones(run, owner):
    lead = run.json("lead", "add", "Acme", "Dev", "--posted")

    refused = run("lead", "move", str(lead["id"]), "ghosted", code=1)

    assert "Error: stage: 'ghosted' is not a stage" in refused.stderr
    assert "referral asked" in refused.stderr and "closed won" in refused.stderr
    assert Lead.objects.get().stage == "heard"


def test_a_referral_without_anyone_to_ask_says_how(run):
    lead = run.json("lead", "add", "Acme", "Dev", "--posted")

    refused = run("lead", "move", str(lead["id"]), "referral asked", code=1)

    assert "--referrer WHO" in refused.stderr


def test_leads_filter_by_stage_and_hide_closed_ones(run):
    first = run.json("lead", "add", "Acme", "Dev", "--posted")
    second = run.json("lead", "add", "Initech", "Analyst", "--posted")
    run("lead", "move", str(first["id"]), "applied")
    run("lead", "move", str(second["id"]), "closed lost")

    assert [lead["role"] for lead in run.json("leads")] == ["Dev"]
    assert [lead["role"] for lead in run.json("leads", "--stage", "APPLIED")] == ["Dev"]
    assert len(run.json("leads", "--all")) == 2
    assert run("leads", "--stage", "offer").stdout.startswith("No open leads at stage offer")
    assert "not a stage" in run("leads", "--stage", "nope", code=1).stderr


def test_a_missing_lead_id_is_an_error_not_a_traceback(run):
    assert "No lead with id 99" in run("lead", "show", "99", code=1).stderr
    assert "is not a lead id" in run("lead", "move", "abc", "applied", code=2).stderr


def test_targets_are_ranked_with_their_counts(run, market):
    run("target", "Initech", "--motivation", "5")
    run("target", "acme", "--motivation", "5", "--note", "Investing in telemedicine")
    run("lead", "add", "Acme", "Dev", "--posted")

    ranked = run.json("targets")
    text = run("targets").stdout

    assert [(t["rank"], t["name"]) for t in ranked] == [(1, "Acme"), (2, "Initech")]
    assert (ranked[0]["first_degree"], ranked[0]["advocate"]["name"]) == (2, "Hedy Lamarr")
    assert (ranked[1]["second_degree"], ranked[1]["advocacy"]) == (1, "can be introduced")
    assert ranked[0]["insight"] == "Investing in telemedicine"
    assert "Hedy Lamarr" in text and "can be introduced" in text


def test_a_target_can_be_dropped_keeping_its_notes(run):
    run("target", "Helix", "--motivation", "2")

    dropped = run("target", "Helix", "--drop", "--note", "Steer clear: three reorgs").stdout

    assert "no longer a target" in dropped
    assert run.json("targets") == []
    assert "Usage" in run("target", "Helix", "--motivation", "9", code=2).stderr


def test_people_met_at_an_event_are_added_in_one_step_with_follow_ups(run, market):
    event = run.json(
        "event",
        "add",
        "Data & Donuts",
        "--date",
        "last thursday",
        "--kind",
        "meetup",
        "--org",
        "HealthTech Forward",
    )

    met = run.json("met", "donuts", "Katherine Johnson", "Ada Lovelace", "--org", "NASA")
    listed = run.json("events")
    text = run("met", str(event["id"]), "Mary Jackson", "--title", "Engineer").stdout

    assert event["date"] == "2026-03-12" and event["organizer"]["name"] == "HealthTech Forward"
    assert [p["name"] for p in met["added"]] == ["Katherine Johnson"]
    assert [p["name"] for p in met["linked"]] == ["Ada Lovelace"]
    katherine = Contact.objects.get(name="Katherine Johnson")
    assert (katherine.source, katherine.organization.name) == ("event", "NASA")
    step = NextStep.objects.get(contact=katherine)
    assert step.due == TODAY  # two days after the 12th is past: due today
    assert listed[0]["people_met_count"] == 2
    assert "Added Mary Jackson" in text and "Next step" in text


def test_no_one_can_be_met_at_a_future_event(run):
    run("event", "add", "Career fair", "--date", "next friday", "--kind", "career_fair")

    refused = run("met", "career fair", "Bob", code=1)

    assert "in the future" in refused.stderr
    assert not Contact.objects.exists()


def test_events_list_memberships_too(run):
    run("member", "Digital Health Guild", "--since", "2022-05-01", "--role", "events committee")

    assert "events committee of Digital Health Guild since 2022-05-01" in run("events").stdout
    assert run.json("member")[0]["role"] == "events committee"


def test_group_json_works_before_or_after_the_subcommand(run):
    before = run("lead", "--json", "add", "Acme", "Dev", "--posted").stdout
    after = run("lead", "add", "Acme", "Ops", "--posted", "--json").stdout

    assert before.lstrip().startswith("{") and after.lstrip().startswith("{")


def test_a_referrer_shows_up_when_listing_people_by_role(run, market):
    lead = run.json("lead", "add", "Acme", "Dev", "--from", "Ada")
    run("lead", "move", str(lead["id"]), "referral asked", "--referrer", "Hedy")

    referrers = run.json("list", "--role", "referrer")

    assert [person["name"] for person in referrers] == ["Hedy Lamarr"]
    assert "referrer" in referrers[0]["roles"]
