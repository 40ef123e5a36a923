"""Hostile YAML wherever the package reads YAML: the scenario file, a file it extends, a
``--set`` value and a sweep file, each class refused (exit 2) in bounded time and memory
with problem lines that name the file (or ``--set``), never with a traceback."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest
from bounded_cli import alignsim, check_bounded, refused
from hostile_yaml import CLASSES

DATA = Path(__file__).parents[1] / "scenario" / "data"
VALID = DATA / "valid.yaml"
#: classes small enough to be a ``--set`` value on a command line (under ~128 KB per argument)
SET_CLASSES = (
    "laughs",
    "laughs_in_flow",
    "merge_key_bomb",
    "self_alias",
    "self_alias_mapping",
    "undefined_alias",
    "deep_flow_mappings",
    "deep_block_lists",
    "huge_integer",
    "huge_hex_integer",
    "many_documents",
    "unsupported_tags",
    "bad_timestamp",
    "complex_keys",
)


@pytest.mark.parametrize("kind", sorted(CLASSES))
def test_hostile_yaml_as_the_scenario_file_is_refused_in_bounds(tmp_path, kind):
    file = tmp_path / f"{kind}.yaml"
    file.write_text(CLASSES[kind]())
    lines = refused("validate", file.name, cwd=tmp_path)
    assert all(line.startswith(file.name) or line.startswith("...") for line in lines), lines


@pytest.mark.parametrize("kind", ["laughs", "self_alias", "deep_flow_lists", "huge_integer"])
def test_hostile_yaml_in_an_extended_file_is_refused_naming_that_file(tmp_path, kind):
    (tmp_path / "parent.yaml").write_text(CLASSES[kind]())
    (tmp_path / "child.yaml").write_text("extends: parent.yaml\nname: child\n")
    lines = refused("run", "child.yaml", "--out", "out", cwd=tmp_path)
    assert lines[0].startswith("parent.yaml"), lines
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", SET_CLASSES)
def test_hostile_yaml_as_a_set_value_is_refused_naming_the_setting(kind):
    lines = refused("validate", VALID, "--set", f"title={CLASSES[kind]()}")
    assert all(line.startswith("--set title") or line.startswith("...") for line in lines)


@pytest.mark.parametrize("kind", ["laughs", "self_alias", "deep_flow_lists", "long_flat_list"])
def test_hostile_yaml_as_a_sweep_file_is_refused(tmp_path, kind):
    (tmp_path / "grid.yaml").write_text(CLASSES[kind]())
    lines = refused("sweep", VALID, "--grid-file", "grid.yaml", "--out", "out", cwd=tmp_path)
    assert lines[0].startswith("grid.yaml"), lines
    assert not (tmp_path / "out").exists()


def test_an_extends_chain_longer_than_the_limit_is_refused(tmp_path):
    shutil.copy(VALID, tmp_path / "f1000.yaml")
    for index in range(1000):
        text = f"extends: f{index + 1}.yaml\n"
        (tmp_path / f"f{index}.yaml").write_text(text)
    lines = refused("validate", "f0.yaml", cwd=tmp_path)
    assert "at most 32 files" in lines[0]


def test_a_chain_of_files_shares_one_node_budget(tmp_path):
    # each file alone is within the limit; together they are not
    shutil.copy(VALID, tmp_path / "f20.yaml")
    block = "".join(f"  - {i}\n" for i in range(60_000))
    for index in range(20):
        text = f"extends: f{index + 1}.yaml\ndescription_list{index}:\n{block}"
        (tmp_path / f"f{index}.yaml").write_text(text)
    lines = refused("validate", "f0.yaml", cwd=tmp_path)
    assert "YAML values" in lines[0], lines


def _special_files(tmp_path: Path) -> dict[str, str]:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    sock = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    sparse = tmp_path / "sparse.yaml"
    with sparse.open("wb") as handle:
        handle.truncate(5 * 1024**3)  # 5 GB that take no room on disk
    return {
        "fifo": str(fifo),
        "folder": str(folder),
        "loop": str(loop),
        "socket": str(sock),
        "sparse": str(sparse),
        "zero": "/dev/zero",
        "urandom": "/dev/urandom",
        "stdin": "/dev/stdin",
    }


def test_files_that_are_not_small_regular_files_are_refused_at_once(tmp_path):
    for name, path in _special_files(tmp_path).items():
        lines = refused("validate", path, wall=30)
        assert lines[0].startswith(path), (name, lines)
        (tmp_path / "child.yaml").write_text(f"extends: {path}\n")
        lines = refused("validate", "child.yaml", cwd=tmp_path, wall=30)
        assert path in lines[0], (name, lines)
        (tmp_path / "grid.yaml").write_text("")
        lines = refused("sweep", VALID, "--grid-file", path, "--out", "o", cwd=tmp_path, wall=30)
        assert path in "\n".join(lines), (name, lines)  # click checks some before alignsim


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("name: a\n".encode("utf-16"), "UTF-16"),
        (b"name: caf\xe9\n", "not UTF-8"),
        (b"name: a\nx: \xed\xa0\x80\n", "not UTF-8"),
        (b"name: a\x00b\n", "NUL"),
        (b"name: a\n\x1b[31mred: 1\n", "ESC"),
        (b"name: a\x7f\n", "DEL"),
        (b"name: a\xc2\x80\n", "U+0080"),
        (b"name: \xef\xbf\xbe\n", "U+FFFE"),
    ],
)
def test_encodings_and_control_characters_are_refused_with_the_line(tmp_path, data, words):
    (tmp_path / "bad.yaml").write_bytes(data)
    lines = refused("validate", "bad.yaml", cwd=tmp_path)
    assert lines[0].startswith("bad.yaml:"), lines
    assert words in lines[0], lines


def test_a_byte_order_mark_is_read(tmp_path):
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + VALID.read_bytes())
    result = alignsim("validate", "bom.yaml", cwd=tmp_path)
    check_bounded(result, statuses=(0,))


def test_thousands_of_problems_are_listed_a_few_and_counted(tmp_path):
    text = VALID.read_text() + "".join(f"unknown_{i}: {i}\n" for i in range(20_000))
    (tmp_path / "many.yaml").write_text(text)
    lines = refused("validate", "many.yaml", cwd=tmp_path)
    assert len(lines) == 41
    assert lines[-1].startswith("... and ") and lines[-1].endswith(" more problems")
    assert int(lines[-1].split()[2].replace(",", "")) == 20_000 - 40


@pytest.mark.parametrize(
    "setting",
    [
        "actors[" + "9" * 5000 + "].capability=1",
        "actors[99999999999999999999].capability=1",
        "actors.PAK." + "x." * 20_000 + "y=1",
        ".=1",
        "[0]=1",
        "actors[=1",
        "=1",
        "actors.PAK.capability=" + "1" * 5001,
        "actors.PAK.capability=1e999",
        "actors.PAK.name=a\x01b",
    ],
)
def test_hostile_set_paths_and_values_are_refused(setting):
    lines = refused("validate", VALID, "--set", setting)
    assert lines[0].startswith("--set") or lines[0].startswith(str(VALID)), lines


def test_many_settings_are_handled_in_bounds():
    settings = [arg for i in range(2000) for arg in ("--set", f"groups.G{i}=[PAK, RUS]")]
    check_bounded(alignsim("validate", VALID, *settings), statuses=(0, 2))
