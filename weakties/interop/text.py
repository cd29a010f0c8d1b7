"""Reading bytes people export: encodings, CSV rows with their line numbers, and dates.

Dates are read by splitting and a month table rather than ``strptime``: on a 30,000-row file
``strptime`` alone costs more than the whole rest of the import.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date

from weakties.interop.records import ImportFileError

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "jän", "janv"),
            ("feb", "february", "febr", "févr"),
            ("mar", "march", "mär", "mars"),
            ("apr", "april", "avr"),
            ("may", "mai"),
            ("jun", "june", "juni", "juin"),
            ("jul", "july", "juli", "juil"),
            ("aug", "august", "août"),
            ("sep", "sept", "september"),
            ("oct", "october", "okt"),
            ("nov", "november"),
            ("dec", "december", "dez", "déc"),
        ],
        start=1,
    )
    for name in names
}

# Text that was UTF-8, read as Windows-1252 and saved again: "Ã©" for "é", "â€™" for "’".
_MOJIBAKE_HINT = re.compile("[ÃÂâÅÐÑ][\u0080-\u00bf\u0152-\u0192\u02c6-\u02dc\u2013-\u2122]")
_MOJIBAKE_LEADS = "ÃÂâÅÐÑ"  # the first characters of every pattern above

_DELIMITERS = ",;\t"  # in order of preference when they tie
_DELIMITER_SCAN = 16_000  # characters: the header of an 87-column Outlook file and more
_DELIMITER_RECORDS = 8  # the preamble, the header and a few rows


def decode(data: bytes, *, file_name: str) -> tuple[str, str]:
    """(text, encoding) of a file: UTF-8 with or without BOM, UTF-16 with BOM, else cp1252.

    Binary files (images, spreadsheets saved as .xlsx, zips) are refused with a message.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    if encoding != "utf-16" and (b"\x00" in data[:4096] or data.startswith(b"PK\x03\x04")):
        kind = "a zip or Excel workbook" if data.startswith(b"PK") else "a binary file"
        raise ImportFileError(
            f"{file_name}: this is {kind}, not text; export the contacts as CSV or vCard "
            "and import that file."
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding == "utf-16":
            raise ImportFileError(f"{file_name}: the file is cut short (broken UTF-16).") from None
        damaged = data.decode(encoding, "replace")
        if _mostly_utf8(damaged):
            # A UTF-8 file with a stray byte, or cut off inside a character: read as Windows
            # text, every accented name in it would be garbled, not only the broken one.
            return damaged, DAMAGED_UTF8
        # Outlook on Windows writes CSV in the Windows code page; Latin-1 catches what cp1252
        # leaves undefined, so any byte string reads as something.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"
    if "\x00" in text:
        raise ImportFileError(f"{file_name}: this is a binary file, not text.")
    return text, encoding


DAMAGED_UTF8 = "utf-8, damaged"  # decode's encoding for UTF-8 with bytes that are not


def _mostly_utf8(text: str) -> bool:
    """Whether text decoded as UTF-8 with replacements holds more well-formed characters
    beyond ASCII than replaced bytes: UTF-8 with damage, not a Windows-1252 file (whose é
    and ü are each a byte UTF-8 cannot read)."""
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return good > bad


def damaged_lines(text: str, *, limit: int = 10) -> list[int]:
    """The first ``limit`` line numbers holding U+FFFD, where decode replaced a byte."""
    found: list[int] = []
    position = text.find("\ufffd")
    while position >= 0 and len(found) < limit:
        found.append(text.count("\n", 0, position) + 1)
        position = text.find("\ufffd", text.find("\n", position) + 1 or len(text))
    return found


def may_hold_mojibake(text: str) -> bool:
    """False when no part of ``text`` can be mojibake: one scan of a whole file instead of a
    check of every field of every row (nearly every file)."""
    return not text.isascii() and any(lead in text for lead in _MOJIBAKE_LEADS)


def looks_like_mojibake(text: str) -> str | None:
    """The repaired text if ``text`` reads as UTF-8 that was decoded as cp1252, else None."""
    if text.isascii() or not _MOJIBAKE_HINT.search(text):
        return None
    try:
        repaired = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None
    return repaired if repaired != text else None


def csv_delimiter(text: str) -> str:
    """The field separator of a CSV file: ",", or ";" (Excel and Outlook in locales that write
    a decimal comma), or a tab.

    1. Only the first records count (the header is among them, after LinkedIn's "Notes:"
       preamble), and only characters outside quotes: a quoted "Acme; Inc" says nothing.
    2. Each candidate scores the most times it occurs in one record. The header row holds one
       separator fewer than there are columns, while a stray ";" in an unquoted note, or the
       commas of a preamble sentence a spreadsheet did not quote, come a few at a time.
    3. A tie goes to the comma, so a file with no separator at all reads as before.
    """
    best = dict.fromkeys(_DELIMITERS, 0)
    record = dict.fromkeys(_DELIMITERS, 0)
    records = 0
    # Splitting on quotes alternates outside and inside ('a,"b;c",d' → 'a,', 'b;c', ',d'),
    # and a doubled quote inside a field leaves an empty outside piece between its halves.
    for position, piece in enumerate(text[:_DELIMITER_SCAN].split('"')):
        if position % 2:
            continue
        for number, line in enumerate(piece.split("\n")):
            if number:  # a record ended
                if any(record.values()):
                    records += 1
                    for char, count in record.items():
                        best[char] = max(best[char], count)
                    if records == _DELIMITER_RECORDS:
                        return max(_DELIMITERS, key=best.__getitem__)
                record = dict.fromkeys(_DELIMITERS, 0)
            for char in _DELIMITERS:
                record[char] += line.count(char)
    for char, count in record.items():
        best[char] = max(best[char], count)
    return max(_DELIMITERS, key=best.__getitem__)


# Python's csv refuses a field over 128 KB; a LinkedIn message holding a pasted CV is longer.
# The whole file is in memory already, so no cell can be larger than it.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


def csv_rows(text: str, *, file_name: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) for each CSV record, split by the file's own delimiter
    (``csv_delimiter``); a broken quote is an ImportFileError."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text), strict=True)
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(
            f"{file_name}, line {line}: this is not readable CSV ({error}); is a quote left open?"
        ) from None


def header_index(header: list[str]) -> dict[str, int]:
    """Column name (lower-cased, spaces collapsed) → position; the first of duplicates wins."""
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        key = " ".join(name.replace("\ufeff", "").split()).lower()
        index.setdefault(key, position)
    return index


REPEATED_HEADER = "the header row again (two exports joined into one file?)"


class HeaderAgain:
    """``again(row)``: whether a row repeats the file's header, as when two exports are joined
    into one file, so that it is skipped rather than imported as a person called "First Name
    Last Name". Cheap for every other row: one cell is compared before the whole row is."""

    def __init__(self, index: dict[str, int]) -> None:
        self.index = index
        self.position, self.key = min((position, key) for key, position in index.items())

    def __call__(self, row: list[str]) -> bool:
        return (
            len(row) > self.position
            and " ".join(row[self.position].split()).lower() == self.key
            and header_index(row) == self.index
        )


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:
        year += 2000 if year < 70 else 1900
    return year


def parse_day(text: str) -> date | None:
    """The date in "22 Dec 2025", "6-Feb-26", "1/8/18, 6:14 PM", "2023-04-07 10:39:42 UTC",
    "4/15/1985" or "22.12.2025"; None when it is none of them."""
    text = text.strip()
    if not text:
        return None
    try:
        if text[:4].isdigit() and text[4:5] == "-":  # ISO, with or without a time
            return date(int(text[:4]), int(text[5:7]), int(text[8:10]))
        head = text.split(",", 1)[0].split(" ", 1)[0] if "/" in text else text
        if "/" in head:  # US: M/D/YY or M/D/YYYY
            month, day, year = head.split("/")
            return date(_year(year), int(month), int(day))
        parts = text.replace("-", " ").replace(".", " ").split()
        if len(parts) >= 3:
            if parts[0].isdigit() and parts[1].isdigit():  # 22.12.2025: Excel in Europe
                return date(_year(parts[2]), int(parts[1]), int(parts[0]))
            if parts[0].isdigit():  # 22 Dec 2025, 6-Feb-26
                return date(_year(parts[2]), MONTHS[parts[1].lower()], int(parts[0]))
            # Dec 22 2025, "December 22, 2025"
            return date(_year(parts[2]), MONTHS[parts[0].lower()], int(parts[1].rstrip(",")))
    except (ValueError, KeyError, IndexError, OverflowError):  # "1/1/99999999999999999999"
        return None
    return None


def shorten(text: str, length: int = 60) -> str:
    """``text`` on one line, cut after a word to at most ``length`` characters with "…"."""
    text = " ".join(text[: 2 * length].split())  # a long note: only its start is read
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[length // 2 :] else cut).rstrip() + "…"
