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
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.contrib.auth.models import User
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from weakties.interop.backup import WriteError, json_text, owned_models, write_file
from weakties.interop.calendar import feed_ics, fold
from weakties.interop.text import shorten
from weakties.interop.vcard import ADDED, contact_uid
from weakties.network.models import Contact, ContactPoint, ContactRole, Interaction

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


_URI_SAFE = "!#$%&'()*+,/:;=?@[]~"
_URI_PLAIN = re.compile(r"[A-Za-z0-9_.~!#$%&'()*+,/:;=?@\[\]-]*")


def _uri(value: str) -> str:
    """A web address as a valid URI: what is outside ASCII is percent-encoded as UTF-8.

    LinkedIn slugs with accents are stored decoded (``zoë-ünicode``); what is already encoded
    stays as it is, so encoding twice gives the same text and a round trip the same file.
    """
    if _URI_PLAIN.fullmatch(value):
        return value  # what quote leaves as it is; checked first as it is most addresses
    return quote(value, safe=_URI_SAFE)


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
    archived: bool = False
    points: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (kind, value)
    tags: list[str] = dataclasses.field(default_factory=list)
    roles: list[str] = dataclasses.field(default_factory=list)
    uid: str = ""  # the vCard UID (see vcard.contact_uid)


_PERSON_COLUMNS = (
    "id", "name", "first_name", "last_name", "organization__name", "title", "tie",
    "closeness", "level", "industry", "location", "how_met", "notes", "source",
    "added_on", "last_contacted",
)  # fmt: skip


def _people(user: User, *, uids: bool = False) -> list[_Person]:
    """Every contact of ``user`` (archived ones too), by name, with points, tags and roles,
    and with ``uids`` their vCard UIDs (made from each contact's creation time, which only
    the vCard needs: making them for 30,000 people was a fifth of the CSV tracker).

    Each related table is read once for the whole network, by owner: no list of contact ids
    is bound into a statement, so no network is too large for SQLite's limit on them.
    """
    extra = ("archived_at", "uid", "created_at") if uids else ("archived_at",)
    rows: list[Any] = list(
        Contact.objects.filter(owner=user)
        .order_by("name", "id")
        .values_list(*_PERSON_COLUMNS, *extra)
    )
    start = len(_PERSON_COLUMNS)
    people = []
    for row in rows:
        person = _Person(*row[:start])
        person.archived = row[start] is not None
        if uids:
            person.uid = contact_uid(person.id, row[start + 2], row[start + 1])
        people.append(person)
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
    for person in _people(user, uids=True):
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


def _local_time(value: datetime, zone: tzinfo | None = None) -> str:
    """A moment as a spreadsheet reads a date and time: in the user's time zone (``zone``, else
    the current one), to the second (``2026-11-22 07:29:14``), where ``isoformat`` would give
    text in UTC with microseconds."""
    if value.tzinfo is not None:
        value = value.astimezone(zone or timezone.get_current_timezone()).replace(tzinfo=None)
    return value.isoformat(sep=" ", timespec="seconds")


def _times_in(zone: tzinfo) -> Callable[[Any], str]:
    """A column's writer for moments: in ``zone``, looked up once for the whole column."""

    def write(value: Any) -> str:
        return "" if value is None else _local_time(value, zone)

    return write


