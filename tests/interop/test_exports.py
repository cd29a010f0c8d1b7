"""Taking data out and back in: vCard round trips, CSV tables, the JSON backup, SQLite copies."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import zipfile
from datetime import timedelta

import pytest
import vobject
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection

from tests.conftest import TODAY
from tests.interop.conftest import FILES
from weakties.interop import backup, exports
from weakties.interop.services import import_file
from weakties.network import services
from weakties.network.models import Contact


@pytest.fixture
def network(owner, make_contact):
    """People with everything a vCard carries, and a few conversations for the backup."""
    ada = make_contact(
        "Ada Lovelace",
        organization="Analytical Engines; Ltd",
        title="Engineering Manager, Data",
        notes="Prefers email.\nLikes the Difference Engine, and tea; \\ backslashes.",
        tags=["data", "mentor"],
        emails=["ada@example.com", "ada.l@example.org"],
        phones=["+44 20 7946 0018"],
        urls=["https://www.linkedin.com/in/ada-lovelace", "https://ada.example.org"],
        location="London, UK",
        roles=["mentor"],
    )
    grace = make_contact("Grace Hopper", organization="Navy Labs", tie="strong", closeness=4)
    make_contact(
        "Zoë Ünicode 😀 with a very long name that needs folding in a vCard line okay",
        urls=["https://www.linkedin.com/in/zoë-ünicode-42"],
    )
    services.interaction_log(
        owner=owner,
        participants=[ada, grace],
        summary="Video call",
        channel="video",
        occurred_on=TODAY - timedelta(days=3),
        next_step="Send my CV",
        next_step_due=TODAY + timedelta(days=2),
    )
    services.memory_add(contact=ada, text="Both love tea.")
    services.help_idea_add(contact=ada, text="Share an article.")
    services.contact_link(a=ada, b=grace, kind="colleague", strength=4)
    return {"ada": ada, "grace": grace}


def test_the_vcard_export_reads_back_through_vobject_with_every_field(owner, network):
    text = exports.vcard_export(user=owner)

    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cards = {card.fn.value: card for card in vobject.readComponents(text)}
    ada = cards["Ada Lovelace"]
    assert [e.value for e in ada.email_list] == ["ada@example.com", "ada.l@example.org"]
    assert [t.value for t in ada.tel_list] == ["+44 20 7946 0018"]
    assert ada.org.value == ["Analytical Engines; Ltd"]
    assert ada.note.value == "Prefers email.\nLikes the Difference Engine, and tea; \\ backslashes."
    assert ada.title.value == "Engineering Manager, Data"
    assert ada.n.value.family == "Lovelace" and ada.n.value.given == "Ada"
    assert any(name.startswith("Zoë Ünicode 😀") for name in cards)


def test_a_linkedin_address_with_accents_is_written_as_a_valid_uri_and_stored_as_it_was(
    owner, network
):
    text = exports.vcard_export(user=owner)

    urls = [
        url.value for card in vobject.readComponents(text) for url in card.contents.get("url", [])
    ]
    assert "https://www.linkedin.com/in/zo%C3%AB-%C3%BCnicode-42" in urls
    assert all(url.isascii() for url in urls)
    stored = Contact.objects.get(owner=owner, name__startswith="Zoë").points.get()
    assert stored.value == "https://www.linkedin.com/in/zoë-ünicode-42"


def test_export_import_into_an_empty_network_and_export_again_gives_the_same_file(
    owner, network, stranger
):
    first = exports.vcard_export(user=owner)

    report = import_file(owner=stranger, data=first.encode(), file_name="contacts.vcf")

    assert report.added == 3
    assert exports.vcard_export(user=stranger) == first
    zoe = Contact.objects.get(owner=stranger, name__startswith="Zoë").points.get()
    assert zoe.normalized == "linkedin.com/in/zoë-ünicode-42"
    assert import_file(owner=stranger, data=first.encode(), file_name="again.vcf").added == 0
    assert zoe.value == "https://www.linkedin.com/in/zoë-ünicode-42"  # readable, as it was
    ada = Contact.objects.get(owner=stranger, name="Ada Lovelace")
    assert ada.organization.name == "Analytical Engines; Ltd"
    assert ada.location == "London, UK"


def test_namesakes_with_nothing_else_to_tell_them_apart_survive_a_round_trip(
    owner, make_contact, stranger
):
    make_contact("Sam Lee", notes="the designer")
    make_contact("Sam Lee", notes="the nurse", tags=["nurse"])
    make_contact("Kim Park", organization="Acme", urls=["https://kim.example"])
    make_contact("Kim Park", organization="Acme", urls=["https://kim2.example"])
    Contact.objects.filter(owner=owner, name="Kim Park").update(added_on=TODAY - timedelta(9))
    first = exports.vcard_export(user=owner)

    again = import_file(owner=owner, data=first.encode(), file_name="mine.vcf")
    into_empty = import_file(owner=stranger, data=first.encode(), file_name="theirs.vcf")

    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert sorted(Contact.objects.filter(owner=owner).values_list("notes", flat=True)) == [
        "", "", "the designer", "the nurse",
    ]  # fmt: skip
    assert (into_empty.added, into_empty.warnings) == (4, [])
    assert exports.vcard_export(user=stranger) == first
    assert set(
        Contact.objects.filter(owner=stranger, name="Kim Park").values_list("added_on", flat=True)
    ) == {TODAY - timedelta(9)}
    assert import_file(owner=stranger, data=first.encode(), file_name="x.vcf").unchanged == 4


def test_an_address_books_card_is_found_again_by_its_uid(owner, make_contact):
    def card(uid: str, name: str, extra: str = "") -> str:
        return f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\n{extra}END:VCARD\r\n"

    linked_in = make_contact("Chris Smith", organization="Acme")
    book = card("A1", "Chris Smith", "ORG:Acme\r\n") + card("B2", "Chris Smith", "ORG:Acme\r\n")

    first = import_file(owner=owner, data=book.encode(), file_name="book.vcf")
    Contact.objects.filter(pk=linked_in.pk).update(name="Christopher Smith")
    renamed = card("A1", "Chris Smith", "EMAIL:chris@acme.example\r\n")
    second = import_file(owner=owner, data=renamed.encode(), file_name="book2.vcf")

    # The first card finds the LinkedIn connection (and lends it its UID); the second card of
    # the same book is another person. Renamed since, the connection is still found by UID.
    assert (first.added, first.updated) == (1, 1)
    assert (second.added, second.updated) == (0, 1)
    linked_in.refresh_from_db()
    assert (linked_in.uid, linked_in.points.get().value) == ("A1", "chris@acme.example")
    text = exports.vcard_export(user=owner)
    assert "UID;VALUE=text:A1\r\n" in text and "UID;VALUE=text:B2\r\n" in text


def test_the_csv_tracker_has_one_readable_file_per_table(owner, network, tmp_path):
    counts = exports.csv_write(user=owner, target=tmp_path / "tracker.zip")

    with zipfile.ZipFile(tmp_path / "tracker.zip") as archive:
        names = set(archive.namelist())
        contacts = list(
            csv.DictReader(io.StringIO(archive.read("contacts.csv").decode("utf-8-sig")))
        )
        steps = list(
            csv.DictReader(io.StringIO(archive.read("next-steps.csv").decode("utf-8-sig")))
        )
    assert {
        "contacts.csv",
        "interactions.csv",
        "interaction-participants.csv",
        "next-steps.csv",
        "memories.csv",
        "tags.csv",
        "plan-settings.csv",
        "event-people-met.csv",
        "imports.csv",
    } <= names
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*\.csv", name) for name in names), names
    assert counts["contacts.csv"] == 3
    ada = next(row for row in contacts if row["Name"] == "Ada Lovelace")
    assert ada["Emails"] == "ada@example.com; ada.l@example.org"
    assert ada["Tags"] == "data; mentor"
    assert ada["Roles"] == "Mentor"
    assert ada["Tie"] == "Weak tie"
    assert steps[0]["Text"] == "Send my CV"
    assert steps[0]["Contact"] == f"Ada Lovelace (#{network['ada'].pk})"

    exports.csv_write(user=owner, target=tmp_path / "folder")
    assert (tmp_path / "folder" / "contacts.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def _read_csv(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_written_as_text(
    owner, make_contact, tmp_path
):
    sly = make_contact(
        '=HYPERLINK("http://evil.example","Click")',
        title="@SUM(A1:A9)",
        notes="-2+3+cmd|' /C calc'!A0",
        phones=["+44 20 7946 0018"],
    )
    services.memory_add(contact=sly, text="+1 (555) 010-9999")
    services.memory_add(contact=sly, text="=1+1")

    exports.csv_write(user=owner, target=tmp_path / "tracker.zip")

    with zipfile.ZipFile(tmp_path / "tracker.zip") as archive:
        [person] = _read_csv(archive, "contacts.csv")
        memories = [row["Text"] for row in _read_csv(archive, "memories.csv")]
    assert person["Name"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert person["Title"] == "'@SUM(A1:A9)"
    assert person["Notes"] == "'-2+3+cmd|' /C calc'!A0"
    assert person["Phones"] == "+44 20 7946 0018"  # a phone runs nothing: left as it is
    assert memories == ["+1 (555) 010-9999", "'=1+1"]


def test_the_csv_tables_leave_the_calendar_feed_secret_out_and_the_backup_keeps_it(
    owner, network, tmp_path
):
    from weakties.interop.services import calendar_feed_get_or_create

    token = calendar_feed_get_or_create(owner=owner).token
    exports.ics_export(user=owner, today=TODAY)  # the feed's bookkeeping has rows now

    exports.csv_write(user=owner, target=tmp_path / "tracker")

    files = {
        path.name: path.read_text(encoding="utf-8-sig") for path in (tmp_path / "tracker").iterdir()
    }
    assert not any(token in text for text in files.values())
    assert not any("calendar" in name or "feed" in name for name in files)
    assert token in backup.json_text(user=owner)


def _every_row(user) -> dict[str, list[tuple]]:
    rows = {}
    for model, path in backup.owned_models():
        fields = [f.attname for f in model._meta.concrete_fields]
        values = model._default_manager.filter(**{path: user}).order_by("pk").values_list(*fields)
        rows[model._meta.label_lower] = [
            tuple("<owner>" if f in ("owner_id",) else v for f, v in zip(fields, row, strict=True))
            for row in values
        ]
    return rows


def test_every_table_of_every_area_is_in_the_backup():
    labels = {model._meta.label_lower for model, _ in backup.owned_models()}
    for config in apps.get_app_configs():
        if config.name.startswith("weakties."):
            for model in config.get_models(include_auto_created=True):
                assert model._meta.label_lower in labels, model


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_gives_identical_rows(owner, network):
    import_file(owner=owner, data=(FILES / "Connections.csv").read_bytes(), file_name="c.csv")
    from weakties.interop.services import calendar_feed_get_or_create

    calendar_feed_get_or_create(owner=owner)
    exports.ics_export(user=owner, today=TODAY)
    before = _every_row(owner)
    text = backup.json_text(user=owner)

    # Empty the database of everything weakties holds, then restore for a new user.
    for model, _ in reversed(backup.owned_models()):
        model._default_manager.all().delete()
    get_user_model().objects.exclude(pk=owner.pk).delete()
    counts = backup.backup_restore(owner=owner, data=text.encode(), file_name="backup.json")

    assert _every_row(owner) == before
    assert counts["network.contact"] == 5  # Ada and Grace were matched, not added
    assert sum(counts.values()) == sum(len(rows) for rows in before.values())
    # New rows still get fresh ids after the restored ones (sequences moved on PostgreSQL).
    assert services.contact_create(owner=owner, data=services.ContactData(name="New")).pk > max(
        row[0] for row in before["network.contact"]
    )


def _rows_by_position(user) -> dict[str, list[tuple]]:
    """Every row of ``user``'s data with its id and each reference written as a position
    (row 3 of the contacts): what two copies of one network share whatever their ids."""
    models = backup.owned_models()
    ids = {
        model: {
            pk: n
            for n, pk in enumerate(
                model._default_manager.filter(**{path: user})
                .order_by("pk")
                .values_list("pk", flat=True)
            )
        }
        for model, path in models
    }
    rows = {}
    for model, path in models:
        fields = model._meta.concrete_fields
        values = model._default_manager.filter(**{path: user}).order_by("pk")
        rows[model._meta.label_lower] = [
            tuple(
                ("#", ids[f.related_model][v])
                if f.is_relation and f.related_model in ids and v is not None
                else "<owner>"
                if f.attname == "owner_id"
                else v
                for f, v in zip(fields, row, strict=True)
                if not f.primary_key and f.attname not in ("uid", "token")
            )
            for row in values.values_list(*(f.attname for f in fields))
        ]
    return rows


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_for_someone_else_on_a_server_where_its_ids_are_taken(
    owner, stranger, network
):
    """Moving to a coach's server: the ids of the backup belong to other people's rows there,
    so the restored rows get new ones, every reference follows, and nobody else's changes."""
    from weakties.interop.calendar import step_uid
    from weakties.interop.models import FeedEvent
    from weakties.interop.services import calendar_feed_get_or_create
    from weakties.leads.services import lead_add
    from weakties.network.models import NextStep

    lead_add(owner=owner, organization="Navy Labs", role="Data lead", source=network["grace"])
    feed = calendar_feed_get_or_create(owner=owner)
    exports.ics_export(user=owner, today=TODAY)  # the feed remembers its events by UID
    text = backup.json_text(user=owner)
    owners_rows, owners_cards = _every_row(owner), exports.vcard_export(user=owner)
    calendar_feed_get_or_create(owner=stranger)  # the Export page made one

    counts = backup.backup_restore(owner=stranger, data=text.encode(), file_name="backup.json")

    assert counts["network.contact"] == 3
    assert _rows_by_position(stranger) == _rows_by_position(owner)
    assert _every_row(owner) == owners_rows  # the owner's network is as it was
    mine = set(Contact.objects.filter(owner=stranger).values_list("pk", flat=True))
    assert mine.isdisjoint(Contact.objects.filter(owner=owner).values_list("pk", flat=True))
    # A phone that has the old cards finds the same people in the new copy.
    assert exports.vcard_export(user=stranger) == owners_cards
    # The calendar: a secret of its own, and the feed's bookkeeping under the new step ids.
    copy = calendar_feed_get_or_create(owner=stranger)
    assert copy.token != feed.token
    steps = NextStep.objects.filter(owner=stranger, done_on__isnull=True)
    assert steps and {step_uid(step.pk) for step in steps} <= set(
        FeedEvent.objects.filter(owner=stranger).values_list("uid", flat=True)
    )
    # Both go on adding people as usual.
    for user in (owner, stranger):
        services.contact_create(owner=user, data=services.ContactData(name="Someone new"))


