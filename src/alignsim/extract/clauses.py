"""Clause boundaries inside a sentence, so that a cue takes its actors from its own clause."""

from __future__ import annotations

import re

_SEPARATOR = re.compile(
    r"[;:]|—|–\s|"
    r",\s*(?=(?:which|who|whereas|while|but|although|though|as|because|since|paving|besides|"
    r"thus|in\s+spite\s+of|despite|even\s+as|whilst)\b)|"
    r"\s(?=(?:while|whereas|whilst|but|at\s+a\s+time\s+when|in\s+spite\s+of|despite|"
    r"even\s+as)\s)",
    re.IGNORECASE,
)
#: ', and': joins two clauses after a lower-case word, ends a list after a name
_COMMA_AND = re.compile(r"([\w'’%)-]+)\s*,\s*(?=and\s)")
_BACKGROUND = re.compile(
    r"^\s*(?:following|after|before|since|prior\s+to|in\s+the\s+wake\s+of|amid)\b[^,]*,",
    re.IGNORECASE,
)


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence (relative offsets, covering the whole sentence).

    Clauses end at semicolons, colons, dashes, before subordinating words ("which",
    "while", "despite", ...) and at ", and" after a word that is not capitalised ("...
    blocking a trade deal, and Chile rejected ..."); ", and" after a name ends a list
    ("Russia, China, and Iran") and cuts nothing.
    """
    cuts = [m.end() for m in _SEPARATOR.finditer(sentence)]
    cuts += [m.end() for m in _COMMA_AND.finditer(sentence) if not m.group(1)[0].isupper()]
    cuts = sorted(set(cuts))
    starts = [0, *cuts]
    ends = [*cuts, len(sentence)]
    return [(s, e) for s, e in zip(starts, ends, strict=True) if sentence[s:e].strip()]


def background_span(sentence: str, clause: tuple[int, int]) -> tuple[int, int] | None:
    """An opening phrase such as 'Following the invasion,' that sets earlier background.

    Events cued inside it do not take the clause's date.
    """
    match = _BACKGROUND.match(sentence, clause[0], clause[1])
    return match.span() if match else None
