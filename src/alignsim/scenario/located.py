"""Containers that remember where their YAML came from (file and line of each key or item).

Built by :class:`alignsim.scenario.compose.Builder`, read by the checks and messages that name
file and line; kept apart so the parser and its callers import them one way.
"""

from __future__ import annotations

from typing import Any


class LocDict(dict):
    """A dict that knows where it and each of its keys came from."""

    def __init__(self, *args: Any, file: str = "", line: int = 0, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.file = file
        self.line = line
        self.key_lines: dict[Any, tuple[str, int]] = {}


class LocList(list):
    """A list that knows where it and each of its items came from."""

    def __init__(self, *args: Any, file: str = "", line: int = 0):
        super().__init__(*args)
        self.file = file
        self.line = line
        self.item_lines: list[tuple[str, int]] = []