def test_restore_refuses_a_network_that_has_data_and_files_that_are_not_backups(owner, network):
    text = backup.json_text(user=owner)

    with pytest.raises(backup.UserError, match="empty network"):
        backup.backup_restore(owner=owner, data=text.encode(), file_name="b.json")
    with pytest.raises(backup.ImportFileError, match="not a weakties JSON backup"):
        backup.backup_restore(owner=owner, data=b'{"hello": 1}', file_name="b.json")
    newer = json.loads(text) | {"version": 99}
    with pytest.raises(backup.ImportFileError, match="newer"):
        backup.backup_restore(owner=owner, data=json.dumps(newer).encode(), file_name="b.json")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the online copy is SQLite's")
@pytest.mark.django_db(transaction=True)
def test_the_sqlite_backup_is_a_consistent_copy(owner, network, tmp_path):
    target = backup.sqlite_backup(tmp_path / "copy.sqlite3")

    copy = sqlite3.connect(target)
    try:
        table = Contact._meta.db_table
        assert copy.execute(f"SELECT count(*) FROM {table}").fetchone() == (3,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        copy.close()
    with pytest.raises(backup.UserError, match="already exists"):
        backup.sqlite_backup(target)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the limit on bound values is SQLite's")
def test_a_network_larger_than_sqlite_binds_at_once_still_exports(owner):
    """SQLite binds at most 250,000 values in one statement; a 50 MB upload holds more people.
    The limit is lowered here so that 1,500 people stand for 600,000."""
    rows = "".join(
        f"Person,Number{n},https://www.linkedin.com/in/p-{n},,Acme,Engineer,1 Jan 2020\n"
        for n in range(1_500)
    )
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    import_file(owner=owner, data=(header + rows).encode(), file_name="Connections.csv")
    connection.ensure_connection()
    raw = connection.connection
    limit = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    try:
        cards = exports.vcard_export(user=owner)
        tracker = exports.csv_tables(user=owner)["contacts.csv"]
    finally:
        raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)

    assert cards.count("BEGIN:VCARD") == 1_500
    assert "URL:https://www.linkedin.com/in/p-1499\r\n" in cards
    assert len(tracker) == 1_501 and tracker[1][0] == "Person Number0"


