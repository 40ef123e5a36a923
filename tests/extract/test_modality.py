"""Negated and hypothetical cues are dropped; the refusal itself stays."""

import pytest

from alignsim.extract.modality import SCOPE_WORDS, blocking_trigger
from alignsim.extract.pipeline import extract


def signed(text: str) -> list[tuple[str, str, str, float]]:
    return [(e.source, e.target, e.root, e.goldstein) for e in extract(text).events if e.sign]


@pytest.mark.parametrize(
    "text",
    [
        "Peru did not sign the accord with Bolivia.",
        "Peru didn't sign the accord with Bolivia.",
        "Peru never attacked Bolivia.",
        "Peru denied that it had threatened Bolivia.",
        "Peru would sign an accord with Bolivia.",
        "Peru could impose sanctions on Bolivia.",
        "Peru might invade Bolivia.",
        "If Peru signs an accord with Bolivia, prices will fall.",
    ],
)
def test_negated_or_hypothetical_cue_gives_no_event(text: str) -> None:
    assert signed(text) == []


def test_refusal_to_cooperate_is_the_refusal_only() -> None:
    assert signed("Laos refused to cooperate with Vietnam.") == [("LAO", "VNM", "12", -4.0)]


def test_rejected_deal_is_a_rejection_not_a_deal() -> None:
    assert signed("Oman rejected a trade deal with Yemen.") == [("OMN", "YEM", "12", -4.0)]


def test_warning_against_any_pact_creates_no_pact() -> None:
    text = "Kenya warned Somalia against any military pact with Ethiopia."
    assert signed(text) == [("KEN", "SOM", "13", -6.0)]


def test_fixed_phrases_and_later_predicates_are_outside_the_scope() -> None:
    assert signed("Not only did Peru sign an accord with Bolivia.") == [("PER", "BOL", "05", 3.5)]
    assert signed("There is no doubt that Peru attacked Bolivia.") == [("PER", "BOL", "18", -9.0)]
    # a comma or 'and' starts a new predicate: the refusal does not reach the accord
    text = "Peru refused to attend, and Bolivia signed an accord with Chile."
    assert signed(text) == [("BOL", "CHL", "05", 3.5)]
    # the month May is no modal
    assert signed("In May 2016 Peru attacked Bolivia.") == [("PER", "BOL", "18", -9.0)]


def test_scope_window_counts_words() -> None:
    near = "Peru did not " + "x " * SCOPE_WORDS + "attack"
    far = "Peru did not " + "x " * (SCOPE_WORDS + 1) + "attack"
    assert blocking_trigger(near, (0, len(near)), near.index("attack")) == "negated: not"
    assert blocking_trigger(far, (0, len(far)), far.index("attack")) is None
    text = "Peru could attack"
    assert blocking_trigger(text, (0, len(text)), 11) == "hypothetical: could"
    # a trigger in another clause does not count
    assert blocking_trigger(text, (10, len(text)), 11) is None
