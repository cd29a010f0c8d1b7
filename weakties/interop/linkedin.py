"""LinkedIn's data export: ``Connections.csv``, ``messages.csv`` and ``Invitations.csv``.

Every form seen in real exports is read: the current ``Connections.csv`` with its "Notes:"
preamble, Excel re-saves (no preamble, ``6-Feb-26`` dates), the 2018 form (no URL column,
``1/8/18, 6:14 PM``, ``urn:li:member:`` in the email column); ``messages.csv`` with 10 or 12
columns and the 2018 form with a Direction column; both forms of ``Invitations.csv``.
"""

from __future__ import annotations

import csv
import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from urllib.parse import unquote

from weakties.interop.records import (
    ImportFileError,
    MessageRecord,
    Party,
    PersonRecord,
    Record,
    Skipped,
    Warning,
)
from weakties.interop.text import REPEATED_HEADER, HeaderAgain, csv_rows, header_index, parse_day
from weakties.network.normalize import clean_text, is_email

HEADER_SEARCH_ROWS = 10
PLACEHOLDER_COMPANIES = {"", "-", "--", ".", "n/a", "na", "none", "self", "null"}
_PRONOUNS = re.compile(r"\(\s*(?:she|he|they|ze|xe|her|him|them)(?:\s*/\s*\w+)+\s*\)", re.I)
_TAGS = re.compile(r"<[^>]+>")
# Senders that are LinkedIn's own offers, not people: "Nikita @ LinkedIn Learning", "LinkedIn
# Premium", and the 2018 form's "Angela from" (the rest of the name, "LinkedIn", cut off).
_FROM_LINKEDIN = re.compile(r"\blinkedin\b|^\w+ from$", re.I)


# Where emoji and other pictographs live; text without any of these is returned as it is.
_MAYBE_SYMBOL = re.compile(
    "[\u00a6\u00a9\u00ae\u00b0\u02c2-\u02ff\u2100-\u2bff\u3000-\u303f\ufe0e\ufe0f"
    "\u200d\U0001f000-\U0001ffff]"
)


def _strip_symbols(text: str) -> str:
    """Drop emoji and other pictographs (and their joiners and variation selectors)."""
    if not _MAYBE_SYMBOL.search(text):
        return text
    return "".join(
        ch
        for ch in text
        if ch not in "\u200d\ufe0f\ufe0e" and unicodedata.category(ch) not in ("So", "Sk", "Cs")
    )


def clean_person_name(first: str, last: str) -> tuple[str, str]:
    """(first, last) without pronouns, credentials after a comma, emoji, tabs or stray spaces.

    "Naik, MSc, MBA, PHR" → "Naik"; "Ortega (he/him)" → "Ortega"; "🎮 Nina" → "Nina".
    """
    return _clean_name_part(first, last=False), _clean_name_part(last, last=True)


def _clean_name_part(text: str, *, last: bool) -> str:
    # Most names: no symbols to drop, no Unicode forms to fold, no tab or control character.
    plain = text.isascii() and text.isprintable()
    if not plain:
        text = _strip_symbols(text)
    if "(" in text:
        text = _PRONOUNS.sub(" ", text)
    if last and "," in text:
        text = text.split(",", 1)[0]
    if not plain:
        return clean_text(text)
    return " ".join(text.split()) if "  " in text else text.strip()


def _find_header(
    rows: Iterator[tuple[int, list[str]]], required: tuple[str, ...], *, file_name: str, what: str
) -> tuple[int, dict[str, int]]:
    for seen, (line, row) in enumerate(rows):
        index = header_index(row)
        if all(name in index for name in required):
            return line, index
        if seen >= HEADER_SEARCH_ROWS:
            break
    wanted = ", ".join(name.title() for name in required)
    raise ImportFileError(
        f"{file_name}, line 1: no header row with {wanted} found; is this LinkedIn's {what}? "
        "Import the file exactly as LinkedIn sent it (the first rows name the columns)."
    )


# The columns of a Connections.csv whose header row a user deleted, by how many there are.
HEADERLESS = {
    6: ["first name", "last name", "email address", "company", "position", "connected on"],
    7: ["first name", "last name", "url", "email address", "company", "position", "connected on"],
}


def _unwrap(row: list[str]) -> list[str]:
    """A row a spreadsheet re-saved as one quoted field ("Laura,Hertz,,…"), split again."""
    if len(row) == 1 and "," in row[0]:
        try:
            return next(csv.reader([row[0]], skipinitialspace=True))
        except (csv.Error, StopIteration):
            return row
    return row


def headerless_columns(text: str) -> list[str] | None:
    """The columns of a Connections.csv without its header row, if its first row reads as one:
    six or seven fields ending in a date."""
    for _, row in csv_rows(text[:20_000], file_name=""):
        row = _unwrap(row)
        if not any(cell.strip() for cell in row):
            continue
        if len(row) in HEADERLESS and parse_day(row[-1]) is not None:
            return HEADERLESS[len(row)]
        return None
    return None


