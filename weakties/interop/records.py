"""What the parsers yield and what an import reports.

Parsers are plain functions from text to a stream of records: a ``PersonRecord`` per contact,
a ``MessageRecord`` per LinkedIn message or invitation, a ``Skipped`` for a row that cannot
become either (with its line and the reason), and a ``Warning`` for something the user should
look at. One merge step (``weakties.interop.merge``) writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from weakties.errors import UserError


class ImportFileError(UserError):
    """The file cannot be read as the kind asked for: nothing is written (exit code 2)."""

    exit_code = 2


@dataclass(slots=True)
class PersonRecord:
    line: int
    name: str = ""
    first_name: str = ""
    last_name: str = ""
    title: str = ""
    organization: str = ""
    location: str = ""
    notes: str = ""
    added_on: date | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    uid: str = ""  # a vCard's UID: the same card in two files, or two cards kept apart


@dataclass(slots=True)
class Party:
    """Someone on a LinkedIn message: a name and, in newer exports, their profile URL."""

    name: str
    url: str = ""


@dataclass(slots=True)
class MessageRecord:
    """One LinkedIn message or invitation.

    ``direction`` is "out", "in" or "" when the file does not say (then it is worked out from
    which participant is the user: the one who appears on every row).
    """

    line: int
    occurred_on: date
    sender: Party
    recipients: list[Party]
    conversation: str = ""
    subject: str = ""
    content: str = ""
    direction: str = ""
    invitation: bool = False


@dataclass(slots=True)
class Skipped:
    line: int
    reason: str


@dataclass(slots=True)
class Warning:
    line: int
    text: str


Record = PersonRecord | MessageRecord | Skipped | Warning


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    kind: str
    file_name: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    interactions: bool = False  # counts are conversations (messages), not contacts

    def to_dict(self) -> dict[str, Any]:
        """The JSON report: exactly these five keys."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [{"line": s.line, "reason": s.reason} for s in self.skipped],
            "warnings": list(self.warnings),
        }
