"""CAMEO root categories, their Goldstein weights, and the cue words that signal them.

Root codes: Gerner, Schrodt, Yilmaz & Abu-Jabr (2002) and the CAMEO codebook (Schrodt 2012).
Weights: Goldstein (1992), "A conflict-cooperation scale for WEIS events data", Journal of
Conflict Resolution 36(2), as carried over to CAMEO's root codes. Both tables are package
data (``cameo_goldstein.csv``, ``event_cues.yaml``) with their citations in the header.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: prepositions that, by default, introduce a place or a topic rather than a target
NON_TARGET_PREPOSITIONS = frozenset(
    ["in", "within", "across", "throughout", "inside", "near", "on", "about", "over", "from",
     "towards", "toward", "regarding", "into", "of"]
)  # fmt: skip


@dataclass(frozen=True)
class Root:
    """A CAMEO root category: two-digit code, label and Goldstein weight."""

    code: str
    label: str
    goldstein: float


@dataclass(frozen=True)
class Cue:
    """A phrase pattern that signals an event of one CAMEO root category."""

    root: str
    voice: str
    pattern: re.Pattern[str]
    targets: frozenset[str]


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a sentence (offsets relative to the sentence)."""

    cue: Cue
    start: int
    end: int
    surface: str


def _data(name: str) -> str:
    return (resources.files("alignsim") / "data" / name).read_text(encoding="utf-8")


@cache
def roots() -> dict[str, Root]:
    """The twenty CAMEO root categories by code."""
    lines = [line for line in _data("cameo_goldstein.csv").splitlines() if not line.startswith("#")]
    return {
        row["code"]: Root(row["code"], row["label"], float(row["goldstein"]))
        for row in csv.DictReader(lines)
    }


@cache
def cues() -> tuple[Cue, ...]:
    """The event cues in the order they are tried."""
    import yaml

    out = []
    for entry in yaml.safe_load(_data("event_cues.yaml"))["cues"]:
        if entry["root"] not in roots():
            raise ValueError(f"event cue with unknown CAMEO root {entry['root']!r}")
        if not all(isinstance(t, str) for t in entry.get("targets", [])):
            raise ValueError(f"event cue targets must be quoted words: {entry['targets']!r}")
        if entry["voice"] not in ("directed", "joint", "experiencer"):
            raise ValueError(f"event cue with unknown voice {entry['voice']!r}")
        # the look-ahead refuses to end inside a word ("dispute" in "disputed")
        pattern = re.compile(rf"\b(?:{entry['pattern']})(?!(?<=\w)\w)", re.IGNORECASE)
        out.append(Cue(entry["root"], entry["voice"], pattern, frozenset(entry.get("targets", []))))
    return tuple(out)


_NON_SPACE = re.compile(r"\S")


def _inside_name(sentence: str, start: int) -> bool:
    """A capitalised match after the sentence's first word is part of a name."""
    if not sentence[start].isupper():
        return False
    first = _NON_SPACE.search(sentence)  # not a copy of the prefix: long sentences stay linear
    return first is not None and first.start() < start


def find_cues(sentence: str) -> list[CueMatch]:
    """Cue matches in a sentence, earlier cues taking precedence over overlapping later ones."""
    taken: list[CueMatch] = []
    for cue in cues():
        for match in cue.pattern.finditer(sentence):
            start, end = match.start(), match.end()
            surface = match.group().rstrip()
            end = start + len(surface)
            if not surface or _inside_name(sentence, start):
                continue
            if any(start < t.end and t.start < end for t in taken):
                continue
            taken.append(CueMatch(cue, start, end, surface))
    return sorted(taken, key=lambda m: m.start)
