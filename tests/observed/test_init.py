"""Scenarios drawn from the observed panel (alignsim init --from-observed)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from alignsim.observed import alignment
from alignsim.observed.init import scenario_from_observed
from alignsim.observed.load import ObservedError
from alignsim.scenario import load_scenario

ALIGNSIM = Path(sys.executable).parent / "alignsim"
FIVE = ["USA", "RUS", "CHN", "IND", "PAK"]


def alignsim(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ALIGNSIM), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )


def relation(scenario, a, b):
    (found,) = [r for r in scenario["relations"] if r["pair"] == [a, b]]
    return found


def test_drawn_scenario_loads_and_every_value_cites_its_dataset_and_year(tmp_path):
    drawn = scenario_from_observed(2014, FIVE)
    path = tmp_path / "observed_2014.yaml"
    path.write_text(yaml.safe_dump(drawn, sort_keys=False), encoding="utf-8")
    scenario = load_scenario(path)
    assert [a.id for a in scenario.actors] == sorted(FIVE)
    # cow_nmc.rda: ccode 710, 2014: cinc 0.22896817
    china = next(a for a in drawn["actors"] if a["id"] == "CHN")
    assert china["capability"] == pytest.approx(0.22896817, abs=1e-8)
    assert "CINC 2014" in china["capability_citation"]["note"]
    # cow_trade_ndy.rda 2-710, 2014: 472525 + 183283 million USD = 655.808 billion
    chn_usa = relation(drawn, "CHN", "USA")
    assert chn_usa["economic_tie"] == pytest.approx(655.808)
    assert "COW trade 2014" in chn_usa["citation"]["note"]
    ind_pak = relation(drawn, "IND", "PAK")
    assert ind_pak["rivalry"] is True
    index = alignment(["IND", "PAK"], 2014)
    assert ind_pak["alignment"] == pytest.approx(index["alignment"].item(), abs=5e-4)
    assert ind_pak["citation"]["source"] == "observed_index"
    cited = {s["id"] for s in drawn["sources"]}
    assert cited == {"cow_nmc", "voeten_2020", "observed_index"}
    for actor in drawn["actors"]:
        for interest in actor["interests"].values():
            assert interest["citation"]["source"] in cited
            assert "placeholder" in interest["citation"]["note"]  # the salience
            assert "2014" in interest["citation"]["note"]
    # issue sets of the 2020 release; China votes less like the US than the US itself
    assert [i["id"] for i in drawn["issues"]] == [
        "unga_all",
        "unga_humanrights",
        "unga_middleeast",
        "unga_nuclear",
    ]
    usa = next(a for a in drawn["actors"] if a["id"] == "USA")
    assert usa["interests"]["unga_all"]["position"] > china["interests"]["unga_all"]["position"]


def test_after_2019_only_the_2025_ideal_points_and_earlier_trade(tmp_path):
    drawn = scenario_from_observed(2021, ["USA", "CHN"])
    assert [i["id"] for i in drawn["issues"]] == ["unga_all"]
    usa = drawn["actors"][1]
    # cow_nmc.rda: ccode 2, 2021: cinc 0.12110018
    assert usa["capability"] == pytest.approx(0.12110018, abs=1e-8)
    assert usa["interests"]["unga_all"]["citation"]["source"] == "voeten_2025"
    assert "COW trade 2014" in relation(drawn, "CHN", "USA")["citation"]["note"]
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(drawn, sort_keys=False), encoding="utf-8")
    load_scenario(path)


def test_bad_requests():
    with pytest.raises(ObservedError, match="unknown actor codes: XYZ"):
        scenario_from_observed(2014, ["USA", "XYZ"])
    with pytest.raises(ObservedError, match="coverage"):
        scenario_from_observed(1985, ["USA", "RUS"])
    with pytest.raises(ObservedError, match="two actors"):
        scenario_from_observed(2014, ["USA"])


def test_init_command_writes_a_valid_file_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "scenario.yaml"
    args = ["init", "--from-observed", "2014", "--actors", ",".join(FIVE), "-o", out]
    first = alignsim(*args)
    assert first.returncode == 0, first.stderr
    assert alignsim("validate", out).returncode == 0
    written = out.read_bytes()
    again = alignsim(*args)
    assert again.returncode == 2 and "exists" in again.stderr
    assert "Traceback" not in again.stderr
    assert out.read_bytes() == written
    assert alignsim(*args, "--force").returncode == 0
    missing = tmp_path / "never.yaml"
    for bad, message in (
        (["--actors", "USA,XYZ"], "unknown actor codes: XYZ"),
        (["--actors", "USA,RUS", "--from-observed", "1985"], "coverage"),
    ):
        argv = ["init", "--from-observed", "2014", *bad, "-o", missing]
        result = alignsim(*argv)
        assert result.returncode == 2 and message in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert not missing.exists()


def test_init_all_states(tmp_path):
    out = tmp_path / "world.yaml"
    result = alignsim("init", "--from-observed", "2019", "--actors", "all", "-o", out)
    assert result.returncode == 0, result.stderr
    drawn = yaml.load(out.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    # cow_nmc.rda has 195 states in 2019, each with a CINC
    assert len(drawn["actors"]) == 195
    assert len(drawn["relations"]) > 15_000
