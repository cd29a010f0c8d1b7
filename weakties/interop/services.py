"""Writes of the import/export area: importing a file, restoring a backup, the calendar token.

``import_file`` is the one entry point every interface uses (CLI, web page, benchmark): it reads
the bytes, works out what kind of file it is, parses it completely, and only then writes,
inside one transaction, through ``merge``. Any error leaves the database as it was; a dry run
does all the same work and rolls back.
"""

from __future__ import annotations

import gc
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from weakties.dates import local_today
from weakties.interop import backup, contacts_csv, linkedin, merge, vcard
from weakties.interop.models import CalendarFeed, ImportRecord
from weakties.interop.records import (
    ImportFileError,
    ImportReport,
    MessageRecord,
    PersonRecord,
    Record,
    Skipped,
    Warning,
)
from weakties.interop.text import (
    DAMAGED_UTF8,
    csv_rows,
    damaged_lines,
    decode,
    header_index,
    looks_like_mojibake,
    may_hold_mojibake,
)
from weakties.network.models import Contact

# What a person types → the kinds of file it covers.
KINDS = {
    "linkedin": ("linkedin", "linkedin-messages", "linkedin-invitations"),
    "google": ("google",),
    "outlook": ("outlook",),
    "vcard": ("vcard",),
}
SOURCES = {
    "linkedin": Contact.Source.LINKEDIN,
    "google": Contact.Source.GOOGLE,
    "outlook": Contact.Source.OUTLOOK,
    "vcard": Contact.Source.VCARD,
}
KIND_NAMES = {  # "this is not … file"
    "linkedin": "a LinkedIn",
    "google": "a Google Contacts",
    "outlook": "an Outlook",
    "vcard": "a vCard",
}
WHAT_WE_READ = (
    "LinkedIn's Connections.csv, messages.csv or Invitations.csv, a Google Contacts or "
    "Outlook CSV, or a vCard (.vcf)"
)
MOJIBAKE_EXAMPLES = 3
# Columns of contacts.csv from ``weakties export csv`` (exports._tracker).
OUR_TRACKER = {"name", "tie", "closeness", "how we met", "source", "added on"}


