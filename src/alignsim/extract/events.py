"""Dyadic events: which actor does what to whom, in which CAMEO root category, and when.

A rule-based reading in the spirit of dictionary event coders such as KEDS/TABARI
(Schrodt, Davis & Weddle 1994; Schrodt 2001): a cue phrase from ``event_cues.yaml`` gives the
CAMEO root category and its Goldstein weight, and the actors are taken from the cue's own
clause by the cue's voice:

- directed: the source is an actor named right before the cue ("U.S. sanctions"), else the
  nearest actor before it in the clause; the target is the first actor after it that is not
  a place or topic. A source of two or more actors with no target acts jointly.
- joint: the actors named with the cue ("Indo-American cooperation", "Russia and China
  ... partnership", "cooperation between A and B") act together.
- experiencer: the actor after the cue reacts to (or, for "received aid from", gives to)
  the actor before it ("... worries India").

Which pairs a cue produces is restricted to its adjacent subject and object groups: every
subject actor with every object actor; the actors of one group with each other only when
that group is the cue's joint actor ("Russia and China held joint drills", "talks between
A and B"). Co-subjects of a directed cue ("A and B signed an accord with C") and co-objects
("cooperation with B and C", "A and B received aid from C") are not paired with each other.
Groups are formed within a clause, never across a clause boundary.

A conflictual cue whose target is not named refers back to the participants of the
sentence's previous event (e.g. "London rejected the criticism") when its source is a
clause subject; a source that only modifies a noun ("American-Indian encirclement") does
not reach back, so an agent named as an adjective with no object gives no event. A nominal
cue with a determiner and no actor right before it ("an attack on ...") has no named agent
and is skipped. A cue negated or made hypothetical in its clause ("did not sign", "denied
that it had threatened", "against any pact", "could impose") is dropped
(:mod:`~alignsim.extract.modality`). No syntactic parser is used, so the reading is
heuristic; its precision and recall on hand-labelled texts are printed by
``benchmarks/extract_quality.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from alignsim.extract.cameo import NON_TARGET_PREPOSITIONS, CueMatch, find_cues, roots
from alignsim.extract.clauses import background_span, clause_spans
from alignsim.extract.dates import DateMention
from alignsim.extract.evidence import Evidence
from alignsim.extract.gazetteer import Mention
from alignsim.extract.groups import Group, coordinated_groups, with_anaphors
from alignsim.extract.modality import blocking_trigger
from alignsim.extract.segment import Sentence

_MODIFIER_GAP = re.compile(r"(?:['’]s?)?\s+(?:[a-z][a-z-]*\s+){0,2}")
_DETERMINER = re.compile(r"\b(?:an?|the|its|their|his|her|this|that)\s+(?:[a-z-]+\s+){0,2}$")
_COMPANION_PREPOSITIONS = frozenset(["with", "between", "and", "among"])
_PREPOSITIONS = NON_TARGET_PREPOSITIONS | {"to", "with", "for", "by", "against", "at", "between"}


@dataclass(frozen=True)
class DyadicEvent:
    """One actor acting on another (or two acting together), with its evidence.

    Attributes:
        source: ISO3 code of the actor that acts (for a joint event, the first named).
        target: ISO3 code of the actor acted upon (or the other participant).
        root: CAMEO root code.
        goldstein: the root's Goldstein weight.
        joint: whether both act together (the pair is then unordered).
        cue: the cue phrase as written.
        evidence: sentence and the span from the first participant to the cue's end.
        date: the date the text gives the event, if any.
    """

    source: str
    target: str
    root: str
    goldstein: float
    joint: bool
    cue: str
    evidence: Evidence
    date: DateMention | None

    @property
    def pair(self) -> tuple[str, str]:
        """The two actors in alphabetical order."""
        return tuple(sorted((self.source, self.target)))  # type: ignore[return-value]

    @property
    def sign(self) -> int:
        """+1 cooperative, -1 conflictual, 0 neutral."""
        return (self.goldstein > 0) - (self.goldstein < 0)

    @property
    def label(self) -> str:
        """CAMEO root label."""
        return roots()[self.root].label


@dataclass(frozen=True)
class _Pairs:
    pairs: list[tuple[str, str]]
    joint: bool
    groups: list[Group]
    stimulus: tuple[str, ...] = ()


@dataclass
class _Context:
    """What earlier cues of the same sentence leave for later ones."""

    antecedent: tuple[str, ...]
    stimulus: tuple[str, ...] = ()
    consumed: set[int] | None = None
    same_sentence: bool = False


def _official(group: Group) -> bool:
    """'The presidents of Brazil and Chile': officials named after a title can act."""
    return any(m.kind == "official" for m in group.mentions)


def _subject(sentence: str, group: Group) -> bool:
    """Whether a source group reads as a clause subject rather than an adjective on a noun.

    Not a subject: a group after a preposition ("a response to Indian encirclement"), a
    hyphenated compound ("American-Indian") or a demonym or combining form ("Sino-").
    """
    if group.anaphor or _official(group):
        return True
    if group.before in _PREPOSITIONS:
        return False
    if any(m.kind in ("demonym", "prefix") for m in group.mentions):
        return False
    return not re.search(r"[-–]", sentence[group.start : group.end])


def _is_target(group: Group, cue: CueMatch) -> bool:
    return group.before in cue.cue.targets or group.before not in NON_TARGET_PREPOSITIONS


def _modifier(sentence: str, groups: list[Group], cue: CueMatch) -> Group | None:
    """A group inside the cue ("budding Russian-Pakistani relationship") or right before it."""
    for group in groups:
        if group.start >= cue.start and group.end <= cue.end:
            return group
    for group in reversed(groups):
        if group.end <= cue.start and _MODIFIER_GAP.fullmatch(sentence[group.end : cue.start]):
            return group
    return None


def _cross(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(x, y) for x in a for y in b if x != y]


def _within(actors: tuple[str, ...]) -> list[tuple[str, str]]:
    return list(combinations(dict.fromkeys(actors), 2))


def _union(*groups: Group) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a for g in groups for a in g.actors))


def _joint(
    sentence: str, cue: CueMatch, modifier: Group | None, source: Group | None, after: list
) -> list[Group] | None:
    targets = [g for g in after if _is_target(g, cue)]
    target = targets[0] if targets else None
    if after and len(after[0].actors) >= 2:
        gap = sentence[cue.end : after[0].start]
        if re.fullmatch(r"\s*(?:between|among|of)?\s*(?:the\s+)?", gap, re.IGNORECASE):
            return [after[0]]
    companion = target if target and target.before in _COMPANION_PREPOSITIONS else None
    if modifier and len(modifier.actors) >= 2:
        return [modifier] + ([companion] if companion else [])
    if modifier:
        other = source if source is not modifier else None
        partner = other or target
        return [modifier, partner] if partner else None
    if source and len(source.actors) >= 2:
        return [source] + ([companion] if companion else [])
    if source and target:
        return [source, target]
    if target and len(target.actors) >= 2:
        return [target]
    return None


def _participants(
    sentence: str, cue: CueMatch, clause: list[Group], context: _Context
) -> _Pairs | None:
    consumed = context.consumed if context.consumed is not None else set()
    before = [g for g in clause if g.end <= cue.start]
    after = [g for g in clause if g.start >= cue.end]
    modifier = _modifier(sentence, clause, cue)
    subjects = [
        g
        for g in before
        if (g.before not in NON_TARGET_PREPOSITIONS or g.anaphor or _official(g))
        and g.start not in consumed
    ]
    conflict = roots()[cue.cue.root].goldstein < 0
    voice = cue.cue.voice

    if voice == "experiencer":
        experiencer = after[0] if after else None
        stimulus = modifier or (before[-1] if before else None)
        if experiencer is None:
            return None
        stimulus_actors = stimulus.actors if stimulus else context.stimulus or context.antecedent
        pairs = _cross(experiencer.actors, stimulus_actors)
        return _Pairs(pairs, False, [g for g in (experiencer, stimulus) if g], stimulus_actors)

    if voice == "joint":
        source = subjects[-1] if subjects else None
        group = _joint(sentence, cue, modifier, source, after)
        if group is None:
            return None
        pairs = _within(group[0].actors) + [
            p for g in group[1:] for p in _cross(group[0].actors, g.actors)
        ]
        return _Pairs(list(dict.fromkeys(pairs)), True, group)

    agentless = modifier is None and _DETERMINER.search(
        sentence[max(0, cue.start - 100) : cue.start]
    )
    source = modifier or (subjects[-1] if subjects and not agentless else None)
    others = [g for g in after if not source or not set(g.actors) <= set(source.actors)]
    targets = [g for g in others if _is_target(g, cue)]
    target = targets[0] if targets else None
    if source and target:
        return _Pairs(_cross(source.actors, target.actors), False, [source, target])
    if source and len(source.actors) >= 2 and not conflict:
        return _Pairs(_within(source.actors), True, [source])
    own_sentence = context.same_sentence and len(clause) == 1
    if source and _subject(sentence, source) and context.antecedent and (conflict or own_sentence):
        pairs = _cross(source.actors, context.antecedent)
        return _Pairs(pairs, False, [source]) if pairs else None
    return None


def _date_for(
    sentence: str, cue: CueMatch, clause: tuple[int, int], dates: list[DateMention], offset: int
) -> DateMention | None:
    background = background_span(sentence, clause)
    if background and background[0] <= cue.start < background[1]:
        inside = [d for d in dates if background[0] <= d.start - offset < background[1]]
        return inside[0] if inside else None
    in_clause = [d for d in dates if clause[0] <= d.start - offset < clause[1]]
    if in_clause:
        return min(in_clause, key=lambda d: abs(d.start - offset - cue.start))
    distinct = {d.iso() for d in dates}
    return dates[0] if len(distinct) == 1 else None


def _clause_groups(
    text: str, mentions: list[Mention], offset: int, clauses: list[tuple[int, int]]
) -> list[Group]:
    """Coordinated groups formed clause by clause, so that no group straddles a boundary.

    In "Russia criticized India, and China praised Pakistan" the ", and" both ends a clause
    and would join "India" and "China" into one group; formed per clause, "India" stays the
    object of the first clause and "China" the subject of the second.
    """
    return [
        group
        for start, end in clauses
        for group in coordinated_groups(
            text, [m for m in mentions if start <= m.start - offset < end], offset
        )
    ]


def sentence_events(
    sentence: Sentence,
    mentions: list[Mention],
    dates: list[DateMention],
    previous_group: tuple[str, ...] = (),
    previous_participants: tuple[str, ...] = (),
) -> list[DyadicEvent]:
    """The dyadic events of one sentence.

    Args:
        sentence: the sentence.
        mentions: actor mentions inside it (absolute offsets).
        dates: dates inside it (absolute offsets), relative ones already resolved.
        previous_group: the last group of two or more actors before this sentence.
        previous_participants: actors of the last event before this sentence.
    """
    text, offset = sentence.text, sentence.start
    clauses = clause_spans(text)
    groups = with_anaphors(
        text, _clause_groups(text, mentions, offset, clauses), clauses, previous_group
    )
    if not groups:
        return []
    context = _Context(previous_participants if previous_group else (), consumed=set())
    found: dict[tuple, DyadicEvent] = {}
    for cue in find_cues(text):
        clause = next(c for c in clauses if c[0] <= cue.start < c[1])
        if blocking_trigger(text, clause, cue.start):
            continue
        in_clause = [g for g in groups if clause[0] <= g.start < clause[1]]
        result = _participants(text, cue, in_clause, context)
        if result is None or not result.pairs:
            continue
        root = roots()[cue.cue.root]
        date = _date_for(text, cue, clause, dates, offset)
        spans = [(g.start, g.end) for g in result.groups] + [(cue.start, cue.end)]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        evidence = Evidence(
            sentence.block, sentence.body_para, sentence.index, offset + start, offset + end
        )
        for source, target in result.pairs:
            event = DyadicEvent(
                source, target, root.code, root.goldstein, result.joint, cue.surface, evidence, date
            )
            key = (event.pair, event.sign, date.iso() if date else None)
            kept = found.get(key)
            if kept is None or abs(event.goldstein) > abs(kept.goldstein):
                found[key] = event
        if root.goldstein != 0:
            context.antecedent = tuple(dict.fromkeys(a for pair in result.pairs for a in pair))
            context.same_sentence = True
            context.consumed |= {g.start for g in result.groups[1:]}
        if result.stimulus:
            context.stimulus = result.stimulus
    return sorted(found.values(), key=lambda e: (e.evidence.start, e.pair))


def last_group(sentence: Sentence, mentions: list[Mention]) -> tuple[str, ...]:
    """Actors of the sentence's last group of two or more, for anaphors further on."""
    text = sentence.text
    groups = _clause_groups(text, mentions, sentence.start, clause_spans(text))
    multi = [g.actors for g in groups if len(g.actors) >= 2]
    return multi[-1] if multi else ()
