"""A damaged sweep folder: a damaged cell file is detected, reported on one line and computed
again (the results equal those of an undamaged sweep); what alignsim cannot safely replace
is refused naming the file. Never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from bounded_cli import alignsim, check_bounded, refused

SWEEP = (
    "sweep",
    "casa_2019",
    "--grid",
    "mechanisms.adjustment.rate=0.1,0.2,0.3",
    "--runs",
    "3",
    "--steps",
    "4",
)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _flip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(len(data) // 4, len(data) // 2):  # a run of damaged bytes
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _other_content(path: Path) -> None:
    frame = pd.read_parquet(path)
    frame["value"] = frame["value"] + 1.0  # valid Parquet, content no longer its checksum
    frame.to_parquet(path, index=False)
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    original = {b"alignsim_sha256": b"0" * 64, **(table.schema.metadata or {})}
    pq.write_table(table.replace_schema_metadata(original), path)


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("sweep") / "clean"
    check_bounded(alignsim(*SWEEP, "--out", out), statuses=(0,))
    return pd.read_parquet(out / "results.parquet")


@pytest.mark.parametrize("damage", [_truncate, _empty, _flip_middle, _other_content, _garbage])
def test_a_damaged_cell_is_computed_again_with_a_warning(tmp_path, reference, damage):
    out = tmp_path / "out"
    check_bounded(alignsim(*SWEEP, "--out", out), statuses=(0,))
    (out / "results.parquet").unlink()
    cell = sorted((out / "cells").glob("*.parquet"))[1]
    damage(cell)
    result = alignsim(*SWEEP, "--out", out)
    lines = check_bounded(result, statuses=(0,))
    warnings = [line for line in lines if line.startswith("warning:")]
    assert len(warnings) == 1 and cell.name in warnings[0], lines
    pd.testing.assert_frame_equal(pd.read_parquet(out / "results.parquet"), reference)


def test_a_cell_that_is_not_a_regular_file_is_refused_naming_it(tmp_path):
    out = tmp_path / "out"
    check_bounded(alignsim(*SWEEP, "--out", out), statuses=(0,))
    cell = sorted((out / "cells").glob("*.parquet"))[0]
    cell.unlink()
    os.mkfifo(cell)
    lines = refused(*SWEEP, "--out", out, wall=60)
    assert cell.name in lines[0], lines
    assert cell.exists()


@pytest.mark.parametrize("text", ["", "{not json", "[1, 2]", "\x00\x01"])
def test_a_damaged_sweep_manifest_is_refused_naming_it(tmp_path, text):
    out = tmp_path / "out"
    check_bounded(alignsim(*SWEEP, "--out", out), statuses=(0,))
    (out / "sweep.json").write_text(text)
    lines = refused(*SWEEP, "--out", out)
    assert "sweep.json" in lines[0], lines
