"""Conversations and next steps: log, next, done, and the home screen of plain ``weakties``."""

from __future__ import annotations

from datetime import timedelta

import pytest

from weakties.network import services
from weakties.network.models import Interaction, NextStep

STEP_KEYS = {"id", "text", "due", "mine", "contact"}


@pytest.fixture
def ada(add):
    return add("Ada Lovelace", "--org", "Acme", "--email", "ada@acme.example")


def test_logging_a_conversation_with_a_next_step(run, ada, owner):
    result = run(
        "log", "Ada", "Coffee about data roles", "--channel", "coffee",
        "--next", "Send my CV", "--due", "friday",
    )  # fmt: skip

    assert "Logged a coffee with Ada Lovelace on 2026-03-16" in result.stdout
    assert "Send my CV" in result.stdout
    talk = Interaction.objects.get(owner=owner)
    assert (talk.channel, talk.summary, talk.occurred_on.isoformat()) == (
        "coffee",
        "Coffee about data roles",
        "2026-03-16",
    )
    step = NextStep.objects.get(owner=owner)
    assert (step.text, step.due.isoformat(), step.mine) == ("Send my CV", "2026-03-20", True)
    assert step.contact_id == ada["id"]


def test_logging_without_a_next_step_is_allowed_but_flagged(run, ada):
    result = run("log", "ada@acme.example", "Quick hello on LinkedIn", "--channel", "message")

    assert "No next step" in result.stdout


def test_log_json_is_the_interaction(run, ada):
    logged = run.json(
        "log", str(ada["id"]), "Intro call", "--date", "last friday",
        "--next", "Ada sends the job description", "--theirs", "--due", "in 2 weeks",
    )  # fmt: skip

    assert logged["date"] == "2026-03-13"
    assert logged["summary"] == "Intro call"
    assert logged["participants"] == [{"id": ada["id"], "name": "Ada Lovelace"}]
    assert logged["next_steps"][0]["text"] == "Ada sends the job description"
    assert logged["next_steps"][0]["due"] == "2026-03-30"
    assert logged["next_steps"][0]["mine"] is False


def test_logging_with_several_people(run, ada, add):
    add("Grace Hopper")
    add("Alan Turing")

    logged = run.json("log", "Ada", "Panel at the meetup", "--with", "Grace", "--with", "turing")

    assert {p["name"] for p in logged["participants"]} == {
        "Ada Lovelace",
        "Grace Hopper",
        "Alan Turing",
    }
    assert logged["next_steps"] == []
    assert run.json("show", "Grace")["last_contacted"] == "2026-03-16"


def test_logging_with_an_unknown_person_writes_nothing(run, ada, owner):
    result = run("log", "Ada", "Panel", "--with", "Grace Hoper", "--next", "Follow up", code=1)

    assert "No one called 'Grace Hoper'" in result.stderr
    assert not Interaction.objects.filter(owner=owner).exists()
    assert not NextStep.objects.filter(owner=owner).exists()


def test_logging_with_an_ambiguous_name_lists_the_candidates_and_writes_nothing(
    run, ada, add, owner
):
    add("Ada Byron")

    result = run("log", "Ada", "Coffee", code=1)

    assert "Ada Lovelace (Acme)" in result.stderr and "Ada Byron" in result.stderr
    assert not Interaction.objects.filter(owner=owner).exists()


@pytest.mark.parametrize("option", ["--date", "--due"])
def test_a_bad_date_names_the_argument_and_writes_nothing(run, ada, owner, option):
    extra = ["--next", "Send CV"] if option == "--due" else []

    result = run("log", "Ada", "Coffee", *extra, option, "the other day", code=1)

    assert result.stderr.startswith(f"Error: {option}: cannot understand 'the other day'")
    assert not Interaction.objects.filter(owner=owner).exists()


def test_a_due_date_without_a_next_step_is_a_usage_error(run, ada, owner):
    result = run("log", "Ada", "Coffee", "--due", "friday", code=2)

    assert "--next" in result.stderr
    assert not Interaction.objects.filter(owner=owner).exists()


def test_theirs_without_a_next_step_is_a_usage_error(run, ada, owner):
    result = run("log", "Ada", "Coffee", "--theirs", code=2)

    assert "--theirs" in result.stderr
    assert not Interaction.objects.filter(owner=owner).exists()


def test_an_unknown_channel_is_a_usage_error(run, ada):
    result = run("log", "Ada", "Coffee", "--channel", "pigeon", code=2)

    assert "--channel" in result.stderr


