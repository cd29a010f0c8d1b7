"""``weakties import``, ``imports``, ``export``, ``restore`` and ``backup``."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.db import connection

from tests.cli.conftest import Run
from tests.conftest import TODAY
from tests.interop.conftest import FILES
from weakties.cli.app import cli
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


def test_the_report_counts_one_contact_in_the_singular(run, tmp_path):
    card = tmp_path / "ada.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n")

    result = run("import", str(card))

    assert "added:     1 contact\n" in result.stdout


def test_imports_lists_what_came_from_where(run):
    run("import", str(FILES / "Connections.csv"))
    run("import", str(FILES / "google.csv"))

    listed = run.json("imports")
    table = run("imports").stdout

    assert [row["file"] for row in listed] == ["google.csv", "Connections.csv"]
    assert listed[1]["added"] == 4 and len(listed[1]["sha256"]) == 64
    assert "Connections.csv" in table and "Google Contacts CSV" in table


def test_imports_fits_80_columns_with_whole_file_names_and_warnings(run):
    run("import", str(FILES / "Connections.csv"))  # one warning: a person listed twice
    run("import", str(FILES / "google.csv"))

    result = CliRunner().invoke(
        cli, ["imports"], env={"WEAKTIES_TODAY": TODAY.isoformat(), "COLUMNS": "80"}
    )

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), result.stdout
    assert "Warnings" in lines[0]
    connections = next(line for line in lines if "Connections.csv" in line)
    assert connections.split()[-5:] == ["4", "0", "1", "1", "1"]
    assert "google.csv" in result.stdout and "LinkedIn connections" in result.stdout


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


def test_export_creates_a_missing_folder_and_refuses_paths_it_cannot_write(run, tmp_path):
    run("import", str(FILES / "Connections.csv"))
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "a-folder").mkdir()

    run("export", "vcard", "--out", str(tmp_path / "new" / "folder" / "c.vcf"))
    into_folder = run("export", "ics", "--out", str(tmp_path / "a-folder"), code=2)
    under_file = run("export", "json", "--out", str(tmp_path / "a-file" / "b.json"), code=2)
    csv_on_file = run("export", "csv", "--out", str(tmp_path / "a-file"), code=2)

    assert (tmp_path / "new" / "folder" / "c.vcf").read_bytes().startswith(b"BEGIN:VCARD")
    assert into_folder.stderr == (
        f"Error: {tmp_path / 'a-folder'}: this is a folder; give a file name, such as "
        f"{tmp_path / 'a-folder' / 'next-steps.ics'}.\n"
    )
    assert under_file.stderr == (
        f"Error: {tmp_path / 'a-file' / 'b.json'}: {tmp_path / 'a-file'} is a file, not a folder.\n"
    )
    assert csv_on_file.stderr.startswith(f"Error: {tmp_path / 'a-file'}: this is a file")
    assert list((tmp_path / "a-folder").iterdir()) == []
    assert (tmp_path / "a-file").read_text() == "not a folder"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_export_to_a_place_nobody_can_write_exits_2(run):
    result = run("export", "json", "--out", "/proc/weakties.json", code=2)

    assert (
        result.stderr
        == "Error: /proc/weakties.json: cannot be written (No such file or directory).\n"
    )


def _backup(run, tmp_path) -> dict:
    """A JSON backup of the owner's network, which is then emptied for a restore."""
    run("import", str(FILES / "Connections.csv"))
    backup = json.loads(run("export", "json").stdout)
    for model, _ in reversed(owned_models()):
        model._default_manager.all().delete()
    return backup


def _restore(run, tmp_path, backup: dict, code: int) -> str:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(backup))
    return run("restore", str(path), code=code).stderr


def test_restore_names_a_row_that_points_at_a_missing_contact_and_writes_nothing(run, tmp_path):
    backup = _backup(run, tmp_path)
    point = backup["tables"]["network.contactpoint"][0]
    point["contact_id"] = 9999

    error = _restore(run, tmp_path, backup, code=2)

    assert error == (
        f"Error: backup.json: network.contactpoint row 1 (id {point['id']}): its contact is "
        "network.contact id 9999, which is not in the backup.\n"
    )
    assert Contact.objects.count() == 0


