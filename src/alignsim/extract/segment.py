"""Paragraphs (blank-line separated blocks), body text and sentences, with offsets.

Sentences are split with pysbd (Sadvilkar & Neumann 2020, "PySBD: Pragmatic Sentence
Boundary Disambiguation", NLP-OSS workshop), paragraph by paragraph so that its cost stays
linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: a block is body text when it ends like a sentence and has at least this many words
MIN_BODY_WORDS = 8
#: longer blocks are cut before sentence splitting: pysbd's cost per character grows with the
#: length of what it is given (a 900 KB single sentence took minutes in 20 KB pieces)
MAX_CHUNK = 2_000
#: what may end a sentence inside a block (a block without any is one sentence)
_INNER_BREAK = re.compile(r"[.!?\n\u2026]")
_CUT_AFTER = re.compile(r"[.!?][\"'’”)\]]*\s+(?=[A-Z“\"'(])")


@dataclass(frozen=True)
class Paragraph:
    """A blank-line separated block of the input.

    Attributes:
        block: number of the block, from 1.
        body_para: number among body paragraphs, from 1, or 0 for page furniture.
        start: offset of its first non-blank character.
        end: offset just past its last non-blank character.
    """

    block: int
    body_para: int
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence with its place in the input.

    Attributes:
        block: the paragraph (block) it belongs to, from 1.
        body_para: the body paragraph, from 1 (0 for furniture).
        index: sentence number within the paragraph, from 1.
        start: offset of its first character.
        end: offset just past its last non-blank character.
        text: the sentence with line breaks turned into spaces (same length as the span).
    """

    block: int
    body_para: int
    index: int
    start: int
    end: int
    text: str


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the blank-line separated blocks, stripped of surrounding white space."""
    spans: list[tuple[int, int]] = []
    position = 0
    for separator in [*_BLANK_LINES.finditer(text), None]:
        end = separator.start() if separator else len(text)
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((position + lead, position + lead + len(stripped)))
        if separator:
            position = separator.end()
    return spans


def is_body(block_text: str) -> bool:
    """Whether a block reads as body text: it ends like a sentence and is long enough.

    Titles, bylines, date lines, view counters and navigation links fail one of the two.
    """
    return bool(_SENTENCE_END.search(block_text)) and len(_WORD.findall(block_text)) >= (
        MIN_BODY_WORDS
    )


def paragraphs(text: str) -> list[Paragraph]:
    """The blocks of ``text``, body paragraphs numbered from 1.

    If no block looks like body text (a very short input), every block counts as body.
    """
    spans = split_blocks(text)
    flags = [is_body(text[s:e]) for s, e in spans]
    if not any(flags):
        flags = [True] * len(spans)
    out, body = [], 0
    for number, ((start, end), flag) in enumerate(zip(spans, flags, strict=True), start=1):
        body += flag
        out.append(Paragraph(number, body if flag else 0, start, end))
    return out


@cache
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut an over-long block at its last sentence end before the limit (else at a line
    break, a space, or hard as a last resort)."""
    while end - start > MAX_CHUNK:
        limit = start + MAX_CHUNK
        ends = [m.end() for m in _CUT_AFTER.finditer(text, start + MAX_CHUNK // 2, limit)]
        cut = ends[-1] if ends else text.rfind("\n", start, limit)
        if cut <= start:
            cut = text.rfind(" ", start, limit)
        if cut <= start:
            cut = limit
        yield start, cut
        start = cut
    yield start, end


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text[start:end]``, trimmed of white space."""
    block = text[start:end]
    if len(block) <= MAX_CHUNK and not _INNER_BREAK.search(block.rstrip(".!?\"'’”)] \t\r\n")):
        stripped = block.strip()  # one sentence at most: no need to ask pysbd
        lead = len(block) - len(block.lstrip())
        return [(start + lead, start + lead + len(stripped))] if stripped else []
    spans = []
    for chunk_start, chunk_end in _chunks(text, start, end):
        chunk = text[chunk_start:chunk_end]
        for piece in _segmenter().segment(chunk):
            raw = chunk[piece.start : piece.end]
            stripped = raw.strip()
            if not stripped:
                continue
            lead = len(raw) - len(raw.lstrip())
            s = chunk_start + piece.start + lead
            spans.append((s, s + len(stripped)))
    return spans


def sentences(
    text: str,
    paras: list[Paragraph],
    progress: Callable[[int, int], None] | None = None,
) -> list[Sentence]:
    """The sentences of every paragraph, in reading order.

    Args:
        text: the whole input.
        paras: its paragraphs, from :func:`paragraphs`.
        progress: called with (characters done, characters in all) after each paragraph.
    """
    out: list[Sentence] = []
    for para in paras:
        spans = sentence_spans(text, para.start, para.end)
        for index, (start, end) in enumerate(spans, start=1):
            flat = re.sub(r"[\r\n\t\f\v]", " ", text[start:end])
            out.append(Sentence(para.block, para.body_para, index, start, end, flat))
        if progress:
            progress(para.end, len(text))
    return out
