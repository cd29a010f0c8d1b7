"""``weakties import``, ``imports``, ``export``, ``restore`` and ``backup``."""

from __future__ import annotations

import json
import zipfile

import pytest
from django.db import connection

from tests.cli.conftest import Run
from tests.interop.conftest import FILES
from weakties.interop.backup import owned_models
from weakties.network.models import Contact


@pytest.fixture
def run(owner) -> Run:
    return Run()


def test_import_detects_the_kind_and_prints_a_report(run):
    result = run("import", str(FILES / "Connections.csv"))

    assert "Imported Connections.csv (LinkedIn connections)" in result.stdout
    assert "added:     4 contacts" in result.stdout
    assert "line 8: no name" in result.stdout
    assert Contact.objects.count() == 4


def test_the_json_report_has_exactly_the_documented_shape(run):
    report = run.json("import", "linkedin", str(FILES / "Connections.csv"))

    assert set(report) == {"added", "updated", "unchanged", "skipped", "warnings"}
    assert report["added"] == 4
    assert report["skipped"] == [{"line": 8, "reason": "no name"}]
    again = run.json("import", str(FILES / "Connections.csv"))
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 5)  # 5 rows


def test_a_dry_run_writes_nothing(run):
    result = run("import", "vcard", str(FILES / "contacts.vcf"), "--dry-run")

    assert "Would import contacts.vcf" in result.stdout
    assert "nothing was written" in result.stdout
    assert Contact.objects.count() == 0


def test_unreadable_input_exits_2_naming_the_file_and_line(run, tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_text('First Name,Last Name,URL\nAda,"Lovelace\n')

    result = run("import", str(broken), code=2)

    assert "Error: broken.csv, line 2" in result.stderr
    german = tmp_path / "Kontakte.csv"
    german.write_text("Vorname,Nachname\nAda,Lovelace\n")
    refused = run("import", "linkedin", str(german), code=2)
    assert "Kontakte.csv, line 1: no header row with First Name, Last Name" in refused.stderr
    assert "no such file" in run("import", str(tmp_path / "nope.csv"), code=2).stderr
    assert "not one of" in run("import", "myspace", str(broken), code=2).stderr
    assert Contact.objects.count() == 0


def test_imports_lists_what_came_from_where(run):
    run("import", str(FILES / "Connections.csv"))
    run("import", str(FILES / "google.csv"))

    listed = run.json("imports")
    table = run("imports").stdout

    assert [row["file"] for row in listed] == ["google.csv", "Connections.csv"]
    assert listed[1]["added"] == 4 and len(listed[1]["sha256"]) == 64
    assert "Connections.csv" in table and "Google Contacts CSV" in table


def test_export_writes_every_format(run, tmp_path):
    run("import", str(FILES / "Connections.csv"))

    vcard = run("export", "vcard").stdout
    run("export", "vcard", "--out", str(tmp_path / "c.vcf"))
    summary = run.json("export", "csv", "--out", str(tmp_path / "t.zip"))
    backup = json.loads(run("export", "json").stdout)
    ics = run("export", "ics").stdout

    assert vcard.count("BEGIN:VCARD") == 4
    assert (tmp_path / "c.vcf").read_bytes().count(b"\r\n") > 10
    assert summary["tables"]["contacts.csv"] == 4
    assert "contacts.csv" in zipfile.ZipFile(tmp_path / "t.zip").namelist()
    assert backup["format"] == "weakties-backup" and backup["version"] == 1
    assert ics.startswith("BEGIN:VCALENDAR")


def test_restore_brings_a_backup_back_into_an_empty_network(run, tmp_path):
    run("import", str(FILES / "Connections.csv"))
    run("export", "json", "--out", str(tmp_path / "b.json"))
    refused = run("restore", str(tmp_path / "b.json"), code=1)
    assert "restore needs an empty network" in refused.stderr
    for model, _ in reversed(owned_models()):
        model._default_manager.all().delete()

    result = run.json("restore", str(tmp_path / "b.json"))

    assert result["restored"]["network.contact"] == 4
    assert Contact.objects.count() == 4
    assert run("restore", str(FILES / "google.csv"), code=2).stderr.startswith("Error: google.csv")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="backup copies SQLite")
@pytest.mark.django_db(transaction=True)
def test_backup_copies_the_database(run, tmp_path):
    result = run.json("backup", str(tmp_path / "copy.sqlite3"))

    assert result["path"].endswith("copy.sqlite3") and result["bytes"] > 0
    assert "already exists" in run("backup", str(tmp_path / "copy.sqlite3"), code=1).stderr
