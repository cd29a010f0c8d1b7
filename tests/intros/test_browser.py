"""A real browser finds an introduction with the keyboard only (fixtures in tests/browser.py)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_a_user_finds_who_can_introduce_them_using_only_the_keyboard(
    browser, server, owner, make_contact
):
    from playwright.sync_api import expect

    from weakties.network import services

    ann = make_contact("Ann Archer", tie="strong", closeness=4)
    cy = make_contact("Cy Chen", tie="none", organization="Initech")
    services.contact_link(a=ann, b=cy, kind="friend", strength=5)

    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Introductions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find an introduction")

    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Person or organisation").focus()
    page.keyboard.type("Initech")
    page.keyboard.press("Enter")
    results = page.locator("#intro-results")
    expect(results).to_contain_text("Ask Ann Archer to introduce you to Cy Chen.")
    expect(results).to_contain_text("Ann Archer knows Cy Chen: friend")
    expect(page).to_have_url(re.compile(r"/introductions/\?target=Initech"))
    assert page.evaluate("window.stillTheSamePage") is True  # htmx swapped the results

    page.get_by_role("link", name="Ann Archer").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ann Archer")
