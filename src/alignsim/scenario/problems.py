"""Problems found in scenario input, reported one line each as ``file:line field: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input.

    Attributes:
        file: Path of the file as the user named it (or ``--set`` for command-line overrides).
        line: 1-based line number, or 0 when unknown.
        field: Dotted path of the field, e.g. ``actors[2].interests.energy.salience``.
        message: What is wrong, in plain words.
    """

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ScenarioError(Exception):
    """Raised when a scenario cannot be loaded; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.field, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


def field_path(parts: tuple[str | int, ...]) -> str:
    """Format a location tuple as ``actors[2].interests.energy``.

    Pydantic's ``[key]`` marker (the error is in a mapping's key, not its value) is left out.
    """
    text = ""
    for part in parts:
        if part == "[key]":
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
