"""In a real browser: upload LinkedIn connections, read the preview, confirm; then copy the
calendar address and replace it."""

from __future__ import annotations

import pytest

from tests.interop.conftest import FILES

pytestmark = pytest.mark.browser


def test_a_user_previews_and_confirms_an_import_then_copies_the_calendar_address(
    browser, server, owner
):
    from playwright.sync_api import expect

    from weakties.interop.models import CalendarFeed
    from weakties.network.models import Contact

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto(f"{server}/")
    page.get_by_role("link", name="Import/export").click()
    expect(page.get_by_role("heading", name="Import", level=1)).to_be_visible()
    page.get_by_label("File", exact=True).set_input_files(str(FILES / "Connections.csv"))

    # While a preview runs (held back here), the page says so and takes no 2nd click.
    page.evaluate(
        "document.querySelector('form[data-busy]')"
        ".addEventListener('submit', (event) => event.preventDefault())"
    )
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("button", name="Reading the file…")).to_be_disabled()
    page.reload()
    page.get_by_label("File", exact=True).set_input_files(str(FILES / "Connections.csv"))
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", name="Preview of Connections.csv")).to_be_visible()
    expect(page.get_by_text("Line 8: no name")).to_be_visible()
    assert Contact.objects.count() == 0
    page.get_by_role("button", name="Import Connections.csv").click()
    expect(page.get_by_text("Imported Connections.csv: 4 contacts added")).to_be_visible()
    assert Contact.objects.filter(owner=owner).count() == 4

    page.get_by_role("link", name="Export and calendar").click()
    address = page.get_by_label("Calendar address")
    first = address.input_value()
    assert first.endswith(f"/calendar/{CalendarFeed.objects.get().token}.ics")
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == first

    # Revoking breaks every subscribed calendar: it takes a second, deliberate click.
    page.get_by_text("Revoke and make a new address").click()
    page.get_by_role("button", name="Revoke the old address").click()
    expect(page.get_by_text("The old calendar URL no longer works")).to_be_visible()
    assert page.get_by_label("Calendar address").input_value() != first

    # Without JavaScript there is nothing to copy with: no dead Copy button.
    plain = browser.new_context(java_script_enabled=False).new_page()
    plain.goto(page.url)
    expect(plain.get_by_label("Calendar address")).to_be_visible()
    expect(plain.get_by_role("button", name="Copy")).to_be_hidden()


def test_a_user_downloads_a_backup_and_restores_it_into_an_empty_network(
    browser, server, owner, make_contact, tmp_path
):
    from playwright.sync_api import expect

    from weakties.interop.backup import owned_models

    make_contact("Ada Lovelace", emails=["ada@example.com"], organization="Analytical Engines")
    make_contact("Grace Hopper", tie="strong")
    page = browser.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{server}/export/")

    expect(page.get_by_text("Yours already has contacts")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Complete backup (JSON)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    # A fresh install, or a new account on a coach's server: nothing in it yet.
    for model, path in reversed(owned_models()):
        model._default_manager.filter(**{path: owner}).delete()

    page.reload()
    page.get_by_label("Backup file").set_input_files(str(saved))
    page.get_by_role("button", name="Restore the backup").click()

    expect(page.get_by_text(f"Restored {saved.name}: 2 contacts")).to_be_visible()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()
    page.get_by_role("link", name="Contacts").first.click()
    expect(page.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    expect(page.get_by_role("link", name="Grace Hopper")).to_be_visible()
