"""The merge rules: match, fill what is empty, never overwrite, all or nothing."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core import serializers
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.interop.conftest import FILES
from weakties.interop.models import ImportRecord
from weakties.interop.records import ImportFileError
from weakties.interop.services import import_file
from weakties.network.models import Contact, ContactPoint


def _snapshot() -> str:
    models = [
        m for c in apps.get_app_configs() if c.name.startswith("weakties.") for m in c.get_models()
    ]
    return "\n".join(
        serializers.serialize("json", m._default_manager.order_by("pk")) for m in models
    )


def _csv(owner, text: str, *, name: str = "Connections.csv", **options):
    return import_file(owner=owner, data=text.encode(), file_name=name, **options)


HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_what_the_user_typed_is_never_overwritten_and_empty_fields_are_filled(owner, make_contact):
    ada = make_contact(
        "Ada Lovelace", title="My own words", emails=["ada@example.com"], organization=""
    )

    report = _csv(
        owner,
        HEADER
        + "Ada,Lovelace,https://www.linkedin.com/in/ada,ADA@example.com,Acme,CTO,1 Jan 2020\n",
    )

    assert (report.added, report.updated) == (0, 1)
    ada.refresh_from_db()
    assert ada.title == "My own words"
    assert ada.organization.name == "Acme"  # was empty: filled
    assert ada.name == "Ada Lovelace"
    assert set(ada.points.values_list("kind", flat=True)) == {"email", "linkedin"}
    assert str(ada.added_on) == "2020-01-01"  # LinkedIn knows an earlier day


def test_a_record_matches_by_name_at_the_same_organisation(owner, make_contact):
    grace = make_contact("Grace Hopper", organization="Navy Labs")
    make_contact("Grace Hopper", organization="Other Place")

    report = _csv(owner, HEADER + "Grace,Hopper,,grace@navy.example,Navy Labs,Admiral,\n")

    assert (report.added, report.updated) == (0, 1)
    assert grace.points.get().value == "grace@navy.example"


def test_two_people_with_one_name_and_different_profiles_stay_two(owner):
    report = _csv(
        owner,
        HEADER
        + "Sam,Lee,https://www.linkedin.com/in/sam-lee-1,,Acme,Engineer,1 Jan 2020\n"
        + "Sam,Lee,https://www.linkedin.com/in/sam-lee-2,,Acme,Designer,1 Jan 2020\n",
    )

    assert report.added == 2
    assert Contact.objects.filter(name="Sam Lee").count() == 2


def _vcf(owner, *cards: str, name: str = "contacts.vcf"):
    body = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{card}END:VCARD\r\n" for card in cards)
    return import_file(owner=owner, data=body.encode(), file_name=name)


CHRIS_1 = "FN:Chris Smith\r\nEMAIL:chris1@example.com\r\nNOTE:the designer\r\n"
CHRIS_2 = "FN:Chris Smith\r\nEMAIL:chris2@example.com\r\nNOTE:the accountant\r\n"


def test_namesakes_a_file_keeps_apart_by_their_emails_stay_two_with_their_own_notes(owner):
    report = _vcf(owner, CHRIS_1, CHRIS_2)

    assert (report.added, report.warnings) == (2, [])
    people = Contact.objects.filter(owner=owner, name="Chris Smith").order_by("notes")
    assert [(c.notes, [p.value for p in c.points.all()]) for c in people] == [
        ("the accountant", ["chris2@example.com"]),
        ("the designer", ["chris1@example.com"]),
    ]
    assert (_vcf(owner, CHRIS_1, CHRIS_2).added, Contact.objects.count()) == (0, 2)


def test_a_namesake_without_an_organisation_is_not_merged_into_someone_else(owner, make_contact):
    mine = make_contact("Pat Kim", phones=["+1 555 0100"], notes="My neighbour")

    report = _vcf(owner, "FN:Pat Kim\r\nTEL:+1 555 0199\r\n")

    assert report.added == 1
    assert [p.value for p in mine.points.all()] == ["+1 555 0100"]
    # The same card once more, and a card with nothing to contradict: the same person.
    assert _vcf(owner, "FN:Pat Kim\r\nTEL:+1 555 0199\r\n").added == 0
    assert _vcf(owner, "FN:Pat Kim\r\nTEL:+1 555 0100\r\nTITLE:Nurse\r\n").updated == 1
    mine.refresh_from_db()
    assert mine.title == "Nurse"


def test_a_name_at_the_same_organisation_still_joins_a_second_email_from_another_file(
    owner, make_contact
):
    ada = make_contact("Ada Lovelace", organization="Acme", emails=["ada@home.example"])

    report = _vcf(owner, "FN:Ada Lovelace\r\nORG:Acme\r\nEMAIL:ada@acme.example\r\n")

    assert (report.added, report.updated) == (0, 1)
    assert sorted(ada.points.values_list("value", flat=True)) == [
        "ada@acme.example",
        "ada@home.example",
    ]


def test_one_person_twice_in_a_file_keeps_both_notes(owner):
    report = _vcf(
        owner,
        "FN:Sam Lee\r\nEMAIL:sam@example.com\r\nNOTE:Met at PyCon\r\n",
        "FN:Sam Lee\r\nEMAIL:sam@example.com\r\nNOTE:Knows the Acme hiring manager\r\n",
    )

    assert report.added == 1
    sam = Contact.objects.get(owner=owner)
    assert sam.notes == "Met at PyCon\n\nKnows the Acme hiring manager"
    again = _vcf(
        owner,
        "FN:Sam Lee\r\nEMAIL:sam@example.com\r\nNOTE:Met at PyCon\r\n",
        "FN:Sam Lee\r\nEMAIL:sam@example.com\r\nNOTE:Knows the Acme hiring manager\r\n",
    )
    assert (again.added, again.updated) == (0, 0)


def test_a_card_without_an_organisation_finds_the_person_at_one(owner, make_contact):
    ada = make_contact(
        "Ada Lovelace", organization="Acme", urls=["https://www.linkedin.com/in/ada"]
    )

    report = _vcf(owner, "FN:Ada Lovelace\r\nTEL:+44 20 7946 0018\r\n")

    assert (report.added, report.updated) == (0, 1)
    assert sorted(ada.points.values_list("kind", flat=True)) == ["linkedin", "phone"]


@pytest.mark.parametrize(
    "rows",
    [  # found by hypothesis: later rows gave the person an organisation the earlier lacked
        ["Ada,Lovelace,,,,,"] * 5 + ["Ada,Lovelace,,a@x.org,,,", "Ada,Lovelace,,a@x.org,Acme,,"],
        ["Ada,Lovelace,,,,,"] * 6 + ["Ada,Lovelace,,,Acme,,", "Ada,Lovelace,,,Navy,,"],
    ],
)
def test_a_second_run_makes_the_same_choices_as_the_first(owner, rows):
    text = HEADER + "\n".join(rows) + "\n"
    first = _csv(owner, text)

    again = _csv(owner, text)

    assert (again.added, again.updated) == (0, 0)
    assert Contact.objects.count() == first.added


def test_an_email_of_someone_else_is_left_out_with_a_warning(owner, make_contact):
    make_contact("Someone Else", emails=["shared@example.com"])
    new = make_contact("New Person", urls=["https://www.linkedin.com/in/new"])

    report = _csv(
        owner, HEADER + "New,Person,https://www.linkedin.com/in/new,shared@example.com,,,\n"
    )

    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    assert any(
        "shared@example.com already belongs to another contact" in w for w in report.warnings
    )
    assert list(new.points.values_list("kind", flat=True)) == ["linkedin"]


def test_a_matching_email_is_the_same_person_whatever_the_name(owner, make_contact):
    someone = make_contact("Someone Else", emails=["shared@example.com"])

    report = _csv(owner, HEADER + "New,Person,,Shared@Example.com,,,\n")

    assert (report.added, report.updated, report.unchanged) == (0, 0, 1)
    someone.refresh_from_db()
    assert someone.name == "Someone Else"


def test_a_dry_run_reports_the_same_and_writes_nothing(owner):
    before = _snapshot()

    report = import_file(
        owner=owner,
        data=(FILES / "Connections.csv").read_bytes(),
        file_name="Connections.csv",
        dry_run=True,
    )

    assert report.added == 4 and report.dry_run
    assert _snapshot() == before
    assert ImportRecord.objects.count() == 0


def test_imports_are_recorded_with_file_hash_and_counts(owner):
    data = (FILES / "Connections.csv").read_bytes()
    import_file(owner=owner, data=data, file_name="/tmp/somewhere/Connections.csv")
    import_file(owner=owner, data=data, file_name="Connections.csv")  # changes nothing

    record = ImportRecord.objects.get()
    assert (record.file_name, record.kind, record.added, record.skipped) == (
        "Connections.csv", "linkedin", 4, 1
    )  # fmt: skip
    assert len(record.sha256) == 64


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"PK\x03\x04zipzip", "zip"),
        (HEADER.encode() + b'Ada,"Lovelace,,,,,\n', "line 2"),
        (b"Name;Phone\nAda;123\n", "cannot tell"),
        (b"", "empty"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\n", "no END:VCARD"),
    ],
)
def test_unreadable_files_are_refused_with_the_line_and_nothing_is_written(owner, data, message):
    before = _snapshot()

    with pytest.raises(ImportFileError, match=message) as refused:
        import_file(owner=owner, data=data, file_name="contacts.csv")

    assert refused.value.message.startswith("contacts.csv")
    assert _snapshot() == before


def test_the_wrong_kind_is_refused_naming_the_right_one(owner):
    with pytest.raises(ImportFileError, match="import it as linkedin"):
        import_file(
            owner=owner,
            data=(FILES / "Connections.csv").read_bytes(),
            file_name="Connections.csv",
            kind="google",
        )


def test_an_error_while_writing_rolls_everything_back(owner, monkeypatch):
    from weakties.interop import merge

    before = _snapshot()
    original_insert = merge._insert
    calls = []

    def insert_then_fail(model, columns, rows, *constants):
        original_insert(model, columns, rows, *constants)
        calls.append(model)
        if model is ContactPoint:
            raise RuntimeError("disk full")

    monkeypatch.setattr(merge, "_insert", insert_then_fail)
    with pytest.raises(RuntimeError):
        import_file(owner=owner, data=(FILES / "Connections.csv").read_bytes(), file_name="c.csv")

    assert ContactPoint in calls
    assert _snapshot() == before


def _indexes() -> list[tuple[str, str]]:
    """Every index of the tables a large import rebuilds, as the database describes it."""
    tables = [Contact._meta.db_table, ContactPoint._meta.db_table]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (%s, %s)",
                tables,
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN (%s, %s)", tables
            )
        return sorted(cursor.fetchall())


def test_a_large_import_gives_the_same_network_and_keeps_every_index(owner, monkeypatch):
    """A first import of many rows builds the indexes after the rows (on SQLite); what the
    user gets, and the indexes that serve later queries, are the same either way."""
    from weakties.interop import merge

    indexes = _indexes()
    data = (FILES / "Connections.csv").read_bytes()
    one_by_one = import_file(owner=owner, data=data, file_name="c.csv")
    people = sorted(Contact.objects.filter(owner=owner).values_list("name", "points__normalized"))
    Contact.objects.filter(owner=owner).delete()

    monkeypatch.setattr(merge, "BULK_ROWS", 1)  # the fixture file counts as large
    with CaptureQueriesContext(connection) as queries:
        in_bulk = import_file(owner=owner, data=data, file_name="c.csv")

    rebuilt = any(q["sql"].startswith("DROP INDEX") for q in queries.captured_queries)
    assert rebuilt == (connection.vendor == "sqlite")  # PostgreSQL keeps its indexes

    assert in_bulk.to_dict() == one_by_one.to_dict()
    assert people == sorted(
        Contact.objects.filter(owner=owner).values_list("name", "points__normalized")
    )
    assert _indexes() == indexes
    with pytest.raises(IntegrityError):  # the unique identity index is back and enforced
        ContactPoint.objects.create(
            owner=owner, contact=Contact.objects.filter(owner=owner).first(), kind="linkedin",
            value="x", normalized=ContactPoint.objects.filter(owner=owner, kind="linkedin")
            .values_list("normalized", flat=True).first(),
        )  # fmt: skip


def test_a_large_import_that_fails_leaves_rows_and_indexes_as_they_were(owner, monkeypatch):
    from weakties.interop import merge

    before, indexes = _snapshot(), _indexes()
    original_insert = merge._insert

    def insert_then_fail(model, columns, rows, *constants):
        original_insert(model, columns, rows, *constants)
        if model is ContactPoint:
            raise RuntimeError("disk full")

    monkeypatch.setattr(merge, "BULK_ROWS", 1)
    monkeypatch.setattr(merge, "_insert", insert_then_fail)
    with pytest.raises(RuntimeError):
        import_file(owner=owner, data=(FILES / "Connections.csv").read_bytes(), file_name="c.csv")

    assert _snapshot() == before
    assert _indexes() == indexes


def test_new_contacts_are_told_apart_by_id_with_or_without_gaps(owner, make_contact):
    """New rows' ids come as a range when they follow on; where another session took ids in
    between (PostgreSQL), they are read one by one, still in the order the rows went in."""
    from weakties.interop.merge import _ids_in_order

    made = [make_contact(name).pk for name in ("Ada", "Bo", "Cy", "Di")]
    everyone = Contact.objects.filter(owner=owner)
    assert list(_ids_in_order(everyone)) == made
    assert isinstance(_ids_in_order(everyone), range)

    Contact.objects.filter(pk=made[1]).delete()
    assert list(_ids_in_order(everyone)) == [made[0], made[2], made[3]]
    assert list(_ids_in_order(everyone.filter(pk__gt=made[3]))) == []


def test_another_users_network_is_neither_matched_nor_touched(owner, stranger, make_contact):
    make_contact("Ada Lovelace", user=stranger, urls=["https://www.linkedin.com/in/ada-lovelace"])

    report = import_file(
        owner=owner, data=(FILES / "Connections.csv").read_bytes(), file_name="c.csv"
    )

    assert report.added == 4
    assert Contact.objects.filter(owner=stranger).count() == 1
    assert Contact.objects.filter(owner=owner, name="Ada Lovelace").count() == 1


def test_values_longer_than_the_columns_and_nul_characters_do_not_break_the_import(owner):
    long_url = "https://example.org/" + "a" * 700
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:" + "N" * 300 + "\r\n"
        "TITLE:" + "T" * 400 + "\r\nORG:" + "O" * 300 + "\r\nURL:" + long_url + "\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:nul=00here\r\nCATEGORIES:" + "c" * 90 + "\r\nEND:VCARD\r\n"
    ).encode() + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nul\x00Byte\r\nEND:VCARD\r\n"

    report = import_file(owner=owner, data=card, file_name="long.vcf")
    again = import_file(owner=owner, data=card, file_name="long.vcf")

    assert report.added == 2 and (again.added, again.updated) == (0, 0)
    contact = Contact.objects.get(name="N" * 200)
    assert len(contact.title) == 300 and contact.organization.name == "O" * 200
    assert contact.notes == "nulhere"
    assert len(contact.points.get().value) == 500
    assert contact.tags.get().name == "c" * 60
    assert Contact.objects.filter(name="NulByte").exists()


GOOGLE_HEADER = "First Name,Last Name,Organization Name,E-mail 1 - Value,Phone 1 - Value,Notes\n"
_namesake = st.tuples(
    st.sampled_from(["", "Acme"]),
    st.sampled_from(["", "a@x.example", "b@x.example", "c@x.example", "d@x.example"]),
    st.sampled_from(["", "", "+1 555 0100", "+1 555 0101"]),
)


def _people(owner) -> list[tuple[str, list[str], list[str]]]:
    return sorted(
        (
            c.organization.name if c.organization else "",
            sorted(p.normalized for p in c.points.all() if p.kind == "email"),
            sorted(p.normalized for p in c.points.all() if p.kind == "phone"),
        )
        for c in Contact.objects.filter(owner=owner).select_related("organization")
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(_namesake, min_size=1, max_size=12))
def test_namesakes_told_apart_in_bulk_merge_as_when_compared_one_by_one(
    rows, owner, stranger, monkeypatch
):
    """A file of many people with one name skips, in one step, the new people an email tells
    apart (merge._personal_mask); the people it makes are those of comparing every pair."""
    from weakties.interop import merge

    Contact.objects.filter(owner__in=[owner, stranger]).delete()
    text = GOOGLE_HEADER + "".join(
        f"Sam,Lee,{org},{email},{phone},row {n}\n" for n, (org, email, phone) in enumerate(rows)
    )
    _csv(owner, text, name="google.csv")
    with monkeypatch.context() as one_by_one:
        one_by_one.setattr(merge, "_personal_mask", lambda points: 0)
        _csv(stranger, text, name="google.csv")

    assert _people(owner) == _people(stranger)
