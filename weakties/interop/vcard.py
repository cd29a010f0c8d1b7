"""vCard 2.1, 3.0 and 4.0, read the way real phones and mail programs write them.

``vobject`` fails on 10 of the 25 real files in the shared fixtures (quoted-printable soft
breaks, CR CR LF, ``#`` comment lines, unfolded 2.1 continuations, Shift_JIS), so this is a
small parser of its own working on bytes:

1. Line endings (CRLF, LF, CR, CR CR LF) become one; a UTF-8 BOM is dropped.
2. Physical lines join into properties: a quoted-printable value ending in ``=`` continues on
   the next line; a line starting with a space or tab is a fold; a line starting with ``#`` is a
   comment; a line that is not ``NAME[;PARAMS]:VALUE`` continues the previous property (2.1
   writers do that, and base64 photos end up there too and are ignored).
3. Each value is decoded by its own ENCODING and CHARSET parameters (Shift_JIS included), else
   as UTF-8, else Windows-1252; then unescaped by the card's version.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import quopri
import re
import uuid
from collections.abc import Iterator
from datetime import date, datetime

from weakties.interop.records import ImportFileError, PersonRecord, Record, Skipped, Warning
from weakties.interop.text import shorten
from weakties.network.normalize import clean_text

_PROPERTY = re.compile(rb"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?[;:]")
UID_LIMIT = 200  # Contact.uid
ADDED = "X-WEAKTIES-ADDED"  # our own property: the day a person joined the network
_UID_NAMESPACE = uuid.UUID("6f1c2d84-8a57-4c4e-9a0e-3b7de1f0c5a2")  # weakties' own, made once
_UID_NAMESPACE_BYTES = _UID_NAMESPACE.bytes


def contact_uid(contact_id: int, created_at: datetime, stored: str = "") -> str:
    """The UID our vCard export writes for a contact: the one it was imported with, else one
    made from its id and creation time (stable for the life of the database, a restore
    included, and different in every other one).

    Importing a card with this UID finds the contact again, and two cards with different
    UIDs in one file stay two people even when they share a name and nothing else.
    """
    if stored:
        return stored
    made = f"{contact_id}/{created_at.timestamp():.6f}"
    # uuid.uuid5(_UID_NAMESPACE, made), written out: building UUID objects cost a tenth of
    # the vCard export of 30,000 people. SHA-1 of the namespace and the name; its first 16
    # bytes with the version (5) in the 13th hex digit and the variant (binary 10) in the
    # top bits of the 17th.
    h = hashlib.sha1(_UID_NAMESPACE_BYTES + made.encode(), usedforsecurity=False).hexdigest()
    variant = "89ab"[int(h[16], 16) & 3]
    return f"urn:uuid:{h[:8]}-{h[8:12]}-5{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"


_CHARSET_ALIASES = {"shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932"}


def _utf16_as_utf8(data: bytes, file_name: str) -> bytes:
    """The file with a UTF-16 byte order mark turned into UTF-8 (Windows' "Unicode" save):
    the card parser works on bytes, one CHARSET per property, ASCII property names."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise ImportFileError(f"{file_name}: the file is cut short (broken UTF-16).") from None
    return data


def _logical_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(physical line number, property line) after joining folds and soft breaks."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    data = data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    current: list[bytes] = []
    start = 0
    quoted_printable = False
    for number, line in enumerate(data.split(b"\n"), start=1):
        if current and quoted_printable and current[-1].endswith(b"="):
            current[-1] = current[-1][:-1]
            current.append(line)
            continue
        if current and line[:1] in (b" ", b"\t"):
            current.append(line[1:])
            continue
        if not line.strip() or line.startswith(b"#"):
            continue
        if _PROPERTY.match(line):
            if current:
                yield start, b"".join(current)
            current = [line]
            start = number
            head = line.split(b":", 1)[0].upper()
            quoted_printable = b"QUOTED-PRINTABLE" in head
            continue
        if current:  # a 2.1 value running on over several lines
            current.append(b"\n" + line)
    if current:
        yield start, b"".join(current)


def _split_quoted(text: bytes, separator: bytes) -> list[bytes]:
    parts, quoted, start = [], False, 0
    for position in range(len(text)):
        char = text[position : position + 1]
        if char == b'"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return parts


def _parse_property(line: bytes) -> tuple[str, dict[str, list[str]], bytes] | None:
    """(NAME, {PARAM: [values]}, raw value) of one property line."""
    colon = -1
    quoted = False
    for position, byte in enumerate(line):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            colon = position
            break
    if colon < 0:
        return None
    head, value = line[:colon], line[colon + 1 :]
    pieces = _split_quoted(head, b";")
    name = pieces[0].decode("ascii", "replace").upper().rsplit(".", 1)[-1]
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        text = piece.decode("utf-8", "replace")
        if "=" in text:
            key, _, values = text.partition("=")
            params.setdefault(key.strip().upper(), []).extend(
                v.strip().strip('"') for v in values.split(",")
            )
        else:  # vCard 2.1: ";WORK;PREF" or ";QUOTED-PRINTABLE"
            bare = text.strip().upper()
            if bare in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"):
                params.setdefault("ENCODING", []).append(bare)
            else:
                params.setdefault("TYPE", []).append(bare)
    return name, params, value


def _decode_value(params: dict[str, list[str]], value: bytes) -> tuple[str | None, str]:
    """(text, what went wrong: "" or the charset the bytes are not in) of a property value;
    no text for photos, keys and sounds."""
    encoding = {v.upper() for v in params.get("ENCODING", [])}
    if encoding & {"BASE64", "B"}:
        return None, ""  # photos, keys, sounds
    if "QUOTED-PRINTABLE" in encoding:
        value = quopri.decodestring(value)
    value = value.replace(b"\x00", b"")  # no database stores NUL in text
    charset = (params.get("CHARSET") or [""])[0].strip().lower()
    charset = _CHARSET_ALIASES.get(charset, charset)
    if charset:
        try:
            text = value.decode(codecs.lookup(charset).name).replace("\x00", "")
            text.encode("utf-8")  # what "unicode-escape" makes of "\\ud800" cannot be stored
            return text, ""
        except (LookupError, UnicodeError, ValueError):
            # No such charset, a codec that is not one ("undefined", "punycode" on bytes that
            # are not), or bytes that are not in it: read as if none had been declared.
            pass
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("cp1252", "replace"), params.get("CHARSET", ["UTF-8"])[0]
    return text, ""


def _split_unescaped(text: str, separator: str) -> list[str]:
    parts, current, escaped = [], [], False
    for char in text:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    out, escaped = [], False
    for char in text:
        if escaped:
            out.append("\n" if char in "nN" else char)
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            out.append(char)
    if escaped:
        out.append("\\")
    return "".join(out)


def _list_values(params: dict[str, list[str]], value: str) -> list[str]:
    """The values of a comma-separated list property (CATEGORIES), unescaped: "café\\, bar,x"
    is "café, bar" and "x", as our export writes the tag "café, bar" and vobject reads it.

    One writer's quirk: Thunderbird's address book add-on escapes every comma between its
    categories ("a\\, b\\, c") in cards that also carry the vCard 2.1 CHARSET parameter. A list
    with no plain comma from such a writer is read as several values.
    """
    parts = _split_unescaped(value, ",")
    if len(parts) == 1 and "CHARSET" in params:
        parts = value.split("\\,")
    return [_unescape(part) for part in parts]


def _location(components: list[str]) -> str:
    city = clean_text(components[3]) if len(components) > 3 else ""
    country = clean_text(components[6]) if len(components) > 6 else ""
    return ", ".join(part for part in (city, country) if part)


def _card_record(line: int, properties: list[tuple[str, dict[str, list[str]], str]]) -> Record:
    record = PersonRecord(line)
    notes: list[str] = []
    given = family = ""
    for name, params, value in properties:
        types = {t.upper() for t in params.get("TYPE", [])}
        if name == "FN" and not record.name:
            record.name = clean_text(_unescape(value))
        elif name == "N" and not (given or family):
            parts = [_unescape(p) for p in _split_unescaped(value, ";")]
            family = clean_text(parts[0]) if parts else ""
            given = clean_text(parts[1]) if len(parts) > 1 else ""
        elif name == "ORG" and not record.organization:
            record.organization = clean_text(_unescape(_split_unescaped(value, ";")[0]))
        elif name == "TITLE" and not record.title:
            record.title = clean_text(_unescape(value))
        elif name == "EMAIL":
            email = _unescape(value).strip().removeprefix("mailto:")
            if email:
                record.emails.append(email)
        elif name == "TEL" and "FAX" not in types:
            phone = _unescape(value).strip().removeprefix("tel:").replace(";ext=", " ext. ")
            if phone:
                record.phones.append(phone)
        elif name == "URL":
            url = _unescape(value).strip()
            if url:
                record.urls.append(url)
        elif name == "NOTE":
            note = _unescape(value).replace("\r\n", "\n").strip()
            if note:
                notes.append(note)
        elif name == "CATEGORIES":
            for category in _list_values(params, value):
                category = clean_text(category)
                if category and category.lower() not in ("my contacts", "mycontacts"):
                    record.tags.append(category[:60])
        elif name == "ADR" and not record.location:
            record.location = _location([_unescape(p) for p in _split_unescaped(value, ";")])
        elif name == "UID" and not record.uid:
            record.uid = _unescape(value).strip()[:UID_LIMIT]
        elif name == ADDED and record.added_on is None:
            # Our own property; hand-edited into something else, the import day stands.
            with contextlib.suppress(ValueError):
                record.added_on = date.fromisoformat(value.strip())
    record.first_name, record.last_name = given, family
    if not record.name:
        record.name = " ".join(part for part in (given, family) if part)
    record.notes = "\n\n".join(notes)
    if not record.name:
        record.name = (
            record.organization
            or (record.emails[0] if record.emails else "")
            or (record.phones[0] if record.phones else "")
        )
    if not record.name:
        return Skipped(line, "a card with no name, email or phone")
    return record


_SHOWN = {"FN", "N", "ORG", "TITLE", "NOTE", "ADR", "CATEGORIES"}  # a garbled one is seen


def parse_vcards(data: bytes, *, file_name: str) -> Iterator[Record]:
    """One record per ``BEGIN:VCARD`` … ``END:VCARD`` in the file."""
    properties: list[tuple[str, dict[str, list[str]], str]] | None = None
    begin = 0
    cards = 0
    for line, raw in _logical_lines(_utf16_as_utf8(data, file_name)):
        parsed = _parse_property(raw)
        if parsed is None:
            continue
        name, params, value = parsed
        if name == "BEGIN" and value.strip().upper() == b"VCARD":
            if properties is not None:
                raise ImportFileError(
                    f"{file_name}, line {begin}: this card has no END:VCARD before the next "
                    "BEGIN:VCARD; the file looks cut or pasted together."
                )
            properties, begin = [], line
            continue
        if name == "END" and value.strip().upper() == b"VCARD":
            if properties is None:
                raise ImportFileError(
                    f"{file_name}, line {line}: END:VCARD without a BEGIN:VCARD before it."
                )
            cards += 1
            yield _card_record(begin, properties)
            properties = None
            continue
        if properties is None:
            continue
        text, unreadable = _decode_value(params, value)
        if text is None:
            continue
        properties.append((name, params, text))
        if unreadable and name in _SHOWN:
            yield Warning(
                line,
                f"{name} is not in {unreadable}: read as Windows-1252, it may be garbled "
                f"({shorten(text, 40)}); check the card or export it again as UTF-8",
            )
    if properties is not None:
        raise ImportFileError(
            f"{file_name}, line {begin}: the card that begins here has no END:VCARD; "
            "the file is cut short."
        )
    if not cards:
        raise ImportFileError(
            f"{file_name}, line 1: no BEGIN:VCARD found; this is not a vCard (.vcf) file."
        )
