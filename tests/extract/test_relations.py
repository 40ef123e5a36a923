"""Repeated reports of one dated event merge into one scheduled event with a capped shift."""

import math

import pytest

from alignsim.extract.draft import SourceInfo, build_draft
from alignsim.extract.pipeline import extract
from alignsim.extract.relations import MAX_REPEAT_FACTOR, merge_dated, repeat_factor

REPORT = "In June 2011 Ghana and Togo held joint naval exercises near the shared coast.\n\n"


def test_repeat_factor_by_hand() -> None:
    assert repeat_factor(1) == 1.0
    assert repeat_factor(2) == pytest.approx(1 + math.log(2) / 2)  # 1.3466
    assert repeat_factor(7) == pytest.approx(1 + math.log(7) / 2)  # 1.9730
    assert repeat_factor(8) == MAX_REPEAT_FACTOR == 2.0  # 1 + ln 8 / 2 = 2.04, capped
    assert repeat_factor(10_000) == 2.0


def scheduled(text: str) -> list[dict]:
    extraction = extract(text)
    info = SourceInfo("s", "t", "a", "2012")
    scenario, _ = build_draft(extraction, info, ["GHA", "TGO"], "t", "t.txt")
    return scenario["events"]


def test_a_report_repeated_three_times_is_one_event() -> None:
    (merged,) = merge_dated(extract(REPORT * 3).events)
    assert (merged.pair, merged.root, merged.date, merged.count) == (
        ("GHA", "TGO"),
        "06",
        "2011-06",
        3,
    )
    (event,) = scheduled(REPORT * 3)
    assert event["at"] == "2011-06"
    assert event["label"] == "GHA-TGO Engage in material cooperation (reported 3 times)"
    # 0.025 x 6 x (1 + ln 3 / 2) = 0.15 x 1.5493 = 0.2324
    assert event["effects"] == [{"alignment": ["GHA", "TGO"], "shift": 0.232}]
    assert "reported in 3 sentences, merged" in event["citation"]["note"]


def test_single_report_and_cap() -> None:
    (single,) = scheduled(REPORT)
    assert single["effects"][0]["shift"] == 0.15
    assert single["label"] == "GHA-TGO Engage in material cooperation"
    (many,) = scheduled(REPORT * 40)
    assert many["effects"][0]["shift"] == 0.3  # 0.15 x the cap of 2


def test_different_roots_or_dates_stay_apart() -> None:
    text = (
        REPORT
        + "In June 2011 Ghana sharply criticized Togo over its fishing fleet in the gulf.\n\n"
        + "In July 2011 Ghana and Togo held joint naval exercises near the coast.\n"
    )
    events = scheduled(text)
    assert [(e["at"], e["effects"][0]["shift"]) for e in events] == [
        ("2011-06", 0.15),
        ("2011-06", -0.05),
        ("2011-07", 0.15),
    ]
    assert len({e["id"] for e in events}) == 3