def parse_connections(text: str, *, file_name: str) -> Iterator[Record]:
    """People from ``Connections.csv``; "Connected On" becomes the day they were added."""
    rows = csv_rows(text, file_name=file_name)
    try:
        columns = headerless_columns(text)
    except ImportFileError:
        columns = None
    if columns is not None:
        index = {name: position for position, name in enumerate(columns)}
        rows = ((line, _unwrap(row)) for line, row in rows)
        yield Warning(
            1,
            "there is no header row; the columns were read as LinkedIn's "
            f"({', '.join(name.title() for name in columns)})",
        )
    else:
        _, index = _find_header(
            rows, ("first name", "last name"), file_name=file_name, what="Connections.csv"
        )
    first_at = index["first name"]
    last_at = index["last name"]
    url_at = index.get("url", -1)
    email_at = index.get("email address", -1)
    company_at = index.get("company", -1)
    position_at = index.get("position", -1)
    date_at = index.get("connected on", -1)
    width = max(index.values()) + 1
    dates: dict[str, object] = {}
    again = HeaderAgain(index)
    for line, row in rows:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        if again(row):
            yield Skipped(line, REPEATED_HEADER)
            continue
        first, last = clean_person_name(row[first_at], row[last_at])
        name = f"{first} {last}".strip() if last else first
        url = row[url_at].strip() if url_at >= 0 else ""
        email = row[email_at].strip() if email_at >= 0 else ""
        if not name:
            reason = "empty row" if not any(cell.strip() for cell in row) else "no name"
            yield Skipped(line, reason)
            continue
        company = row[company_at].strip() if company_at >= 0 else ""
        if company.lower() in PLACEHOLDER_COMPANIES:
            company = ""
        elif "  " in company or not company.isascii() or not company.isprintable():
            company = clean_text(company)
        title = row[position_at].strip() if position_at >= 0 else ""
        if "  " in title or not title.isprintable():
            title = clean_text(title)
        connected = row[date_at] if date_at >= 0 else ""
        day = dates.get(connected)
        if day is None:
            day = dates[connected] = parse_day(connected) or False
        if day is False and connected.strip():
            yield Warning(line, f"{connected.strip()!r} is not a date; added as of today")
        if email and not is_email(email):
            if not email.startswith("urn:li:"):  # the 2018 form's member ids: not an address
                yield Warning(line, f"{email!r} is not an email address; left out")
            email = ""
        # Positional: this runs 30,000 times for a large network.
        yield PersonRecord(
            line,
            name,
            first,
            last,
            title,
            company,
            "",
            "",
            day or None,  # type: ignore[arg-type]
            [email] if email else [],
            [],
            [unquote(url) if "%" in url else url] if url else [],
            [],
        )


def _snippet(text: str) -> str:
    if "<" in text:
        text = _TAGS.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return clean_text(text)


def parse_messages(text: str, *, file_name: str) -> Iterator[Record]:
    """Messages from ``messages.csv`` (10- and 12-column forms, and the 2018 form)."""
    rows = csv_rows(text, file_name=file_name)
    _, index = _find_header(rows, ("from", "to", "date"), file_name=file_name, what="messages.csv")
    get = _getter(index)
    again = HeaderAgain(index)
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            yield Skipped(line, "empty row")
            continue
        if again(row):
            yield Skipped(line, REPEATED_HEADER)
            continue
        sender_name = clean_text(get(row, "from"))
        recipient_names = clean_text(get(row, "to"))
        sender_url = get(row, "sender profile url").strip()
        recipient_urls = [u.strip() for u in get(row, "recipient profile urls").split(",")]
        title = clean_text(get(row, "conversation title"))
        content = get(row, "content")
        if get(row, "is message draft").strip().lower() == "yes":
            yield Skipped(line, "a draft, never sent")
            continue
        if not sender_name and not recipient_names:
            yield Skipped(line, f"system message ({_snippet(content)[:60]})")
            continue
        if title.lower().startswith("sponsored") or (
            sender_name == "LinkedIn Member" and not sender_url
        ):
            yield Skipped(line, "sponsored message")
            continue
        if not sender_url and _FROM_LINKEDIN.search(sender_name):
            yield Skipped(line, "a message from LinkedIn itself")
            continue
        day = parse_day(get(row, "date"))
        if day is None:
            yield Skipped(line, f"no readable date ({get(row, 'date')!r})")
            continue
        urls = [u for u in recipient_urls if u]
        if len(urls) > 1:
            recipients = [Party("", url) for url in urls]
        else:
            recipients = [Party(recipient_names, urls[0] if urls else "")]
        direction = {"outgoing": "out", "incoming": "in"}.get(
            get(row, "direction").strip().lower(), ""
        )
        yield MessageRecord(
            line,
            occurred_on=day,
            sender=Party(sender_name, sender_url),
            recipients=recipients,
            conversation=get(row, "conversation id").strip(),
            subject=_snippet(get(row, "subject")) or title,
            content=_snippet(content),
            direction=direction,
        )


def parse_invitations(text: str, *, file_name: str) -> Iterator[Record]:
    """Invitations sent and received, from ``Invitations.csv`` (2018 and current forms)."""
    rows = csv_rows(text, file_name=file_name)
    _, index = _find_header(
        rows, ("from", "to", "sent at"), file_name=file_name, what="Invitations.csv"
    )
    get = _getter(index)
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            yield Skipped(line, "empty row")
            continue
        day = parse_day(get(row, "sent at"))
        if day is None:
            yield Skipped(line, f"no readable date ({get(row, 'sent at')!r})")
            continue
        direction = {"outgoing": "out", "incoming": "in"}.get(
            get(row, "direction").strip().lower(), ""
        )
        yield MessageRecord(
            line,
            occurred_on=day,
            sender=Party(clean_text(get(row, "from")), get(row, "inviterprofileurl").strip()),
            recipients=[Party(clean_text(get(row, "to")), get(row, "inviteeprofileurl").strip())],
            content=_snippet(get(row, "message")),
            direction=direction,
            invitation=True,
        )


def _getter(index: dict[str, int]) -> Callable[[list[str], str], str]:
    def get(row: list[str], name: str) -> str:
        position = index.get(name, -1)
        return row[position] if 0 <= position < len(row) else ""

    return get
