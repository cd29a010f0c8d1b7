"""Whatever bytes or rows arrive, an import ends in a report or a clear error, never a crash,
and an error leaves the database as it was."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.interop.conftest import FILES
from weakties.interop import contacts_csv, linkedin, vcard
from weakties.interop.merge import profile_key
from weakties.interop.records import (
    ImportFileError,
    MessageRecord,
    PersonRecord,
    Skipped,
    Warning,
)
from weakties.interop.services import import_file
from weakties.interop.text import csv_rows, parse_day
from weakties.network.models import Contact, ContactPoint, Interaction
from weakties.network.normalize import linkedin_profile

SAMPLES = {
    name: (FILES / name).read_bytes()
    for name in (
        "Connections.csv",
        "messages.csv",
        "Invitations.csv",
        "google.csv",
        "outlook.csv",
        "contacts.vcf",
    )
}
KINDS = [None, "linkedin", "google", "outlook", "vcard"]
DB_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def mutated(draw) -> bytes:
    """A sample file with bytes flipped, inserted, deleted, or cut short."""
    data = bytearray(SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))])
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if action == "flip":
            data[position] = draw(st.integers(0, 255))
        elif action == "insert":
            data[position:position] = draw(
                st.sampled_from(
                    [b'"', b",", b"\r", b"\n", b"\x00", b"=", b";", b":", b"\xc3", b"\xff"]
                )
            )
        elif action == "delete":
            del data[position]
        else:
            del data[position:]
    return bytes(data)


def _counts() -> tuple[int, int, int]:
    return Contact.objects.count(), ContactPoint.objects.count(), Interaction.objects.count()


@DB_SETTINGS
@given(data=st.one_of(mutated(), st.binary(max_size=400)), kind=st.sampled_from(KINDS))
def test_any_file_gives_a_report_or_a_clear_error(owner, data, kind):
    before = _counts()
    try:
        report = import_file(owner=owner, data=data, file_name="input.csv", kind=kind)
    except ImportFileError as error:
        assert error.message.startswith(("input.csv", "Unknown kind"))
        assert _counts() == before
    else:
        assert report.added >= 0 and all(s.line >= 1 for s in report.skipped)


ROW_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.lists(ROW_TEXT, min_size=0, max_size=9), max_size=8))
def test_every_csv_parser_reads_any_rows_under_its_header(rows):
    headers = {
        linkedin.parse_connections: (
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
        ),
        linkedin.parse_messages: (
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT"
        ),
        linkedin.parse_invitations: (
            "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
        ),
        contacts_csv.parse_google: (
            "First Name,Last Name,Labels,E-mail 1 - Value,Phone 1 - Value,Website 1 - Value,Notes"
        ),
        contacts_csv.parse_outlook: (
            "First Name,Last Name,Company,Job Title,E-mail Address,Mobile Phone,Categories,Notes"
        ),
    }
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    for parser, header in headers.items():
        text = header + "\n" + buffer.getvalue()
        try:
            records = list(parser(text, file_name="f.csv"))
        except ImportFileError:
            continue
        for record in records:
            assert isinstance(record, PersonRecord | MessageRecord | Skipped | Warning)
            if isinstance(record, Warning):
                assert record.line >= 2 and record.text
            if isinstance(record, PersonRecord):
                assert record.name == record.name.strip() and record.name


FIELD_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(',;\t"\r\n '), st.characters(blacklist_categories=("Cs",))),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(
    header=st.lists(FIELD_TEXT, min_size=2, max_size=6),
    rows=st.lists(st.lists(FIELD_TEXT, min_size=1, max_size=6), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_a_fully_quoted_csv_reads_back_with_any_separator_whatever_its_fields_hold(
    header, rows, delimiter
):
    # Outlook quotes every field, so commas, semicolons and tabs in them never mislead.
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL).writerows([header, *rows])

    assert [row for _, row in csv_rows(buffer.getvalue(), file_name="f.csv")] == [header, *rows]


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "BEGIN:VCARD",
                    "END:VCARD",
                    "VERSION:2.1",
                    "VERSION:3.0",
                    "FN:A",
                    "N:B;C;;;",
                    "NOTE;ENCODING=QUOTED-PRINTABLE:x=",
                    "=41",
                    " folded",
                    "# comment",
                    "EMAIL:a@b.co",
                    "TEL:123",
                    "ORG:X\\;Y",
                    "CATEGORIES:a\\,b",
                    "PHOTO;ENCODING=b:QUJD",
                    "N;CHARSET=SHIFT_JIS:\\",
                    "item1.URL:http\\://x.y",
                    "",
                ]
            ),
            ROW_TEXT,
        ),
        max_size=20,
    ),
    ending=st.sampled_from(["\r\n", "\n", "\r", "\r\r\n"]),
)
def test_the_vcard_parser_survives_any_sequence_of_lines(lines, ending):
    data = ending.join(lines).encode("utf-8")
    try:
        records = list(vcard.parse_vcards(data, file_name="c.vcf"))
    except ImportFileError as error:
        assert error.message.startswith("c.vcf")
    else:
        assert all(isinstance(r, PersonRecord | Skipped) for r in records)


@given(st.text(max_size=40))
def test_dates_are_read_or_refused_never_raised(text):
    day = parse_day(text)
    assert day is None or 1900 <= day.year <= 2100 or text.strip()[:4].isdigit()


@given(slug=st.text(min_size=1, max_size=20), tail=st.sampled_from(["", "/", "?trk=x", "/details"]))
def test_the_fast_linkedin_key_agrees_with_the_general_one(slug, tail):
    url = f"https://www.linkedin.com/in/{slug}{tail}"
    assert profile_key(url) == linkedin_profile(url)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_own_sample_imports_and_a_second_run_changes_nothing(owner, name):
    import_file(
        owner=owner, data=(FILES / "Connections.csv").read_bytes(), file_name="Connections.csv"
    )
    first = import_file(owner=owner, data=SAMPLES[name], file_name=name)
    again = import_file(owner=owner, data=SAMPLES[name], file_name=name)

    assert first.added + first.updated + first.unchanged > 0
    assert (again.added, again.updated) == (0, 0)


@given(st.binary(max_size=300))
@example("é €".encode() + b"\xff")  # UTF-8 with one broken byte
def test_any_bytes_decode_to_text_or_a_clear_refusal(data):
    from weakties.interop.text import DAMAGED_UTF8, decode, looks_like_mojibake

    try:
        text, encoding = decode(data, file_name="f.csv")
    except ImportFileError as error:
        assert error.message.startswith("f.csv")
    else:
        assert encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", DAMAGED_UTF8)
        assert "\x00" not in text
        if encoding == DAMAGED_UTF8:  # the broken bytes are marked where they were
            assert "\ufffd" in text
        repaired = looks_like_mojibake(text)
        assert repaired is None or repaired != text


PERSON = st.tuples(
    st.sampled_from(["Ada", "Grace", "Ada ", "ADA", "Zoë", ""]),
    st.sampled_from(["Lovelace", "Hopper", "Lovelace, PhD", "Nuñez (she/her)", ""]),
    st.sampled_from(
        ["", "https://www.linkedin.com/in/a", "https://www.linkedin.com/in/b/", "linkedin.com/in/A"]
    ),
    st.sampled_from(["", "a@x.org", "A@X.org", "b@x.org", "not-an-email"]),
    st.sampled_from(["", "Acme", "ACME", " -", "Navy"]),
    st.sampled_from(["", "CTO", "Engineer"]),
    st.sampled_from(["", "1 Jan 2020", "6-Feb-26", "bad date"]),
)


@DB_SETTINGS
@given(people=st.lists(PERSON, max_size=8))
def test_any_connections_import_twice_changes_nothing_the_second_time(owner, people):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    writer.writerows(people)
    data = buffer.getvalue().encode()

    import_file(owner=owner, data=data, file_name="Connections.csv")
    again = import_file(owner=owner, data=data, file_name="Connections.csv")

    assert (again.added, again.updated) == (0, 0), people


@given(
    contact_id=st.integers(min_value=1, max_value=2**31 - 1),
    created_at=st.datetimes(timezones=st.just(UTC)),
)
def test_the_uid_a_contact_is_exported_with_is_the_uuid5_of_its_id_and_creation_time(
    contact_id, created_at
):
    """The export writes the UUID out itself (faster than uuid.uuid5); a phone that holds
    cards exported before must still find the same people."""
    from weakties.interop.vcard import _UID_NAMESPACE, contact_uid

    made = f"{contact_id}/{created_at.timestamp():.6f}"
    expected = uuid.uuid5(_UID_NAMESPACE, made)

    assert contact_uid(contact_id, created_at) == f"urn:uuid:{expected}"


@given(st.text(max_size=40))
def test_a_web_address_is_written_as_quote_writes_it(value):
    from weakties.interop.exports import _URI_SAFE, _uri

    assert _uri(value) == quote(value, safe=_URI_SAFE)
