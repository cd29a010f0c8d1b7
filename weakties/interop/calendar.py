"""The iCalendar feed: due next steps and planned reach-outs as all-day events.

VEVENTs, not VTODOs: Google Calendar and Outlook ignore to-dos in subscriptions. Written by
hand to RFC 5545: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
character, TEXT values escaped, a stable UID per event and a SEQUENCE that goes up whenever an
event's content changes (``FeedEvent`` remembers the last published digest).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from weakties.interop.models import FeedEvent
from weakties.network.models import NextStep

PRODID = "-//weakties//weakties feed//EN"
_CONTROL = {code: None for code in range(32) if code not in (9, 10, 13)} | {127: None}


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: date
    summary: str
    description: str = ""

    def digest(self) -> str:
        text = "\x1f".join((self.day.isoformat(), self.summary, self.description))
        return hashlib.sha256(text.encode()).hexdigest()


def escape_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped; control characters
    (which TEXT may not hold) dropped."""
    return (
        value.translate(_CONTROL)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """One content line folded at 75 octets, never inside a UTF-8 character; CRLF-terminated."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line + "\r\n"
    parts: list[str] = []
    current: list[str] = []
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts) + "\r\n"


def _events(*, user: User, today: date) -> list[CalendarEvent]:
    events = []
    steps = (
        NextStep.objects.filter(
            owner=user, done_on__isnull=True, due__isnull=False, contact__archived_at__isnull=True
        )
        .select_related("contact")
        .order_by("due", "id")
    )
    for step in steps:
        who = f" ({step.contact.name})" if step.contact else ""
        whose = "My next step" if step.mine else "Their next step"
        summary = f"{step.text}{who}" if step.mine else f"Waiting: {step.text}{who}"
        events.append(
            CalendarEvent(
                uid=step_uid(step.pk),
                day=step.due,  # type: ignore[arg-type]
                summary=summary,
                description=f"{whose} in weakties.",
            )
        )
    events.extend(_reach_outs(user=user, today=today))
    return events


def _reach_outs(*, user: User, today: date) -> list[CalendarEvent]:
    """Today's planned reach-outs from the daily plan, with its reasons as the description."""
    from weakties.plan.selectors import reach_out_suggestions

    events = []
    for suggestion in reach_out_suggestions(user=user, day=today):
        contact = suggestion.contact
        reasons = "; ".join(str(reason) for reason in suggestion.reasons)
        events.append(
            CalendarEvent(
                uid=reach_out_uid(today, contact.pk),
                day=today,
                summary=f"Reach out to {contact.name}",
                description=reasons or "Planned reach-out in weakties.",
            )
        )
    return events


def step_uid(step_id: int) -> str:
    return f"next-step-{step_id}@weakties"


def reach_out_uid(day: date, contact_id: int) -> str:
    return f"reach-out-{day.isoformat()}-{contact_id}@weakties"


_RENUMBERED_UID = re.compile(r"(next-step|reach-out-\d{4}-\d{2}-\d{2})-(\d+)@weakties")


def renumbered_uid(
    uid: str, *, steps: dict[int, int] | None, contacts: dict[int, int] | None
) -> str | None:
    """An event's UID after a restore gave its next step or contact a new id (``steps`` and
    ``contacts`` map old ids to new; None: that table kept its ids), so the feed's bookkeeping
    follows the event. None for an event of a step or contact that is not there to follow
    (deleted since): its old number may be a new id of someone else's event."""
    found = _RENUMBERED_UID.fullmatch(uid)
    if found is None:
        return uid
    ids = steps if found[1] == "next-step" else contacts
    if ids is None:
        return uid
    new = ids.get(int(found[2]))
    return None if new is None else f"{found[1]}-{new}@weakties"


@transaction.atomic
def _sequences(user: User, events: Iterable[CalendarEvent]) -> dict[str, int]:
    """SEQUENCE per UID, raised by one for each event whose content changed since last time."""
    events = list(events)
    known = {
        event.uid: event
        for event in FeedEvent.objects.filter(owner=user, uid__in=[e.uid for e in events])
    }
    new, changed = [], []
    for event in events:
        digest = event.digest()
        stored = known.get(event.uid)
        if stored is None:
            new.append(FeedEvent(owner=user, uid=event.uid, digest=digest, sequence=0))
        elif stored.digest != digest:
            stored.digest = digest
            stored.sequence += 1
            changed.append(stored)
    # A past day's reach-outs never come back (their UID holds the day): forget them.
    FeedEvent.objects.filter(owner=user, uid__startswith="reach-out-").exclude(
        uid__in=[e.uid for e in events]
    ).delete()
    FeedEvent.objects.bulk_create(new, ignore_conflicts=True)
    FeedEvent.objects.bulk_update(changed, ["digest", "sequence"])
    return {e.uid: e.sequence for e in new} | {uid: e.sequence for uid, e in known.items()}


def feed_ics(*, user: User, today: date, now: datetime | None = None) -> str:
    """The whole VCALENDAR text of ``user``'s feed."""
    events = _events(user=user, today=today)
    sequences = _sequences(user, events)
    stamp = (now or timezone.now()).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:weakties",
        "NAME:weakties",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(event.day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SEQUENCE:{sequences.get(event.uid, 0)}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
