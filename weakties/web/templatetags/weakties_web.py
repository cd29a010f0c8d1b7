"""Small template filters: dates in words, due-date states, safe links for contact points."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from django import template

from weakties.network.models import Contact, ContactPoint, NextStep

register = template.Library()

_SCHEME = re.compile(r"^https?://", re.IGNORECASE)


@register.filter
def short_date(day: date | None, today: date | None = None) -> str:
    """ "Fri 20 Mar" this year, "20 Mar 2025" otherwise."""
    if day is None:
        return ""
    if today is not None and day.year == today.year:
        return f"{day:%a} {day.day} {day:%b}"
    return f"{day.day} {day:%b %Y}"


def _amount(days: int) -> str:
    if days < 14:
        return f"{days} days"
    if days < 60:
        return f"{round(days / 7)} weeks"
    if days < 365 * 2:
        return f"{round(days / 30.4)} months"
    return f"{round(days / 365.25)} years"


@register.filter
def ago(day: date | None, today: date) -> str:
    """How long ago in words: "today", "yesterday", "3 weeks ago", "in 2 days"."""
    if day is None:
        return "never"
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    return f"{_amount(days)} ago" if days > 0 else f"in {_amount(-days)}"


@register.filter
def due_state(step: NextStep, today: date) -> str:
    """A word for styling: done, overdue, today, soon (within a week), later or undated."""
    if step.done_on is not None:
        return "done"
    if step.due is None:
        return "undated"
    days = (step.due - today).days
    if days < 0:
        return "overdue"
    if days == 0:
        return "today"
    return "soon" if days <= 7 else "later"


@register.filter
def due_text(step: NextStep, today: date) -> str:
    """The due date as a person says it: "3 days overdue", "due tomorrow", "done today"."""
    if step.done_on is not None:
        return "done " + ("today" if step.done_on == today else short_date(step.done_on, today))
    if step.due is None:
        return "no due date"
    days = (step.due - today).days
    if days < 0:
        return f"{_amount(-days) if days < -1 else '1 day'} overdue"
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    return f"due {short_date(step.due, today)}"


@register.filter
def point_href(point: ContactPoint) -> str:
    """A link for an email, phone or web address; never a ``javascript:`` or other scheme."""
    if point.kind == ContactPoint.Kind.EMAIL:
        return f"mailto:{point.value}"
    if point.kind == ContactPoint.Kind.PHONE:
        return f"tel:{point.normalized or point.value}"
    value = point.value.strip()
    return value if _SCHEME.match(value) else f"https://{value}"


@register.filter
def initials(name: str) -> str:
    words = [word for word in name.split() if word[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


@register.filter
def without(people: Iterable[Contact], contact: Contact) -> list[Contact]:
    """The other people in a conversation: everyone but the contact whose page this is."""
    return [person for person in people if person.pk != contact.pk]
