"""The iCalendar feed: valid for subscriptions, stable, secret and revocable."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from tests.conftest import REPO, TODAY
from weakties.interop.calendar import escape_text, feed_ics, fold
from weakties.interop.services import calendar_feed_get_or_create, calendar_feed_revoke
from weakties.network import services

ICS_LINT = REPO.parent / "shared" / "tools" / "ics_lint.py"


@pytest.fixture
def steps(owner, make_contact):
    ada = make_contact("Ada Lovelace")
    cv = services.next_step_create(
        owner=owner, contact=ada, text="Send Ada my CV; with a cover letter, short", due=TODAY
    )
    long = services.next_step_create(
        owner=owner,
        contact=ada,
        text="Écrire à Zoë 😀 " * 8,
        due=TODAY + timedelta(days=3),
        mine=False,
    )
    services.next_step_create(owner=owner, contact=ada, text="No date, not in the calendar")
    done = services.next_step_create(owner=owner, contact=ada, text="Done already", due=TODAY)
    services.next_step_complete(step=done)
    return {"cv": cv, "long": long}


def _events(text: str) -> dict[str, object]:
    calendar = Calendar.from_ical(text)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_due_open_next_steps_are_all_day_events(owner, steps):
    text = feed_ics(user=owner, today=TODAY)

    events = _events(text)
    assert set(events) == {
        f"next-step-{steps['cv'].pk}@weakties",
        f"next-step-{steps['long'].pk}@weakties",
    }
    cv = events[f"next-step-{steps['cv'].pk}@weakties"]
    assert str(cv["SUMMARY"]) == "Send Ada my CV; with a cover letter, short (Ada Lovelace)"
    assert cv["DTSTART"].dt == TODAY and cv["DTEND"].dt == TODAY + timedelta(days=1)
    assert "DTSTAMP" in cv and int(cv["SEQUENCE"]) == 0
    assert str(events[f"next-step-{steps['long'].pk}@weakties"]["SUMMARY"]).startswith("Waiting: ")


def test_the_feed_is_crlf_folded_at_75_octets_without_splitting_characters(owner, steps):
    raw = feed_ics(user=owner, today=TODAY).encode("utf-8")

    assert b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # each physical line is whole UTF-8
    assert "SUMMARY:Send Ada my CV\\; with a cover letter\\, short" in raw.decode()


def test_the_feed_passes_the_strict_lint(owner, steps, tmp_path):
    if not ICS_LINT.exists():
        if os.environ.get("WEAKTIES_REQUIRE_FIXTURES") == "1":
            pytest.fail(f"{ICS_LINT} is missing and WEAKTIES_REQUIRE_FIXTURES=1")
        pytest.skip("../shared/tools/ics_lint.py is not beside the project")
    path = tmp_path / "feed.ics"
    path.write_text(feed_ics(user=owner, today=TODAY), encoding="utf-8", newline="")

    result = subprocess.run(
        [sys.executable, str(ICS_LINT), str(path)], capture_output=True, text=True
    )

    problems = [line.strip() for line in result.stdout.splitlines()[1:]]
    assert result.returncode == 0 and problems == [], result.stdout


def test_uids_stay_and_sequence_rises_only_when_an_event_changes(owner, steps):
    first = _events(feed_ics(user=owner, today=TODAY))
    same = _events(feed_ics(user=owner, today=TODAY))
    step = steps["cv"]
    step.due = TODAY + timedelta(days=1)
    step.save(update_fields=["due"])
    moved = _events(feed_ics(user=owner, today=TODAY))

    uid = f"next-step-{step.pk}@weakties"
    assert set(first) == set(same) == set(moved)
    assert int(same[uid]["SEQUENCE"]) == 0
    assert int(moved[uid]["SEQUENCE"]) == 1
    assert int(moved[f"next-step-{steps['long'].pk}@weakties"]["SEQUENCE"]) == 0


def test_folding_and_escaping_edge_cases():
    assert fold("A" * 75) == "A" * 75 + "\r\n"
    folded = fold("é" * 80)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "").rstrip("\r\n") == "é" * 80
    assert escape_text("a,b;c\\d\ne\x00") == "a\\,b\\;c\\\\d\\ne"


def test_the_feed_url_works_without_a_session_and_only_for_its_own_user(
    owner, stranger, steps, make_contact
):
    other = make_contact("Stranger's friend", user=stranger)
    services.next_step_create(owner=stranger, contact=other, text="Stranger's step", due=TODAY)
    token = calendar_feed_get_or_create(owner=owner).token
    anonymous = Client()

    response = anonymous.get(reverse("web:calendar_feed", args=[token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert "Send Ada my CV" in body and "Stranger" not in body
    stranger_token = calendar_feed_get_or_create(owner=stranger).token
    theirs = anonymous.get(reverse("web:calendar_feed", args=[stranger_token])).content.decode()
    assert "Stranger's step" in theirs and "Ada" not in theirs


def test_a_wrong_or_revoked_token_is_not_found(owner, steps):
    old = calendar_feed_get_or_create(owner=owner).token
    anonymous = Client()

    assert anonymous.get(reverse("web:calendar_feed", args=["not-a-token"])).status_code == 404
    new = calendar_feed_revoke(owner=owner).token

    assert new != old
    assert anonymous.get(reverse("web:calendar_feed", args=[old])).status_code == 404
    assert anonymous.get(reverse("web:calendar_feed", args=[new])).status_code == 200


def test_todays_planned_reach_outs_are_in_the_feed(owner, make_contact, monkeypatch):
    from weakties.plan.selectors import reach_out_suggestions

    monkeypatch.setenv("WEAKTIES_TODAY", TODAY.isoformat())  # added "today", not in the future
    linus = make_contact("Linus Pauling", tie="weak")
    planned = [s.contact for s in reach_out_suggestions(user=owner, day=TODAY)]

    events = _events(feed_ics(user=owner, today=TODAY))

    assert linus in planned
    event = events[f"reach-out-{TODAY.isoformat()}-{linus.pk}@weakties"]
    assert str(event["SUMMARY"]) == "Reach out to Linus Pauling"
    assert event["DTSTART"].dt == TODAY
    assert str(event["DESCRIPTION"])


def test_calendar_apps_may_ask_with_head(owner):
    token = calendar_feed_get_or_create(owner=owner).token

    response = Client().head(reverse("web:calendar_feed", args=[token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_our_feed_reads_like_googles_own_feed(owner, steps):
    """Google's published calendar (a shared fixture) and ours, through the same two parsers."""
    import vobject

    from tests.interop.conftest import shared

    google = Calendar.from_ical(shared("ics/real/icalendar_alarm_google_future.ics").read_bytes())
    ours = Calendar.from_ical(feed_ics(user=owner, today=TODAY))

    for header in ("VERSION", "PRODID", "CALSCALE", "METHOD"):
        assert str(ours[header]) and str(google[header]), header
    assert str(ours["VERSION"]) == str(google["VERSION"]) == "2.0"
    google_event = next(iter(google.walk("VEVENT")))
    for event in ours.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(event) & set(google_event)
    parsed = vobject.readOne(feed_ics(user=owner, today=TODAY))
    assert len(parsed.vevent_list) == 2
