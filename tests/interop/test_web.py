"""The Import and Export pages."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.interop.conftest import FILES
from weakties.interop.models import CalendarFeed, ImportRecord
from weakties.network.models import Contact


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("WEAKTIES_TODAY", "2026-03-16")


@pytest.fixture
def client(client, owner):
    client.force_login(owner)
    return client


def _upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (FILES / name).read_bytes())


def _preview(client, name: str, data: bytes | None = None, kind: str = ""):
    return client.post(reverse("web:import"), {"file": _upload(name, data), "kind": kind})


def test_the_import_page_offers_an_upload_form(client):
    page = client.get(reverse("web:import")).content.decode()

    assert 'enctype="multipart/form-data"' in page
    assert "csrfmiddlewaretoken" in page
    assert "No imports yet" in page


def test_a_preview_shows_the_report_and_writes_nothing_until_confirmed(client, owner):
    response = _preview(client, "Connections.csv")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview of Connections.csv" in page
    assert "Line 8: no name" in page
    assert Contact.objects.count() == 0
    token = response.context["token"]

    done = client.post(reverse("web:import_confirm"), {"token": token}, follow=True)

    assert "Imported Connections.csv: 4 contacts added" in done.content.decode()
    assert Contact.objects.filter(owner=owner).count() == 4
    assert ImportRecord.objects.get().file_name == "Connections.csv"
    # The browser's Back button brings the preview back: confirming it again says it is done.
    again = client.post(reverse("web:import_confirm"), {"token": token}, follow=True)
    assert "Connections.csv was already imported, at " in again.content.decode()
    assert Contact.objects.count() == 4


def test_a_bad_file_shows_the_clear_message_not_an_error_page(client):
    response = _preview(client, "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00binary")

    assert response.status_code == 400
    assert "photo.png: this is a binary file, not text" in response.content.decode()
    wrong = _preview(client, "Connections.csv", kind="google")
    assert "this is not a Google Contacts file" in wrong.content.decode()


def test_cancelling_a_preview_deletes_the_upload_and_imports_nothing(client, stranger, settings):
    from pathlib import Path

    token = _preview(client, "Connections.csv").context["token"]
    uploads = Path(settings.WEAKTIES_HOME) / "uploads"
    assert len(list(uploads.glob("*.upload"))) == 1
    other = Client()
    other.force_login(stranger)
    assert other.post(reverse("web:import_cancel"), {"token": token}).status_code == 404
    assert len(list(uploads.glob("*.upload"))) == 1

    page = client.post(reverse("web:import_cancel"), {"token": token}, follow=True)

    assert "Cancelled: nothing was imported from Connections.csv." in page.content.decode()
    assert list(uploads.glob("*.upload")) == []
    confirm = client.post(reverse("web:import_confirm"), {"token": token}, follow=True)
    assert "upload the file again" in confirm.content.decode()
    assert Contact.objects.count() == 0


def test_after_a_refusal_the_kind_chosen_is_still_chosen(client):
    page = _preview(client, "Connections.csv", kind="google").content.decode()

    assert '<option value="google" selected>' in page
    assert "<title>Error · Import" in page


def test_one_contact_is_one_contact_and_long_lists_say_how_many_are_not_shown(client):
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    data = (header + "Ada,Lovelace,,,,,\n" + ",,,,,,\n" * 250).encode()
    preview = _preview(client, "Connections.csv", data)

    assert "… and 50 more" in preview.content.decode()
    done = client.post(
        reverse("web:import_confirm"), {"token": preview.context["token"]}, follow=True
    )
    assert "Imported Connections.csv: 1 contact added, 0 updated" in done.content.decode()


def test_locally_the_calendar_page_says_which_calendars_can_subscribe(client, settings):
    assert settings.WEAKTIES_MODE == "local"
    page = client.get(reverse("web:export")).content.decode()

    assert "cannot reach weakties on your computer" in page
    settings.WEAKTIES_MODE = "server"
    assert "cannot reach" not in client.get(reverse("web:export")).content.decode()


def test_nobody_else_can_confirm_an_upload(client, stranger):
    token = _preview(client, "Connections.csv").context["token"]
    other = Client()
    other.force_login(stranger)

    assert other.post(reverse("web:import_confirm"), {"token": token}).status_code == 404
    forged = other.post(reverse("web:import_confirm"), {"token": "x:y:z"}, follow=True)
    assert "expired" in forged.content.decode()
    assert Contact.objects.count() == 0


def test_the_export_page_downloads_every_format(client, make_contact):
    make_contact("Ada Lovelace", emails=["ada@example.com"])
    url = reverse("web:export_download")

    vcard = client.post(url, {"kind": "vcard"})
    tracker = client.post(url, {"kind": "csv"})
    backup = client.post(url, {"kind": "json"})
    ics = client.post(url, {"kind": "ics"})

    assert vcard["Content-Type"] == "text/vcard; charset=utf-8"
    assert "FN:Ada Lovelace" in vcard.content.decode()
    assert 'filename="2026-03-16-weakties-contacts.vcf"' in vcard["Content-Disposition"]
    assert "contacts.csv" in zipfile.ZipFile(BytesIO(tracker.content)).namelist()
    assert json.loads(backup.content)["format"] == "weakties-backup"
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert client.get(url).status_code == 405
    assert client.post(url, {"kind": "exe"}).status_code == 400


def test_the_calendar_address_can_be_copied_and_replaced(client, owner):
    page = client.get(reverse("web:export")).content.decode()
    token = CalendarFeed.objects.get(owner=owner).token

    assert f"/calendar/{token}.ics" in page
    assert "data-copy" in page and "Revoke and make a new address" in page

    client.post(reverse("web:calendar_revoke"), follow=True)

    assert CalendarFeed.objects.get(owner=owner).token != token
    assert client.get(reverse("web:calendar_feed", args=[token])).status_code == 404
    assert client.get(reverse("web:calendar_revoke")).status_code == 405


def test_the_pages_take_a_handful_of_queries_however_many_imports(
    client, owner, django_assert_max_num_queries
):
    for number in range(30):
        ImportRecord.objects.create(
            owner=owner, kind="vcard", file_name=f"{number}.vcf", sha256="0"
        )

    with django_assert_max_num_queries(8):
        assert client.get(reverse("web:import")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("web:export")).status_code == 200


def _pages_without_ids() -> list[str]:
    from weakties.web import urls as web_urls

    def patterns(items):
        for item in items:
            yield from patterns(item.url_patterns) if hasattr(item, "url_patterns") else [item]

    return [
        reverse(f"web:{pattern.name}")
        for pattern in patterns(web_urls.urlpatterns)
        if not pattern.pattern.regex.groupindex
    ]


def test_a_backup_downloaded_on_one_account_comes_back_whole_into_a_new_one(
    client, owner, stranger, make_contact
):
    """Moving to a coach's server: the new account has looked around every page first."""
    make_contact("Ada Lovelace", emails=["ada@example.com"], organization="Analytical Engines")
    _preview(client, "Connections.csv")
    client.post(
        reverse("web:import_confirm"),
        {"token": _preview(client, "Connections.csv").context["token"]},
    )
    saved = client.post(reverse("web:export_download"), {"kind": "json"}).content
    theirs = Client()
    theirs.force_login(stranger)
    for url in _pages_without_ids():
        theirs.get(url)
    form = theirs.get(reverse("web:export")).content.decode()
    assert 'action="/export/restore/"' in form

    done = theirs.post(
        reverse("web:restore"), {"file": _upload("weakties-backup.json", saved)}, follow=True
    )

    page = done.content.decode()
    assert done.redirect_chain[-1][0] == reverse("web:home")
    assert "Restored weakties-backup.json: 4 contacts, and everything else it held." in page
    names = sorted(Contact.objects.filter(owner=owner).values_list("name", flat=True))
    assert sorted(Contact.objects.filter(owner=stranger).values_list("name", flat=True)) == names
    assert "Ada Lovelace" in theirs.get(reverse("web:contacts")).content.decode()
    assert Contact.objects.filter(owner=owner).count() == 4  # the original stays as it was


