"""Actor mentions: country names, demonyms, capitals, metonyms and officials' titles.

Country names and their variants come from country-converter's table (Stadler 2017,
"The country converter coco", Journal of Open Source Software 2(16): 332): each run of
capitalised words in a sentence is tested against coco's name patterns as a whole (so the
patterns' exclusions, such as "Indian Ocean", hold) and the mention is narrowed to the
shortest words that still name the same country. The bundled ``gazetteer_extra.yaml`` adds
what coco lacks: capitals, demonyms, seats of government and combining prefixes.

coco's table is read directly from the package's data file: its ``CountryConverter``
constructor fails under pandas 3 (missing ISO2 values turn into NaN), and this also keeps
pandas out of the extractor.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

#: capitalised word, an initialism such as U.S. or U.K., or an upper-case acronym
_TOKEN = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[A-Z][\w’']*")
_CONNECTOR = re.compile(r"\s+(?:of\s+the|of)\s+|\s+")
#: capitalised function words that open sentences; a run of capitalised words drops them
_OPENERS = frozenset(
    [
        "a",
        "after",
        "also",
        "although",
        "an",
        "and",
        "as",
        "at",
        "because",
        "before",
        "both",
        "but",
        "by",
        "during",
        "following",
        "for",
        "from",
        "if",
        "in",
        "it",
        "its",
        "meanwhile",
        "moreover",
        "on",
        "since",
        "so",
        "that",
        "the",
        "their",
        "then",
        "these",
        "this",
        "those",
        "thus",
        "to",
        "under",
        "unlike",
        "until",
        "when",
        "whereas",
        "while",
        "with",
        "yet",
    ]
)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Mention:
    """One mention of an actor in the text.

    Attributes:
        actor: ISO3 code.
        start: offset of the first character in the whole input.
        end: offset just past the last character.
        surface: the words as written.
        kind: name, demonym, capital, metonym, prefix or official.
    """

    actor: str
    start: int
    end: int
    surface: str
    kind: str


@dataclass(frozen=True)
class Country:
    """A row of coco's table: ISO3 code, short name and name pattern."""

    iso3: str
    name: str
    pattern: re.Pattern[str]


@cache
def countries() -> dict[str, Country]:
    """Current (not obsolete) countries of coco's table, by ISO3 code."""
    path = resources.files("country_converter") / "country_data.tsv"
    out = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["obsolete"].strip() or not row["ISO3"].strip():
                continue
            out[row["ISO3"]] = Country(
                row["ISO3"], row["name_short"], re.compile(row["regex"], re.IGNORECASE)
            )
    return out


@cache
def _extra() -> dict[str, Any]:
    import yaml

    path = resources.files("alignsim") / "data" / "gazetteer_extra.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def extra_patterns() -> list[tuple[re.Pattern[str], str, str]]:
    """(compiled form, ISO3, kind) for every capital, demonym, metonym and prefix."""
    out = []
    kinds = {"demonyms": "demonym", "capitals": "capital", "metonyms": "metonym"}
    for iso3, entry in _extra()["countries"].items():
        for key, kind in kinds.items():
            for form in entry.get(key, []):
                out.append((re.compile(rf"(?<!\w){form}(?!\w)"), iso3, kind))
        for form in entry.get("prefixes", []):
            out.append((re.compile(rf"\b{form}(?=-[A-Z])"), iso3, "prefix"))
    return out


@cache
def _title_after() -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in sorted(_extra()["titles"], key=len, reverse=True))
    return re.compile(rf"^(?:['’]s)?\s+(?:then-|former\s+|new\s+)?(?:{titles})\b", re.IGNORECASE)


@cache
def _title_before() -> re.Pattern[str]:
    titles = "|".join(re.escape(t) for t in sorted(_extra()["titles"], key=len, reverse=True))
    return re.compile(rf"\b(?:{titles})s?\s+of\s+(?:the\s+)?$", re.IGNORECASE)


@cache
def match_name(words: str) -> frozenset[str]:
    """ISO3 codes whose coco name pattern matches ``words``."""
    return frozenset(c.iso3 for c in countries().values() if c.pattern.search(words))


#: longest run of capitalised words tested as one name (the longest country names have 5);
#: a list of thousands of names is cut into runs of this length, keeping the work linear
MAX_RUN = 8


def _runs(sentence: str) -> list[list[re.Match[str]]]:
    """Runs of capitalised tokens joined only by spaces or 'of (the)', of at most
    :data:`MAX_RUN` tokens."""
    runs: list[list[re.Match[str]]] = []
    for token in _TOKEN.finditer(sentence):
        if token.group().lower() in _OPENERS:
            continue
        if runs and len(runs[-1]) < MAX_RUN:
            gap = sentence[runs[-1][-1].end() : token.start()]
            last = runs[-1][-1].group()
            if _CONNECTOR.fullmatch(gap) and not _POSSESSIVE.search(last):
                runs[-1].append(token)
                continue
        runs.append([token])
    return runs


