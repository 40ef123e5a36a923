"""Assemble the draft scenario (format version 1) and its evidence from an extraction.

Values come with citations ``{source, para, note}``; a note is a short machine paraphrase
("extracted: PAK-RUS cooperation (CAMEO 06 ...), sentence 10, chars 2460-2519") and never
a copied sentence. Fuller evidence (offsets, matched words) goes to the evidence side file.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from alignsim.extract.cameo import roots
from alignsim.extract.dates import absolute_dates
from alignsim.extract.errors import ExtractError
from alignsim.extract.events import DyadicEvent
from alignsim.extract.gazetteer import country_name
from alignsim.extract.issues import IssueTie, issue_mentions, issue_ties, lexicon
from alignsim.extract.pipeline import Extraction
from alignsim.extract.relations import (
    EVENT_SHIFT_PER_POINT,
    by_pair,
    calendar,
    initial_alignments,
    merge_dated,
    repeat_factor,
    stance,
)

CAPABILITY_NOTE = "judgement: equal placeholder capability; replace with an index"


@dataclass(frozen=True)
class SourceInfo:
    """How the draft names its source text."""

    id: str
    title: str
    author: str
    date: str


def slug(text: str, limit: int = 48) -> str:
    """An identifier (letters, digits, _ and -, starting with a letter) made from ``text``."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_-")[:limit] or "text"
    return cleaned if cleaned[0].isalpha() else f"t{cleaned}"


def source_info(
    extraction: Extraction, stem: str, source_id: str | None, author: str | None, date: str | None
) -> SourceInfo:
    """Title, author and date of the source: given, or read from the page furniture.

    The title is the last short block before the first body paragraph; the date is the
    first furniture block that is a date, else the latest date the text mentions.

    Raises:
        ExtractError: no date given and none found in the text.
    """
    text, paras = extraction.text, extraction.paragraphs
    first_body = next(p.block for p in paras if p.body_para)
    heads = [text[p.start : p.end] for p in paras if not p.body_para and p.block < first_body]
    title = next((h for h in reversed(heads) if len(h.split()) <= 20 and "\n" not in h), stem)
    if date is None:
        for para in paras:
            block = text[para.start : para.end]
            found = absolute_dates(block)
            if not para.body_para and found and len(found[0].surface) >= len(block) - 2:
                date = found[0].iso()
                break
    if date is None:
        every = [d for ds in extraction.dates for d in ds if not d.relative]
        if not every:
            raise ExtractError("no date found for the source; pass --source-date YYYY-MM-DD")
        date = max(every, key=lambda d: (d.year, d.month or 0, d.day or 0)).iso()
    return SourceInfo(source_id or slug(stem), title.strip(), author or "unknown", date)


