"""Dates in the text: years, months and days, and relative phrases anchored to them.

Candidate phrases are found with patterns; the absolute ones are read with dateparser
(Scrapinghub, https://github.com/scrapinghub/dateparser), relative ones ("four years
later", "that year", "a month earlier") are resolved against the date mentioned last
before them in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ABSOLUTE = [
    ("day", re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("day", re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b")),
    ("month", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    ("year", re.compile(rf"(?<![$€£\d.,-]){_YEAR}(?![\d%]|s\b|-\d|\.\d|,\d)")),
]
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_RELATIVE_SHIFT = re.compile(
    r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
    r"(year|month)s?\s+(later|earlier|before|after|afterwards|on)\b",
    re.IGNORECASE,
)
_RELATIVE_SAME = re.compile(
    r"\b(?:that|the\s+same)\s+(year|month)\b|\bthe\s+(following|next|previous|preceding)\s+"
    r"(year|month)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date found in the text.

    Attributes:
        start: offset of the phrase in the whole input.
        end: offset just past it.
        surface: the phrase as written.
        year: the year.
        month: the month, or None when only the year is known.
        day: the day, or None.
        relative: whether it was resolved from an earlier date.
    """

    start: int
    end: int
    surface: str
    year: int
    month: int | None
    day: int | None
    relative: bool = False

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text


@cache
def _parse(phrase: str) -> tuple[int, int, int] | None:
    import dateparser

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]}
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return (parsed.year, parsed.month, parsed.day) if parsed else None


def absolute_dates(sentence: str, offset: int = 0) -> list[DateMention]:
    """Dates written out in full (day, month or year precision), without overlaps."""
    taken: list[tuple[int, int]] = []
    out = []
    for precision, pattern in _ABSOLUTE:
        for match in pattern.finditer(sentence):
            s, e = match.span()
            if any(s < b and a < e for a, b in taken):
                continue
            phrase = match.group()
            if precision == "year":
                year, month, day = int(phrase), None, None
            else:
                parsed = _parse(phrase.replace(" of ", " "))
                if parsed is None:
                    continue
                year, month = parsed[0], parsed[1]
                day = parsed[2] if precision == "day" else None
            taken.append((s, e))
            out.append(DateMention(offset + s, offset + e, phrase, year, month, day))
    return sorted(out, key=lambda d: d.start)


def _shift(anchor: DateMention, months: int) -> tuple[int, int | None]:
    if anchor.month is None:
        return anchor.year + months // 12, None
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def relative_candidates(sentence: str, offset: int = 0) -> list[tuple[int, int, str, int, str]]:
    """Relative phrases as (start, end, phrase, months to add, unit)."""
    out = []
    for match in _RELATIVE_SHIFT.finditer(sentence):
        count, unit, direction = match.groups()
        amount = int(count) if count.isdigit() else _NUMBER_WORDS[count.lower()]
        months = amount * (12 if unit.lower() == "year" else 1)
        sign = -1 if direction.lower() in ("earlier", "before") else 1
        s, e = match.span()
        out.append((offset + s, offset + e, match.group(), sign * months, unit.lower()))
    for match in _RELATIVE_SAME.finditer(sentence):
        unit = (match.group(1) or match.group(3)).lower()
        step = {"following": 1, "next": 1, "previous": -1, "preceding": -1}
        months = step.get((match.group(2) or "").lower(), 0) * (12 if unit == "year" else 1)
        s, e = match.span()
        out.append((offset + s, offset + e, match.group(), months, unit))
    return sorted(out)


def resolve_dates(sentences: list[tuple[str, int]]) -> list[list[DateMention]]:
    """Absolute and relative dates of each sentence, in reading order.

    Args:
        sentences: (text, offset) of each sentence, in reading order.

    Returns:
        One list per sentence. A relative phrase is resolved against the last date seen
        before it (in the same or an earlier sentence) and dropped if there is none.
    """
    anchor: DateMention | None = None
    out = []
    for text, offset in sentences:
        found = [(d.start, d) for d in absolute_dates(text, offset)]
        found += [(r[0], r) for r in relative_candidates(text, offset)]
        found.sort(key=lambda item: item[0])
        dates: list[DateMention] = []
        for _, item in found:
            if isinstance(item, DateMention):
                if any(d.start < item.end and item.start < d.end for d in dates):
                    continue
                dates.append(item)
                anchor = item
                continue
            start, end, phrase, months, unit = item
            if anchor is None or any(d.start < end and start < d.end for d in dates):
                continue
            year, month = _shift(anchor, months)
            if unit == "year":
                month = None
            resolved = DateMention(start, end, phrase, year, month, None, relative=True)
            dates.append(resolved)
            anchor = resolved
        out.append(dates)
    return out
