"""The plan from the command line: today, skip, snooze, week, goals, profile, the ledger,
drafts and announcements."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import TODAY
from weakties.network import services as network
from weakties.network.models import Interaction
from weakties.plan.models import Exchange, Pause

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(owner, make_contact, clock):
    ada = make_contact(
        "Ada Lovelace", organization="Analytical Engines", emails=["ada@example.com"], tie="weak"
    )
    grace = make_contact("Grace Hopper", tie="strong")
    network.interaction_log(
        owner=owner, participants=[grace], summary="Call", occurred_on=TODAY - timedelta(days=2)
    )
    return {"ada": ada, "grace": grace}


def test_today_json_has_the_documented_shape(run, people):
    plan = run.json("today")

    assert plan["date"] == TODAY.isoformat()
    [first] = plan["reach_out"]
    assert first["contact"]["name"] == "Ada Lovelace"
    assert first["days_since"] is None
    assert first["reasons"][0] == "weak tie at Analytical Engines"
    assert plan["week"] == plan["week"] | {
        "met": 2,
        "met_goal": 2,
        "talked": 0,  # Grace was on Saturday: last week
        "talked_goal": 5,
        "streak": 0,
    }
    assert plan["next_steps"] == []


def test_today_reads_like_a_note_with_what_to_do_next(run, people):
    out = run("today").stdout

    assert "Your plan for Monday 16 March 2026" in out
    assert "Ada Lovelace" in out and "weak tie at Analytical Engines" in out
    assert f"weakties skip {people['ada'].pk}" in out
    assert "People talked to" in out and "0/5" in out


def test_today_on_an_empty_network_says_how_to_start(run, owner):
    empty = run("today").stdout

    assert "your network is empty" in empty
    assert "weakties import Connections.csv" in empty
    assert "everyone you know has heard from you" not in empty


def test_today_can_look_ahead(run, people):
    assert run.json("today", "--date", "2026-03-20")["date"] == "2026-03-20"


def test_skip_and_snooze_take_a_person_out_of_the_plan(run, people, make_contact):
    run("skip", "Ada")
    assert run.json("today")["reach_out"] == []

    make_contact("Linus Pauling")
    out = run("snooze", "Linus", "--until", "in 2 weeks").stdout
    assert "Snoozed Linus Pauling until Mon 30 Mar 2026" in out
    assert run.json("today")["reach_out"] == []
    assert [
        s["contact"]["name"] for s in run.json("today", "--date", "2026-03-30")["reach_out"]
    ] == ["Linus Pauling"]


def test_snoozing_until_today_is_an_error(run, people):
    result = run("snooze", "Ada", "--until", "2026-03-16", code=1)
    assert "Error: until:" in result.stderr


def test_a_snooze_lasts_a_year_at_most_and_points_to_archiving(run, people, owner):
    run("snooze", "Ada", "--until", "next year")

    result = run("snooze", "Ada", "--until", "in 50 years", code=1)
    assert "more than a year away" in result.stderr and "archive Ada" in result.stderr
    assert [p.until for p in Pause.objects.filter(owner=owner)] == [date(2027, 3, 16)]


def test_goals_are_shown_and_set(run, owner):
    assert run.json("goals") == {
        "daily": 1,
        "dormant_days": 90,
        "mentor_days": 30,
        "meet": 2,
        "talk": 5,
    }
    run("goals", "--meet", "3", "--talk", "6", "--dormant-days", "60", "--daily", "2")
    assert run.json("goals")["talk"] == 6
    assert "60" in run("goals").stdout
    run("goals", "--daily", "0", code=2)


def test_profile_feeds_the_draft(run, people):
    run("profile", "--goal", "I'm looking for a data role in healthcare.", "--name", "Jo")
    draft = run.json("draft", "Ada")

    assert "I'm looking for a data role in healthcare." in draft["body"]
    assert draft["body"].endswith("Best,\nJo")
    assert draft["mailto"].startswith("mailto:ada@example.com?subject=")


def test_draft_send_logs_an_email_without_opening_anything_in_tests(run, people):
    out = run("draft", "Ada", "--send").stdout

    assert "Hi Ada," in out
    assert "Copy it into your mail app; logged an email to Ada Lovelace." in out
    logged = Interaction.objects.get(participants=people["ada"])
    assert logged.channel == "email"


def test_draft_send_uses_the_mail_opener(run, people, monkeypatch):
    from weakties.cli import plan

    opened = []
    monkeypatch.setattr(plan, "MAIL_OPENER", lambda url: opened.append(url) or True)

    assert run.json("draft", "Ada", "--send")["opened"] is True
    assert opened[0].startswith("mailto:ada@example.com")


def test_gave_got_owe_and_ledger(run, people):
    run("got", "Grace", "Introduced me to Sam", "--kind", "introduction")
    run("got", "Grace", "Reviewed my CV", "--kind", "advice")
    out = run("gave", "Grace", "The FHIR primer", "--kind", "article").stdout
    assert "They helped you twice and you helped them once: your turn." in out

    [owed] = run.json("owe")
    assert (owed["contact"]["name"], owed["owed"]) == ("Grace Hopper", 1)
    ledger = run.json("ledger", "Grace")
    assert (ledger["gave"], ledger["got"]) == (1, 2)
    run("gave", "Grace", "x", "--kind", "bribe", code=2)


def test_idea_and_introduce(run, people):
    run("idea", "Ada", "Introduce her to Grace")
    assert "Introduce her to Grace" in run("ledger", "Ada").stdout

    result = run.json("introduce", "Ada", "Grace", "--note", "both love compilers")
    assert result["link"]["kind"] == "introduced"
    assert Exchange.objects.filter(kind="introduction", direction="gave").count() == 2


def test_a_memory_noted_from_the_command_line_is_recalled_in_the_reconnect_note(run, people):
    before = run("draft", "Ada").stdout
    assert "weakties memory" in before  # the draft says how to fill the gap

    noted = run.json("memory", "Ada", "We both love the Difference Engine")

    assert noted["memory"] == "We both love the Difference Engine"
    assert "difference engine" in run("draft", "Ada").stdout.lower()
    assert "write the moment" in run("memory", "Ada", "  ", code=1).stderr


def test_templates_are_listed_shown_and_saved(run, owner, tmp_path):
    names = [t["name"] for t in run.json("templates")]
    assert names[:2] == ["reconnect", "short"]

    note = tmp_path / "note.txt"
    note.write_text("Hi {first_name}!\n{lapse}.\n")
    run("template", "hello", "--file", str(note), "--subject", "Hello")
    assert run.json("template", "hello")["body"] == "Hi {first_name}!\n{lapse}.\n"
    result = run("template", "bad", "--body", "Hi {nick}", code=1)
    assert "unknown nick" in result.stderr


def test_a_template_file_saved_by_windows_notepad_is_read(run, owner, tmp_path):
    note = tmp_path / "note.txt"
    note.write_bytes("Hi {first_name}, caf\u00e9 soon?\r\n".encode("cp1252"))

    run("template", "coffee", "--file", str(note))

    assert run.json("template", "coffee")["body"].startswith("Hi {first_name}, caf\u00e9 soon?")


def test_a_template_from_a_binary_file_or_twice_over_is_refused(run, owner, tmp_path):
    picture = tmp_path / "photo.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    result = run("template", "coffee", "--file", str(picture), code=2)
    assert "photo.txt is not a text file" in result.stderr
    result = run("template", "coffee", "--file", str(picture), "--body", "Hi", code=2)
    assert "not both" in result.stderr
    assert "coffee" not in [t["name"] for t in run.json("templates")]


def test_announce_writes_one_file_per_person_and_logs_only_once_confirmed(
    run, owner, make_contact, tmp_path, clock
):
    make_contact("Ada Lovelace", tags=["alumni"], emails=["ada@example.com"])
    make_contact("Bob Smith", tags=["alumni"])
    folder = tmp_path / "letters"

    out = run("announce", "--tag", "alumni", "--out", str(folder)).stdout

    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 2 and files[0].endswith("ada-lovelace.txt")
    assert (folder / files[0]).read_text().startswith("To: ada@example.com\nSubject: ")
    assert "Nothing logged yet" in out
    assert not Interaction.objects.exists()

    first = run("announce", "--tag", "alumni", "--confirm-sent").stdout
    assert "Logged the announcement as an email to 2 people." in first
    assert Interaction.objects.filter(channel="email").count() == 2
    # Confirming again (the same day) logs nothing twice.
    again = run("announce", "--tag", "alumni", "--confirm-sent").stdout
    assert "to 0 people; 2 already had it logged today." in again
    assert Interaction.objects.filter(channel="email").count() == 2


def test_announce_with_a_text_template_prints_each_message(run, owner, make_contact, clock):
    make_contact("Ada Lovelace", tie="weak")

    out = run("announce", "--weak-ties", "Hi {first_name}, I'm looking!").stdout

    assert "Hi Ada, I'm looking!" in out


def test_announce_needs_one_group(run, owner):
    result = run("announce", code=2)
    assert "--tag, --org or --weak-ties" in result.stderr


def test_a_week_across_the_new_year_names_both_years(run, people):
    shown = run("week", "--date", "2020-01-02").stdout

    assert "Week of 30 December 2019 to 5 January 2020" in shown


def test_week_review_json(run, people):
    assert run.json("week")["contacted"] == []
    review = run.json("week", "--date", "saturday")
    assert review["week"]["start"] == "2026-03-09"
    assert review["week"]["talked"] == 1
    assert review["contacted"] == [{"id": people["grace"].pk, "name": "Grace Hopper"}]
