"""Google Contacts CSV and Outlook CSV, columns mapped by name, never by position.

Google emits only as many "E-mail N - Value" groups as its busiest contact needs and packs
several values into one cell with " ::: "; Outlook desktop writes 87–92 columns in the Windows
code page and drops trailing empty fields. Both are read by column name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from weakties.interop.linkedin import _strip_symbols
from weakties.interop.records import ImportFileError, PersonRecord, Record, Skipped
from weakties.interop.text import REPEATED_HEADER, HeaderAgain, csv_rows, header_index
from weakties.network.normalize import clean_text, is_email

_GROUP = re.compile(r"^(e-mail|phone|website) \d+ - value$")
_OUTLOOK_EMAIL = re.compile(r"^e-mail( \d)? address$")
_OUTLOOK_PHONE = re.compile(r"^(.*phone|pager)( \d)?$")
# Google's own groups, as its "Outlook CSV" writes them into Categories: without the star its
# Google CSV puts before them ("* myContacts"). A user's own "Friends" or "Family" is a tag.
GOOGLE_GROUP_IDS = {"myContacts", "starred"}


def _values(cell: str) -> list[str]:
    return [value for value in (v.strip() for v in cell.split(" ::: ")) if value]


def _labels(cell: str, separator: str) -> list[str]:
    """The user's own labels or categories: not Google's system groups, which are starred
    ("* myContacts", "* starred", "* Friends"), "System Group: …" in old exports, or the bare
    ids above."""
    labels = []
    for label in cell.split(separator):
        label = clean_text(label)
        if (
            not label
            or label.startswith("*")
            or label.lower().startswith("system group:")
            or label in GOOGLE_GROUP_IDS
        ):
            continue
        labels.append(label[:60])
    return labels


def _organizations(names: str, titles: str) -> tuple[str, str, str]:
    """(organisation, title, note) from Google's cells, where " ::: " packs several jobs: the
    first is the one the contact is filed under; the others go into a note line a user reads,
    "Also: Globex (Advisor)", rather than being lost."""
    if " ::: " not in names and " ::: " not in titles:
        return clean_text(names), clean_text(titles), ""
    split_names = [clean_text(name) for name in names.split(" ::: ")]
    split_titles = [clean_text(title) for title in titles.split(" ::: ")]
    jobs = []
    for position in range(max(len(split_names), len(split_titles))):
        name = split_names[position] if position < len(split_names) else ""
        title = split_titles[position] if position < len(split_titles) else ""
        jobs.append((name, title))
    others = [f"{name} ({title})" if name and title else name or title for name, title in jobs[1:]]
    others = [other for other in others if other]
    return jobs[0][0], jobs[0][1], "Also: " + "; ".join(others) if others else ""


def _name_part(text: str) -> str:
    """A name cell without emoji or lone punctuation ("-", "*") left by other tools."""
    text = clean_text(_strip_symbols(text) if not text.isascii() else text)
    words = [word for word in text.split() if any(ch.isalnum() for ch in word)]
    return " ".join(words)


def _header(text: str, *, file_name: str) -> tuple[Iterator[tuple[int, list[str]]], dict[str, int]]:
    rows = csv_rows(text, file_name=file_name)
    for line, row in rows:
        if any(cell.strip() for cell in row):
            return rows, header_index(row)
        if line > 20:
            break
    raise ImportFileError(f"{file_name}, line 1: the file is empty; there is no header row.")


def _padded(
    rows: Iterator[tuple[int, list[str]]], index: dict[str, int]
) -> Iterator[tuple[int, list[str]]]:
    """Rows cut short (trailing empty cells dropped by some exporters) padded to the header."""
    width = max(index.values()) + 1
    for line, row in rows:
        yield line, row if len(row) >= width else row + [""] * (width - len(row))


def _cell(index: dict[str, int], row: list[str], *names: str) -> str:
    """The first of the named columns (lower-cased header names) that is not blank."""
    for name in names:
        position = index.get(name)
        if position is not None and row[position].strip():
            return row[position]
    return ""


def is_google_header(index: dict[str, int]) -> bool:
    return any(_GROUP.match(name) for name in index) or (
        "group membership" in index or ("labels" in index and "first name" in index)
    )


def is_outlook_header(index: dict[str, int]) -> bool:
    return "first name" in index and ("e-mail address" in index or "job title" in index)


def _finish(record: PersonRecord, line: int) -> Record:
    """Give a row without a name the next best thing people recognise it by."""
    if not record.name:
        record.name = (
            record.organization
            or (record.emails[0] if record.emails else "")
            or (record.phones[0] if record.phones else "")
        )
    if not record.name:
        return Skipped(line, "empty row" if not record.notes else "no name, email or phone")
    return record


def parse_google(text: str, *, file_name: str) -> Iterator[Record]:
    """People from a Google Contacts "Google CSV" export (2018 and current headers)."""
    rows, index = _header(text, file_name=file_name)
    if not is_google_header(index):
        raise ImportFileError(
            f'{file_name}, line 1: this is not a Google Contacts CSV (no "E-mail 1 - Value" '
            'or "Labels" column); export from contacts.google.com as "Google CSV".'
        )
    groups = [
        (position, name.split(" ", 1)[0]) for name, position in index.items() if _GROUP.match(name)
    ]

    cell = partial(_cell, index)
    again = HeaderAgain(index)
    for line, row in _padded(rows, index):
        if again(row):
            yield Skipped(line, REPEATED_HEADER)
            continue
        full = cell(row, "name")
        if full:
            name = _name_part(full)
            first = _name_part(cell(row, "given name", "first name"))
            last = _name_part(cell(row, "family name", "last name"))
        else:
            first = _name_part(cell(row, "first name", "given name"))
            middle = _name_part(cell(row, "middle name", "additional name"))
            last = _name_part(cell(row, "last name", "family name"))
            name = " ".join(part for part in (first, middle, last) if part)
        organization, title, also = _organizations(
            cell(row, "organization name", "organization 1 - name"),
            cell(row, "organization title", "organization 1 - title"),
        )
        notes = cell(row, "notes").replace("\r\n", "\n").strip()
        record = PersonRecord(
            line,
            name=name,
            first_name=first,
            last_name=last,
            title=title,
            organization=organization,
            notes=f"{notes}\n\n{also}" if notes and also else notes or also,
            tags=_labels(cell(row, "labels", "group membership"), " ::: "),
        )
        city = clean_text(cell(row, "address 1 - city"))
        country = clean_text(cell(row, "address 1 - country"))
        record.location = ", ".join(part for part in (city, country) if part)
        for position, group in groups:
            for value in _values(row[position]):
                if group == "e-mail":
                    if is_email(value):
                        record.emails.append(value)
                elif group == "phone":
                    record.phones.append(value)
                else:
                    record.urls.append(value)
        yield _finish(record, line)


def parse_outlook(text: str, *, file_name: str) -> Iterator[Record]:
    """People from an Outlook CSV: desktop (cp1252, 87–92 columns), Outlook.com, and Google's
    "Outlook CSV"."""
    rows, index = _header(text, file_name=file_name)
    if not is_outlook_header(index):
        raise ImportFileError(
            f'{file_name}, line 1: this is not an Outlook CSV (no "First Name" and '
            '"E-mail Address" columns); export the contacts from Outlook as CSV.'
        )
    emails = [position for name, position in index.items() if _OUTLOOK_EMAIL.match(name)]
    phones = [
        position
        for name, position in index.items()
        if _OUTLOOK_PHONE.match(name) and "fax" not in name
    ]
    webs = [index[name] for name in ("web page", "personal web page") if name in index]

    cell = partial(_cell, index)
    again = HeaderAgain(index)
    for line, row in _padded(rows, index):
        if again(row):
            yield Skipped(line, REPEATED_HEADER)
            continue
        first = _name_part(cell(row, "first name"))
        middle = _name_part(cell(row, "middle name"))
        last = _name_part(cell(row, "last name"))
        record = PersonRecord(
            line,
            name=" ".join(part for part in (first, middle, last) if part),
            first_name=first,
            last_name=last,
            title=clean_text(cell(row, "job title")),
            organization=clean_text(cell(row, "company")),
            notes=cell(row, "notes").replace("\r\n", "\n").strip(),
            tags=_labels(cell(row, "categories"), ";"),
        )
        city = clean_text(cell(row, "business city", "home city"))
        country = clean_text(
            cell(
                row,
                "business country",
                "business country/region",
                "home country",
                "home country/region",
            )
        )
        record.location = ", ".join(part for part in (city, country) if part)
        record.emails = [row[p].strip() for p in emails if is_email(row[p].strip())]
        record.phones = [row[p].strip() for p in phones if row[p].strip()]
        record.urls = [row[p].strip() for p in webs if row[p].strip()]
        yield _finish(record, line)