@pytest.mark.django_db(transaction=True)
def test_renumbered_rows_keep_their_order_and_a_refusal_names_the_files_own_id(
    owner, stranger, network
):
    """The rows of a backup need not come in the order of their ids; the new ids follow the
    old order (a link's first person keeps the lower id), and a row the database refuses is
    named as the file names it, not by the id it was about to get."""
    from weakties.network.models import ContactLink, Tag

    saved = json.loads(backup.json_text(user=owner))
    saved["tables"]["network.contact"].reverse()
    broken = json.loads(json.dumps(saved))
    tags = broken["tables"]["network.tag"]
    tags[1]["name"] = tags[0]["name"].upper()  # two tags cannot have one name
    third = get_user_model().objects.create_user("third")

    backup.backup_restore(owner=stranger, data=json.dumps(saved).encode(), file_name="b.json")
    with pytest.raises(backup.ImportFileError) as refused:
        backup.backup_restore(owner=third, data=json.dumps(broken).encode(), file_name="b.json")

    link = ContactLink.objects.get(contact_a__owner=stranger)
    assert {link.contact_a.name, link.contact_b.name} == {"Ada Lovelace", "Grace Hopper"}
    order = list(Contact.objects.filter(owner=owner).order_by("pk").values_list("name", flat=True))
    assert (
        list(Contact.objects.filter(owner=stranger).order_by("pk").values_list("name", flat=True))
        == order
    )
    assert str(refused.value).startswith(
        f"b.json: network.tag row 2 (id {tags[1]['id']}) cannot be restored:"
    )
    assert not Tag.objects.filter(owner=third).exists()


