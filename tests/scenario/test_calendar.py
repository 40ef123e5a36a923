"""Calendar arithmetic: when a dated event takes effect."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignsim.scenario.calendar import (
    add_months,
    parse_date,
    step_dates,
    step_of,
    step_on_or_before,
)

START = date(2014, 1, 1)


@pytest.mark.parametrize(
    ("unit", "when", "step"),
    [
        # the start date itself shapes the starting state (step 0)
        ("month", date(2014, 1, 1), 0),
        ("quarter", date(2014, 1, 1), 0),
        ("year", date(2014, 1, 1), 0),
        # exactly on a step date: that step
        ("month", date(2014, 3, 1), 2),
        ("quarter", date(2014, 7, 1), 2),
        ("year", date(2016, 1, 1), 2),
        # one day after a step date: the next step
        ("month", date(2014, 3, 2), 3),
        ("quarter", date(2014, 7, 2), 3),
        ("year", date(2016, 1, 2), 3),
        # mid-period: the step that closes the period
        ("month", date(2014, 2, 15), 2),
        ("quarter", date(2014, 5, 15), 2),
        ("quarter", date(2014, 12, 31), 4),
        ("year", date(2014, 6, 30), 1),
        ("year", date(2015, 6, 30), 2),
    ],
)
def test_step_of(unit: str, when: date, step: int) -> None:
    assert step_of(when, START, unit) == step


def test_step_of_with_a_start_in_mid_month() -> None:
    start = date(2014, 1, 15)
    assert step_of(date(2014, 4, 14), start, "quarter") == 1
    assert step_of(date(2014, 4, 15), start, "quarter") == 1
    assert step_of(date(2014, 4, 16), start, "quarter") == 2
    assert step_of(date(2014, 1, 15), start, "month") == 0  # on the start: step 0
    assert step_of(date(2014, 1, 16), start, "month") == 1


def test_step_dates() -> None:
    assert step_dates(START, "quarter", 4) == [
        date(2014, 1, 1),
        date(2014, 4, 1),
        date(2014, 7, 1),
        date(2014, 10, 1),
        date(2015, 1, 1),
    ]
    assert step_dates(date(2014, 11, 1), "month", 3)[-1] == date(2015, 2, 1)
    assert step_dates(START, "year", 2)[-1] == date(2016, 1, 1)


def test_add_months_clips_late_days_to_the_28th() -> None:
    assert add_months(date(2014, 1, 31), 1) == date(2014, 2, 28)
    assert add_months(date(2014, 1, 31), 0) == date(2014, 1, 31)
    assert add_months(date(2014, 12, 1), -12) == date(2013, 12, 1)


@given(
    start=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    unit=st.sampled_from(["month", "quarter", "year"]),
    offset_days=st.integers(min_value=0, max_value=3000),
)
def test_step_of_is_the_first_step_on_or_after_the_date(
    start: date, unit: str, offset_days: int
) -> None:
    when = date.fromordinal(start.toordinal() + offset_days)
    dates = step_dates(start, unit, 200)
    expected = next(t for t, d in enumerate(dates) if d >= when)
    assert step_of(when, start, unit) == expected


@pytest.mark.parametrize(
    ("given_value", "expected"),
    [
        ("2014", date(2014, 1, 1)),
        (2014, date(2014, 1, 1)),
        ("2014-07", date(2014, 7, 1)),
        ("2014-7", date(2014, 7, 1)),
        ("2014-07-15", date(2014, 7, 15)),
        (date(2014, 7, 15), date(2014, 7, 15)),
    ],
)
def test_parse_date(given_value: object, expected: date) -> None:
    assert parse_date(given_value) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [("2014-13", "not a valid date"), ("2014-02-30", "not a valid date"), ("July", "YYYY-MM")],
)
def test_parse_date_refuses_bad_text(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_date(text)


def test_parse_date_leaves_other_values_to_the_schema() -> None:
    assert parse_date(3.5) == 3.5
    assert parse_date(True) is True


@pytest.mark.parametrize(
    ("when", "unit", "expected"),
    [
        (date(2014, 1, 1), "quarter", 0),
        (date(2014, 3, 31), "quarter", 0),
        (date(2014, 4, 1), "quarter", 1),
        (date(2016, 6, 15), "quarter", 9),
        (date(2014, 2, 1), "month", 1),
        (date(2015, 12, 31), "year", 1),
    ],
)
def test_step_on_or_before_is_the_state_recorded_at_a_date(when, unit, expected):
    assert step_on_or_before(when, date(2014, 1, 1), unit) == expected