def _is_vcard(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: Windows' "Unicode" save
        data = data[:4096].decode("utf-16", "ignore").encode("utf-8")
    head = data.lstrip()[:2048].removeprefix(b"\xef\xbb\xbf").lstrip().upper()
    return head.startswith(b"BEGIN:VCARD") or b"\nBEGIN:VCARD" in head


class OurOwnFile(ImportFileError):
    """A file weakties itself wrote that is not an import (the backup, the CSV tracker): said
    whatever kind the user asked for, with what to do instead."""


def _is_backup(text: str) -> bool:
    """Our own JSON backup (``weakties export json``), which ``weakties restore`` reads."""
    head = text[:500]
    return head.lstrip().startswith("{") and f'"{backup.FORMAT}"' in head


def detect_kind(data: bytes, text: str | None, *, file_name: str) -> str:
    """The precise kind of file (an ``ImportRecord.Kind`` value), from its first rows."""
    if _is_vcard(data):
        return "vcard"
    if text is None:
        text, _ = decode(data, file_name=file_name)
    tracker_line = 0
    try:
        for seen, (line, row) in enumerate(csv_rows(text[:200_000], file_name=file_name)):
            index = header_index(row)
            if (
                "first name" in index
                and "last name" in index
                and ("connected on" in index or "position" in index)
            ):
                return "linkedin"
            if "conversation id" in index or {"from", "to", "date"} <= index.keys():
                return "linkedin-messages"
            if {"from", "to", "sent at"} <= index.keys():
                return "linkedin-invitations"
            if contacts_csv.is_google_header(index):
                return "google"
            if contacts_csv.is_outlook_header(index):
                return "outlook"
            if index.keys() >= OUR_TRACKER:
                tracker_line = line
                break
            if seen >= 10:
                break
        if linkedin.headerless_columns(text):
            return "linkedin"
    except ImportFileError:
        if len(text) < 200_000 and not _is_backup(text):
            raise
    if tracker_line:
        said = (
            f"{file_name}, line {tracker_line}: this is weakties' own CSV tracker, made for "
            "spreadsheets, and it is not read back; to move a network"
        )
        raise OurOwnFile(
            f"{said}, export a backup (weakties export json) and restore it "
            "(weakties restore FILE).",
            web=f"{said}, download the Complete backup (JSON) and restore it on the Export page.",
        )
    if _is_backup(text):
        said = (
            f"{file_name}: this is a weakties backup, not a contacts file; a backup comes back "
            "whole, into an empty network"
        )
        raise OurOwnFile(
            f"{said}: weakties restore {file_name}",
            web=f"{said}: restore it on the Export page.",
        )
    raise ImportFileError(
        f"{file_name}, line 1: weakties cannot tell what kind of file this is; it reads "
        f"{WHAT_WE_READ}, each with its header row as exported."
    )


def _parse(kind: str, data: bytes, text: str, *, file_name: str) -> Iterator[Record]:
    if kind == "vcard":
        return vcard.parse_vcards(data, file_name=file_name)
    parser = {
        "linkedin": linkedin.parse_connections,
        "linkedin-messages": linkedin.parse_messages,
        "linkedin-invitations": linkedin.parse_invitations,
        "google": contacts_csv.parse_google,
        "outlook": contacts_csv.parse_outlook,
    }[kind]
    return parser(text, file_name=file_name)


def _mojibake_warning(people: list[PersonRecord]) -> str | None:
    lines: list[int] = []
    example = ""
    for record in people:
        for value in (record.name, record.organization, record.title, record.notes):
            repaired = looks_like_mojibake(value) if value else None
            if repaired:
                lines.append(record.line)
                if not example:
                    example = f'"{value}" (probably "{repaired}")'
                break
    if not lines:
        return None
    shown = ", ".join(str(line) for line in lines[:20]) + (" …" if len(lines) > 20 else "")
    return (
        f"{'line' if len(lines) == 1 else 'lines'} {shown}: text looks garbled by a wrong "
        f"encoding, e.g. {example}; it was imported as written: fix it at the source and "
        "export again, or edit those contacts"
    )


def import_file(
    *,
    owner: User,
    data: bytes,
    file_name: str,
    kind: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> ImportReport:
    """Import a contacts or LinkedIn file into ``owner``'s network, all or nothing.

    ``kind`` is what the user said (linkedin, google, outlook, vcard) or None to detect it.
    ``progress(done, total, phase)`` is told how far reading has come (in lines).
    Raises ``ImportFileError`` (exit code 2) when the file cannot be read as that kind.
    """
    # A large file allocates hundreds of thousands of small objects, none of them in a
    # reference cycle: the cyclic collector would walk them over and over (a quarter of the
    # time of a 30,000-row import) for nothing. It is switched back on when we are done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _import(
            owner=owner,
            data=data,
            file_name=file_name,
            kind=kind,
            dry_run=dry_run,
            progress=progress,
        )
    finally:
        if collecting:
            gc.enable()


def _import(
    *,
    owner: User,
    data: bytes,
    file_name: str,
    kind: str | None,
    dry_run: bool,
    progress: Callable[[int, int, str], None] | None,
) -> ImportReport:
    file_name = Path(file_name).name or "the file"
    if not data.strip():
        raise ImportFileError(f"{file_name}, line 1: the file is empty.")
    text = "" if _is_vcard(data) else None
    encoding = "utf-8"
    if text is None:
        text, encoding = decode(data, file_name=file_name)
    if kind is not None and kind not in KINDS:
        raise ImportFileError(f"Unknown kind {kind!r}; choose from {', '.join(KINDS)}.")
    try:
        detected = detect_kind(data, text, file_name=file_name)
    except OurOwnFile:
        raise
    except ImportFileError:
        if kind is None:
            raise
        detected = KINDS[kind][0]  # its parser says precisely what is missing
    if kind is not None and detected not in KINDS[kind]:
        label = ImportRecord.Kind(detected).label
        raise ImportFileError(
            f"{file_name}, line 1: this is not {KIND_NAMES[kind]} file, it looks like {label}; "
            f"import it as {detected.split('-')[0]}, or leave the kind for weakties to tell."
        )
    report = ImportReport(kind=detected, file_name=file_name, dry_run=dry_run)
    if encoding == "cp1252":
        report.warnings.append(f"{file_name} is not UTF-8; it was read as Windows-1252 (cp1252).")
    elif encoding == "latin-1":
        report.warnings.append(f"{file_name} is not UTF-8; it was read as Latin-1 (ISO-8859-1).")
    elif encoding == DAMAGED_UTF8:
        lines = damaged_lines(text)
        report.warnings.append(
            f"{file_name} is UTF-8 with bytes that are not (on line{'s' if len(lines) > 1 else ''} "
            f"{', '.join(map(str, lines))}): each shows as \ufffd; check those rows, or export "
            "the file again if it was cut short."
        )
    people: list[PersonRecord] = []
    messages: list[MessageRecord] = []
    total = text.count("\n") + 1 if text else data.count(b"\n") + 1
    for number, record in enumerate(_parse(detected, data, text, file_name=file_name)):
        if isinstance(record, PersonRecord):
            people.append(record)
        elif isinstance(record, MessageRecord):
            messages.append(record)
        elif isinstance(record, Skipped):
            report.skipped.append(record)
        elif isinstance(record, Warning):
            report.warnings.append(f"line {record.line}: {record.text}")
        if progress and number % 2000 == 0:
            progress(record.line, total, "Reading")
    garbled = _mojibake_warning(people) if not text or may_hold_mojibake(text) else None
    if garbled:
        report.warnings.append(garbled)
    if progress:
        progress(total, total, "Saving")
    now = timezone.now()
    with transaction.atomic():
        if detected.startswith("linkedin-"):
            report.interactions = True
            merge.merge_messages(owner=owner, records=messages, report=report, now=now)
        else:
            merge.merge_people(
                owner=owner,
                records=people,
                source=SOURCES[detected.split("-")[0]],
                report=report,
                today=local_today(),
                now=now,
            )
        report.skipped.sort(key=lambda skipped: skipped.line)
        if dry_run:
            transaction.set_rollback(True)
        elif report.added or report.updated:
            ImportRecord.objects.create(
                owner=owner,
                kind=detected,
                file_name=file_name[:300],
                sha256=merge.sha256(data),
                added=report.added,
                updated=report.updated,
                unchanged=report.unchanged,
                skipped=len(report.skipped),
                warnings=len(report.warnings),
                imported_at=now,
            )
    return report


def calendar_feed_get_or_create(*, owner: User) -> CalendarFeed:
    """The user's calendar feed, made on first use."""
    feed = CalendarFeed.objects.filter(owner=owner).first()
    if feed is None:
        feed = CalendarFeed.objects.create(owner=owner, token=secrets.token_urlsafe(24))
    return feed


@transaction.atomic
def calendar_feed_revoke(*, owner: User) -> CalendarFeed:
    """Replace the secret token: the old URL stops working at once."""
    CalendarFeed.objects.filter(owner=owner).delete()
    return CalendarFeed.objects.create(owner=owner, token=secrets.token_urlsafe(24))
