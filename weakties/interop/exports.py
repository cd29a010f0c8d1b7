"""Taking data out: vCard 4.0, the tracker as CSV tables, the JSON backup, the calendar.

The vCard is written so that our own importer and ``vobject`` read back the same names,
emails, phones, organisations and notes; exporting, importing into an empty database and
exporting again gives the same file.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.contrib.auth.models import User
from django.db import models

from weakties.interop.backup import WriteError, json_text, owned_models, write_file
from weakties.interop.calendar import feed_ics, fold
from weakties.network.models import Contact, ContactPoint, ContactRole

__all__ = ["csv_tables", "csv_write", "ics_export", "json_text", "vcard_export", "write_file"]


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


def _contacts(user: User) -> models.QuerySet[Contact]:
    return (
        Contact.objects.filter(owner=user)
        .select_related("organization")
        .prefetch_related("points", "tags", "roles")
        .order_by("name", "id")
    )


def vcard_export(*, user: User) -> str:
    """Every contact of ``user`` (archived ones too) as vCard 4.0, CRLF, folded."""
    lines: list[str] = []
    for contact in _contacts(user):
        lines += ["BEGIN:VCARD", "VERSION:4.0", f"FN:{_vcard_text(contact.name)}"]
        lines.append(f"N:{_vcard_text(contact.last_name)};{_vcard_text(contact.first_name)};;;")
        if contact.organization:
            lines.append(f"ORG:{_vcard_text(contact.organization.name)}")
        if contact.title:
            lines.append(f"TITLE:{_vcard_text(contact.title)}")
        points = list(contact.points.all())
        for point in points:
            if point.kind == ContactPoint.Kind.EMAIL:
                lines.append(f"EMAIL:{_vcard_text(point.value)}")
        for point in points:
            if point.kind == ContactPoint.Kind.PHONE:
                lines.append(f"TEL;VALUE=text:{_vcard_text(point.value)}")
        for point in points:
            if point.kind in (ContactPoint.Kind.LINKEDIN, ContactPoint.Kind.URL):
                lines.append(f"URL:{_vcard_text(_uri(point.value))}")
        if contact.location:
            lines.append(f"ADR:;;;{_vcard_text(contact.location)};;;")
        if contact.notes:
            lines.append(f"NOTE:{_vcard_text(contact.notes)}")
        tags = sorted(tag.name for tag in contact.tags.all())
        if tags:
            lines.append("CATEGORIES:" + ",".join(_vcard_text(tag) for tag in tags))
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
    rows = [header]
    for contact in _contacts(user):
        points: dict[str, list[str]] = {}
        for point in contact.points.all():
            points.setdefault(point.kind, []).append(point.value)
        rows.append(
            [
                contact.name, contact.first_name, contact.last_name,
                contact.organization.name if contact.organization else "", contact.title,
                contact.get_tie_display(), str(contact.closeness), contact.get_level_display()
                if contact.level else "", contact.industry, contact.location, contact.how_met,
                "; ".join(points.get("email", [])), "; ".join(points.get("phone", [])),
                "; ".join(points.get("linkedin", [])), "; ".join(points.get("url", [])),
                "; ".join(sorted(tag.name for tag in contact.tags.all())),
                "; ".join(roles.get(r.role, r.role) for r in contact.roles.all()),
                contact.notes, contact.get_source_display(), _day(contact.added_on),
                _day(contact.last_contacted), _yes(contact.archived_at is not None),
                str(contact.pk),
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


def _generic_table(user: User, model: type[models.Model], path: str) -> list[list[str]]:
    """Any other table: its fields under their verbose names; a contact shown by name."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.name != "owner" and not SECRET_COLUMNS.search(f.name)
    ]
    names = dict(Contact.objects.filter(owner=user).values_list("id", "name"))
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
            elif getattr(field, "choices", None):
                value = dict(field.choices).get(value, value)  # type: ignore[arg-type]
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
    for model, path in owned_models():
        label = model._meta.label_lower
        if label in SKIPPED_IN_CSV:
            continue
        name = f"{_csv_name(model)}.csv"
        if name in tables:  # two areas with a table of the same name
            name = f"{model._meta.app_label}-{name}"
        tables[name] = _generic_table(user, model, path)
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
