"""``alignsim observed`` run as a user runs it (subprocess through the console script)."""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from alignsim.observed.sources import SOURCES, licenses_markdown

ALIGNSIM = Path(sys.executable).parent / "alignsim"
ROOT = Path(__file__).parents[2]


def alignsim(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ALIGNSIM), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def assert_one_line_failure(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and text in lines[0], lines


def test_describe_prints_every_source_its_coverage_and_citation():
    result = alignsim("observed", "--describe")
    assert result.returncode == 0, result.stderr
    flat = " ".join(result.stdout.split())
    for record in SOURCES:
        assert record.id in flat
        assert record.coverage in flat
    assert "Bailey, M. A., Strezhnev, A. & Voeten, E. (2017)" in flat
    assert "Leeds, B. A." in flat and "CC BY 4.0" in flat


def test_data_licenses_file_is_the_generated_text():
    assert (ROOT / "DATA-LICENSES.md").read_text(encoding="utf-8") == licenses_markdown()


def test_slice_writes_the_csv_and_the_figure(tmp_path):
    out = tmp_path / "obs"
    result = alignsim(
        "observed", "--actors", "USA,RUS,CHN,IND,PAK", "--years", "1991:2019", "--out", out
    )
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(out / "observed.csv")
    assert len(table) == 10 * 29
    assert list(table.columns[:6]) == ["year", "a", "b", "alignment", "low", "high"]
    assert ((table["low"] <= table["alignment"]) & (table["alignment"] <= table["high"])).all()
    assert {"unga_all_kappa", "rivalry", "tiv_a_to_b", "atop_defense"} <= set(table.columns)
    ind_pak_2000 = table[(table.a == "IND") & (table.b == "PAK") & (table.year == 2000)]
    assert ind_pak_2000["rivalry"].item() == 1
    assert (out / "observed.png").stat().st_size > 10_000
    # a second run into the same folder is refused, with --force it replaces it
    assert_one_line_failure(alignsim("observed", "--actors", "USA,RUS", "--out", out), "not empty")
    again = alignsim("observed", "--actors", "USA,RUS", "--years", "2000", "--out", out, "--force")
    assert again.returncode == 0, again.stderr
    assert len(pd.read_csv(out / "observed.csv")) == 1


def test_unknown_actor_and_years_outside_coverage_are_one_line_errors(tmp_path):
    out = tmp_path / "never"
    assert_one_line_failure(
        alignsim("observed", "--actors", "USA,XYZ", "--out", out), "unknown actor codes: XYZ"
    )
    assert_one_line_failure(
        alignsim("observed", "--actors", "USA,RUS", "--years", "1980:1995", "--out", out),
        "outside the panel's coverage 1991-2023: 1980-1990",
    )
    assert_one_line_failure(
        alignsim("observed", "--actors", "USA,RUS", "--years", "2019:2010", "--out", out),
        "--years",
    )
    assert not out.exists()


def test_build_without_raw_files_is_a_one_line_error(tmp_path):
    assert_one_line_failure(
        alignsim("observed", "build", "--raw", tmp_path / "absent", "--out", tmp_path / "panel"),
        "no such folder of raw files",
    )
