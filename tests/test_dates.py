"""Dates as people type them: ISO dates and phrases like "next month" or "friday"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weakties.dates import add_months, parse_date
from weakties.errors import UserError

MONDAY = date(2026, 3, 16)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("today", MONDAY),
        ("Tomorrow", date(2026, 3, 17)),
        ("yesterday", date(2026, 3, 15)),
        ("friday", date(2026, 3, 20)),
        ("Fri", date(2026, 3, 20)),
        ("monday", date(2026, 3, 23)),
        ("next friday", date(2026, 3, 20)),
        ("last friday", date(2026, 3, 13)),
        ("next week", date(2026, 3, 23)),
        ("next month", date(2026, 4, 16)),
        ("in 2 weeks", date(2026, 3, 30)),
        ("in two weeks", date(2026, 3, 30)),
        ("in 3 days", date(2026, 3, 19)),
        ("in a month", date(2026, 4, 16)),
        ("3 days ago", date(2026, 3, 13)),
        ("2 weeks from now", date(2026, 3, 30)),
        ("end of month", date(2026, 3, 31)),
        ("  IN   2   WEEKS ", date(2026, 3, 30)),
    ],
)
def test_phrases_people_use_for_follow_ups(text, expected):
    assert parse_date(text, today=MONDAY) == expected


def test_a_bare_weekday_means_the_last_one_for_a_past_conversation():
    assert parse_date("friday", today=MONDAY, prefer="past") == date(2026, 3, 13)
    assert parse_date("monday", today=MONDAY, prefer="past") == date(2026, 3, 9)


def test_next_month_from_the_31st_lands_on_the_last_day_of_a_short_month():
    assert parse_date("next month", today=date(2026, 1, 31)) == date(2026, 2, 28)


@pytest.mark.parametrize("text", ["", "soonish", "2026-13-01", "in 2 fortnights", "weeks"])
def test_a_date_that_cannot_be_understood_names_the_argument(text):
    with pytest.raises(UserError, match="--due") as raised:
        parse_date(text, today=MONDAY, field="--due")
    assert raised.value.field == "--due"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_iso_dates_always_read_back_as_themselves(day):
    assert parse_date(day.isoformat(), today=MONDAY) == day


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=0, max_value=500),
)
def test_in_n_days_and_n_days_ago_are_opposites(today, n):
    assert parse_date(f"in {n} days", today=today) == today + timedelta(days=n)
    assert parse_date(f"{n} days ago", today=today) == today - timedelta(days=n)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_a_weekday_is_always_within_the_next_seven_days(today):
    for name in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
        day = parse_date(name, today=today)
        assert 1 <= (day - today).days <= 7
        assert day.strftime("%A").lower() == name


@given(st.text(max_size=30))
def test_any_text_gives_a_date_or_a_clear_error(text):
    try:
        result = parse_date(text, today=MONDAY)
    except UserError as error:
        assert "date" in error.message
    else:
        assert isinstance(result, date)


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=-36, max_value=36),
)
def test_adding_months_keeps_the_day_or_clamps_to_the_month_end(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == day.day or (moved + timedelta(days=1)).day == 1


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31", "in 500 years", "2000 years ago"])
def test_a_date_centuries_away_is_refused_as_a_slip(text):
    with pytest.raises(UserError, match=r"due: .* is more than 100 years from today"):
        parse_date(text, today=MONDAY, field="due")


@given(
    st.integers(min_value=0, max_value=10**30),
    st.sampled_from(["days", "weeks", "months", "years"]),
    st.sampled_from(["in {n} {unit}", "{n} {unit} ago"]),
)
def test_a_huge_number_of_days_or_years_is_an_error_not_a_crash(n, unit, form):
    text = form.format(n=n, unit=unit)
    try:
        result = parse_date(text, today=MONDAY)
    except UserError as error:
        assert "more than 100 years from today" in error.message
    else:
        assert abs(result.year - MONDAY.year) <= 100
