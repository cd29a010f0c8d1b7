"""A real browser on the Today page: done, skip and snooze, in place (``tests/browser.py``)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.conftest import TODAY

pytestmark = pytest.mark.browser


def test_a_user_works_through_the_days_suggestions(
    browser, server, owner, make_contact, monkeypatch
):
    from playwright.sync_api import expect

    from weakties.network import services as network
    from weakties.network.models import Interaction
    from weakties.plan import services
    from weakties.plan.models import Pause

    monkeypatch.setenv("WEAKTIES_TODAY", TODAY.isoformat())
    services.plan_settings_update(owner=owner, daily_count=3)
    people = [make_contact(name) for name in ("Ada Lovelace", "Grace Hopper", "Mary Jackson")]
    for person in people:
        network.interaction_log(
            owner=owner,
            participants=[person],
            summary="Old chat",
            occurred_on=TODAY - timedelta(days=150),
        )

    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.goto(server)
    plan = page.locator("#reach-out")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Today")
    for name in ("Ada Lovelace", "Grace Hopper", "Mary Jackson"):
        expect(plan).to_contain_text(name)
    expect(plan).to_contain_text("5 months since you last spoke")
    page.evaluate("window.stillTheSamePage = true")

    # Done: pick how, say what, and the plan and the week's progress refresh in place.
    page.get_by_label("How you reached Ada Lovelace").select_option("email")
    page.get_by_label("What you talked about with Ada Lovelace (optional)").fill(
        "Sent the FHIR primer"
    )
    page.get_by_role("button", name="Done: reached out to Ada Lovelace").click()
    expect(plan).to_contain_text("Logged: you reached out to Ada Lovelace")
    expect(plan.locator(".reach__name")).not_to_contain_text(["Ada Lovelace"])
    expect(page.locator("#week-progress")).to_contain_text("1 / 5")

    page.get_by_role("button", name="Skip Grace Hopper for 30 days").click()
    expect(plan).to_contain_text("Skipped Grace Hopper: back in the plan on Wed 15 Apr")

    page.get_by_label("Snooze Mary Jackson until").fill("friday")
    page.get_by_role("button", name="Snooze Mary Jackson").click()
    expect(plan).to_contain_text("Snoozed Mary Jackson until Fri 20 Mar 2026")
    expect(plan).to_contain_text("No one to reach out to today")
    assert page.evaluate("window.stillTheSamePage") is True

    logged = Interaction.objects.get(summary="Sent the FHIR primer")
    assert logged.channel == "email"
    assert sorted(Pause.objects.values_list("kind", flat=True)) == ["skip", "snooze"]


def test_the_composer_previews_the_note_as_the_user_types(
    browser, server, owner, make_contact, monkeypatch
):
    from playwright.sync_api import expect

    from weakties.network import services as network
    from weakties.network.models import Interaction

    monkeypatch.setenv("WEAKTIES_TODAY", TODAY.isoformat())
    ada = make_contact("Ada Lovelace", emails=["ada@example.com"])
    network.interaction_log(
        owner=owner, participants=[ada], summary="Lunch", occurred_on=TODAY - timedelta(days=245)
    )
    network.memory_add(contact=ada, text="Talking football on Monday mornings")

    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/contacts/{ada.pk}/")
    page.get_by_role("link", name="Write a reconnect note").first.click()
    preview = page.locator("#draft-preview")
    expect(preview).to_contain_text("It's been about eight months since we last spoke.")
    expect(preview).to_contain_text("memories of talking football on Monday mornings")

    page.get_by_label("Message").fill("Dear {first_name}, {lapse}! Coffee?")
    expect(preview).to_contain_text(
        "Dear Ada, It's been about eight months since we last spoke! Coffee?"
    )
    page.get_by_role("link", name="short").click()
    expect(page.get_by_label("Message")).to_have_value(re.compile(r"thinking of you"))

    expect(page.get_by_label("Sent as")).to_have_value("email")
    page.get_by_role("button", name="I sent it: log it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Lovelace")

    assert Interaction.objects.filter(channel="email", participants=ada).exists()


def test_a_note_to_someone_without_an_email_is_copied_and_logged_as_a_message(
    browser, server, owner, make_contact
):
    from playwright.sync_api import expect

    from weakties.network.models import Interaction

    sam = make_contact("Sam Lee", urls=["https://www.linkedin.com/in/sam-lee"])

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/contacts/{sam.pk}/draft/")
    preview = page.locator("#draft-preview")
    expect(preview).to_contain_text("To: no email recorded")
    profile = preview.get_by_role("link", name="Open their LinkedIn profile")
    expect(profile).to_have_attribute("href", "https://www.linkedin.com/in/sam-lee")

    preview.get_by_role("button", name="Copy the note").click()
    expect(preview.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Hi Sam,")

    expect(page.get_by_label("Sent as")).to_have_value("message")
    page.get_by_role("button", name="I sent it: log it").click()
    expect(page.get_by_text("Logged: you sent a message to Sam Lee.")).to_be_visible()

    assert Interaction.objects.get(participants=sam).channel == "message"
