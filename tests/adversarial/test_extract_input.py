"""Hostile texts for ``alignsim extract``: each class, just under the size limit, is read
in bounded time and memory (exit 0 with a draft, or 2 saying why), never a traceback; files
that are not small regular text files are refused at once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bounded_cli import alignsim, check_bounded, refused
from hostile_text import CLASSES

from alignsim.extract.reading import MAX_BYTES


@pytest.mark.parametrize("kind", sorted(CLASSES))
def test_hostile_texts_are_read_within_the_bounds(tmp_path, kind):
    text = CLASSES[kind]()
    assert len(text.encode()) <= MAX_BYTES
    (tmp_path / "text.txt").write_text(text, encoding="utf-8")
    result = alignsim(
        "extract", "text.txt", "-o", "draft.yaml", "--source-date", "2020", cwd=tmp_path
    )
    check_bounded(result, statuses=(0, 2))
    if result.returncode == 0:  # the draft it wrote is a scenario alignsim accepts
        check_bounded(alignsim("validate", "draft.yaml", cwd=tmp_path), statuses=(0,))


def test_texts_that_are_not_small_regular_files_are_refused_at_once(tmp_path):
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(5 * 1024**3)
    for path in (fifo, big, Path("/dev/zero"), tmp_path):
        lines = refused("extract", path, "-o", tmp_path / "d.yaml", wall=30)
        assert str(path) in lines[0] or path.name in lines[0], lines