def test_a_backups_calendar_address_someone_has_leaves_the_users_own_in_place(
    owner, stranger, network
):
    """Restoring a copy of someone's backup: their calendar address stays theirs, and the
    address this user's calendar already follows keeps working."""
    from weakties.interop.services import calendar_feed_get_or_create

    theirs = calendar_feed_get_or_create(owner=owner).token
    text = backup.json_text(user=owner)
    mine = calendar_feed_get_or_create(owner=stranger).token  # the Export page made it

    backup.backup_restore(owner=stranger, data=text.encode(), file_name="b.json")

    assert calendar_feed_get_or_create(owner=stranger).token == mine
    assert calendar_feed_get_or_create(owner=owner).token == theirs


@pytest.mark.django_db(transaction=True)
def test_after_a_restore_no_id_is_handed_out_a_second_time(owner, stranger, network):
    """Ids of deleted rows are not given again after a restore: a new next step would take
    the calendar event of an old one, in a calendar that still holds it."""
    from weakties.leads.models import Lead
    from weakties.leads.services import lead_add

    text = backup.json_text(user=owner)
    assert json.loads(text)["tables"]["leads.lead"] == []
    gone = services.contact_create(owner=stranger, data=services.ContactData(name="Gone")).pk
    gone_lead = lead_add(owner=stranger, organization="Initech", role="Analyst").pk
    Lead.objects.filter(pk=gone_lead).delete()
    Contact.objects.filter(pk=gone).delete()
    owner.delete()  # the backup's ids are free again: they are kept
    third = get_user_model().objects.create_user("third")

    backup.backup_restore(owner=third, data=text.encode(), file_name="b.json")
    new = services.contact_create(owner=third, data=services.ContactData(name="Someone new"))
    lead = lead_add(owner=third, organization="Initech", role="Analyst")

    assert new.pk > gone
    assert lead.pk > gone_lead


