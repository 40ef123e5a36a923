"""Signed alignments from event weights, and the events placed on the scenario's calendar.

Each pair's stance is the mean Goldstein weight of its signed events divided by 10, a
value in [-1, 1] (Goldstein 1992 scales events from -10 to +10). To count no event twice,
the draft splits them: undated events describe standing relations and set the pair's
initial alignment; dated events become scheduled shocks on the calendar, each shifting the
pair's alignment by ``EVENT_SHIFT_PER_POINT`` times its weight (0.15 for joint military
drills, CAMEO 06, weight +6). The factor is a judgement, stated in every event's note.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from alignsim.extract.events import DyadicEvent

#: alignment shift per Goldstein point of a dated event (judgement)
EVENT_SHIFT_PER_POINT = 0.025
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


def shift_of(event: DyadicEvent) -> float:
    """Alignment shift a dated event applies."""
    return round(EVENT_SHIFT_PER_POINT * event.goldstein, 3)


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
