"""Calendar arithmetic: dates of steps and the step at which a dated event takes effect."""

from __future__ import annotations

import re
from datetime import date

MONTHS_PER_UNIT = {"month": 1, "quarter": 3, "year": 12}
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def parse_date(value: object) -> object:
    """Read ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (string or YAML date/int) as a date.

    Values that are not date-like are returned unchanged so the schema reports them.
    """
    if isinstance(value, date):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return date(value, 1, 1)
    if isinstance(value, str) and (match := _DATE.match(value.strip())):
        year, month, day = (int(g) if g else 1 for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            raise ValueError(f"{value!r} is not a valid date") from None
    if isinstance(value, str):
        raise ValueError(f"{value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def check_run_year(value: date) -> date:
    """``value`` if its year is one a run may reach (see :mod:`alignsim.scenario.limits`).

    Raises:
        ValueError: Naming the range.
    """
    from alignsim.scenario.limits import MAX_YEAR, MIN_YEAR

    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(
            f"{value.isoformat()} is outside the years a run may cover ({MIN_YEAR} to {MAX_YEAR})"
        )
    return value


def add_months(start: date, months: int) -> date:
    """``start`` moved by whole months (a day after the 28th is clipped to the 28th)."""
    if months == 0:
        return start
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, min(start.day, 28))


def step_dates(start: date, unit: str, steps: int) -> list[date]:
    """Dates of steps ``0..steps``."""
    return [add_months(start, t * MONTHS_PER_UNIT[unit]) for t in range(steps + 1)]


def step_of(when: date, start: date, unit: str) -> int:
    """First step whose date is on or after ``when`` (0 for an event dated at the start).

    An event dated at step 0 shapes the starting state itself, before the first step.
    """
    months = (when.year - start.year) * 12 + (when.month - start.month)
    per = MONTHS_PER_UNIT[unit]
    step = -(-months // per)  # ceiling division
    if add_months(start, step * per) < when:
        step += 1
    return max(step, 0)


def step_on_or_before(when: date, start: date, unit: str) -> int:
    """Last step whose date is on or before ``when`` (0 at or before the start).

    The state recorded at that step is the state of the run at ``when``.
    """
    per = MONTHS_PER_UNIT[unit]
    months = (when.year - start.year) * 12 + (when.month - start.month)
    step = max(months // per, 0)
    while step > 0 and add_months(start, step * per) > when:
        step -= 1
    return step