@pytest.mark.django_db(transaction=True)
def test_the_bookkeeping_of_a_deleted_steps_event_does_not_take_a_renumbered_steps_place(
    owner, stranger, network
):
    """A feed event names its step by id; a step deleted since keeps that old number, which
    can be the very id a renumbered step is given. Its bookkeeping is dropped instead."""
    from weakties.interop.calendar import step_uid
    from weakties.interop.models import FeedEvent
    from weakties.network.models import NextStep

    exports.ics_export(user=owner, today=TODAY)
    saved = json.loads(backup.json_text(user=owner))
    next_free = NextStep.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
    stale = dict(saved["tables"]["interop.feedevent"][0], uid=step_uid(next_free))
    stale["id"] = max(row["id"] for row in saved["tables"]["interop.feedevent"]) + 1
    saved["tables"]["interop.feedevent"].append(stale)

    counts = backup.backup_restore(
        owner=stranger, data=json.dumps(saved).encode(), file_name="b.json"
    )

    steps = set(map(step_uid, NextStep.objects.filter(owner=stranger).values_list("pk", flat=True)))
    events = FeedEvent.objects.filter(owner=stranger, uid__startswith="next-step-")
    assert counts["interop.feedevent"] == len(saved["tables"]["interop.feedevent"]) - 1
    assert set(events.values_list("uid", flat=True)) <= steps


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the shared counter is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_restore_waits_for_someone_adding_a_contact_and_does_not_take_their_id(
    owner, stranger, network
):
    """On a server, another user adds a contact while a backup is restored; the id the
    counter gave them is free in the table until they commit. The restore waits for them
    and gives its row another id; both succeed."""
    import threading
    import time

    from django.db import connections, transaction

    saved = json.loads(backup.json_text(user=owner))
    owner.delete()  # the backup's ids are free again
    adding, added, done = threading.Event(), {}, threading.Event()

    def add_a_contact() -> None:
        try:
            with transaction.atomic():
                contact = services.contact_create(
                    owner=stranger, data=services.ContactData(name="Added meanwhile")
                )
                added["id"] = contact.pk
                adding.set()
                time.sleep(1.5)  # not committed yet while the restore starts
        finally:
            connections.close_all()
            done.set()

    worker = threading.Thread(target=add_a_contact)
    worker.start()
    assert adding.wait(10)
    row = dict(saved["tables"]["network.contact"][0], name="In the backup", uid="")
    row["id"] = added["id"]  # the id the other user holds, not yet visible
    saved["tables"]["network.contact"].append(row)
    third = get_user_model().objects.create_user("third")

    backup.backup_restore(owner=third, data=json.dumps(saved).encode(), file_name="b.json")
    worker.join(10)

    assert done.is_set()
    assert Contact.objects.get(pk=added["id"]).name == "Added meanwhile"
    assert Contact.objects.filter(owner=third, name="In the backup").exclude(pk=added["id"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the table locks are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_restore_that_waits_too_long_for_others_says_to_try_again_and_writes_nothing(
    owner, stranger, network, monkeypatch
):
    import threading
    import time

    from django.db import connections, transaction

    text = backup.json_text(user=owner)
    adding, done = threading.Event(), threading.Event()

    def a_long_change() -> None:
        try:
            with transaction.atomic():
                services.contact_create(owner=owner, data=services.ContactData(name="Slow"))
                adding.set()
                time.sleep(2)
        finally:
            connections.close_all()
            done.set()

    monkeypatch.setattr(backup, "LOCK_WAIT", "300ms")
    worker = threading.Thread(target=a_long_change)
    worker.start()
    assert adding.wait(10)

    with pytest.raises(backup.UserError, match="Try again in a moment"):
        backup.backup_restore(owner=stranger, data=text.encode(), file_name="b.json")
    assert not Contact.objects.filter(owner=stranger).exists()
    worker.join(10)
    counts = backup.backup_restore(owner=stranger, data=text.encode(), file_name="b.json")
    assert counts["network.contact"] == 3
