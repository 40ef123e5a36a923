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
    """Raised when a scenario cannot be loaded.

    Attributes:
        problems: The problems found, sorted by file, line and field.
        omitted: How many more problems were found but not kept (see
            :data:`alignsim.scenario.limits.MAX_PROBLEMS`).
    """

    def __init__(self, problems: list[Problem], omitted: int = 0):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.field, p.message))
        self.omitted = omitted
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """One line per problem, and a last line counting the omitted ones."""
        more = [f"... and {self.omitted:,} more problems"] if self.omitted else []
        return [str(p) for p in self.problems] + more


class Collector:
    """Problems gathered up to a limit; the rest are only counted (memory stays bounded)."""

    def __init__(self, limit: int | None = None):
        from alignsim.scenario.limits import MAX_PROBLEMS

        self.limit = MAX_PROBLEMS if limit is None else limit
        self.items: list[Problem] = []
        self.omitted = 0

    def add(self, problem: Problem) -> None:
        """Keep ``problem``, or count it once the limit is reached."""
        if len(self.items) < self.limit:
            self.items.append(problem)
        else:
            self.omitted += 1

    def check(self) -> None:
        """Raise what was gathered, if anything.

        Raises:
            ScenarioError: With the problems kept and the count of the others.
        """
        if self.items:
            raise ScenarioError(self.items, self.omitted)


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
