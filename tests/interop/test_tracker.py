"""The CSV tracker as a career coach reads it in a spreadsheet: names where the database has
ids, local times a spreadsheet takes for times, phones as written, one spelling in the headers.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import TODAY
from weakties.interop import exports
from weakties.interop.models import ImportRecord
from weakties.leads import services as leads
from weakties.network import services
from weakties.network.models import Memory


def _tracker(user, tmp_path) -> dict[str, list[dict[str, str]]]:
    """Every file of the tracker .zip, as the rows a spreadsheet shows under its headers."""
    exports.csv_write(user=user, target=tmp_path / "tracker.zip")
    with zipfile.ZipFile(tmp_path / "tracker.zip") as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
        }


def _headers(user, tmp_path) -> dict[str, list[str]]:
    exports.csv_write(user=user, target=tmp_path / "headers.zip")
    with zipfile.ZipFile(tmp_path / "headers.zip") as archive:
        return {
            name: next(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
        }


@pytest.fixture
def search(owner, make_contact):
    """A job search with a reference from every table to another: a lead at an organisation
    and its history, an event run by an association and who I met there, a membership, a
    conversation with two people and the next step it ended on."""
    ada = make_contact("Ada Lovelace", organization="Analytical Engines")
    grace = make_contact("Grace Hopper")
    lead = leads.lead_add(
        owner=owner,
        organization="Acme",
        role="Data lead",
        source=ada,
        heard_on=TODAY - timedelta(days=9),
    )
    event = leads.event_create(
        owner=owner,
        name="PyData London",
        held_on=TODAY - timedelta(days=6),
        kind="meetup",
        organizer="London Data Society",
    )
    leads.event_met(owner=owner, event=event, people=[leads.PersonMet(name="Ada Lovelace")])
    leads.membership_set(owner=owner, organization="Product Guild")
    call = services.interaction_log(
        owner=owner,
        participants=[grace, ada],
        summary="Video call about the data lead at Acme, their team, the interviews, "
        "and who else I should talk to there",
        channel="video",
        occurred_on=TODAY - timedelta(days=3),
        next_step="Send my CV",
        next_step_due=TODAY + timedelta(days=2),
    )
    return {"ada": ada, "grace": grace, "lead": lead, "event": event, "call": call}


def test_references_read_as_names_and_dates_where_there_were_bare_ids(owner, search, tmp_path):
    ada, lead, event, call = search["ada"], search["lead"], search["event"], search["call"]

    tracker = _tracker(owner, tmp_path)

    [lead_row] = tracker["leads.csv"]
    assert lead_row["Organisation"] == "Acme"
    assert lead_row["Source"] == f"Ada Lovelace (#{ada.pk})"  # contacts as before
    [heard] = tracker["lead-stage-changes.csv"]
    assert heard["Lead"] == "Data lead at Acme"
    assert heard["Lead id"] == str(lead.pk)  # to match rows with leads.csv's Id
    [event_row] = tracker["events.csv"]
    assert event_row["Organiser"] == "London Data Society"
    [met] = tracker["event-people-met.csv"]
    assert met["Event"] == "PyData London (2026-03-10)"
    assert met["Event id"] == str(event.pk)
    assert met["Contact"] == f"Ada Lovelace (#{ada.pk})"
    [membership] = tracker["memberships.csv"]
    assert membership["Organisation"] == "Product Guild"
    [step] = [row for row in tracker["next-steps.csv"] if row["Text"] == "Send my CV"]
    # The date and the start of the summary, on one line, cut short.
    assert (
        step["Interaction"]
        == "2026-03-13: Video call about the data lead at Acme, their team, the…"
    )
    assert step["Interaction id"] == str(call.pk)
    # The contacts.csv Organisation was already a name; it stays one.
    [person] = [row for row in tracker["contacts.csv"] if row["Name"] == "Ada Lovelace"]
    assert person["Organisation"] == "Analytical Engines"


def test_interactions_name_the_people_who_took_part_with_no_query_per_row(
    owner, search, make_contact, tmp_path
):
    with CaptureQueriesContext(connection) as small:
        tracker = _tracker(owner, tmp_path)

    [call] = [row for row in tracker["interactions.csv"] if row["Id"] == str(search["call"].pk)]
    assert call["People"] == "Ada Lovelace; Grace Hopper"
    participants = tracker["interaction-participants.csv"]
    assert {row["Interaction"][:10] for row in participants} == {"2026-03-10", "2026-03-13"}

    # Ten times the people, conversations, leads and events: the same number of queries.
    for n in range(10):
        person = make_contact(f"Person {n}")
        services.interaction_log(
            owner=owner, participants=[person, search["ada"]], summary=f"Coffee {n}"
        )
        leads.lead_add(owner=owner, organization=f"Org {n}", role="Analyst", source=person)
        leads.event_create(owner=owner, name=f"Meetup {n}", held_on=TODAY, organizer=f"Org {n}")
    with CaptureQueriesContext(connection) as large:
        tracker = _tracker(owner, tmp_path)

    assert len(tracker["interactions.csv"]) > 10
    assert len(large.captured_queries) == len(small.captured_queries)


def test_times_are_the_users_local_time_to_the_second_and_days_stay_days(
    owner, search, settings, tmp_path
):
    settings.TIME_ZONE = "Europe/Paris"
    summer = datetime(2026, 7, 1, 12, 0, 0, 5, tzinfo=UTC)
    winter = datetime(2026, 11, 22, 6, 29, 14, 329975, tzinfo=UTC)
    Memory.objects.create(contact=search["ada"], text="Rowing at dawn.", created_at=summer)
    Memory.objects.create(contact=search["ada"], text="Both love tea.", created_at=winter)
    ImportRecord.objects.create(
        owner=owner, kind="linkedin", file_name="Connections.csv", sha256="0" * 64,
        imported_at=winter,
    )  # fmt: skip

    tracker = _tracker(owner, tmp_path)

    memories = tracker["memories.csv"]
    # What Excel and LibreOffice read as a date and time, as the clock on the wall showed it.
    assert [row["Created at"] for row in memories] == [
        "2026-07-01 14:00:00",  # summer time: UTC+2
        "2026-11-22 07:29:14",  # winter time: UTC+1
    ]
    [record] = tracker["imports.csv"]
    assert record["Imported at"] == "2026-11-22 07:29:14"
    [call] = [row for row in tracker["interactions.csv"] if row["Id"] == str(search["call"].pk)]
    assert call["Occurred on"] == "2026-03-13"
    assert tracker["leads.csv"][0]["Heard on"] == "2026-03-07"


def test_phones_are_left_as_written_and_formulas_still_become_text(owner, make_contact, tmp_path):
    two = make_contact("Two Phones", phones=["+44 20 7946 0018", "(555) 123-4567 ext. 9"])
    make_contact("Desk", phones=["+1 555 0100 x12"])
    make_contact("Sly", notes="+cmd|' /C calc'!A0", title="@SUM(A1:A9)")
    services.memory_add(contact=two, text='=HYPERLINK("http://evil.example","Click")')
    services.memory_add(contact=two, text="+44 20 7946 0018; =1+1")  # a phone, then a formula

    tracker = _tracker(owner, tmp_path)

    people = {row["Name"]: row for row in tracker["contacts.csv"]}
    assert people["Two Phones"]["Phones"] == "+44 20 7946 0018; (555) 123-4567 ext. 9"
    assert people["Desk"]["Phones"] == "+1 555 0100 x12"
    assert people["Sly"]["Notes"] == "'+cmd|' /C calc'!A0"
    assert people["Sly"]["Title"] == "'@SUM(A1:A9)"
    assert [row["Text"] for row in tracker["memories.csv"]] == [
        '\'=HYPERLINK("http://evil.example","Click")',
        "'+44 20 7946 0018; =1+1",
    ]


def test_the_headers_spell_organisation_one_way_as_the_product_does(owner, search, tmp_path):
    headers = _headers(owner, tmp_path)

    every = {header for row in headers.values() for header in row}
    assert not [header for header in every if "organiz" in header.lower()], every
    assert "Organisation" in headers["contacts.csv"]
    assert "Organisation" in headers["leads.csv"]
    assert "Organisation" in headers["memberships.csv"]
    assert "Organiser" in headers["events.csv"]


def test_every_reference_between_tracker_tables_has_a_readable_form():
    """A new area's table that points at another table gets a readable form with it, or its
    column would read as bare numbers again."""
    from django.contrib.auth import get_user_model

    from weakties.interop.backup import owned_models

    missing = {
        f"{model._meta.label_lower}.{field.name} → {field.related_model._meta.label_lower}"
        for model, _ in owned_models()
        if model._meta.label_lower not in exports.SKIPPED_IN_CSV
        for field in model._meta.concrete_fields
        if field.is_relation
        and field.related_model is not get_user_model()
        and field.related_model._meta.label_lower not in exports.READABLE
    }
    assert not missing, missing