def test_a_network_with_people_is_told_why_it_cannot_restore_and_nothing_changes(
    client, owner, make_contact
):
    make_contact("Ada Lovelace")
    saved = client.post(reverse("web:export_download"), {"kind": "json"}).content

    page = client.get(reverse("web:export")).content.decode()
    refused = client.post(reverse("web:restore"), {"file": _upload("b.json", saved)})

    assert "Yours already has contacts" in page and 'name="file"' not in page
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "restored into an empty network, and yours already has contacts" in text
    assert "weakties restore" not in text and "WEAKTIES_HOME" not in text
    assert list(Contact.objects.filter(owner=owner).values_list("name", flat=True)) == [
        "Ada Lovelace"
    ]


def test_a_backup_of_an_empty_network_says_nothing_came_back(client, owner, stranger):
    empty = client.post(reverse("web:export_download"), {"kind": "json"}).content
    theirs = Client()
    theirs.force_login(stranger)

    done = theirs.post(reverse("web:restore"), {"file": _upload("b.json", empty)}, follow=True)

    page = done.content.decode()
    assert "Restored b.json: it was a backup of an empty network, so nothing came back." in page
    assert "everything else it held" not in page


def test_files_that_are_not_backups_are_refused_in_the_webs_words(client, owner):
    contacts = client.post(
        reverse("web:restore"), {"file": _upload("Connections.csv")}
    ).content.decode()
    tracker = client.post(
        reverse("web:restore"), {"file": _upload("t.zip", b"PK\x03\x04rest")}
    ).content.decode()
    empty = client.post(reverse("web:restore"))

    assert (
        "not a weakties JSON backup; to bring it into your network, import it on the Import page"
        in contacts
    )
    assert "Tracker (CSV tables) download" in tracker
    assert "weakties import" not in contacts + tracker
    assert empty.status_code == 400 and "Choose a backup file" in empty.content.decode()
    assert Contact.objects.count() == 0


def test_a_backup_given_to_the_import_page_points_to_the_restore(client, owner, make_contact):
    make_contact("Ada Lovelace")
    saved = client.post(reverse("web:export_download"), {"kind": "json"}).content

    page = _preview(client, "weakties-backup.json", saved).content.decode()

    assert "this is a weakties backup, not a contacts file" in page
    assert "restore it on the Export page" in page and "weakties restore" not in page
