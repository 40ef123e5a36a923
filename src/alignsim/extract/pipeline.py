"""The extraction pipeline: text in, actors, events, issues and dates out (no files)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from alignsim.extract.dates import DateMention, resolve_dates
from alignsim.extract.events import DyadicEvent, last_group, sentence_events
from alignsim.extract.gazetteer import Mention, find_mentions
from alignsim.extract.reading import normalise
from alignsim.extract.segment import Paragraph, Sentence, paragraphs, sentences


@dataclass
class Extraction:
    """Everything read from one text.

    Attributes:
        text: the input.
        paragraphs: its blocks, body paragraphs numbered.
        sentences: every sentence, in reading order.
        mentions: actor mentions per sentence (parallel to ``sentences``).
        dates: dates per sentence (parallel to ``sentences``).
        events: dyadic events of the body text, in reading order.
    """

    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    mentions: list[list[Mention]]
    dates: list[list[DateMention]]
    events: list[DyadicEvent] = field(default_factory=list)

    def body(self) -> list[int]:
        """Indexes of the sentences that belong to body paragraphs."""
        return [i for i, s in enumerate(self.sentences) if s.body_para]


def extract(
    text: str,
    allowed: set[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Extraction:
    """Read a text.

    Args:
        text: the article; a leading BOM is dropped and CR LF and CR become LF first
            (:func:`~alignsim.extract.reading.normalise`), so offsets refer to that text.
        allowed: if given, only these ISO3 codes are treated as actors.
        progress: called with (work done, work in all), in characters, as sentences are
            split (first half) and read (second half).

    Returns:
        The extraction; mentions and dates cover every sentence, events only the body.
    """
    text = normalise(text)
    paras = paragraphs(text)
    total = 2 * len(text)  # splitting sentences, then reading them
    split_progress = (lambda done, _: progress(done, total)) if progress else None
    sents = sentences(text, paras, split_progress)
    mentions = [find_mentions(s.text, s.start, allowed) for s in sents]
    dates = resolve_dates([(s.text, s.start) for s in sents])
    result = Extraction(text, paras, sents, mentions, dates)
    previous_group: tuple[str, ...] = ()
    previous_participants: tuple[str, ...] = ()
    current_block = 0
    for i in result.body():
        sentence = sents[i]
        if sentence.block != current_block:  # anaphors do not reach across paragraphs
            previous_group, previous_participants, current_block = (), (), sentence.block
        referent = previous_group or (
            previous_participants if len(previous_participants) > 1 else ()
        )
        events = sentence_events(sentence, mentions[i], dates[i], referent, previous_participants)
        result.events += events
        previous_group = last_group(sentence, mentions[i]) or previous_group
        if progress:
            progress(len(text) + sentence.end, total)
        signed = [e for e in events if e.sign]
        if signed:
            previous_participants = tuple(dict.fromkeys(a for e in signed for a in e.pair))
    if progress:
        progress(total, total)
    return result
