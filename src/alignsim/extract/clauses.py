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
_COMMA_AND = re.compile(r"([\w'’%).-]+)\s*,\s*(?=and\s)")
#: where to look for _COMMA_AND (searched only just before each ', and', so that a long
#: word without one costs linear time, not quadratic backtracking)
_COMMA_THEN_AND = re.compile(r",\s*(?=and\s)")
_WORD_REACH = 100
#: lower-case words that occur inside names ("Bosnia and Herzegovina", "the Republic of Korea")
_NAME_WORDS = frozenset(["the", "of", "and", "de", "del", "da", "la", "al", "el"])
_BACKGROUND = re.compile(
    r"^\s*(?:following|after|before|since|prior\s+to|in\s+the\s+wake\s+of|amid)\b[^,]*,",
    re.IGNORECASE,
)


def _ends_list(sentence: str, comma_and: re.Match[str]) -> bool:
    """Whether a ', and' closes a list of names rather than joining two clauses.

    It closes a list when the word before it is capitalised and the stretch since the
    previous comma (or the sentence start) is a name alone: "... between Russia, China, and
    Iran" ends a list, "Russia criticized India, and China ..." joins two clauses.
    """
    if not comma_and.group(1)[0].isupper():
        return False
    since = sentence.rfind(",", 0, comma_and.start(1)) + 1  # back to the previous comma only
    stretch = sentence[since : comma_and.start(1)] + comma_and.group(1)
    return not any(w[0].islower() and w.lower() not in _NAME_WORDS for w in stretch.split())


def _comma_ands(sentence: str) -> list[re.Match[str]]:
    """The matches of ``_COMMA_AND``, each searched in a short window before its comma."""
    found: dict[int, re.Match[str]] = {}
    for comma in _COMMA_THEN_AND.finditer(sentence):
        start = max(0, comma.start() - _WORD_REACH)
        match = _COMMA_AND.search(sentence, start, comma.end() + 4)
        while match is not None and match.end() < comma.end():
            match = _COMMA_AND.search(sentence, match.end(), comma.end() + 4)
        if match is not None:
            found[match.end()] = match
    return list(found.values())


def clause_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence (relative offsets, covering the whole sentence).

    Clauses end at semicolons, colons, dashes, before subordinating words ("which",
    "while", "despite", ...) and at ", and" unless it closes a list of names (see
    :func:`_ends_list`): "... blocking a trade deal, and Chile rejected ..." and "Russia
    criticized India, and China praised ..." are two clauses each, while "Russia, China,
    and Iran" is one list and cuts nothing.
    """
    cuts = [m.end() for m in _SEPARATOR.finditer(sentence)]
    cuts += [m.end() for m in _comma_ands(sentence) if not _ends_list(sentence, m)]
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
