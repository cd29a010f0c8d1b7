"""A real browser against a real server: move a lead across the board with the keyboard, and
add the people met at an event (fixtures in ``tests/browser.py``)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_lead_moves_across_the_board_with_the_keyboard(browser, server, owner, make_contact):
    from playwright.sync_api import expect

    from weakties.leads import services
    from weakties.leads.models import Lead

    ada = make_contact("Ada Lovelace", organization="Acme")
    make_contact("Hedy Lamarr", organization="Acme", tie="strong")
    lead = services.lead_add(owner=owner, organization="Acme", role="Data lead", source=ada)

    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/leads/")
    page.evaluate("window.stillTheSamePage = true")
    heard = page.get_by_role("region", name="Heard")
    researching = page.get_by_role("region", name="Researching")
    expect(heard).to_contain_text("Data lead")

    # Keyboard only: focus the one-click button and press Enter.
    page.get_by_role("button", name="Move Data lead at Acme to Researching").focus()
    page.keyboard.press("Enter")

    expect(researching).to_contain_text("Data lead")
    expect(heard).not_to_contain_text("Data lead")
    expect(page.locator("#board-status")).to_contain_text("is now at “researching”")
    expect(page.locator(f"#lead-{lead.pk}")).to_be_focused()
    assert page.evaluate("window.stillTheSamePage") is True

    # Tab from the card (past its two links) to its next button; Space moves it on.
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(
        page.get_by_role("button", name="Move Data lead at Acme to Referral asked")
    ).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("region", name="Referral asked")).to_contain_text("Data lead")
    expect(page.locator("#board-status")).to_contain_text("Follow up with Ada")

    # Any stage through the select, then the lead's page shows its history.
    page.get_by_label("Stage of Data lead at Acme").select_option("interviewing")
    page.get_by_role("button", name="Move Data lead at Acme to the chosen stage").click()
    expect(page.get_by_role("region", name="Interviewing")).to_contain_text("Data lead")
    page.get_by_role("link", name="Data lead").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data lead")
    expect(page.get_by_role("region", name="History")).to_contain_text("Referral asked")
    expect(page.locator("#people-there")).to_contain_text("Hedy Lamarr")

    lead.refresh_from_db()
    assert lead.stage == Lead.Stage.INTERVIEWING
    assert list(lead.history.values_list("to_stage", flat=True)) == [
        "heard",
        "researching",
        "referral_asked",
        "interviewing",
    ]


def test_people_met_at_an_event_are_added_from_its_page(browser, server, owner, make_contact):
    from playwright.sync_api import expect

    from weakties.network.models import Contact

    make_contact("Ada Lovelace", organization="Acme")

    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")

    page.get_by_label("Name", exact=True).fill("Data & Donuts")
    page.get_by_label("Date", exact=True).fill("yesterday")
    page.get_by_label("Kind", exact=True).select_option("meetup")
    page.get_by_label("Organiser", exact=True).fill("HealthTech Forward")
    page.get_by_role("button", name="Add event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data & Donuts")

    page.get_by_label("Name of person 1").fill("Katherine Johnson")
    page.get_by_label("Title of person 1").fill("Analyst")
    page.get_by_label("Organisation of person 1").fill("NASA")
    page.get_by_label("Name of person 2").fill("Ada Lovelace")
    page.get_by_label("What you talked about").fill("Orbital mechanics")
    page.get_by_role("button", name="Add the people I met").click()

    expect(page.locator(".messages")).to_contain_text(
        "Added Katherine Johnson, each with a follow-up due Tue 17 Mar"
    )
    people = page.locator("#people-met")
    expect(people).to_contain_text("Katherine Johnson")
    expect(people).to_contain_text("Ada Lovelace")

    people.get_by_role("link", name="Katherine Johnson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Katherine Johnson")
    expect(page.locator("#contact-steps")).to_contain_text("Follow up with Katherine")
    expect(page.locator("#contact-leads")).to_contain_text("Data & Donuts")

    assert Contact.objects.filter(owner=owner, name__iexact="Ada Lovelace").count() == 1
    assert Contact.objects.get(owner=owner, name="Katherine Johnson").source == "event"
