"""Any text either drafts or fails with an ExtractError; nothing else escapes."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignsim.extract.draft import build_draft, select_actors, source_info
from alignsim.extract.errors import ExtractError
from alignsim.extract.pipeline import extract

WORDS = st.sampled_from(
    ["Russia", "China", "and", "signed", "a", "deal", "in", "2015", ".", ",", "\n\n", "the",
     "U.S.", "criticized", "Islamabad", "two", "years", "later", "which", "they", "—", "é",
     "India's", "drills", "with", ";", "Kremlin", "May", "1999", "sanctions", "against"]
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=60).map(" ".join) | st.text(max_size=200))
def test_any_text_drafts_or_fails_cleanly(text: str) -> None:
    if not text.strip():
        return
    extraction = extract(text)
    for event in extraction.events:
        assert 0 <= event.evidence.start < event.evidence.end <= len(text)
        assert event.source != event.target
    try:
        info = source_info(extraction, "t", None, None, "2020-01-01")
        actors = select_actors(extraction, None, 1)
        scenario, _ = build_draft(extraction, info, actors, "t", "t.txt")
    except ExtractError:
        return
    assert len(scenario["actors"]) >= 2
