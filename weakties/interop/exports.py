"""Taking data out: vCard 4.0, the tracker as CSV tables, the JSON backup, the calendar.

The vCard is written so that our own importer and ``vobject`` read back the same names,
emails, phones, organisations and notes; exporting, importing into an empty database and
exporting again gives the same file.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.contrib.auth.models import User
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from weakties.interop.backup import WriteError, json_text, owned_models, write_file
from weakties.interop.calendar import feed_ics, fold
from weakties.interop.vcard import ADDED, contact_uid
from weakties.network.models import Contact, ContactPoint, ContactRole

__all__ = ["csv_tables", "csv_write", "ics_export", "json_text", "vcard_export", "write_file"]


_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S")


def _vcard_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def _uri(value: str) -> str:
    """A web address as a valid URI: what is outside ASCII is percent-encoded as UTF-8.

    LinkedIn slugs with accents are stored decoded (``zoë-ünicode``); what is already encoded
    stays as it is, so encoding twice gives the same text and a round trip the same file.
    """
    return quote(value, safe="!#$%&'()*+,/:;=?@[]~")


@dataclass(slots=True)
class _Person:
    """A contact as the exports write it, read without model instances (30,000 contacts with
    their points, tags and roles as ORM objects took 5–10 s; these few queries, well under 1)."""

    id: int
    name: str
    first_name: str
    last_name: str
    organization: str
    title: str
    tie: str
    closeness: int
    level: str
    industry: str
    location: str
    how_met: str
    notes: str
    source: str
    added_on: date | None
    last_contacted: date | None
    archived: bool
    points: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (kind, value)
    tags: list[str] = dataclasses.field(default_factory=list)
    roles: list[str] = dataclasses.field(default_factory=list)
    uid: str = ""  # the vCard UID (see vcard.contact_uid)


def _people(user: User) -> list[_Person]:
    """Every contact of ``user`` (archived ones too), by name, with points, tags and roles.

    Each related table is read once for the whole network, by owner: no list of contact ids
    is bound into a statement, so no network is too large for SQLite's limit on them.
    """
    people = [
        _Person(*row[:-3], archived=row[-3] is not None, uid=contact_uid(row[0], row[-1], row[-2]))
        for row in Contact.objects.filter(owner=user)
        .order_by("name", "id")
        .values_list(
            "id", "name", "first_name", "last_name", "organization__name", "title", "tie",
            "closeness", "level", "industry", "location", "how_met", "notes", "source",
            "added_on", "last_contacted", "archived_at", "uid", "created_at",
        )
    ]  # fmt: skip
    by_id = {person.id: person for person in people}
    for person in people:
        person.organization = person.organization or ""
    points = ContactPoint.objects.filter(owner=user).order_by("kind", "id")
    for contact_id, kind, value in points.values_list("contact_id", "kind", "value"):
        by_id[contact_id].points.append((kind, value))
    tags = Contact.tags.through.objects.filter(contact__owner=user).order_by(Lower("tag__name"))
    for contact_id, name in tags.values_list("contact_id", "tag__name"):
        by_id[contact_id].tags.append(name)
    roles = ContactRole.objects.filter(contact__owner=user).order_by("role")
    for contact_id, role in roles.values_list("contact_id", "role"):
        by_id[contact_id].roles.append(role)
    return people


def vcard_export(*, user: User) -> str:
    """Every contact of ``user`` (archived ones too) as vCard 4.0, CRLF, folded."""
    lines: list[str] = []
    for person in _people(user):
        lines += ["BEGIN:VCARD", "VERSION:4.0", f"FN:{_vcard_text(person.name)}"]
        # A UID is a URI unless said otherwise; an address book's own may be any text.
        uid_type = "" if _URI_SCHEME.match(person.uid) else ";VALUE=text"
        lines.append(f"UID{uid_type}:{_vcard_text(person.uid)}")
        lines.append(f"N:{_vcard_text(person.last_name)};{_vcard_text(person.first_name)};;;")
        if person.organization:
            lines.append(f"ORG:{_vcard_text(person.organization)}")
        if person.title:
            lines.append(f"TITLE:{_vcard_text(person.title)}")
        for kind, value in person.points:
            if kind == ContactPoint.Kind.EMAIL:
                lines.append(f"EMAIL:{_vcard_text(value)}")
        for kind, value in person.points:
            if kind == ContactPoint.Kind.PHONE:
                lines.append(f"TEL;VALUE=text:{_vcard_text(value)}")
        for kind, value in person.points:
            if kind in (ContactPoint.Kind.LINKEDIN, ContactPoint.Kind.URL):
                lines.append(f"URL:{_vcard_text(_uri(value))}")
        if person.location:
            lines.append(f"ADR:;;;{_vcard_text(person.location)};;;")
        if person.notes:
            lines.append(f"NOTE:{_vcard_text(person.notes)}")
        if person.tags:
            lines.append("CATEGORIES:" + ",".join(_vcard_text(tag) for tag in sorted(person.tags)))
        if person.added_on:
            lines.append(f"{ADDED}:{person.added_on.isoformat()}")
        lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def _yes(value: bool) -> str:
    return "yes" if value else ""


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _tracker(user: User) -> list[list[str]]:
    """contacts.csv: one row per person with everything a coach reads in a spreadsheet."""
    roles = dict(ContactRole.Role.choices)
    header = [
        "Name", "First name", "Last name", "Organisation", "Title", "Tie", "Closeness",
        "Level", "Industry", "Location", "How we met", "Emails", "Phones", "LinkedIn",
        "Web addresses", "Tags", "Roles", "Notes", "Source", "Added on", "Last contacted",
        "Archived", "Id",
    ]  # fmt: skip
    ties = dict(Contact.Tie.choices)
    levels = dict(Contact.Level.choices)
    sources = dict(Contact.Source.choices)
    rows = [header]
    for person in _people(user):
        points: dict[str, list[str]] = {}
        for kind, value in person.points:
            points.setdefault(kind, []).append(value)
        rows.append(
            [
                person.name, person.first_name, person.last_name, person.organization,
                person.title, str(ties.get(person.tie, person.tie)), str(person.closeness),
                str(levels.get(person.level, person.level)) if person.level else "",
                person.industry, person.location, person.how_met,
                "; ".join(points.get("email", [])), "; ".join(points.get("phone", [])),
                "; ".join(points.get("linkedin", [])), "; ".join(points.get("url", [])),
                "; ".join(sorted(person.tags)),
                "; ".join(str(roles.get(role, role)) for role in person.roles),
                person.notes, str(sources.get(person.source, person.source)),
                _day(person.added_on), _day(person.last_contacted), _yes(person.archived),
                str(person.id),
            ]
        )  # fmt: skip
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _generic_table(
    user: User, model: type[models.Model], path: str, names: dict[int, str]
) -> list[list[str]]:
    """Any other table: its fields under their verbose names; a contact shown by name
    (``names``: contact id → name)."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.name != "owner" and not SECRET_COLUMNS.search(f.name)
    ]
    choices: dict[str, dict[Any, Any]] = {
        f.attname: dict(f.flatchoices) for f in fields if getattr(f, "choices", None)
    }
    header = []
    for field in fields:
        label = str(getattr(field, "verbose_name", field.name))
        header.append("Id" if field.primary_key else label[:1].upper() + label[1:])
    rows = [header]
    for values in (
        model._default_manager.filter(**{path: user})
        .order_by("pk")
        .values_list(*(f.attname for f in fields))
    ):
        row = []
        for field, value in zip(fields, values, strict=True):
            if field.is_relation and field.related_model is Contact and value in names:
                value = f"{names[value]} (#{value})"
            elif field.attname in choices:
                value = choices[field.attname].get(value, value)
            row.append(_cell(value))
        rows.append(row)
    return rows


