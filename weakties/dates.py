"""The one place where dates typed by a person are understood.

``parse_date("next month", today=...)`` accepts ISO dates and the phrases people use when they
promise a follow-up: "today", "tomorrow", "yesterday", a weekday ("friday", "next friday",
"last friday"), "next week", "next month", "in 2 weeks", "3 days ago", "end of month".
"""

from __future__ import annotations

import calendar
import os
import re
from datetime import date, timedelta
from typing import Literal

from django.utils import timezone

from weakties.errors import UserError

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_ALIASES = {name[:3]: i for i, name in enumerate(WEEKDAYS)} | {
    name: i for i, name in enumerate(WEEKDAYS)
}
_WEEKDAY_ALIASES |= {"tues": 1, "wednes": 2, "thur": 3, "thurs": 3}
_UNITS = {
    "day": "days",
    "days": "days",
    "d": "days",
    "week": "weeks",
    "weeks": "weeks",
    "w": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
}
_RELATIVE = re.compile(r"^(?:in\s+)?(\d+|[a-z]+)\s*([a-z]+)(\s+ago|\s+from\s+now)?$")

FARTHEST_YEARS = 100  # a date this far from today is a typing slip, not a plan

EXAMPLES = '"2026-12-01", "today", "tomorrow", "friday", "next month", "in 2 weeks", "3 days ago"'


def local_today() -> date:
    """The user's local calendar date, the default "today" everywhere.

    ``WEAKTIES_TODAY`` (an ISO date) pins it: tests use it to fix the clock, and a user can
    use it to look ahead.
    """
    pinned = os.environ.get("WEAKTIES_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise UserError(
                f"WEAKTIES_TODAY: {pinned!r} is not an ISO date (YYYY-MM-DD)."
            ) from None
    return timezone.localdate()


def add_months(day: date, months: int) -> date:
    """Same day of the month ``months`` later, clamped to the month's last day (Jan 31 → Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _shift(today: date, amount: int, unit: str) -> date:
    if unit == "days":
        return today + timedelta(days=amount)
    if unit == "weeks":
        return today + timedelta(weeks=amount)
    if unit == "months":
        return add_months(today, amount)
    return add_months(today, 12 * amount)


def _weekday(today: date, target: int, which: Literal["next", "last", "nearest"]) -> date:
    ahead = (target - today.weekday()) % 7
    if which == "last":
        return today - timedelta(days=(today.weekday() - target) % 7 or 7)
    if which == "next":
        return today + timedelta(days=ahead or 7)
    return today + timedelta(days=ahead)


def parse_date(
    text: str,
    *,
    today: date | None = None,
    prefer: Literal["future", "past"] = "future",
    field: str = "date",
) -> date:
    """Turn what a person typed into a date, or raise ``UserError`` naming ``field``.

    ``prefer`` settles a bare weekday: for a due date "friday" is the coming one, for the date
    of a past conversation it is the last one. A date more than ``FARTHEST_YEARS`` from today
    is refused as a slip of the keyboard ("0001-01-01", "in 500 years").
    """
    today = today or local_today()
    if not text.strip():
        raise UserError(f"{field}: empty date; try {EXAMPLES}", field=field)
    try:
        day = _understand(" ".join(text.strip().lower().split()), today=today, prefer=prefer)
    except (ValueError, OverflowError):  # "in 99999 years": past the calendar's last year
        day = date.max
    if day is None:
        raise UserError(
            f"{field}: cannot understand {text!r} as a date; try {EXAMPLES}", field=field
        )
    if abs(day.year - today.year) > FARTHEST_YEARS:
        shown = day.isoformat() if day != date.max else text.strip()
        raise UserError(
            f"{field}: {shown} is more than {FARTHEST_YEARS} years from today; check the year.",
            field=field,
        )
    return day


def _understand(text: str, *, today: date, prefer: Literal["future", "past"]) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    simple = {
        "today": today,
        "now": today,
        "tomorrow": today + timedelta(days=1),
        "yesterday": today - timedelta(days=1),
        "next week": today + timedelta(weeks=1),
        "last week": today - timedelta(weeks=1),
        "next month": add_months(today, 1),
        "last month": add_months(today, -1),
        "next year": add_months(today, 12),
        "end of month": today.replace(day=calendar.monthrange(today.year, today.month)[1]),
        "end of week": today + timedelta(days=(4 - today.weekday()) % 7),
    }
    if text in simple:
        return simple[text]
    words = text.split()
    if len(words) in (1, 2) and words[-1] in _WEEKDAY_ALIASES:
        modifier = words[0] if len(words) == 2 else ""
        target = _WEEKDAY_ALIASES[words[-1]]
        if modifier in ("next", "this", "coming"):
            return _weekday(today, target, "next")
        if modifier in ("last", "past"):
            return _weekday(today, target, "last")
        if not modifier:
            return _weekday(today, target, "last" if prefer == "past" else "next")
    match = _RELATIVE.match(text)
    if match:
        number, unit, suffix = match.groups()
        amount = int(number) if number.isdigit() else _NUMBER_WORDS.get(number)
        if amount is not None and unit in _UNITS:
            if suffix and suffix.strip() == "ago":
                amount = -amount
            elif not text.startswith("in ") and not suffix:
                amount = None
            if amount is not None:
                return _shift(today, amount, _UNITS[unit])
    return None
