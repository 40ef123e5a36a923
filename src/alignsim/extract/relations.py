"""Signed alignments from event weights, and the events placed on the scenario's calendar.

Each pair's stance is the mean Goldstein weight of its signed events divided by 10, a
value in [-1, 1] (Goldstein 1992 scales events from -10 to +10). To count no event twice,
the draft splits them: undated events describe standing relations and set the pair's
initial alignment; dated events become scheduled shocks on the calendar, each shifting the
pair's alignment by ``EVENT_SHIFT_PER_POINT`` times its weight (0.15 for joint military
drills, CAMEO 06, weight +6). The factor is a judgement, stated in every event's note.

Reports of the same pair, CAMEO root and date are one event told several times (an
article's summary and body, or a text pasted twice): they merge into one scheduled event
with a count, its shift multiplied by ``1 + ln(count) / 2`` and capped at
``MAX_REPEAT_FACTOR`` times a single report's (also a judgement: more reports make the
event likelier to matter, but do not make it happen again).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from alignsim.extract.events import DyadicEvent

#: alignment shift per Goldstein point of a dated event (judgement)
EVENT_SHIFT_PER_POINT = 0.025
#: largest multiple of a single report's shift that repeated reports reach (judgement)
MAX_REPEAT_FACTOR = 2.0
#: longest span (months) drafted with monthly, then quarterly steps; longer spans use years
MONTHLY_UP_TO = 36
QUARTERLY_UP_TO = 120
#: steps added after the last dated event so that the dynamics can respond to it
STEPS_AFTER = 4


def stance(events: list[DyadicEvent]) -> float:
    """Mean Goldstein weight / 10 of the signed events (0 for none)."""
    signed = [e.goldstein for e in events if e.sign]
    return sum(signed) / len(signed) / 10.0 if signed else 0.0


def by_pair(events: list[DyadicEvent]) -> dict[tuple[str, str], list[DyadicEvent]]:
    """Signed events grouped by their (alphabetical) pair."""
    out: dict[tuple[str, str], list[DyadicEvent]] = defaultdict(list)
    for event in events:
        if event.sign:
            out[event.pair].append(event)
    return dict(out)


def initial_alignments(events: list[DyadicEvent]) -> dict[tuple[str, str], float]:
    """Initial alignment of each pair with undated signed events, rounded to 2 decimals."""
    undated = [e for e in events if e.date is None]
    return {pair: round(stance(group), 2) for pair, group in by_pair(undated).items()}


def repeat_factor(count: int) -> float:
    """``1 + ln(count) / 2``, capped at ``MAX_REPEAT_FACTOR`` (1 for a single report)."""
    return min(1.0 + math.log(max(count, 1)) / 2.0, MAX_REPEAT_FACTOR)


@dataclass(frozen=True)
class MergedEvent:
    """Dated signed reports of one pair, CAMEO root and date, in reading order."""

    pair: tuple[str, str]
    root: str
    date: str
    reports: tuple[DyadicEvent, ...]

    @property
    def count(self) -> int:
        """How many reports were merged."""
        return len(self.reports)

    @property
    def shift(self) -> float:
        """``EVENT_SHIFT_PER_POINT`` x Goldstein weight x :func:`repeat_factor`, rounded."""
        weight = self.reports[0].goldstein
        return round(EVENT_SHIFT_PER_POINT * weight * repeat_factor(self.count), 3)


def merge_dated(events: list[DyadicEvent]) -> list[MergedEvent]:
    """Dated signed events merged by (pair, CAMEO root, date), ordered by date, then text."""
    grouped: dict[tuple[tuple[str, str], str, str], list[DyadicEvent]] = defaultdict(list)
    for event in events:
        if event.date is not None and event.sign:
            grouped[(event.pair, event.root, event.date.iso())].append(event)
    merged = [MergedEvent(pair, root, date, tuple(reports))
              for (pair, root, date), reports in grouped.items()]  # fmt: skip
    return sorted(merged, key=lambda m: (_month_index(m.date), m.date, m.reports[0].evidence.start))


@dataclass(frozen=True)
class Calendar:
    """The draft's time axis."""

    start: str
    unit: str
    steps: int


def _month_index(iso: str) -> int:
    parts = iso.split("-")
    return int(parts[0]) * 12 + (int(parts[1]) - 1 if len(parts) > 1 else 0)


def calendar(dates: list[str], fallback: str) -> Calendar:
    """A calendar that covers every dated event.

    Args:
        dates: ISO dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) of the dated events.
        fallback: the start to use when there is none (the source's date).

    Returns:
        Start at the earliest event's month (or year), a step of a month, a quarter or a year
        by the span, and ``STEPS_AFTER`` steps beyond the last event.
    """
    if not dates:
        return Calendar(fallback[:7], "quarter", 2 * STEPS_AFTER)
    first = min(dates, key=_month_index)
    start = first[:7]
    span = max(_month_index(d) for d in dates) - _month_index(start)
    unit, per = (
        ("month", 1) if span <= MONTHLY_UP_TO else ("quarter", 3) if span <= QUARTERLY_UP_TO
        else ("year", 12)
    )  # fmt: skip
    if unit == "year":
        start = start[:4]
    steps = max(1, math.ceil(span / per)) + STEPS_AFTER
    return Calendar(start, unit, steps)