SKIPPED_IN_CSV = {
    # In contacts.csv already, one row per person.
    "network.contact",
    "network.contactpoint",
    "network.contactrole",
    "network.contact_tags",
    # The calendar URL's secret token: whoever has it reads the live feed, and a tracker file
    # gets shared. The JSON backup keeps it, being a full backup.
    "interop.calendarfeed",
    # What the calendar feed last published, kept to number event updates: nothing to read.
    "interop.feedevent",
}
CSV_NAMES = {"interop.importrecord": "imports"}
SECRET_COLUMNS = re.compile(r"token|secret|password", re.IGNORECASE)


def _csv_name(model: type[models.Model]) -> str:
    """A file name a spreadsheet user reads: ``next-steps``, ``interaction-participants``."""
    label = model._meta.label_lower
    if label in CSV_NAMES:
        return CSV_NAMES[label]
    through_of = model._meta.auto_created
    if isinstance(through_of, type):  # a many-to-many table: its model and field
        field = next(f for f in through_of._meta.many_to_many if f.remote_field.through is model)
        words = f"{through_of._meta.verbose_name} {field.verbose_name}"
    else:
        words = str(model._meta.verbose_name_plural)
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")


def csv_tables(*, user: User) -> dict[str, list[list[str]]]:
    """File name → rows, one file per table; contacts flattened into one readable sheet."""
    tables = {"contacts.csv": _tracker(user)}
    names = dict(Contact.objects.filter(owner=user).values_list("id", "name"))
    for model, path in owned_models():
        label = model._meta.label_lower
        if label in SKIPPED_IN_CSV:
            continue
        name = f"{_csv_name(model)}.csv"
        if name in tables:  # two areas with a table of the same name
            name = f"{model._meta.app_label}-{name}"
        tables[name] = _generic_table(user, model, path, names)
    return tables


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[0-9 +\-().\/]+")


def _spreadsheet_safe(text: str) -> str:
    """``text`` so that a spreadsheet shows it rather than running it as a formula.

    Excel, LibreOffice and Google Sheets read ``=HYPERLINK(…)`` or ``@SUM(…)`` in a CSV cell
    as a formula, and an imported note or name could carry one. A leading ``'`` makes the cell
    text. Numbers and phones (``+44 20 7946 0018``, ``-3``) cannot run anything and stay as
    they are, so they still read as written.
    """
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [_spreadsheet_safe(cell) for cell in row] for row in rows
    )
    # A BOM makes Excel read the file as UTF-8 instead of the Windows code page.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_write(*, user: User, target: Path) -> dict[str, int]:
    """Write the tables into a .zip file or a folder; returns file name → data rows.

    Each file is written whole or not at all; missing folders are created.
    """
    tables = csv_tables(user=user)
    if target.suffix.lower() == ".zip":
        write_file(target, _zip_bytes(tables), example="tracker.zip")
    else:
        if target.exists() and not target.is_dir():
            raise WriteError(
                f"{target}: this is a file, not a folder; give a folder or a .zip file name."
            )
        for name, rows in tables.items():
            write_file(target / name, _csv_bytes(rows), example=name)
    return {name: len(rows) - 1 for name, rows in tables.items()}


def _zip_bytes(tables: dict[str, list[list[str]]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            archive.writestr(name, _csv_bytes(rows))
    return buffer.getvalue()


def csv_zip_bytes(*, user: User) -> bytes:
    return _zip_bytes(csv_tables(user=user))


def ics_export(*, user: User, today: date) -> str:
    return feed_ics(user=user, today=today)
