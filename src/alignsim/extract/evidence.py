"""Where a value came from in the input text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    """A span of the input.

    Attributes:
        block: paragraph of the input (blank-line separated block), counted from 1.
        body_para: paragraph of the body text counted from 1 (page furniture such as a
            title, byline or date line left out), as scenario citations count it.
        sentence: sentence within the paragraph, counted from 1.
        start: offset of the first character in the whole input.
        end: offset just past the last character.
    """

    block: int
    body_para: int
    sentence: int
    start: int
    end: int

    def as_dict(self) -> dict[str, int]:
        """Plain data for the evidence file."""
        return {
            "paragraph": self.block,
            "body_paragraph": self.body_para,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }

    def describe(self) -> str:
        """A short human form: ``para 2, sentence 3, chars 120-180``."""
        return f"para {self.body_para}, sentence {self.sentence}, chars {self.start}-{self.end}"