def _cell(value: Any) -> str:
    if type(value) is str:  # the most common cells first: text and ids
        return value
    if type(value) is int:
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes(value)
    if isinstance(value, datetime):
        return _local_time(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


@dataclass(frozen=True, slots=True)
class _Readable:
    """How a reference to a row of a table reads in the tracker: the columns read (once, for
    all the user's rows) and the text made of the row's id and them."""

    columns: tuple[str, ...]
    text: Callable[..., str]
    # The text can repeat (two leads for one role at one organisation): the referenced row's
    # Id follows in a column of its own ("Lead id"), so rows can be matched across files.
    id_column: bool = False


READABLE = {
    # Contacts as "Ada Lovelace (#12)": names repeat, and #12 is the Id in contacts.csv.
    "network.contact": _Readable(("name",), lambda pk, name: f"{name} (#{pk})"),
    "network.organization": _Readable(("name",), lambda _, name: name),  # unique for a user
    "network.tag": _Readable(("name",), lambda _, name: name),  # unique for a user
    "leads.event": _Readable(
        ("name", "held_on"),
        lambda _, name, day: f"{name} ({day.isoformat()})",
        id_column=True,
    ),
    "leads.lead": _Readable(
        ("role", "organization__name"), lambda _, role, org: f"{role} at {org}", id_column=True
    ),
    "network.interaction": _Readable(
        ("occurred_on", "summary"),
        lambda _, day, summary: f"{day.isoformat()}: {shorten(summary)}",
        id_column=True,
    ),
    "network.nextstep": _Readable(("text",), lambda _, text: shorten(text), id_column=True),
}


class _Labels:
    """Referenced row id → its text (``READABLE``), by table: each table read once, on first
    use, by owner (no list of ids bound into a statement, no query per row)."""

    def __init__(self, user: User, paths: dict[type[models.Model], str]) -> None:
        self.user = user
        self.paths = paths
        self.values: dict[str, dict[Any, tuple[Any, ...]]] = {}
        self.texts: dict[str, dict[Any, str] | None] = {}

    @staticmethod
    def name(model: Any) -> str:
        return str(model._meta.label_lower)

    def rows(self, model: Any) -> dict[Any, tuple[Any, ...]]:
        """Id → the ``READABLE`` columns of each of the user's rows of ``model``."""
        label = self.name(model)
        if label not in self.values:
            self.values[label] = {
                pk: values
                for pk, *values in model._default_manager.filter(**{self.paths[model]: self.user})
                .order_by()
                .values_list("pk", *READABLE[label].columns)
            }
        return self.values[label]

    def of(self, model: Any) -> dict[Any, str] | None:
        """Id → text for the rows of ``model``, or None for a table with no readable form."""
        label = self.name(model)
        if label not in self.texts:
            text = READABLE[label].text if label in READABLE and model in self.paths else None
            self.texts[label] = (
                None
                if text is None
                else {pk: text(pk, *values) for pk, values in self.rows(model).items()}
            )
        return self.texts[label]


def _interaction_people(labels: _Labels) -> dict[Any, str]:
    """Interaction id → the names of who took part, "; "-joined, by name."""
    names = labels.rows(Contact)
    people: dict[Any, list[str]] = {}
    for interaction_id, contact_id in (
        Interaction.participants.through.objects.filter(interaction__owner=labels.user)
        .order_by()
        .values_list("interaction_id", "contact_id")
    ):
        if contact_id in names:  # always: the user's conversations are with their contacts
            people.setdefault(interaction_id, []).append(names[contact_id][0])
    return {pk: "; ".join(sorted(found, key=str.casefold)) for pk, found in people.items()}


# Columns made from other tables: table → (the field they follow, header, row id → text).
EXTRA_COLUMNS: dict[str, tuple[str, str, Callable[[_Labels], dict[Any, str]]]] = {
    "network.interaction": ("summary", "People", _interaction_people),
}


def _header(text: str) -> str:
    """A column name: capitalised, with the product's British spelling ("Organisation",
    "Organiser") whatever the field is called in the code."""
    text = re.sub(r"\b([Oo]rgani)z", r"\1s", text)
    return text[:1].upper() + text[1:]


def _lookup(texts: dict[Any, str], otherwise: Callable[[Any], str]) -> Callable[[Any], str]:
    """A column's writer: the text for a value, else ``otherwise(value)``."""

    def write(value: Any) -> str:
        return texts[value] if value in texts else otherwise(value)

    return write


def _generic_table(
    user: User, model: type[models.Model], path: str, labels: _Labels
) -> list[list[str]]:
    """Any other table: its fields under their verbose names; a reference to another table as
    its text (``READABLE``), a moment in the user's time zone."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.name != "owner" and not SECRET_COLUMNS.search(f.name)
    ]
    zone = timezone.get_current_timezone()  # not in the headers: a coach's formulas name them
    extra = EXTRA_COLUMNS.get(model._meta.label_lower)
    pk_index = next(i for i, f in enumerate(fields) if f.primary_key)
    # Each column: its header, the index of the value it reads, and how it writes it.
    columns: list[tuple[str, int, Callable[[Any], str]]] = []
    for index, field in enumerate(fields):
        header = _header(str(getattr(field, "verbose_name", field.name)))
        texts = labels.of(field.related_model) if field.is_relation else None
        if field.primary_key:
            columns.append(("Id", index, _cell))
        elif texts is not None:
            columns.append((header, index, _lookup(texts, _cell)))
            if READABLE[labels.name(field.related_model)].id_column:
                columns.append((f"{header} id", index, _cell))
        elif getattr(field, "choices", None):
            choices = {key: str(text) for key, text in field.flatchoices}
            columns.append((header, index, _lookup(choices, _cell)))
        elif isinstance(field, models.DateTimeField):
            columns.append((header, index, _times_in(zone)))
        else:
            columns.append((header, index, _cell))
        if extra and field.name == extra[0]:
            columns.append((extra[1], pk_index, _lookup(extra[2](labels), lambda _: "")))
    rows = [[header for header, _, _ in columns]]
    for values in (
        model._default_manager.filter(**{path: user})
        .order_by("pk")
        .values_list(*(f.attname for f in fields))
    ):
        rows.append([write(values[index]) for _, index, write in columns])
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
    owned = owned_models()
    labels = _Labels(user, dict(owned))
    for model, path in owned:
        label = model._meta.label_lower
        if label in SKIPPED_IN_CSV:
            continue
        name = f"{_csv_name(model)}.csv"
        if name in tables:  # two areas with a table of the same name
            name = f"{model._meta.app_label}-{name}"
        tables[name] = _generic_table(user, model, path, labels)
    return tables


# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A number or phone as people write it (``+44 20 7946 0018``, ``(555) 123-4567 ext. 9``,
# ``-3``), or several joined with "; " as in the Phones column: no name, no call, nothing a
# spreadsheet could run.
_PHONE = r"[0-9 +\-().\/]+(?:(?:ext\.?|extension|x)\s*[0-9]+)?"
PLAIN_NUMBER = re.compile(rf"{_PHONE}(?:; {_PHONE})*", re.IGNORECASE)


def _spreadsheet_safe(text: str) -> str:
    """``text`` so that a spreadsheet shows it rather than running it as a formula.

    Excel, LibreOffice and Google Sheets read ``=HYPERLINK(…)`` or ``@SUM(…)`` in a CSV cell
    as a formula, and an imported note or name could carry one. A leading ``'`` makes the cell
    text. Numbers and phones (``+44 20 7946 0018``, ``-3``, a contact's phones joined with
    "; ", extensions) cannot run anything and stay as they are, so they still read as written.
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
