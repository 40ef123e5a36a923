"""Actor groups in a sentence: coordinated mentions, the word before them, and anaphors.

"Russia and Pakistan", "China-Russia-Pakistan" and "Moscow, Beijing and Islamabad" each
form one group; "the two countries", "both sides", "which" or "it" become groups that stand
for the actors they refer back to. Mentions that only qualify a name ("the China-Pakistan
Economic Corridor", "Indian Occupied Kashmir") count as mentions but form no group.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from alignsim.extract.cameo import NON_TARGET_PREPOSITIONS
from alignsim.extract.gazetteer import Mention

_AND = re.compile(r"\s*(?:,\s*and|and|&|-|–|—|/|as\s+well\s+as)\s*|['’]s\s+and\s+")
_COMMA = re.compile(r"\s*,\s*")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
#: the article some names take ("the United States"); gazetteer mentions leave it out
_TRAILING_ARTICLE = re.compile(r"(?:^|(?<=[\s,&/–—-]))the\s+$", re.IGNORECASE)
_NAME_AFTER = re.compile(r"^[ -][A-Z][a-z]")
_PLURAL_ANAPHOR = re.compile(
    r"\b(?:the\s+two\s+(?:countries|states|sides|nations|governments|neighbou?rs)|"
    r"both\s+(?:countries|states|sides|nations|governments)|the\s+pair|the\s+two|they)\b",
    re.IGNORECASE,
)
_SINGULAR_ANAPHOR = re.compile(r"(?:,\s*|\bthat\s+)(?:which|who|it)\b|\bit\b", re.IGNORECASE)


@dataclass(frozen=True)
class Group:
    """Actors named together at one place of a sentence (offsets relative to the sentence).

    Attributes:
        actors: ISO3 codes in order of mention, without repeats.
        start: offset of the first mention.
        end: offset just past the last mention.
        before: the word right before the group, lower case ("" at the sentence start).
        mentions: the mentions (empty for an anaphor).
        anaphor: whether the group stands for actors named earlier.
    """

    actors: tuple[str, ...]
    start: int
    end: int
    before: str
    mentions: tuple[Mention, ...] = ()
    anaphor: bool = False


def _without_article(text: str) -> str:
    """``text`` without a final "the" that belongs to the name after it."""
    return _TRAILING_ARTICLE.sub("", text)


def _word_before(sentence: str, start: int) -> str:
    """The word before a group, passing over the article of the name ("in the Netherlands")."""
    # the word is right before the group: a bounded look keeps long sentences linear
    match = _WORD_BEFORE.search(_without_article(sentence[max(0, start - 100) : start]))
    return match.group(1).lower() if match else ""


def _unique(actors: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(actors))


def _connector(sentence: str, first: Mention, second: Mention, offset: int) -> str:
    """The text between two mentions, without the article of the second ("and the")."""
    return _without_article(sentence[first.end - offset : second.start - offset])


def _runs(sentence: str, mentions: list[Mention], offset: int) -> list[list[Mention]]:
    """Mentions joined by 'and', hyphens or slashes; commas only inside an 'A, B and C' list.

    A name's leading "the" counts as part of the name, so "Japan, the United States and
    Canada" joins like "Japan, Korea and Canada"; a bare "the" between two names joins nothing.
    A list names each actor once, so in "... worries Peru, Chile and Peru agreed ..." the comma
    closes a clause: "Peru" and "Chile and Peru" are two groups.
    """
    runs: list[list[Mention]] = []
    for mention in mentions:
        if runs:
            gap = sentence[runs[-1][-1].end - offset : mention.start - offset]
            core = _connector(sentence, runs[-1][-1], mention, offset)
            if _AND.fullmatch(core) or not gap.strip() or _COMMA.fullmatch(core):
                runs[-1].append(mention)
                continue
        runs.append([mention])
    out: list[list[Mention]] = []
    for run in runs:  # a comma joins only if an 'and' follows later in the same run ...
        gaps = [_connector(sentence, a, b, offset) for a, b in pairwise(run)]
        and_after = [False] * (len(gaps) + 1)  # whether an 'and' comes after gap i
        for i in range(len(gaps) - 1, -1, -1):
            and_after[i] = and_after[i + 1] or bool(_AND.fullmatch(gaps[i]))
        later = Counter(m.actor for m in run[1:])  # actors of run[i + 1 :]
        piece = [run[0]]
        named = {run[0].actor}
        for i, (gap, mention) in enumerate(zip(gaps, run[1:], strict=True)):
            # ... and the rest names no actor of the piece again (counted, not rescanned)
            ends_list = not and_after[i + 1] or any(later[a] > 0 for a in named)
            later[mention.actor] -= 1
            if _COMMA.fullmatch(gap) and ends_list:
                out.append(piece)
                piece, named = [mention], {mention.actor}
            else:
                piece.append(mention)
                named.add(mention.actor)
        out.append(piece)
    return out


def _names_something_else(sentence: str, run: list[Mention], offset: int) -> bool:
    """Whether the run only qualifies a capitalised name that follows it."""
    last = run[-1]
    return last.kind != "official" and bool(_NAME_AFTER.match(sentence[last.end - offset :]))


def coordinated_groups(sentence: str, mentions: list[Mention], offset: int) -> list[Group]:
    """Groups of coordinated mentions, leaving out mentions inside other names."""
    out = []
    for run in _runs(sentence, mentions, offset):
        if _names_something_else(sentence, run, offset):
            continue
        start, end = run[0].start - offset, run[-1].end - offset
        actors = _unique([m.actor for m in run])
        out.append(Group(actors, start, end, _word_before(sentence, start), tuple(run)))
    return out


def _plural_referent(
    earlier: list[Group], clauses: list[tuple[int, int]], at: int, previous: tuple[str, ...]
) -> tuple[str, ...]:
    """Two or more actors a plural anaphor at ``at`` refers to (see :func:`with_anaphors`)."""
    index = next(i for i, (s, e) in enumerate(clauses) if s <= at < e)
    found: tuple[str, ...] = ()
    for k in range(index, -1, -1):
        inside = [g for g in earlier if clauses[k][0] <= g.start < clauses[k][1]]
        participants = [g for g in inside if g.before not in NON_TARGET_PREPOSITIONS]
        if len({a for g in participants for a in g.actors}) >= 2:
            inside = participants  # "A hosted B in C, where the two ...": A and B, not C
        if not inside:
            continue
        if not found:
            found = _unique([a for g in inside for a in g.actors])
            if len(found) >= 2:
                return found[-2:]
            continue
        subject = inside[0].actors[0]
        if subject not in found:
            return (subject, found[0])
    return previous if not found else ()


def with_anaphors(
    sentence: str,
    groups: list[Group],
    clauses: list[tuple[int, int]],
    previous: tuple[str, ...],
) -> list[Group]:
    """Add groups for anaphors.

    A plural anaphor ("the two countries", "the two governments") stands for the last two
    actors named in the nearest clause (its own first, then those before it) that names two,
    leaving out places and topics (actors after "in", "on", "of", ...) when two others
    remain; or, when the nearest clause names only one, for that one and the subject of a
    clause before it; failing both, for ``previous``.
    A singular one ("which", "it") stands for the nearest group before it.

    Args:
        sentence: the sentence text.
        groups: its coordinated groups.
        clauses: its clause spans.
        previous: two or more actors an anaphor may refer to from earlier sentences.
    """
    out = list(groups)
    for match in _PLURAL_ANAPHOR.finditer(sentence):
        s, e = match.span()
        earlier = [g for g in groups if g.end <= s]
        actors = _plural_referent(earlier, clauses, s, previous)
        if len(actors) >= 2:
            out.append(Group(actors, s, e, _word_before(sentence, s), anaphor=True))
    for match in _SINGULAR_ANAPHOR.finditer(sentence):
        word = re.search(r"(which|who|it)\b", match.group(), re.IGNORECASE)
        s, e = match.start() + word.start(), match.end()
        earlier = [g for g in groups if g.end <= s and not g.anaphor]
        if earlier and not any(g.start <= s < g.end for g in out):
            out.append(Group(earlier[-1].actors, s, e, _word_before(sentence, s), anaphor=True))
    return sorted(out, key=lambda g: g.start)
