"""Inputs a fuzzing campaign found: each once crashed the import, garbled a whole file, took
quadratic time or stored what a terminal obeys. Each now gives a report or a clear error."""

from __future__ import annotations

import pytest

from weakties.interop.services import import_file
from weakties.network.models import Contact, Interaction

CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
MESSAGES = "CONVERSATION ID,FROM,TO,DATE,SUBJECT,CONTENT\r\n"


def _import(owner, data: bytes, name: str, **options):
    return import_file(owner=owner, data=data, file_name=name, **options)


def _names(owner) -> list[str]:
    return sorted(Contact.objects.filter(owner=owner).values_list("name", flat=True))


def _card(property_line: bytes) -> bytes:
    return b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + property_line + b"\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    "charset",
    [b"undefined", b"punycode", b"idna", b"SHIFT\x00_JIS", b"raw-unicode-escape"],
)
def test_a_charset_that_is_no_text_encoding_is_read_as_if_none_were_declared(owner, charset):
    card = _card(b"FN;CHARSET=" + charset + b":Ada Lov\xc3\xa9lace \\ud800")

    report = _import(owner, card, "phone.vcf")

    assert report.added == 1
    assert _names(owner) == ["Ada Lovélace ud800"]  # "\\u" unescaped, as vCard text is


def test_a_year_too_large_for_any_calendar_is_not_a_date(owner):
    connections = CONNECTIONS + "Ada,Lee,,,,,1/1/99999999999999999999\r\n"
    messages = MESSAGES + "1,Ada Lee,Bob Ray,1 Jan 99999999999999999999,Hi,hello\r\n"

    added = _import(owner, connections.encode(), "Connections.csv")
    read = _import(owner, messages.encode(), "messages.csv")

    assert added.added == 1
    assert "line 2: '1/1/99999999999999999999' is not a date" in added.warnings[0]
    assert [s.reason for s in read.skipped] == ["no readable date ('1 Jan 99999999999999999999')"]


def test_a_message_longer_than_pythons_csv_field_limit_is_read(owner, make_contact):
    make_contact("Bob Ray", urls=["https://www.linkedin.com/in/bob-ray"])
    cv = "My CV, pasted. " * 20_000  # 300 KB in one cell
    messages = MESSAGES + f'1,Bob Ray,Me,2026-03-01 10:00:00 UTC,CV,"{cv}"\r\n'
    messages += "1,Me,Bob Ray,2026-03-02 10:00:00 UTC,Re: CV,Thanks!\r\n"

    report = _import(owner, messages.encode(), "messages.csv")

    assert report.added == 2
    logged = Interaction.objects.filter(owner=owner)
    assert {i.participants.get().name for i in logged} == {"Bob Ray"}


def test_a_vcard_saved_as_utf16_is_recognised_and_read(owner):
    text = "\ufeffBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Müller\r\nEND:VCARD\r\n"

    report = _import(owner, text.encode("utf-16-le"), "contacts.vcf")

    assert (report.kind, report.added) == ("vcard", 1)
    assert _names(owner) == ["Zoë Müller"]


def test_a_header_row_repeated_by_joining_two_exports_is_skipped(owner):
    both = CONNECTIONS + "Ada,Lee,,,,,1 Jan 2020\r\n" + CONNECTIONS + "Bob,Ray,,,,,1 Jan 2020\r\n"
    google = "First Name,Last Name,E-mail 1 - Value\r\n"
    google_both = google + "Cy,Chen,cy@x.example\r\n" + google + "Di,Das,di@x.example\r\n"

    report = _import(owner, both.encode(), "Connections.csv")
    other = _import(owner, google_both.encode(), "google.csv")

    assert (report.added, other.added) == (2, 2)
    assert [(s.line, s.reason) for s in report.skipped] == [
        (3, "the header row again (two exports joined into one file?)")
    ]
    assert len(other.skipped) == 1
    assert _names(owner) == ["Ada Lee", "Bob Ray", "Cy Chen", "Di Das"]


def test_control_characters_never_reach_a_name_or_a_note(owner):
    connections = CONNECTIONS + '"\x1b[2J\x1b]0;PWNED\x07Ada",Lee,,,Acme\x1b[31m,,1 Jan 2020\r\n'
    card = _card(b"FN:Bob\x1b[31m Ray\r\nNOTE:line one\\nline\x1b[2J two")

    _import(owner, connections.encode(), "Connections.csv")
    _import(owner, card, "bob.vcf")

    stored = Contact.objects.filter(owner=owner).select_related("organization")
    texts = [(c.name, c.organization.name if c.organization else "", c.notes) for c in stored]
    assert not any(ch < " " and ch not in "\n\t" for row in texts for cell in row for ch in cell)
    assert sorted(texts) == [
        ("Bob[31m Ray", "", "line one\nline[2J two"),
        ("[2J]0;PWNEDAda Lee", "Acme[31m", ""),
    ]


def test_one_bad_byte_in_a_utf8_file_garbles_no_other_name(owner):
    rows = ["José Núñez", "Søren Åberg", "Łukasz Wójcik", "Zoë Müller"]
    text = "First Name,Last Name,Notes,Labels\r\n" + "".join(
        f"{name.split()[0]},{name.split()[1]},,\r\n" for name in rows
    )
    data = text.encode() + b"Ada,Lee,caf\xe9,\r\n"  # one byte of Windows-1252 in a UTF-8 file

    report = _import(owner, data, "google.csv", kind="google")

    assert _names(owner) == sorted([*rows, "Ada Lee"])
    assert report.warnings == [
        "google.csv is UTF-8 with bytes that are not (on line 6): each shows as \ufffd; check "
        "those rows, or export the file again if it was cut short."
    ]
    assert Contact.objects.get(owner=owner, name="Ada Lee").notes == "caf\ufffd"


def test_a_windows_1252_file_is_still_read_as_windows_1252(owner):
    text = "First Name,Last Name,Notes,Labels\r\nJosé,Núñez,café,\r\nZoë,Müller,,\r\n"

    report = _import(owner, text.encode("cp1252"), "google.csv", kind="google")

    assert _names(owner) == ["José Núñez", "Zoë Müller"]
    assert report.warnings == ["google.csv is not UTF-8; it was read as Windows-1252 (cp1252)."]


def test_a_vcard_value_not_in_its_charset_is_imported_with_a_warning(owner):
    card = _card(b"FN;CHARSET=SHIFT_JIS:\x88\xc0\x93\xa1 \x81\x20x")  # \x81 leads nothing

    report = _import(owner, card, "phone.vcf")

    assert report.added == 1
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith(
        "line 3: FN is not in SHIFT_JIS: read as Windows-1252, it may be garbled"
    )
