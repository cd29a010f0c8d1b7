"""A real browser against a real server: add a contact, log a conversation with a next step,
complete it, all as a user would (fixtures in ``tests/browser.py``).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.conftest import TODAY

pytestmark = pytest.mark.browser


def test_a_user_adds_a_contact_logs_a_conversation_and_completes_the_next_step(
    browser, server, owner, make_contact
):
    from playwright.sync_api import expect

    from weakties.network.models import Contact

    make_contact("Mary Jackson", organization="NACA")

    page = browser.new_page()
    page.set_default_timeout(10_000)

    page.goto(f"{server}/contacts/")
    expect(page.get_by_role("heading", name="Contacts", level=1)).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Add contact").click()

    page.get_by_label("Name", exact=True).fill("Dorothy Vaughan")
    page.get_by_label("Organisation", exact=True).fill("NACA")
    page.get_by_label("Emails", exact=True).fill("dorothy@example.com")
    page.get_by_label("Tags", exact=True).fill("mentor, computing")
    page.get_by_role("button", name="Add contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dorothy Vaughan")

    # Search as you type: the results change and the address follows.
    page.goto(f"{server}/contacts/")
    expect(page.locator("#results")).to_contain_text("Mary Jackson")
    page.get_by_label("Search", exact=True).fill("doro")
    expect(page.locator("#results")).not_to_contain_text("Mary Jackson")
    expect(page).to_have_url(re.compile(r"/contacts/\?q=doro$"))
    page.get_by_role("link", name="Dorothy Vaughan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dorothy Vaughan")

    # Log a conversation with its next step; the page is not reloaded.
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("What did you talk about?").fill("Coffee: FORTRAN at NACA.")
    page.get_by_label("Channel", exact=True).select_option("coffee")
    page.get_by_label("When", exact=True).fill("yesterday")
    page.get_by_label("Next step", exact=True).fill("Send her the Langley article")
    page.get_by_label("Due", exact=True).fill("friday")
    page.get_by_role("button", name="Log conversation").click()

    expect(page.locator("#timeline")).to_contain_text("Coffee: FORTRAN at NACA.")
    expect(page.locator("#log-panel")).to_contain_text("Logged, with the next step")
    steps = page.locator("#contact-steps")
    expect(steps).to_contain_text("Send her the Langley article")
    expect(steps).to_contain_text("due Fri 20 Mar")
    expect(page.get_by_label("What did you talk about?")).to_have_value("")
    assert page.evaluate("window.stillTheSamePage") is True

    # Complete the next step in place.
    page.get_by_role("button", name="Mark done: Send her the Langley article").click()
    expect(steps).to_contain_text("done today")
    expect(steps.get_by_role("button", name="Reopen: Send her the Langley article")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True

    dorothy = Contact.objects.get(owner=owner, name="Dorothy Vaughan")
    assert dorothy.organization is not None and dorothy.organization.name == "NACA"
    assert [p.value for p in dorothy.points.all()] == ["dorothy@example.com"]
    assert sorted(t.name for t in dorothy.tags.all()) == ["computing", "mentor"]
    conversation = dorothy.interactions.get()
    assert conversation.summary == "Coffee: FORTRAN at NACA."
    assert conversation.channel == "coffee"
    assert conversation.occurred_on == TODAY - timedelta(days=1)
    step = conversation.next_steps.get()
    assert step.text == "Send her the Langley article" and step.mine
    assert step.contact == dorothy
    assert step.due == TODAY + timedelta(days=4)
    assert step.done_on == TODAY


def test_older_conversations_open_in_place(browser, server, owner, make_contact):
    from playwright.sync_api import expect

    from weakties.network import services

    sam = make_contact("Sam Lee")
    for days in range(27):
        services.interaction_log(
            owner=owner,
            participants=[sam],
            summary=f"Message number {days}",
            occurred_on=TODAY - timedelta(days=days),
        )

    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/contacts/{sam.pk}/")
    page.evaluate("window.stillTheSamePage = true")
    timeline = page.locator("#timeline")
    expect(timeline.get_by_text("Message number 24", exact=True)).to_be_visible()
    expect(timeline.get_by_text("Message number 25", exact=True)).to_have_count(0)

    page.get_by_role("link", name="Show 2 older conversations").click()

    expect(timeline.get_by_text("Message number 26", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Show 2 older conversations")).to_have_count(0)
    assert page.evaluate("window.stillTheSamePage") is True


def test_no_page_scrolls_sideways_on_a_phone(browser, server, owner, make_contact):
    """At 375 px every page fits the screen: a board or a table may scroll inside itself, but
    the page does not (hidden labels inside them once widened the Leads page to 785 px)."""
    from weakties.leads import services as leads

    ada = make_contact("Ada Lovelace", organization="Analytical Engines", emails=["a@ae.example"])
    lead = leads.lead_add(owner=owner, organization="Analytical Engines", role="Data lead")
    offer = leads.lead_add(owner=owner, organization="Initech", role="Analyst", is_posted=True)
    leads.lead_move(lead=offer, stage="offer")  # the board's last column, far off the screen
    leads.lead_move(lead=lead, stage="lost")
    pages = [
        "/", "/contacts/", f"/contacts/{ada.pk}/", f"/contacts/{ada.pk}/draft/",
        f"/contacts/{ada.pk}/edit/", "/next-steps/", "/leads/", f"/leads/{lead.pk}/",
        "/targets/", "/events/", "/introductions/?target=Initech", "/import/", "/export/",
        "/week/", "/settings/",
    ]  # fmt: skip

    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.set_default_timeout(10_000)
    widths = {}
    for path in pages:
        assert page.goto(f"{server}{path}").status == 200, path
        widths[path] = page.evaluate("document.documentElement.scrollWidth")

    assert widths == dict.fromkeys(pages, 375)


def test_back_and_forward_show_the_search_that_gave_the_results(
    browser, server, owner, make_contact
):
    from playwright.sync_api import expect

    for name in ("Mary Jackson", "Maria Lopez", "Dorothy Vaughan"):
        make_contact(name)
    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/contacts/")
    box = page.get_by_label("Search", exact=True)
    results = page.locator("#results")

    box.fill("mar")
    expect(page).to_have_url(re.compile(r"q=mar$"))
    expect(results).not_to_contain_text("Dorothy")
    box.fill("mary")
    expect(page).to_have_url(re.compile(r"q=mary$"))
    expect(results).not_to_contain_text("Maria")

    page.go_back()
    expect(page).to_have_url(re.compile(r"q=mar$"))
    expect(box).to_have_value("mar")
    expect(results).to_contain_text("Maria Lopez")
    page.go_back()
    expect(box).to_have_value("")
    expect(results).to_contain_text("Dorothy Vaughan")
    page.go_forward()
    expect(box).to_have_value("mar")
