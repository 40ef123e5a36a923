"""The ``alignsim`` command as a user runs it: validate, run, list, mechanisms, schema, --help.

Commands run in a subprocess through the installed console script, so exit statuses,
standard error and the absence of tracebacks are what a user would see.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from alignsim.results.ownership import MANIFEST

ALIGNSIM = Path(sys.executable).parent / "alignsim"
DATA = Path(__file__).parents[1] / "scenario" / "data"
VALID = DATA / "valid.yaml"
COMPARED = ("alignment.csv", "positions.csv", "groups.csv", "summary.json")


def alignsim(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the console script and capture its output (never raises on a failing status)."""
    return subprocess.run(
        [str(ALIGNSIM), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "COLUMNS": "100"},
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str]) -> list[str]:
    """Exit status 2 and no traceback; returns the lines on standard error."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    return result.stderr.splitlines()


def run_small(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    result = alignsim("run", VALID, "--steps", "3", "--no-plot", "--out", out, *extra)
    assert result.returncode == 0, result.stderr
    return result


def files_of(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in COMPARED}


def documented_outputs() -> set[str]:
    """The file names ``alignsim run --help`` says a single run writes."""
    help_text = alignsim("run", "--help").stdout
    sentence = re.search(r"Writes (.*?) into\s+the\s+output", help_text, re.DOTALL)
    assert sentence, help_text
    return set(re.findall(r"\b[a-z_]+\.(?:csv|json|png)\b", sentence.group(1)))


# --- validate ---------------------------------------------------------------------------


def test_validate_a_valid_file() -> None:
    result = alignsim("validate", "valid.yaml", cwd=DATA)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "ok: valid.yaml (small: 4 actors, 2 issues, 2 events, 8 quarters from 2014-01-01)\n"
    )
    assert result.stderr == ""


def test_validate_reports_every_problem_of_every_file_one_line_each() -> None:
    files = [
        "syntax_unclosed_bracket.yaml",
        "tab_indentation.yaml",
        "unknown_top_key.yaml",
        "salience_above_one.yaml",
        "unknown_actor_in_relation.yaml",
        "event_outside_run.yaml",
        "cycle_a.yaml",
        "python_object_tag.yaml",
        "empty.yaml",
        "missing.yaml",
        "valid.yaml",
    ]
    result = alignsim("validate", *files, cwd=DATA)
    lines = assert_clean_failure(result)
    assert lines == [
        "syntax_unclosed_bracket.yaml:56: YAML syntax error: did not find expected ',' or '}'"
        " (while parsing a flow mapping that began on line 55)",
        "tab_indentation.yaml:30: YAML syntax error: found a tab character that violates"
        " indentation ('\\t': indent with spaces, not tabs) (while scanning a plain scalar that"
        " began on line 29)",
        "unknown_top_key.yaml:56 mechanism: unknown key; did you mean 'mechanisms'?",
        "salience_above_one.yaml:38 actors[2].interests.energy.salience: 1.7 is above 1",
        "unknown_actor_in_relation.yaml:46 relations[0].pair[1]: unknown actor 'USA';"
        " did you mean 'RUS'?",
        "event_outside_run.yaml:60 events[0].at: 2030-07-01 is outside the run"
        " (2014-01-01 to 2016-01-01)",
        "cycle_b.yaml:3 extends: circular extends: cycle_a.yaml -> cycle_b.yaml -> cycle_a.yaml",
        "python_object_tag.yaml:4 title: unsupported YAML tag '!!python/object/apply:os.system'",
        "empty.yaml: the file is empty",
        "missing.yaml: file not found",
    ]
    assert result.stdout.startswith("ok: valid.yaml (small:")


def test_validate_python_tag_is_not_executed(tmp_path: Path) -> None:
    (tmp_path / "evil.yaml").write_text((DATA / "python_object_tag.yaml").read_text())
    assert_clean_failure(alignsim("validate", "evil.yaml", cwd=tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.yaml"]


def test_validate_with_a_bad_set() -> None:
    result = alignsim("validate", VALID, "--set", "actors.PAKK.capability=2")
    assert assert_clean_failure(result) == [
        "--set actors.PAKK.capability: no entry 'PAKK'; did you mean 'PAK'?"
    ]


# --- run --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small scenario (noise 0.05) for 3 steps: seed 7 twice and seed 8 once."""
    root = tmp_path_factory.mktemp("runs")
    for name, seed in (("seed7", "7"), ("seed7_again", "7"), ("seed8", "8")):
        run_small(root / name, "--seed", seed)
    return {name: root / name for name in ("seed7", "seed7_again", "seed8")}


def test_run_writes_exactly_the_documented_files(tmp_path: Path) -> None:
    documented = documented_outputs()
    assert {"alignment.csv", "summary.json", "trajectories.png"} <= documented
    result = alignsim("run", VALID, "--steps", "3", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (tmp_path / "out").iterdir()} == documented | {MANIFEST}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary folder left
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert (summary["scenario"], summary["seed"], summary["steps"]) == ("small", 0, 3)
    assert summary["final_date"] == "2014-10-01"


