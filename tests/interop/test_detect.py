"""Telling what kind of file arrived, and saying what to do when it is the wrong one."""

from __future__ import annotations

import pytest

from tests.interop.conftest import FILES
from weakties.interop.backup import json_text
from weakties.interop.records import ImportFileError
from weakties.interop.services import import_file
from weakties.network.models import Contact


def _refusal(owner, data: bytes, name: str, kind: str | None = None) -> str:
    with pytest.raises(ImportFileError) as refused:
        import_file(owner=owner, data=data, file_name=name, kind=kind)
    assert refused.value.exit_code == 2
    return refused.value.message


def test_a_file_of_another_kind_names_both_kinds_and_the_one_to_use(owner):
    data = (FILES / "google.csv").read_bytes()

    message = _refusal(owner, data, "google.csv", kind="outlook")

    assert message == (
        "google.csv, line 1: this is not an Outlook file, it looks like Google Contacts CSV; "
        "import it as google, or leave the kind for weakties to tell."
    )
    assert Contact.objects.count() == 0


@pytest.mark.parametrize("kind", [None, "linkedin"])
def test_our_own_backup_points_to_restore(owner, make_contact, stranger, kind):
    make_contact("Ada Lovelace", emails=["ada@example.com"])
    data = json_text(user=owner).encode()

    message = _refusal(stranger, data, "backup.json", kind=kind)

    assert message.startswith("backup.json: this is a weakties backup, not a contacts file")
    assert message.endswith("weakties restore backup.json")
    assert not Contact.objects.filter(owner=stranger).exists()


@pytest.mark.parametrize("kind", [None, "google"])
def test_our_own_csv_tracker_is_not_mistaken_for_contacts(owner, make_contact, stranger, kind):
    from weakties.interop.exports import csv_tables

    make_contact("Ada Lovelace", emails=["ada@example.com"])
    rows = csv_tables(user=owner)["contacts.csv"]
    data = "\n".join(",".join(row) for row in rows).encode()

    message = _refusal(stranger, data, "contacts.csv", kind=kind)

    assert message.startswith("contacts.csv, line 1: this is weakties' own CSV tracker")
    assert "weakties export json" in message