def test_restore_names_a_row_the_database_refuses_and_writes_nothing(run, tmp_path):
    backup = _backup(run, tmp_path)
    backup["tables"]["network.contact"][1]["name"] = None

    error = _restore(run, tmp_path, backup, code=2)

    assert error.startswith("Error: backup.json: network.contact row 2 (id ")
    assert "cannot be restored" in error and "name" in error
    assert "empty" not in error
    assert Contact.objects.count() == 0


def test_restore_names_a_value_it_cannot_read(run, tmp_path):
    backup = _backup(run, tmp_path)
    backup["tables"]["network.contact"][0]["added_on"] = "last spring"

    error = _restore(run, tmp_path, backup, code=2)

    assert error.startswith("Error: backup.json: network.contact row 1 (id ")
    assert "added_on" in error and "YYYY-MM-DD" in error
    assert Contact.objects.count() == 0


def test_restore_refuses_a_table_it_does_not_know_rather_than_drop_it(run, tmp_path):
    backup = _backup(run, tmp_path)
    backup["tables"]["network.gizmo"] = [{"id": 1, "name": "From a newer weakties"}]
    backup["weakties"] = "99.0"

    error = _restore(run, tmp_path, backup, code=2)

    assert "table network.gizmo is not one this weakties" in error
    assert "made by weakties 99.0" in error
    assert Contact.objects.count() == 0


def test_restore_says_what_a_zip_or_a_database_copy_is_and_what_takes_it(run, tmp_path):
    run("export", "csv", "--out", str(tmp_path / "tracker.zip"))
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    copy.execute("CREATE TABLE t (x)")
    copy.commit()
    copy.close()

    zipped = run("restore", str(tmp_path / "tracker.zip"), code=2).stderr
    database = run("restore", str(tmp_path / "copy.sqlite3"), code=2).stderr

    assert "export csv" in zipped and "cannot be restored" in zipped
    assert "weakties export json" in zipped and "codec" not in zipped
    assert "copy of the SQLite database" in database
    assert "in place of weakties.sqlite3" in database and "codec" not in database


def test_restore_brings_a_backup_back_into_an_empty_network(run, tmp_path):
    run("import", str(FILES / "Connections.csv"))
    run("export", "json", "--out", str(tmp_path / "b.json"))
    refused = run("restore", str(tmp_path / "b.json"), code=1)
    assert "restore needs an empty network, and yours already has data (contacts)" in (
        refused.stderr
    )
    assert ("WEAKTIES_HOME=" if connection.vendor == "sqlite" else "DATABASE_URL=") in (
        refused.stderr
    )
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
    # Into a folder, twice in one second: the name is ours to choose, and never taken.
    paths = {run.json("backup", str(tmp_path))["path"] for _ in range(3)}
    assert len(paths) == 3 and all(Path(path).stat().st_size > 0 for path in paths)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="backup copies SQLite")
@pytest.mark.django_db(transaction=True)
def test_backup_creates_a_missing_folder_and_refuses_paths_it_cannot_write(run, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")

    run("backup", str(tmp_path / "new" / "copy.sqlite3"))
    under_file = run("backup", str(tmp_path / "a-file" / "copy.sqlite3"), code=2)

    assert (tmp_path / "new" / "copy.sqlite3").stat().st_size > 0
    assert under_file.stderr == (
        f"Error: {tmp_path / 'a-file' / 'copy.sqlite3'}: {tmp_path / 'a-file'} is a file, "
        "not a folder.\n"
    )
    if Path("/proc/self").is_dir():
        nowhere = run("backup", "/proc/copy.sqlite3", code=2)
        assert nowhere.stderr.startswith("Error: /proc/copy.sqlite3: cannot be written")
    assert sorted(path.name for path in (tmp_path / "new").iterdir()) == ["copy.sqlite3"]
