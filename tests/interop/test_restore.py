"""``weakties restore``: what it refuses, and how it says so, before anything is written."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.cli.conftest import Run
from tests.interop.conftest import FILES
from weakties.interop import backup
from weakties.interop.models import CalendarFeed
from weakties.interop.services import calendar_feed_get_or_create
from weakties.leads.services import lead_add
from weakties.network.models import Contact


@pytest.fixture
def saved(owner, make_contact) -> dict:
    """A backup of a small network (a contact, their employer, a lead there), which is then
    emptied for a restore."""
    ada = make_contact("Ada Lovelace", organization="Analytical Engines", emails=["a@example.org"])
    lead_add(owner=owner, organization="Analytical Engines", role="Data lead", source=ada)
    data = json.loads(backup.json_text(user=owner))
    _empty()
    return data


def _empty() -> None:
    for model, _ in reversed(backup.owned_models()):
        model._default_manager.all().delete()


def _rows() -> int:
    """How many rows of weakties data the database holds, whoever they belong to."""
    return sum(model._default_manager.count() for model, _ in backup.owned_models())


def _restore(owner, data: dict, file_name: str = "b.json") -> dict[str, int]:
    return backup.backup_restore(owner=owner, data=json.dumps(data).encode(), file_name=file_name)


def _refusal(owner, data: dict) -> str:
    with pytest.raises(backup.ImportFileError) as refused:
        _restore(owner, data)
    assert refused.value.exit_code == 2
    return str(refused.value)


@pytest.mark.parametrize(
    ("table", "field", "value", "why"),
    [
        (
            "network.contact",
            "tie",
            "medium",
            "tie: Value 'medium' is not a valid choice. It must be one of: strong, weak, none.",
        ),
        ("leads.lead", "stage", "hired", "stage: Value 'hired' is not a valid choice."),
        (
            "network.contact",
            "name",
            "A" * 300,
            "name: Ensure this value has at most 200 characters (it has 300).",
        ),
        ("network.contact", "name", "", "name: This field cannot be blank."),
        (
            "network.organization",
            "motivation",
            9,
            "motivation: Ensure this value is less than or equal to 5.",
        ),
        ("network.contact", "name", ["Ada"], "name: a list where a single value belongs."),
        ("network.contact", "notes", {"text": "x"}, "notes: an object where a single value"),
        # A negative id has no page; one near the top leaves the shared counter nothing to give.
        ("network.contact", "id", -7, "id: an id is a whole number from 1 to 2147483647."),
        ("network.contact", "id", 2**63 - 1, "id: an id is a whole number from 1 to 2147483647"),
        ("network.contact", "owner_id", 1, 'owner_id: a backup names its owner as "owner", not 1.'),
        # Values Django would quietly make fit: an id of 2.7 or true names another row.
        ("network.contact", "id", True, "id: a whole number is needed, not true."),
        ("network.contactpoint", "contact_id", 2.7, "contact_id: a whole number is needed"),
        (
            "network.contact",
            "created_at",
            5,
            "created_at: a time such as 2026-01-31T09:30:00+00:00 is needed, written in quotes",
        ),
        ("leads.lead", "heard_on", 20260131, "heard_on: a date such as 2026-01-31 is needed"),
        ("network.contact", "name", False, "name: text is needed, not false."),
        # In UTC these fall in the years 0 and 10000, which nothing could read back.
        (
            "network.contact",
            "created_at",
            "0001-01-01T00:00:00+14:00",
            "created_at: the time is outside the years 1 to 9999 in UTC.",
        ),
        (
            "network.contact",
            "updated_at",
            "9999-12-31T23:00:00-05:00",
            "updated_at: the time is outside the years 1 to 9999 in UTC.",
        ),
    ],
)
def test_a_value_a_form_would_refuse_is_refused_naming_the_row_and_field(
    owner, saved, table, field, value, why
):
    row = saved["tables"][table][0]
    row[field] = value

    error = _refusal(owner, saved)

    assert error.startswith(f"b.json: {table} row 1 (id {row['id']}) cannot be restored: {why}")
    assert _rows() == 0


def test_the_cli_refuses_a_value_the_app_could_not_show_and_the_list_still_works(
    owner, saved, tmp_path
):
    saved["tables"]["network.contact"][0]["tie"] = "medium"
    (tmp_path / "b.json").write_text(json.dumps(saved))
    run = Run()

    error = run("restore", str(tmp_path / "b.json"), code=2).stderr

    assert error.startswith("Error: b.json: network.contact row 1 (id ")
    assert "tie: Value 'medium' is not a valid choice." in error
    assert "Ada Lovelace" not in run("list").stdout
    assert Contact.objects.count() == 0


@pytest.mark.parametrize(("table", "field"), [("network.contact", "name"), ("leads.lead", "role")])
def test_a_row_without_a_field_it_needs_is_refused_rather_than_left_empty(
    owner, saved, table, field
):
    row = saved["tables"][table][0]
    del row[field]

    error = _refusal(owner, saved)

    assert error.startswith(
        f"b.json: {table} row 1 (id {row['id']}) cannot be restored: {field} is missing"
    )
    assert _rows() == 0


def test_a_column_this_weakties_does_not_have_is_refused_rather_than_dropped(owner, saved):
    row = saved["tables"]["network.contact"][0]
    row["favourite_colour"] = "blue"
    saved["weakties"] = "99.0"

    error = _refusal(owner, saved)

    assert error.startswith(
        f"b.json: network.contact row 1 (id {row['id']}): column favourite_colour is not one "
        "this weakties"
    )
    assert "may come from a newer weakties (it was made by weakties 99.0)" in error
    assert _rows() == 0


def test_a_backup_made_before_a_column_existed_restores_with_the_columns_default(owner, saved):
    # As a backup made by a weakties that did not have these columns yet: one with a default,
    # a nullable one, text that may be empty, and one the database stamps.
    for row in saved["tables"]["network.contact"]:
        for column in ("closeness", "archived_at", "how_met", "updated_at"):
            del row[column]
    for row in saved["tables"]["network.organization"]:
        del row["kind"]

    counts = _restore(owner, saved)

    ada = Contact.objects.get(owner=owner)
    assert counts["network.contact"] == 1 and ada.name == "Ada Lovelace"
    assert (ada.closeness, ada.archived_at, ada.how_met) == (2, None, "")
    assert ada.updated_at is not None
    assert ada.organization is not None and ada.organization.kind == "employer"


@pytest.mark.parametrize("version", ["1", None, 1.5, 0, -1, True])
def test_a_version_that_is_not_a_whole_number_from_1_says_what_it_must_be(owner, saved, version):
    if version is None:
        del saved["version"]
    else:
        saved["version"] = version

    error = _refusal(owner, saved)

    assert '"version" must be a whole number from 1 to 1' in error
    assert "newer" not in error
    assert _rows() == 0


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("contacts.vcf", "a vCard file"),
        ("Connections.csv", "a LinkedIn connections file"),
        ("google.csv", "a Google Contacts CSV file"),
    ],
)
def test_a_contacts_file_given_to_restore_says_what_it_is_and_to_import_it(owner, name, kind):
    with pytest.raises(backup.ImportFileError) as refused:
        backup.backup_restore(owner=owner, data=(FILES / name).read_bytes(), file_name=name)

    assert str(refused.value) == (
        f"{name}: this is {kind}, not a weakties JSON backup; to bring it into your "
        f"network, import it: weakties import {name}"
    )
    assert _rows() == 0


def test_after_opening_the_export_page_the_backups_calendar_address_comes_back(
    owner, make_contact, client
):
    make_contact("Ada Lovelace")
    token = calendar_feed_get_or_create(owner=owner).token
    data = json.loads(backup.json_text(user=owner))
    _empty()
    client.force_login(owner)
    client.get(reverse("web:export"))  # makes a new calendar address
    made = CalendarFeed.objects.get(owner=owner).token
    assert made != token

    # A broken backup changes nothing, the new address included.
    broken = json.loads(json.dumps(data))
    broken["tables"]["network.contact"][0]["tie"] = "medium"
    with pytest.raises(backup.ImportFileError):
        _restore(owner, broken)
    assert CalendarFeed.objects.get(owner=owner).token == made

    counts = _restore(owner, data)

    assert counts["network.contact"] == 1
    assert CalendarFeed.objects.get(owner=owner).token == token  # calendars keep working


def test_a_backup_without_a_calendar_address_keeps_the_one_the_export_page_made(
    owner, saved, client
):
    assert saved["tables"]["interop.calendarfeed"] == []
    client.force_login(owner)
    client.get(reverse("web:export"))
    made = CalendarFeed.objects.get(owner=owner).token

    counts = _restore(owner, saved)

    assert counts["network.contact"] == 1
    assert CalendarFeed.objects.get(owner=owner).token == made


def test_a_file_nested_thousands_deep_is_not_a_backup_and_says_so(owner):
    data = b"[" * 200_000 + b"]" * 200_000

    with pytest.raises(backup.ImportFileError) as refused:
        backup.backup_restore(owner=owner, data=data, file_name="deep.json")

    assert str(refused.value).startswith("deep.json: not a weakties JSON backup")
    assert _rows() == 0


def test_plan_settings_made_before_restoring_do_not_keep_the_backup_out(owner, saved, client):
    """A new user who set their goals first is still a new user: the backup's plan, which
    they built over months, replaces the one they just made; without one, theirs stays."""
    from weakties.plan.models import PlanSettings
    from weakties.plan.services import plan_settings_update

    first = json.loads(json.dumps(saved))
    first["tables"]["plan.plansettings"] = []
    plan_settings_update(owner=owner, daily_count=7, goal="A data role")
    client.force_login(owner)
    assert 'name="file"' in client.get(reverse("web:export")).content.decode()

    _restore(owner, first)
    assert PlanSettings.objects.get(owner=owner).daily_count == 7  # nothing to replace it

    _empty()
    plan_settings_update(owner=owner, daily_count=7)
    saved["tables"]["plan.plansettings"] = [
        {"id": 1, "owner_id": "owner", "daily_count": 3, "goal": "A staff engineer role"}
    ]
    _restore(owner, saved)

    plan = PlanSettings.objects.get(owner=owner)
    assert (plan.daily_count, plan.goal) == (3, "A staff engineer role")


def test_a_tag_of_ones_own_keeps_a_backup_out_and_the_page_says_what_is_there(owner, saved, client):
    from weakties.network.services import tag_get_or_create

    tag_get_or_create(owner=owner, name="mentors")
    client.force_login(owner)

    page = client.get(reverse("web:export")).content.decode()
    with pytest.raises(backup.NetworkNotEmpty, match=r"already has data \(tags\)"):
        _restore(owner, saved)

    assert "Yours already has tags" in page and 'name="file"' not in page
    assert Contact.objects.count() == 0
