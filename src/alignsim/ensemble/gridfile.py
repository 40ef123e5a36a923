"""Sweep files (``alignsim sweep --grid-file``): a grid, and optionally runs and settings.

A sweep file is a YAML mapping::

    grid:                                   # swept paths and their values
      mechanisms.bounded_balance.weight: [0, 0.4, 0.8]
      mechanisms.adjustment.rate: [0.1, 0.3]
    runs: 40                                # optional: replicates per cell
    settings:                               # optional: values applied to every cell
      - mechanisms.adjustment.noise=0.02

It is read by the scenario files' hardened YAML reader (regular files only, size, node, alias
and nesting limits, safe types; ``1e-3`` is a number), and every problem is reported on its
own line with the file and line.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alignsim.ensemble.sweep import Axis, SweepError

#: the keys of a sweep file
KEYS = ("grid", "runs", "settings")


class GridFileError(SweepError):
    """A sweep file with problems; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class GridFile:
    """What a sweep file gives: axes, replicates (``None`` if absent) and settings."""

    axes: list[Axis]
    runs: int | None = None
    settings: list[str] = field(default_factory=list)
    #: ``FILE:LINE`` of each setting, in order
    setting_lines: list[str] = field(default_factory=list)


def value_text(value: Any) -> str | None:
    """A YAML scalar as it would be typed after ``--set PATH=`` (``None`` if not a scalar)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value
    return None


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


class _Lines:
    """``FILE:LINE`` of the keys and items of a located sweep file, by path."""

    def __init__(self, tree: Any, file: str):
        self.file = file
        self.tree = tree

    def at(self, *path: Any) -> str:
        """``FILE:LINE`` of ``path`` (or of its nearest located parent), else ``FILE``."""
        from alignsim.scenario.yamlio import locate

        _, line = locate(self.tree, path) if path else ("", 0)
        return f"{self.file}:{line}" if line else self.file


def _read(path: str | os.PathLike[str], file: str) -> tuple[Any, list[str]]:
    """The located tree of a sweep file and its duplicate keys, within the YAML limits."""
    from alignsim.scenario.compose import FAST
    from alignsim.scenario.limits import MAX_BYTES, MAX_BYTES_PURE_PYTHON
    from alignsim.scenario.problems import ScenarioError
    from alignsim.scenario.textfile import read_text
    from alignsim.scenario.yamlio import parse_located

    try:
        text = read_text(
            Path(path), file, MAX_BYTES if FAST else MAX_BYTES_PURE_PYTHON, "sweep file"
        )
    except ScenarioError as error:
        first = error.problems[0]
        where = f"{file}:{first.line}" if first.line else file
        raise GridFileError([f"{where}: cannot read the sweep file ({first.message})"]) from None
    try:
        data, found = parse_located(text, file)
    except ScenarioError as error:
        problems = [
            f"{p.file}:{p.line}: not valid YAML ({p.message.removeprefix('YAML syntax error: ')})"
            if p.line
            else f"{p.file}: not valid YAML ({p.message})"
            for p in error.problems
        ]
        raise GridFileError(problems) from None
    duplicates, others = [], []
    for p in found.items:
        if p.message == "duplicate key":
            duplicates.append(f"{p.file}:{p.line} {p.field}: given twice")
        else:
            others.append(f"{p.file}:{p.line}: not valid YAML ({p.field}: {p.message})")
    if others:
        raise GridFileError(others)
    return data, duplicates


def read_grid_file(path: str | os.PathLike[str]) -> GridFile:
    """Read and check a sweep file (through the scenario files' hardened YAML reader).

    Raises:
        GridFileError: Listing every problem as ``FILE:LINE where: what``.
    """
    file = str(path)
    data, problems = _read(path, file)
    lines = _Lines(data, file)
    if not isinstance(data, dict):
        raise GridFileError(
            [f"{file}: expected a mapping with grid (and optionally runs, settings)"]
        )
    for key in data:
        if key not in KEYS:
            problems.append(f"{lines.at(key)} {key}: unknown key (allowed: {', '.join(KEYS)})")
    axes = _axes(data.get("grid"), "grid" in data, lines, problems)
    runs = data.get("runs")
    if "runs" in data and (isinstance(runs, bool) or not isinstance(runs, int) or runs < 1):
        problems.append(f"{lines.at('runs')} runs: expected a whole number of at least 1")
    settings, setting_lines = _settings(data.get("settings"), "settings" in data, lines, problems)
    if problems:
        raise GridFileError(problems)
    return GridFile(axes, runs, settings, setting_lines)


def _axes(grid: Any, present: bool, lines: _Lines, problems: list[str]) -> list[Axis]:
    if not present:
        problems.append(f"{lines.file}: no grid (a mapping of PATH: [VALUE, ...])")
        return []
    if not isinstance(grid, dict) or not grid:
        problems.append(f"{lines.at('grid')} grid: expected a mapping of PATH: [VALUE, ...]")
        return []
    axes = []
    for path, values in grid.items():
        where = f"{lines.at('grid', path)} grid.{path}"
        if not isinstance(path, str) or not path.strip():
            problems.append(f"{where}: expected a scenario path")
            continue
        if not isinstance(values, list) or not values:
            problems.append(f"{where}: expected a list of values, got {_describe(values)}")
            continue
        texts = []
        for index, value in enumerate(values):
            text = value_text(value)
            if text is None:
                problems.append(
                    f"{lines.at('grid', path, index)} grid.{path}[{index}]: expected a number, "
                    f"text, true/false or a date, got {_describe(value)}"
                )
            texts.append(text or "")
        axes.append(Axis(path, tuple(texts), label=where))
    return axes


def _settings(
    settings: Any, present: bool, lines: _Lines, problems: list[str]
) -> tuple[list[str], list[str]]:
    if not present:
        return [], []
    if not isinstance(settings, list):
        problems.append(f"{lines.at('settings')} settings: expected a list of PATH=VALUE")
        return [], []
    found, where = [], []
    for index, setting in enumerate(settings):
        at = lines.at("settings", index)
        path, sep, value = setting.partition("=") if isinstance(setting, str) else ("", "", "")
        if not path.strip() or not sep or not value.strip():
            problems.append(
                f"{at} settings[{index}]: expected PATH=VALUE, got {_describe(setting)}"
            )
            continue
        found.append(setting)
        where.append(at)
    return found, where


def combine_axes(from_file: list[Axis], from_options: list[Axis], file: str) -> list[Axis]:
    """The file's axes, then the ``--grid`` ones.

    Raises:
        SweepError: If a path is in both.
    """
    in_file = {axis.path: axis for axis in from_file}
    for axis in from_options:
        if axis.path in in_file:
            raise SweepError(f"--grid {axis.path}: also in {in_file[axis.path].label or file}")
    return [*from_file, *from_options]
