"""What a new user meets first: ``python -m alignsim``, a scenario name that does not exist,
and a folder that is not empty when saving from Python."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_cli_core import alignsim, assert_clean_failure

from alignsim import simulate
from alignsim.scenario.loader import BUNDLED


def test_python_dash_m_alignsim_works_like_the_alignsim_command(tmp_path: Path) -> None:
    module = subprocess.run(
        [sys.executable, "-m", "alignsim", "--help"], capture_output=True, text=True, timeout=60
    )
    assert module.returncode == 0, module.stderr
    assert module.stdout == alignsim("--help").stdout
    assert module.stdout.startswith("Usage: alignsim ")
    listed = subprocess.run(
        [sys.executable, "-m", "alignsim", "list"], capture_output=True, text=True, timeout=60
    )
    assert "casa_2019_no_us_india" in listed.stdout


def test_an_unknown_scenario_name_says_where_it_looked_and_lists_the_bundled_ones(
    tmp_path: Path,
) -> None:
    names = sorted(p.stem for p in BUNDLED.glob("*.yaml"))
    assert {"casa_2019", "casa_2019_no_us_india", "casa_2019_uncertain"} <= set(names)
    bundled = ", ".join(names)
    lines = assert_clean_failure(alignsim("run", "nonexist", cwd=tmp_path))
    assert lines == [
        f"nonexist: not found: looked for the file {tmp_path.resolve() / 'nonexist'} and a "
        f"bundled scenario {BUNDLED / 'nonexist.yaml'}; bundled scenarios: {bundled} "
        "(alignsim list)"
    ]
    lines = assert_clean_failure(alignsim("validate", "casa_2020", cwd=tmp_path))
    assert lines[0].startswith(f"casa_2020: not found: looked for the file {tmp_path.resolve()}")


def test_saving_from_python_into_a_full_folder_names_the_python_keyword(tmp_path: Path) -> None:
    (tmp_path / "kept.txt").write_text("mine")
    results = simulate("casa_2019", seed=0, steps=2)
    with pytest.raises(FileExistsError, match=r"not empty \(pass force=True to replace it\)$"):
        results.to_dir(tmp_path, plot=False)
    assert (tmp_path / "kept.txt").read_text() == "mine"
