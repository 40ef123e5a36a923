"""Output folders: ``--force`` replaces only an earlier alignsim result; anything else (a
user's files, the current folder, home, the root, a file, a link) is refused with exit 2 and
left untouched; of concurrent writers to one folder exactly one wins and the folder always
holds one complete result."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from bounded_cli import ALIGNSIM, alignsim, check_bounded, refused

from alignsim.results.ownership import MANIFEST

VALID = Path(__file__).parents[1] / "scenario" / "data" / "valid.yaml"
QUICK = ("--steps", "3", "--no-plot")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def complete(folder: Path) -> dict:
    """Assert ``folder`` holds one complete result: its manifest lists exactly its files."""
    manifest = json.loads((folder / MANIFEST).read_text())
    assert sorted(manifest["files"]) == sorted(
        p.name for p in folder.iterdir() if p.name != MANIFEST
    )
    return json.loads((folder / "summary.json").read_text())


@pytest.mark.parametrize(
    "command",
    [
        ("run", VALID, *QUICK),
        ("run", VALID, "--runs", "4", "--no-plot", "--steps", "3"),
    ],
)
def test_force_never_removes_files_alignsim_did_not_write(tmp_path, command):
    thesis = tmp_path / "thesis"
    (thesis / "chapters").mkdir(parents=True)
    (thesis / "chapters" / "one.tex").write_text("years of work")
    (thesis / "summary.json").write_text('{"mine": true}')
    before = snapshot(thesis)
    lines = refused(*command, "--out", thesis, "--force")
    assert "alignsim did not write" in lines[0]
    assert snapshot(thesis) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]  # nothing staged is left


def test_force_refuses_an_earlier_result_the_user_added_to(tmp_path):
    out = tmp_path / "out"
    check_bounded(alignsim("run", VALID, *QUICK, "--out", out), statuses=(0,))
    (out / "my_notes.txt").write_text("keep")
    before = snapshot(out)
    refused("run", VALID, *QUICK, "--out", out, "--force")
    assert snapshot(out) == before


def test_force_replaces_an_earlier_result_and_a_report_written_into_it(tmp_path):
    out = tmp_path / "out"
    check_bounded(alignsim("run", VALID, *QUICK, "--seed", "1", "--out", out), statuses=(0,))
    check_bounded(alignsim("report", out), statuses=(0,))
    check_bounded(alignsim("run", VALID, *QUICK, "--seed", "2", "--out", out, "--force"), (0,))
    assert complete(out)["seed"] == 2
    assert not (out / "report.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_result_written_before_manifests_existed_is_still_replaced(tmp_path):
    out = tmp_path / "old"
    check_bounded(alignsim("run", VALID, *QUICK, "--out", out), statuses=(0,))
    (out / MANIFEST).unlink()
    check_bounded(alignsim("run", VALID, *QUICK, "--out", out, "--force"), statuses=(0,))
    complete(out)


def test_the_current_folder_its_parents_home_and_root_are_refused(tmp_path):
    home = tmp_path / "home"
    work = home / "work"
    work.mkdir(parents=True)
    (work / "data.csv").write_text("mine")
    env = {**os.environ, "HOME": str(home)}
    before = snapshot(home)
    for target in (".", "..", str(home), "/", str(work), "./"):
        result = subprocess.run(
            [str(ALIGNSIM), "run", str(VALID), *QUICK, "--out", target, "--force"],
            capture_output=True,
            text=True,
            cwd=work,
            env=env,
            timeout=90,
        )
        lines = check_bounded(result, statuses=(2,))
        assert any(word in lines[0] for word in ("current folder", "home", "root")), lines
    assert snapshot(home) == before


def test_a_file_or_a_link_as_the_output_folder_is_refused(tmp_path):
    file = tmp_path / "file.txt"
    file.write_text("mine")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.txt").write_text("mine")
    for target in (file, link):
        refused("run", VALID, *QUICK, "--out", target, "--force")
    assert file.read_text() == "mine"
    assert (tmp_path / "elsewhere" / "x.txt").read_text() == "mine"


def _race(out: Path, *extra: str, writers: int = 2) -> list[subprocess.CompletedProcess[str]]:
    processes = [
        subprocess.Popen(
            [str(ALIGNSIM), "run", str(VALID), "--seed", str(seed), "--out", str(out), *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in range(writers)
    ]
    done = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=180)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr))
    return done


def test_of_two_writers_to_one_new_folder_exactly_one_wins(tmp_path):
    for attempt in range(3):
        out = tmp_path / f"out{attempt}"
        results = _race(out, "--steps", "3")
        statuses = sorted(r.returncode for r in results)
        assert statuses == [0, 2], [r.stderr for r in results]
        loser = next(r for r in results if r.returncode == 2)
        check_bounded(loser, statuses=(2,))
        assert str(out) in loser.stderr
        winner = results.index(next(r for r in results if r.returncode == 0))
        assert complete(out)["seed"] == winner
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out0", "out1", "out2"]


def test_writers_with_force_leave_one_complete_result(tmp_path):
    out = tmp_path / "out"
    check_bounded(alignsim("run", VALID, *QUICK, "--out", out), statuses=(0,))
    results = _race(out, "--steps", "3", "--force", writers=3)
    for result in results:
        check_bounded(result, statuses=(0, 2))
    assert any(r.returncode == 0 for r in results)
    assert complete(out)["seed"] in range(3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_wrote_line_survives_a_folder_replaced_by_another_writer(tmp_path):
    """A --force writer may replace the folder between this command's write and its summary
    (seen in CI as a FileNotFoundError traceback after a complete run)."""
    from alignsim.cli._common import wrote_line

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "b.csv").write_text("")
    (folder / "a.json").write_text("")
    (folder / ".alignsim.json").write_text("")
    assert wrote_line(folder) == f"wrote {folder}/ (a.json, b.csv)"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    assert wrote_line(folder) == f"wrote {folder}/ (since replaced or removed by another command)"
