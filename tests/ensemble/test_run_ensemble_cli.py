"""``alignsim run --runs N`` as a user runs it: files, worker independence, clean failures."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import yaml

from alignsim.scenario.synthetic import random_scenario_dict

ALIGNSIM = Path(sys.executable).parent / "alignsim"


def alignsim(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ALIGNSIM), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "100"},
    )


def scenario_file(tmp_path: Path) -> Path:
    data = random_scenario_dict(4, issues=2, steps=6, seed=5, noise=0.1)
    data["events"] = [
        {
            "id": "shock",
            "label": "a shock",
            "step": 3,
            "effects": [{"alignment": ["A000", "A001"], "shift": -0.4}],
        }
    ]
    path = tmp_path / "four.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_ensemble_files_are_the_same_for_any_number_of_workers(tmp_path):
    path = scenario_file(tmp_path)
    one = alignsim("run", path, "--runs", 60, "--seed", 3, "--out", tmp_path / "one")
    two = alignsim(
        "run",
        path,
        "--runs",
        60,
        "--seed",
        3,
        "--workers",
        2,
        "--out",
        tmp_path / "two",
        "--no-plot",
    )
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    assert one.stderr == ""  # no progress bar when standard error is not a terminal
    assert {p.name for p in (tmp_path / "one").iterdir()} == {
        ".alignsim.json",
        "bands.csv",
        "horizon.csv",
        "blocs.csv",
        "events.csv",
        "summary.json",
        "scenario.json",
        "trajectories.png",
    }
    for name in ("bands.csv", "horizon.csv", "blocs.csv", "events.csv", "summary.json"):
        assert (tmp_path / "one" / name).read_text() == (tmp_path / "two" / name).read_text()
    summary = json.loads((tmp_path / "one" / "summary.json").read_text())
    assert summary["runs"] == 60 and summary["seed"] == 3 and summary["steps"] == 6
    assert sum(summary["bloc_probabilities"].values()) == 1.0
    header = (tmp_path / "one" / "bands.csv").read_text().splitlines()[0]
    assert header == "step,date,kind,name,q05,q25,q50,q75,q95"
    assert "first_three" in one.stdout


def test_bad_input_fails_cleanly(tmp_path):
    path = scenario_file(tmp_path)
    bad = alignsim(
        "run",
        path,
        "--runs",
        3,
        "--set",
        "mechanisms.adjustment.rate={uniform: [0.5, 2]}",
        "--out",
        tmp_path / "x",
    )
    assert bad.returncode == 2
    assert bad.stderr.splitlines() == [
        "--set mechanisms.adjustment.rate: uniform [0.5, 2.0] reaches outside the field's "
        "range [0, 1]"
    ]
    executor = alignsim("run", path, "--runs", 3, "--executor", "ray://x", "--out", tmp_path / "y")
    assert executor.returncode == 2 and "dask://HOST:PORT" in executor.stderr
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()
    (tmp_path / "a_file").write_text("")
    blocked = alignsim("run", path, "--runs", 2, "--out", tmp_path / "a_file" / "out")
    assert blocked.returncode == 2 and "Traceback" not in blocked.stderr
    assert "cannot write the results" in blocked.stderr


def test_single_run_draws_uncertain_inputs_from_its_seed(tmp_path):
    # without noise, two seeds can only differ through the drawn adjustment rate
    path = scenario_file(tmp_path)
    settings = ["--set", "mechanisms.adjustment.noise=0"]
    settings += ["--set", "mechanisms.adjustment.rate={uniform: [0, 1]}"]
    for name, seed in (("a", 1), ("b", 1), ("c", 2)):
        result = alignsim(
            "run", path, "--seed", seed, *settings, "--out", tmp_path / name, "--no-plot"
        )
        assert result.returncode == 0, result.stderr
    a, b, c = ((tmp_path / n / "alignment.csv").read_text() for n in "abc")
    assert a == b
    assert a != c


def test_cli_record_writes_the_kept_steps(tmp_path):
    command = ["run", "casa_2019", "--runs", "12"]
    done = alignsim(*command, "--steps", "9", "--record", "every:4", "--out", tmp_path / "a")
    assert done.returncode == 0, done.stderr
    saved = np.load(tmp_path / "a" / "runs.npz", allow_pickle=False)
    assert saved["steps"].tolist() == [0, 4, 8, 9]
    assert saved["alignment"].shape == (12, 4, 5, 5)
    bad = alignsim(*command, "--record", "every:0", "--out", tmp_path / "b")
    assert bad.returncode == 2 and not (tmp_path / "b").exists()
    assert bad.stderr.strip().splitlines() == [
        "--record: expected all, every:K (K >= 1), horizon or auto, got 'every:0'"
    ]


def test_cli_float32_without_blocs(tmp_path):
    done = alignsim(
        "run",
        "casa_2019",
        "--runs",
        "6",
        "--steps",
        "4",
        "--float32",
        "--no-blocs",
        "--no-plot",
        "--out",
        tmp_path / "a",
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "a" / "summary.json").read_text())
    assert summary["dtype"] == "float32" and "bloc_probabilities" not in summary
    assert not (tmp_path / "a" / "blocs.csv").exists()


def _printed_blocs(stdout: str) -> list[list[str]]:
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if "blocs at horizon" in line) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith(("wrote", "More than")))
    return [line.rsplit(None, 1) for line in lines[start:end]]


def test_printed_bloc_probabilities_add_up_to_one_when_some_are_folded(tmp_path):
    # a noisy six-state scenario ends in 27 configurations over 300 runs; 8 are printed
    data = random_scenario_dict(6, issues=2, steps=8, seed=3, noise=0.3)
    path = tmp_path / "six.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    done = alignsim("run", path, "--runs", 300, "--out", tmp_path / "out", "--no-plot")
    assert done.returncode == 0, done.stderr
    rows = _printed_blocs(done.stdout)
    counts = [
        int(line.split(",")[1])
        for line in (tmp_path / "out" / "blocs.csv").read_text().splitlines()[1:]
    ]
    assert sum(counts) == 300 and len(counts) > 8
    assert len(rows) == 9
    assert rows[-1][0].strip() == f"{len(counts) - 8} other configurations (all in blocs.csv)"
    assert float(rows[-1][1]) == round(sum(sorted(counts)[: len(counts) - 8]) / 300, 3)
    assert abs(sum(float(share) for _, share in rows) - 1.0) < 0.005


def test_an_approximate_bloc_tally_says_so_and_its_report_intervals_hold_the_shares(tmp_path):
    # eleven states starting neutral with heavy noise: over 3,000 runs far more than the 256
    # configurations the streamed tally itemises, so most runs are in none of its rows
    data = random_scenario_dict(11, issues=2, steps=2, seed=3, noise=0.5)
    for relation in data["relations"]:
        relation["alignment"] = 0.0
    path = tmp_path / "eleven.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "out"
    done = alignsim("run", path, "--runs", 3000, "--out", out, "--no-plot")
    assert done.returncode == 0, done.stderr
    summary = json.loads((out / "summary.json").read_text())
    error = summary["bloc_probabilities_error"]
    assert error > 0
    rows = _printed_blocs(done.stdout)
    assert rows[-1][0].strip() == "configurations not itemised"
    listed = sum(summary["bloc_probabilities"].values())
    assert float(rows[-1][1]) == round(1.0 - listed, 3) and listed < 0.5
    assert abs(sum(float(share) for _, share in rows) - 1.0) < 0.01
    assert "(the rest of blocs.csv)" in rows[-2][0]
    text = " ".join(done.stdout.split())
    assert (
        "More than 256 distinct configurations occurred: the streamed tally (Misra & Gries "
        f"1982) itemises only the most frequent, and each share may be low by up to {error:.4f}."
    ) in text
    # the report's Wilson intervals are of shares of all 3,000 runs: each holds its share
    assert alignsim("report", out).returncode == 0
    html = (out / "report.html").read_text()
    assert "each share may be low by up to" in html
    cells = re.findall(
        r'<td class="num">(\d+)</td><td class="num">([\d.]+)%</td>'
        r'<td class="num">([\d.]+)% to ([\d.]+)%</td>',
        html,
    )
    assert len(cells) == len(summary["bloc_probabilities"])
    for runs, share, low, high in cells:
        assert float(share) == round(100 * int(runs) / 3000, 1)
        assert float(low) <= float(share) <= float(high)
