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