def mention_table(extraction: Extraction) -> dict[str, list[dict[str, Any]]]:
    """Every mention of every actor with its evidence, by ISO3 code."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sentence, mentions in zip(extraction.sentences, extraction.mentions, strict=True):
        for m in mentions:
            out[m.actor].append(
                {
                    "surface": m.surface,
                    "kind": m.kind,
                    "paragraph": sentence.block,
                    "body_paragraph": sentence.body_para,
                    "sentence": sentence.index,
                    "start": m.start,
                    "end": m.end,
                }
            )
    return dict(out)


def select_actors(
    extraction: Extraction, requested: list[str] | None, min_mentions: int
) -> list[str]:
    """The draft's actors: those requested, else those in a signed event or named often.

    Without a request, an actor is kept if it takes part in a signed event or has at least
    ``min_mentions`` mentions in the body text; actors are ordered by mentions, most first.
    """
    table = mention_table(extraction)
    body_counts = Counter({a: sum(1 for m in ms if m["body_paragraph"]) for a, ms in table.items()})
    if requested:
        return list(requested)
    in_events = {a for e in extraction.events if e.sign for a in e.pair}
    keep = {a for a, n in body_counts.items() if n >= min_mentions} | in_events
    return sorted(keep, key=lambda a: (-body_counts[a], a))


def require_two(actors: list[str]) -> None:
    """Raise unless there are two or more actors.

    Raises:
        ExtractError: fewer than two, naming those found.
    """
    if len(actors) < 2:
        found = ", ".join(actors) or "none"
        raise ExtractError(
            f"found {len(actors)} actor(s) ({found}); a scenario needs two or more "
            "(name them with --actors ISO3,ISO3)"
        )


def too_few_actors(extraction: Extraction, chosen: list[str], min_mentions: int) -> str:
    """Why fewer than two actors were kept without ``--actors``, in one line.

    Names the actors the text mentions that ``min_mentions`` left out, with their counts.
    """
    table = mention_table(extraction)
    counts = {a: sum(1 for m in ms if m["body_paragraph"]) for a, ms in table.items()}
    found = ", ".join(chosen) or "none"
    message = (
        f"found {len(chosen)} actor(s) ({found}) named at least {min_mentions} time(s) in the "
        "body or taking part in an event; a scenario needs two or more"
    )
    left_out = sorted((a for a in counts if a not in chosen), key=lambda a: (-counts[a], a))
    if left_out:
        listed = ", ".join(f"{a} ({counts[a]} in the body)" for a in left_out)
        return (
            f"{message}; left out by --min-mentions {min_mentions}: {listed} "
            "(lower --min-mentions or name them with --actors ISO3,ISO3)"
        )
    return f"{message} (name them with --actors ISO3,ISO3)"


def _citation(source: str, para: int, note: str) -> dict[str, Any]:
    return {"source": source, "para": max(1, para), "note": note}


def _event_note(event: DyadicEvent) -> str:
    kind = "cooperation" if event.sign > 0 else "conflict"
    arrow = "-" if event.joint else ">"
    ev = event.evidence
    return (
        f"extracted: {event.source}{arrow}{event.target} {kind} "
        f"(CAMEO {event.root} {event.label}, Goldstein {event.goldstein:+g}), "
        f"sentence {ev.sentence}, chars {ev.start}-{ev.end}, cue '{event.cue}'"
    )


def _sentence_at(sentences: list[Any], starts: list[int], offset: int) -> Any:
    """The sentence holding ``offset`` (sentences in reading order; a binary search keeps
    long texts linear), or ``None``."""
    import bisect

    at = bisect.bisect_right(starts, offset) - 1
    if at >= 0 and sentences[at].start <= offset < sentences[at].end:
        return sentences[at]
    return None


def _issues_and_interests(
    extraction: Extraction, actors: list[str], source: str
) -> tuple[list[dict], dict[str, dict], list[dict], dict[str, Any]]:
    terms = [issue_mentions(s) for s in extraction.sentences]
    starts = [s.start for s in extraction.sentences]
    events = [e for e in extraction.events if e.source in actors and e.target in actors]
    ties = issue_ties(extraction.sentences, extraction.mentions, terms, events, set(actors))
    issues, threats, evidence = [], [], {}
    interests: dict[str, dict] = {a: {} for a in actors}
    for spec in lexicon():
        by_actor: dict[str, IssueTie] = ties.get(spec.id, {})
        if not any(t.strength > 0 for t in by_actor.values()):
            continue
        found = [t for ts, s in zip(terms, extraction.sentences, strict=True) if s.body_para
                 for t in ts if t.issue == spec.id]  # fmt: skip
        holding = [_sentence_at(extraction.sentences, starts, t.start) for t in found]
        first = holding[0]
        sentences_with = len({(s.block, s.index) for s in holding if s is not None})
        issues.append(
            {
                "id": spec.id,
                "label": spec.label,
                "description": spec.description,
                "citation": _citation(
                    source,
                    first.body_para,
                    f"extracted: lexicon terms in {sentences_with} sentence(s); first "
                    f"'{found[0].surface}' at sentence {first.index}, chars "
                    f"{found[0].start}-{found[0].end}",
                ),
            }
        )
        evidence[spec.id] = {
            "terms": [{"surface": t.surface, "start": t.start, "end": t.end} for t in found],
            "ties": {},
        }
        exposure = {}
        for actor in actors:
            tie = by_actor.get(actor, IssueTie())
            interests[actor][spec.id] = _interest(tie, source, first.body_para)
            evidence[spec.id]["ties"][actor] = {
                "sentences": [e.as_dict() for e in tie.sentences],
                "paragraph_only": tie.paragraphs,
                "events": len(tie.events),
                "salience": tie.salience,
                "position": tie.position,
            }
            if tie.salience > 0:
                exposure[actor] = tie.salience
        if spec.threat and exposure:
            threats.append(
                {
                    "id": f"threat_{spec.id}",
                    "label": spec.label,
                    "exposure": exposure,
                    "citation": _citation(
                        source,
                        first.body_para,
                        "extracted: exposure set to each actor's salience on the issue",
                    ),
                }
            )
    return issues, interests, threats, evidence


def _interest(tie: IssueTie, source: str, default_para: int) -> dict[str, Any]:
    if tie.strength == 0:
        note = "judgement: the text does not tie the actor to the issue; zero salience"
        return {"position": 0.0, "salience": 0.0, "citation": _citation(source, default_para, note)}
    para = tie.sentences[0].body_para if tie.sentences else tie.paragraphs[0]
    position = (
        f"position {tie.position:+g} from {len(tie.events)} event(s)"
        if tie.events
        else "judgement: no event gives a stance; neutral position"
    )
    note = (
        f"extracted: salience from {len(tie.sentences)} sentence and "
        f"{len(tie.paragraphs)} paragraph co-occurrence(s); {position}"
    )
    return {"position": tie.position, "salience": tie.salience,
            "citation": _citation(source, para, note)}  # fmt: skip


def _relations(events: list[DyadicEvent], source: str) -> list[dict[str, Any]]:
    out = []
    undated = [e for e in events if e.date is None]
    groups = by_pair(undated)
    for pair, alignment in sorted(initial_alignments(events).items()):
        used = groups[pair]
        codes = ", ".join(sorted({e.root for e in used}))
        where = "; ".join(
            f"para {e.evidence.body_para} sentence {e.evidence.sentence}" for e in used[:4]
        )
        note = (
            f"extracted: mean Goldstein {stance(used) * 10:+.2f} over {len(used)} undated "
            f"event(s) (CAMEO {codes}) / 10; {where}"
        )
        out.append(
            {
                "pair": list(pair),
                "alignment": alignment,
                "citation": _citation(source, used[0].evidence.body_para, note),
            }
        )
    return out


def _scheduled(events: list[DyadicEvent], source: str) -> list[dict[str, Any]]:
    """One scenario event per pair, CAMEO root and date, repeated reports merged."""
    out, used_ids = [], Counter()
    for merged in merge_dated(events):
        lead = merged.reports[0]
        a, b = merged.pair
        base = slug(f"ev_{merged.date.replace('-', '_')}_{a}_{b}_{merged.root}")
        used_ids[base] += 1
        ident = base if used_ids[base] == 1 else f"{base}_{used_ids[base]}"
        label = f"{a}-{b} {roots()[merged.root].label}"
        if merged.count > 1:
            label += f" (reported {merged.count} times)"
        factor = repeat_factor(merged.count)
        note = _event_note(lead) + (
            f"; reported in {merged.count} sentences, merged; shift = "
            f"{EVENT_SHIFT_PER_POINT:g} x Goldstein x {factor:.2f} for the repeats (judgement)"
            if merged.count > 1
            else f"; shift = {EVENT_SHIFT_PER_POINT:g} x Goldstein (judgement)"
        )
        if merged.shift == 0:
            continue
        out.append(
            {
                "id": ident,
                "at": merged.date,
                "label": label,
                "citation": _citation(source, lead.evidence.body_para, note),
                "effects": [{"alignment": [a, b], "shift": merged.shift}],
            }
        )
    return out


def build_draft(
    extraction: Extraction, info: SourceInfo, actors: list[str], name: str, input_name: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The draft scenario and its evidence, as plain data.

    Raises:
        ExtractError: fewer than two actors.
    """
    require_two(actors)
    events = [e for e in extraction.events if e.source in actors and e.target in actors]
    issues, interests, threats, issue_evidence = _issues_and_interests(extraction, actors, info.id)
    dated = [e.date.iso() for e in events if e.date is not None and e.sign]
    cal = calendar(dated, info.date)
    scenario: dict[str, Any] = {
        "version": 1,
        "name": name,
        "title": f"Draft extracted from {input_name}",
        "description": (
            f"Drafted by `alignsim extract` from {input_name}. Every value is a machine "
            "reading of the text with its citation; review each before use."
        ),
        "sources": [{"id": info.id, "title": info.title, "author": info.author, "date": info.date}],
        "time": {"start": cal.start, "unit": cal.unit, "steps": cal.steps},
        "issues": issues,
        "actors": [
            {
                "id": actor,
                "name": country_name(actor),
                "capability": 1.0,
                "capability_citation": _citation(info.id, 1, CAPABILITY_NOTE),
                "interests": interests[actor],
            }
            for actor in actors
        ],
        "relations": _relations(events, info.id),
        "threats": threats,
        "events": _scheduled(events, info.id),
    }
    table = mention_table(extraction)
    evidence = {
        "input": input_name,
        "offsets": (
            "characters of the decoded UTF-8 input after dropping a leading BOM and turning "
            "CR LF and CR line ends into LF, end exclusive"
        ),
        "paragraphs": [
            {"paragraph": p.block, "body_paragraph": p.body_para, "start": p.start, "end": p.end}
            for p in extraction.paragraphs
        ],
        "actors": {a: {"name": country_name(a), "mentions": table.get(a, [])} for a in actors},
        "events": [_event_evidence(e) for e in events],
        "issues": issue_evidence,
    }
    return scenario, evidence


def _event_evidence(event: DyadicEvent) -> dict[str, Any]:
    return {
        "source": event.source,
        "target": event.target,
        "joint": event.joint,
        "cameo": event.root,
        "label": event.label,
        "goldstein": event.goldstein,
        "cue": event.cue,
        "date": event.date.iso() if event.date else None,
        "date_words": event.date.surface if event.date else None,
        "date_span": [event.date.start, event.date.end] if event.date else None,
        **event.evidence.as_dict(),
    }