def _clean(token: str) -> str:
    return _POSSESSIVE.sub("", token)


def _name_mentions(sentence: str, offset: int) -> list[Mention]:
    found: list[tuple[int, int, str]] = []
    for run in _runs(sentence):
        start, end = run[0].start(), run[-1].end()
        whole = match_name(_clean(sentence[start:end]))
        if len(whole) == 1:
            span = _narrow(sentence, run, next(iter(whole)))
            found += [span] if span else []
        elif len(whole) > 1:  # several countries in one run: test the tokens one by one
            for token in run:
                codes = match_name(_clean(token.group()))
                if len(codes) == 1:
                    cut = token.start() + len(_clean(token.group()))
                    found.append((token.start(), cut, next(iter(codes))))
    return [Mention(c, offset + s, offset + e, sentence[s:e], "name") for s, e, c in found]


def _narrow(sentence: str, run: list[re.Match[str]], iso3: str) -> tuple[int, int, str] | None:
    """The shortest token window of ``run`` that still names ``iso3`` alone.

    Unless the run joins words with 'of' ("Prime Minister of India"), windows that start
    with the run's first word come first ("South Korea" stays whole, "Indian Occupied
    Kashmir" becomes "Indian").
    """
    joined_by_of = " of " in sentence[run[0].start() : run[-1].end()]
    for size in range(1, len(run) + 1 if not joined_by_of else 1):
        if match_name(_window(sentence, run[:size])) == {iso3}:
            return run[0].start(), run[0].start() + len(_window(sentence, run[:size])), iso3
    for size in range(1, len(run) + 1):
        for first in range(len(run) - size + 1):
            window = run[first : first + size]
            start = window[0].start()
            end = window[-1].start() + len(_clean(window[-1].group()))
            if match_name(sentence[start:end]) == {iso3}:
                return start, end, iso3
    return None


def _window(sentence: str, tokens: list[re.Match[str]]) -> str:
    return sentence[tokens[0].start() : tokens[-1].start() + len(_clean(tokens[-1].group()))]


@cache
def _needles() -> list[str]:
    """Per extra pattern, literal text every match contains ("" when there is none)."""
    out = []
    for pattern, _, _ in extra_patterns():
        body = re.sub(r"^\(\?<!\\w\)|^\\b", "", pattern.pattern)
        literal = re.match(r"[A-Za-z][A-Za-z' ]*", body)
        needle = literal.group() if literal and "|" not in body else ""
        if needle and body[len(needle) : len(needle) + 1] in ("?", "*", "{"):
            needle = needle[:-1]  # the last letter is optional
        out.append(needle)
    return out


def _extra_mentions(sentence: str, offset: int) -> list[Mention]:
    out = []
    for (pattern, iso3, kind), needle in zip(extra_patterns(), _needles(), strict=True):
        if needle not in sentence:  # a cheap test first: most forms are absent
            continue
        for match in pattern.finditer(sentence):
            s, e = match.span()
            out.append(Mention(iso3, offset + s, offset + e, match.group(), kind))
    return out


#: characters around a mention searched for an official's title
_TITLE_REACH = 120


def _as_official(sentence: str, offset: int, mention: Mention) -> Mention:
    # a title sits next to the name: looking further would make long sentences quadratic
    after = sentence[mention.end - offset : mention.end - offset + _TITLE_REACH]
    before = sentence[max(0, mention.start - offset - _TITLE_REACH) : mention.start - offset]
    if _title_after().search(after) or _title_before().search(before):
        return Mention(mention.actor, mention.start, mention.end, mention.surface, "official")
    return mention


def find_mentions(sentence: str, offset: int = 0, allowed: set[str] | None = None) -> list[Mention]:
    """Actor mentions in one sentence, in reading order, without overlaps.

    Args:
        sentence: the sentence text.
        offset: its offset in the whole input (added to every span).
        allowed: if given, only these ISO3 codes are reported.

    Returns:
        Mentions sorted by position; where two overlap the longer one is kept.
    """
    candidates = _name_mentions(sentence, offset) + _extra_mentions(sentence, offset)
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in candidates:
        if kept and mention.start < kept[-1].end:
            continue
        if allowed is not None and mention.actor not in allowed:
            continue
        kept.append(_as_official(sentence, offset, mention))
    return kept


def country_name(iso3: str) -> str:
    """Short English name of a country (coco's ``name_short``)."""
    return countries()[iso3].name


def known_code(iso3: str) -> bool:
    """Whether ``iso3`` is a current ISO3 code in coco's table."""
    return iso3 in countries()
