"""Negated and hypothetical cues: events the text says did not, or only might, happen.

A rule-based scope test in the spirit of NegEx (Chapman et al. 2001, "A simple algorithm for
identifying negated findings and diseases in discharge summaries", Journal of Biomedical
Informatics 34(5)): a trigger phrase negates (or makes hypothetical) what follows it within a
short window of the same clause. Here a cue is dropped when, in its own clause and before it,

- a negation trigger stands ("not", "n't", "never", "no", "nor", "denied that", "refused
  to", "rejected", "declined to", "failed to"), or
- a hypothetical or modal trigger stands ("would", "could", "might", "may", "should", "if",
  "unless", "whether", "any", "against any", "possible", "potential"),

with at most :data:`SCOPE_WORDS` words between the trigger and the cue and no comma or
"and" between them (a new predicate ends the scope). A trigger that is itself a cue, such as
"refused to" (CAMEO 12, reject), keeps its own reading: "India refused to cooperate with
China" is the refusal only, not also cooperation. Fixed phrases that do not negate ("not
only", "no doubt", "not least") are no triggers.
"""

from __future__ import annotations

import re

#: most words allowed between a trigger and the cue it governs
SCOPE_WORDS = 6

_NEGATION = re.compile(
    r"\b(?:not(?!\s+(?:only|just|least|merely|to\s+mention|surprisingly|unlike))|"
    r"never|no(?!\s+(?:doubt|wonder|surprise|less|matter|sooner))|nor|neither|"
    r"den(?:y|ies|ied|ying)(?:\s+that)?|"
    r"refus(?:e|es|ed|ing)\s+to|declin(?:e|es|ed|ing)\s+to|fail(?:s|ed|ing)?\s+to|"
    r"reject(?:s|ed|ing)?|(?<!with or )without)\b|n['’]t\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|should|if|unless|whether|"
    r"(?:against\s+)?any(?!\s+(?:other|more|longer))|"
    r"possibl[ey]|potential(?:ly)?|hypothetical(?:ly)?)\b|"
    r"\b(?-i:may)\b",
    re.IGNORECASE,
)
_SCOPE_BREAK = re.compile(r"[,()]|\band\b|\bbut\b", re.IGNORECASE)
_WORDS = re.compile(r"[\w'’-]+")


def _governs(trigger: re.Match[str], sentence: str, cue_start: int) -> bool:
    """Whether a trigger ending before the cue still has the cue in its scope."""
    between = sentence[trigger.end() : cue_start]
    return len(_WORDS.findall(between)) <= SCOPE_WORDS and not _SCOPE_BREAK.search(between)


def blocking_trigger(sentence: str, clause: tuple[int, int], cue_start: int) -> str | None:
    """The negation or hypothetical trigger that governs a cue, if any.

    Args:
        sentence: the sentence text.
        clause: the span of the cue's clause (relative offsets).
        cue_start: where the cue starts (relative offset).

    Returns:
        ``"negated: <words>"`` or ``"hypothetical: <words>"``, or None when the cue stands.
    """
    for kind, pattern in (("negated", _NEGATION), ("hypothetical", _HYPOTHETICAL)):
        for trigger in pattern.finditer(sentence, clause[0], cue_start):
            if trigger.end() <= cue_start and _governs(trigger, sentence, cue_start):
                return f"{kind}: {trigger.group()}"
    return None