def test_run_without_plot_writes_the_rest(runs: dict[str, Path]) -> None:
    written = {p.name for p in runs["seed7"].iterdir()}
    assert written == documented_outputs() - {"trajectories.png"} | {MANIFEST}


def every_file(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_same_seed_gives_byte_identical_files(runs: dict[str, Path]) -> None:
    assert every_file(runs["seed7"]) == every_file(runs["seed7_again"])


def test_same_seed_gives_a_byte_identical_plot_too(tmp_path: Path) -> None:
    for name in ("first", "second"):
        result = alignsim("run", VALID, "--steps", "3", "--seed", "5", "--out", tmp_path / name)
        assert result.returncode == 0, result.stderr
    first, second = every_file(tmp_path / "first"), every_file(tmp_path / "second")
    assert "trajectories.png" in first and first == second


def test_different_seeds_give_different_trajectories(runs: dict[str, Path]) -> None:
    seven, eight = files_of(runs["seed7"]), files_of(runs["seed8"])
    assert seven["alignment.csv"] != eight["alignment.csv"]
    # step 0 is the scenario itself, whatever the seed
    first_rows = [f["alignment.csv"].decode().splitlines()[:7] for f in (seven, eight)]
    assert first_rows[0] == first_rows[1]


def test_set_noise_zero_makes_seeds_irrelevant(tmp_path: Path, runs: dict[str, Path]) -> None:
    run_small(tmp_path / "a", "--seed", "7", "--set", "mechanisms.adjustment.noise=0")
    run_small(tmp_path / "b", "--seed", "8", "--set", "mechanisms.adjustment.noise=0")
    quiet_a, quiet_b = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert quiet_a["alignment.csv"] == quiet_b["alignment.csv"]
    assert quiet_a["alignment.csv"] != files_of(runs["seed7"])["alignment.csv"]
    hashes = {
        json.loads(files_of(folder)["summary.json"])["scenario_hash"]
        for folder in (tmp_path / "a", runs["seed7"])
    }
    assert len(hashes) == 2  # the override is part of the recorded scenario


def test_set_actor_capability_changes_the_run(tmp_path: Path, runs: dict[str, Path]) -> None:
    run_small(tmp_path / "strong", "--seed", "7", "--set", "actors.PAK.capability=2")
    strong, plain = files_of(tmp_path / "strong"), files_of(runs["seed7"])
    assert (
        json.loads(strong["summary.json"])["scenario_hash"]
        != (json.loads(plain["summary.json"])["scenario_hash"])
    )
    assert strong["alignment.csv"] != plain["alignment.csv"]


def test_run_refuses_a_non_empty_folder_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    result = alignsim("run", VALID, "--steps", "3", "--no-plot", "--out", out)
    assert assert_clean_failure(result) == [
        f"{out}: output folder is not empty (use --force to replace it)"
    ]
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert (out / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_run_with_force_replaces_an_earlier_result_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_small(out, "--seed", "1")
    run_small(out, "--force", "--seed", "2")
    assert json.loads((out / "summary.json").read_text())["seed"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    (out / "notes.txt").write_text("mine")
    result = alignsim("run", VALID, "--steps", "3", "--no-plot", "--out", out, "--force")
    assert "alignsim did not write" in assert_clean_failure(result)[0]
    assert (out / "notes.txt").read_text() == "mine"
    assert json.loads((out / "summary.json").read_text())["seed"] == 2


def test_run_into_an_existing_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    run_small(tmp_path / "out")
    assert {p.name for p in (tmp_path / "out").iterdir()} == documented_outputs() - {
        "trajectories.png"
    } | {MANIFEST}


def test_run_steps_beyond_the_scenario(tmp_path: Path) -> None:
    result = alignsim("run", VALID, "--steps", "9", "--out", tmp_path / "out")
    assert assert_clean_failure(result) == ["--steps: 9 is beyond the scenario's 8 steps"]
    assert not (tmp_path / "out").exists()


def test_run_a_malformed_file_writes_nothing(tmp_path: Path) -> None:
    result = alignsim("run", "several_reference_problems.yaml", "--out", tmp_path / "o", cwd=DATA)
    assert assert_clean_failure(result) == [
        "several_reference_problems.yaml:46 relations[0].pair[1]: unknown actor 'USA';"
        " did you mean 'RUS'?",
        "several_reference_problems.yaml:60 events[0].at: 2030-07-01 is outside the run"
        " (2014-01-01 to 2016-01-01)",
        "several_reference_problems.yaml:71 groups.CRP[3]: unknown actor 'AFG'",
    ]
    assert list(tmp_path.iterdir()) == []


def test_run_a_missing_file(tmp_path: Path) -> None:
    result = alignsim("run", "nowhere.yaml", "--out", tmp_path / "o", cwd=tmp_path)
    assert assert_clean_failure(result) == ["nowhere.yaml: file not found"]


def test_run_with_a_bad_set(tmp_path: Path) -> None:
    result = alignsim(
        "run", VALID, "--out", tmp_path / "o", "--set", "mechanisms.adjustmant.noise=0"
    )
    assert assert_clean_failure(result) == [
        "--set mechanisms.adjustmant: unknown key; did you mean 'adjustment'?"
    ]


def test_run_into_a_folder_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("a file")
    result = alignsim("run", VALID, "--steps", "1", "--no-plot", "--out", tmp_path / "plain/o")
    (line,) = assert_clean_failure(result)
    assert line.startswith(f"{tmp_path / 'plain/o'}: cannot write the results")


# --- list, mechanisms, schema, --help ---------------------------------------------------


def test_list_shows_the_bundled_scenarios_all_valid() -> None:
    result = alignsim("list")
    assert result.returncode == 0, result.stderr
    for name in (
        "casa_2019",
        "casa_2019_no_us_india",
        "casa_2019_observed_events",
        "casa_2019_uncertain",
    ):
        assert re.search(rf"^\s*{name}\s.*\s{name}\.yaml\s*$", result.stdout, re.MULTILINE)
    assert "invalid" not in result.stdout


def test_mechanisms_lists_every_registered_mechanism_with_its_reference() -> None:
    from alignsim.dynamics.registry import registry

    result = alignsim("mechanisms")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for mechanism in registry().values():
        assert f"{mechanism.name} ({mechanism.kind})" in lines
        assert f"  reference:  {mechanism.reference}" in lines
        assert mechanism.reference.strip()
    assert "  parameters: rate=0.2 [0, 1], noise=0.02 [0, 1]" in lines


def test_schema_is_json_with_the_scenario_properties() -> None:
    result = alignsim("schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    properties = schema["properties"]
    assert {"name", "time", "actors", "issues", "events", "groups"} <= set(properties)
    assert {"extends", "remove"} <= set(properties)
    assert set(schema["required"]) >= {"name", "title", "time", "actors"}


def test_help_exits_zero_and_lists_the_commands() -> None:
    result = alignsim("--help")
    assert result.returncode == 0, result.stderr
    for command in ("validate", "run", "list", "mechanisms", "schema"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.MULTILINE), command


HEAVY = ("numpy", "pandas", "matplotlib", "mesa")
PROBE = """
import json, sys
from alignsim.cli import main
try:
    main(sys.argv[1:])
except SystemExit as end:
    code = end.code
print(json.dumps({"code": code, "heavy": [m for m in HEAVY if m in sys.modules]}))
""".replace("HEAVY", repr(HEAVY))


@pytest.mark.parametrize(
    "args", [["--help"], ["run", "--help"], ["validate", "--help"], ["schema", "--help"]]
)
def test_help_does_not_import_heavy_libraries(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report == {"code": 0, "heavy": []}


# --- an interrupted write leaves nothing behind -----------------------------------------


@pytest.fixture(scope="module")
def small_results():
    from alignsim import simulate

    return simulate(VALID, steps=2, seed=0)


def _break_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    from alignsim.results import Results

    def broken(self):
        raise RuntimeError("summary failed")

    monkeypatch.setattr(Results, "summary", broken)


def _break_plot(monkeypatch: pytest.MonkeyPatch) -> None:
    import alignsim.plot

    def broken(results, *args, **kwargs):
        raise RuntimeError("plot failed")

    monkeypatch.setattr(alignsim.plot, "trajectories_figure", broken)


@pytest.mark.parametrize("breaker", [_break_summary, _break_plot], ids=["summary", "plot"])
def test_interrupted_write_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_results, breaker
) -> None:
    breaker(monkeypatch)
    with pytest.raises(RuntimeError, match="failed"):
        small_results.to_dir(tmp_path / "out", plot=True)
    assert list(tmp_path.iterdir()) == []


def test_interrupted_replace_keeps_the_old_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_results
) -> None:
    out = tmp_path / "out"
    small_results.to_dir(out, plot=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _break_plot(monkeypatch)
    with pytest.raises(RuntimeError, match="plot failed"):
        small_results.to_dir(out, force=True, plot=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_workers_without_runs_are_refused(tmp_path: Path) -> None:
    result = alignsim("run", VALID, "--workers", "2", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr == "--workers needs --runs N (a single run has nothing to share out)\n"
    assert not (tmp_path / "out").exists()
    both = alignsim("run", VALID, "--record", "all", "--float32", "--out", tmp_path / "out")
    assert both.returncode == 2 and not (tmp_path / "out").exists()
    assert both.stderr == (
        "--record and --float32 need --runs N (a single run has nothing to share out)\n"
    )
