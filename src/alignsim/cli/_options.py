"""Options shared by several commands, declared once (each takes its own help text)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

Decorator = Callable[[Callable], Callable]


def seed_option(help: str = "Seed of the run's random generator.") -> Decorator:
    """``--seed S`` (default 0)."""
    return click.option(
        "--seed", type=click.IntRange(min=0), default=0, show_default=True, help=help
    )


def steps_option(help: str = "Steps per run (default: all).") -> Decorator:
    """``--steps N`` (default: the scenario's calendar)."""
    return click.option("--steps", type=click.IntRange(min=0), help=help)


def settings_option(
    help: str = "Override a scenario value, e.g. mechanisms.adjustment.noise=0 (repeatable).",
) -> Decorator:
    """``--set PATH=VALUE`` (repeatable), stored as ``settings``."""
    return click.option("--set", "settings", multiple=True, metavar="PATH=VALUE", help=help)


def out_option(help: str, required: bool = False) -> Decorator:
    """``--out DIR``, a folder."""
    return click.option(
        "--out", type=click.Path(file_okay=False), default=None, required=required, help=help
    )


def force_option(help: str = "Replace a non-empty output folder.") -> Decorator:
    """``--force``."""
    return click.option("--force", is_flag=True, help=help)


class WorkerCount(click.ParamType):
    """``auto`` (stored as 0) or a whole number of worker processes, at least 1."""

    name = "auto|W"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        if str(value).strip().lower() == "auto":
            return 0
        try:
            count = int(value)
        except ValueError:
            self.fail(f"{value!r} is not 'auto' or a whole number", param, ctx)
        if count < 1:
            self.fail(f"{count} is below 1", param, ctx)
        return count


def workers_option(help: str = "Worker processes (the results do not depend on it).") -> Decorator:
    """``--workers auto|W`` (default ``auto``: chosen from the size of the job)."""
    return click.option(
        "--workers",
        type=WorkerCount(),
        default="auto",
        show_default=True,
        help=f"{help} auto: one process for small jobs (below about 20 million runs x steps x "
        "actors², some 18,000 runs of casa_2019: starting processes costs more than they "
        "save, measured by benchmarks/workers.py), else one per core.",
    )


def executor_option(help: str = "Run on a Dask scheduler instead of local processes.") -> Decorator:
    """``--executor dask://HOST:PORT``."""
    return click.option("--executor", default=None, metavar="dask://HOST:PORT", help=help)


def output_file_option(help: str) -> Decorator:
    """``-o/--out FILE``, a file path, stored as ``out``."""
    return click.option(
        "-o",
        "--out",
        "out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=help,
    )


def scenario_file_option(help: str) -> Decorator:
    """``--scenario FILE`` naming the scenario of a results folder, stored as ``scenario_file``."""
    return click.option("--scenario", "scenario_file", default=None, help=help)