@pytest.fixture
def steps(run, ada, add):
    """Three open next steps: one overdue, one due later, one with no date; and one done."""
    add("Grace Hopper")
    run("log", "Ada", "Coffee", "--next", "Send CV", "--due", "in 10 days")
    run(
        "log",
        "Grace",
        "Call",
        "--next",
        "Grace intros me to Bob",
        "--theirs",
        "--due",
        "3 days ago",
    )
    run("log", "Ada", "Email", "--next", "Read her paper")
    run("log", "Grace", "Chat", "--next", "Already handled", "--due", "yesterday")
    done = NextStep.objects.get(text="Already handled")
    run("done", str(done.pk))
    return {step.text: step for step in NextStep.objects.all()}


def test_next_lists_open_steps_overdue_first(run, steps):
    listed = run.json("next")

    assert [s["text"] for s in listed] == ["Grace intros me to Bob", "Send CV", "Read her paper"]
    assert listed[0].keys() >= STEP_KEYS
    assert listed[0]["overdue"] is True and listed[0]["mine"] is False
    assert listed[0]["contact"]["name"] == "Grace Hopper"
    assert listed[2]["due"] is None


def test_an_archived_persons_steps_leave_the_lists_and_plans_but_not_their_page(run, steps):
    run("archive", "Grace")

    assert [s["text"] for s in run.json("next")] == ["Send CV", "Read her paper"]
    assert "Grace intros me to Bob" not in run("today").stdout
    assert run.json()["counts"]["open_steps"] == 2
    shown = run.json("show", "Grace")
    assert [s["text"] for s in shown["next_steps"]] == ["Grace intros me to Bob"]
    run("unarchive", "Grace")
    assert len(run.json("next")) == 3


def test_next_shows_a_table_with_what_is_overdue(run, steps):
    table = run("next").stdout

    assert table.index("Grace intros me to Bob") < table.index("Send CV")
    assert "3 days overdue" in table
    assert "3 open next steps, 1 overdue" in table


def test_next_with_nothing_open_says_how_to_add_one(run, owner):
    assert "No open next steps" in run("next").stdout
    assert run.json("next") == []


def test_done_completes_a_next_step(run, steps):
    step = steps["Send CV"]

    result = run("done", f"#{step.pk}")

    assert "Done: #" in result.stdout and "Send CV" in result.stdout
    step.refresh_from_db()
    assert step.done_on.isoformat() == "2026-03-16"
    assert "Send CV" not in [s["text"] for s in run.json("next")]


def test_done_twice_says_it_was_already_done(run, steps):
    step = steps["Already handled"]

    assert "already done on 2026-03-16" in run("done", str(step.pk)).stdout
    assert run.json("done", str(step.pk))["done_on"] == "2026-03-16"


def test_done_with_an_unknown_id_is_refused(run, owner, make_contact, stranger):
    theirs = services.next_step_create(
        owner=stranger, contact=make_contact("X", user=stranger), text="Private"
    )

    assert "No next step with id" in run("done", str(theirs.pk), code=1).stderr
    assert "not a next step id" in run("done", "abc", code=2).stderr
    theirs.refresh_from_db()
    assert theirs.done_on is None


def test_first_run_greets_and_offers_the_first_steps(run, owner):
    welcome = run().stdout

    assert "Welcome to weakties" in welcome
    assert "weakties import linkedin" in welcome
    assert "weakties goals" in welcome
    assert "weakties add" in welcome
    assert "coming soon" not in welcome
    assert "weakties log" in welcome
    assert "weakties demo" in welcome
    assert run.json()["first_run"] is True


def test_home_shows_a_summary_and_todays_plan(run, steps):
    home = run().stdout

    assert "2 people" in home
    assert "3 open next steps" in home
    assert "Welcome" not in home
    plan = home.split("Your plan for", 1)[1]
    assert "Grace intros me to Bob" in plan  # overdue, their move
    assert "Send CV" not in plan  # due in ten days: not today's business
    assert "This week" in plan
    assert plan in run("today").stdout


def test_home_json_has_counts_and_next_steps(run, steps, today):
    home = run.json()

    assert home["first_run"] is False
    assert home["today"] == today.isoformat()
    assert home["counts"]["contacts"] == 2
    assert home["plan"] == run.json("today")


def test_the_json_flag_may_come_before_the_command(run, steps):
    assert run("--json", "next").stdout == run("next", "--json").stdout


def test_today_follows_the_pinned_date(run, ada, today):
    logged = run.json("log", "Ada", "Coffee", "--date", "yesterday")

    assert logged["date"] == (today - timedelta(days=1)).isoformat()
