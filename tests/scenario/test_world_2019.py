"""The bundled world scenario: rebuilt byte for byte by the command, every state cited."""

import subprocess
import sys
from importlib.resources import files
from pathlib import Path

from alignsim.scenario import load_scenario

ALIGNSIM = Path(sys.executable).parent / "alignsim"
BUNDLED = files("alignsim.scenarios")


def test_world_2019_is_what_init_from_observed_writes(tmp_path):
    out = tmp_path / "world.yaml"
    done = subprocess.run(
        [str(ALIGNSIM), "init", "--from-observed", "2019", "--actors", "all", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (BUNDLED / "world_2019_observed.yaml").read_bytes()


def test_world_2019_has_every_state_with_data_cited_and_groups():
    scenario = load_scenario("world_2019")
    ids = {actor.id for actor in scenario.actors}
    assert len(ids) == 195 and {"USA", "CHN", "RUS", "IND", "PAK", "BRA", "ZAF"} <= ids
    sources = {source.id for source in scenario.sources}
    for actor in scenario.actors:
        assert actor.capability_citation.source in sources
    assert len(scenario.relations) > 18_000
    assert all(relation.citation.source in sources for relation in scenario.relations)
    assert scenario.groups["CRP"] == ["CHN", "PAK", "RUS"]
    assert scenario.time.steps == 40 and scenario.time.unit == "quarter"
