"""Precision and recall of extracted events against hand labels.

An event is compared as (body paragraph, sentence, unordered pair, sign); its date is
scored separately, on the events found in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alignsim.extract.events import DyadicEvent

Key = tuple[int, int, tuple[str, str], int]


@dataclass(frozen=True)
class Score:
    """Counts behind precision, recall and date accuracy."""

    true_positives: int
    predicted: int
    labelled: int
    dates_right: int
    dates_scored: int

    @property
    def precision(self) -> float:
        """Share of extracted events that are labelled (1 when nothing was extracted)."""
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of labelled events that were extracted (1 when nothing was labelled)."""
        return self.true_positives / self.labelled if self.labelled else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_accuracy(self) -> float:
        """Share of events found in both whose date (or lack of one) agrees."""
        return self.dates_right / self.dates_scored if self.dates_scored else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.labelled + other.labelled,
            self.dates_right + other.dates_right,
            self.dates_scored + other.dates_scored,
        )


def load_labels(path: str | Path) -> dict[Key, str | None]:
    """Labelled events of a ``.labels.yaml`` file: key -> date (or None)."""
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out: dict[Key, str | None] = {}
    for entry in data["events"]:
        pair = tuple(sorted(entry["pair"]))
        key = (int(entry["para"]), int(entry["sentence"]), pair, int(entry["sign"]))
        out[key] = entry.get("date")  # type: ignore[index]
    return out


def predicted(events: list[DyadicEvent]) -> dict[Key, set[str | None]]:
    """Signed extracted events: key -> the dates given to them."""
    out: dict[Key, set[str | None]] = {}
    for e in events:
        if e.sign:
            key = (e.evidence.body_para, e.evidence.sentence, e.pair, e.sign)
            out.setdefault(key, set()).add(e.date.iso() if e.date else None)
    return out


def score(events: list[DyadicEvent], labels: dict[Key, str | None]) -> Score:
    """Compare extracted events with labels."""
    found = predicted(events)
    both = set(found) & set(labels)
    dates_right = sum(1 for key in both if labels[key] in found[key])
    return Score(len(both), len(found), len(labels), dates_right, len(both))
