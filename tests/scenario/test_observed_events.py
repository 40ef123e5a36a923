"""The bundled ``casa_2019_observed_events`` scenario: casa_2019 plus what happened after 2019."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from alignsim.scenario import load_scenario
from alignsim.scenario.loader import BUNDLED

ALIGNSIM = Path(sys.executable).parent / "alignsim"
FILE = BUNDLED / "casa_2019_observed_events.yaml"


@pytest.fixture(scope="module")
def observed():
    return load_scenario(FILE)


@pytest.fixture(scope="module")
def article():
    return load_scenario(BUNDLED / "casa_2019.yaml")


def added_events(observed, article) -> list:
    parent_ids = {e.id for e in article.events}
    return [e for e in observed.events if e.id not in parent_ids]


def test_loads_by_name_with_the_article_scenario_unchanged_inside(observed, article) -> None:
    assert load_scenario("casa_2019_observed_events") == observed
    assert observed.time == article.time
    assert observed.actors == article.actors
    assert observed.relations == article.relations
    assert observed.threats == article.threats
    # every event of the article is inherited as it is; the file only adds
    assert observed.events[: len(article.events)] == article.events
    assert len(added_events(observed, article)) == 39


def test_every_added_event_is_dated_inside_the_run(observed, article) -> None:
    # start 2014-01-01 plus 44 quarters: the run ends on 2025-01-01
    start, end = date(2014, 1, 1), date(2025, 1, 1)
    for event in added_events(observed, article):
        assert event.at is not None and event.when is None, event.id
        assert start <= event.at <= end, (event.id, event.at)


def test_every_added_event_cites_a_declared_source_with_a_judged_size(observed, article) -> None:
    declared = {s.id: s for s in observed.sources}
    cited = set()
    for event in added_events(observed, article):
        assert event.citation is not None, event.id
        assert event.citation.source in declared, (event.id, event.citation.source)
        assert "judgement" in event.citation.note, event.id
        cited.add(event.citation.source)
    new_sources = set(declared) - {s.id for s in article.sources}
    assert new_sources == cited  # no source declared and left unused
    for source_id in new_sources:
        source = declared[source_id]
        assert source.title.strip() and source.author.strip(), source_id
        assert date(2018, 1, 1) <= source.date <= date(2024, 12, 31), source_id


def test_every_added_alignment_shock_says_how_much_of_it_lasts(observed, article) -> None:
    for event in added_events(observed, article):
        shifts_alignment = any(e.target == "alignment" for e in event.effects)
        if not shifts_alignment:
            assert event.permanent is None, event.id
            assert "no permanent share" in event.citation.note, event.id
            continue
        assert event.permanent is not None and 0.0 <= event.permanent <= 1.0, event.id
        assert f"permanent {event.permanent}: " in event.citation.note, event.id
    given = {e.id: e.permanent for e in observed.events}
    # a war with its sanctions lasts more than a summit
    assert given["ukraine_invasion_sanctions_2022"] > given["quad_tokyo_summit_2022"]


def test_the_events_named_in_the_issue_are_there_with_their_dates(observed) -> None:
    dated = {e.id: e.at for e in observed.events}
    assert dated["pulwama_attack_2019"] == date(2019, 2, 14)
    assert dated["balakot_strikes_2019"] == date(2019, 2, 26)
    assert dated["article_370_revoked_2019"] == date(2019, 8, 5)
    assert dated["galwan_clash_2020"] == date(2020, 6, 15)
    assert dated["fall_of_kabul_2021"] == date(2021, 8, 15)
    assert dated["quad_virtual_summit_2021"] == date(2021, 3, 12)
    assert dated["ukraine_invasion_sanctions_2022"] == date(2022, 2, 24)
    assert dated["india_russian_oil_2022"] == date(2022, 10, 1)
    assert dated["pakistan_russian_oil_2023"] == date(2023, 6, 11)


def test_alignsim_run_writes_the_added_events_at_their_steps(tmp_path: Path) -> None:
    out = tmp_path / "observed"
    result = subprocess.run(
        [str(ALIGNSIM), "run", "casa_2019_observed_events", "--no-plot", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    with (out / "events.csv").open(newline="") as handle:
        steps = {row["id"]: (int(row["step"]), row["date"]) for row in csv.DictReader(handle)}
    assert len(steps) == 13 + 39
    # shown at its own date; first seen in the state of the first quarter on or after it
    assert steps["pulwama_attack_2019"] == (21, "2019-02-14")  # 2019-04 = 2014-01 + 21 quarters
    assert steps["galwan_clash_2020"] == (26, "2020-06-15")  # 2020-07
    assert steps["ukraine_invasion_sanctions_2022"] == (33, "2022-02-24")  # 2022-04
    assert steps["india_russian_oil_2022"] == (35, "2022-10-01")  # 2022-10 itself
    assert steps["india_china_patrolling_agreement_2024"] == (44, "2024-10-21")  # 2025-01, the end
