"""Issues from the bundled lexicon, and each actor's salience and position on them.

Salience measures how closely the text ties an actor to an issue. With ``s`` the number of
sentences that mention both and ``p`` the number of body paragraphs that mention both but
never in one sentence, the tie is ``t = s + 0.25 p`` and the salience ``1 - exp(-t / 2)``:
zero without a tie, about one half after one or two sentences, saturating towards 1. The
position is the mean Goldstein weight / 10 of the actor's signed events in sentences that
mention the issue (its stance toward cooperating on it), or 0 when there is none.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from alignsim.extract.events import DyadicEvent
from alignsim.extract.evidence import Evidence
from alignsim.extract.gazetteer import Mention
from alignsim.extract.segment import Sentence

#: weight of a paragraph-only co-occurrence relative to a sentence co-occurrence
PARAGRAPH_WEIGHT = 0.25
#: tie at which salience reaches 1 - 1/e
SALIENCE_SCALE = 2.0


@dataclass(frozen=True)
class IssueSpec:
    """An issue of the lexicon."""

    id: str
    label: str
    description: str
    pattern: re.Pattern[str]
    threat: bool


@dataclass
class IssueTie:
    """How the text ties one actor to one issue."""

    sentences: list[Evidence] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    events: list[DyadicEvent] = field(default_factory=list)

    @property
    def strength(self) -> float:
        """``s + 0.25 p``."""
        return len(self.sentences) + PARAGRAPH_WEIGHT * len(self.paragraphs)

    @property
    def salience(self) -> float:
        """``1 - exp(-tie / 2)``, rounded to two decimals."""
        return round(1.0 - math.exp(-self.strength / SALIENCE_SCALE), 2)

    @property
    def position(self) -> float:
        """Mean Goldstein weight / 10 of the tied signed events, rounded; 0 without any."""
        signed = [e.goldstein for e in self.events if e.sign]
        return round(sum(signed) / len(signed) / 10.0, 2) if signed else 0.0


def _term(term: str) -> str:
    """A term with capitals (an acronym or name) matches case-sensitively, others do not."""
    return f"(?:{term})" if any(c.isupper() for c in term) else f"(?i:{term})"


@cache
def lexicon() -> tuple[IssueSpec, ...]:
    """The issues of ``issue_lexicon.yaml``."""
    import yaml

    text = (resources.files("alignsim") / "data" / "issue_lexicon.yaml").read_text("utf-8")
    out = []
    for entry in yaml.safe_load(text)["issues"]:
        terms = "|".join(_term(str(t)) for t in entry["terms"])
        pattern = re.compile(rf"(?<![\w-])(?:{terms})(?![\w-])")
        out.append(
            IssueSpec(
                entry["id"],
                entry["label"],
                entry.get("description", ""),
                pattern,
                bool(entry.get("threat", False)),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class IssueMention:
    """A lexicon term found in a sentence (absolute offsets)."""

    issue: str
    start: int
    end: int
    surface: str


def issue_mentions(sentence: Sentence) -> list[IssueMention]:
    """Lexicon terms in one sentence."""
    out = []
    for spec in lexicon():
        for match in spec.pattern.finditer(sentence.text):
            s, e = match.span()
            out.append(IssueMention(spec.id, sentence.start + s, sentence.start + e, match.group()))
    return out


def issue_ties(
    sentences: list[Sentence],
    mentions: list[list[Mention]],
    terms: list[list[IssueMention]],
    events: list[DyadicEvent],
    actors: set[str],
) -> dict[str, dict[str, IssueTie]]:
    """Ties of every actor to every issue the text mentions: ``ties[issue][actor]``."""
    ties: dict[str, dict[str, IssueTie]] = defaultdict(lambda: defaultdict(IssueTie))
    para_actors: dict[int, set[str]] = defaultdict(set)
    para_issues: dict[int, set[str]] = defaultdict(set)
    together: set[tuple[int, str, str]] = set()
    by_sentence: dict[tuple[int, int], list[DyadicEvent]] = defaultdict(list)
    for event in events:
        by_sentence[(event.evidence.block, event.evidence.sentence)].append(event)
    for sentence, found, issue_terms in zip(sentences, mentions, terms, strict=True):
        if not sentence.body_para:
            continue
        named = {m.actor for m in found} & actors
        issues = {t.issue for t in issue_terms}
        para_actors[sentence.body_para] |= named
        para_issues[sentence.body_para] |= issues
        for issue in issues:
            span = next(t for t in issue_terms if t.issue == issue)
            for actor in named:
                tie = ties[issue][actor]
                tie.sentences.append(
                    Evidence(
                        sentence.block, sentence.body_para, sentence.index, span.start, span.end
                    )
                )
                together.add((sentence.body_para, issue, actor))
                tie.events += [
                    e
                    for e in by_sentence[(sentence.block, sentence.index)]
                    if actor in e.pair and e.sign
                ]
    for para, issues in para_issues.items():
        for issue in issues:
            for actor in para_actors[para]:
                if (para, issue, actor) not in together:
                    ties[issue][actor].paragraphs.append(para)
    return {issue: dict(by_actor) for issue, by_actor in ties.items()}
