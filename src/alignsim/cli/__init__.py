"""The ``alignsim`` command.

Each sub-command lives in its own module and is imported only when it runs, so
``alignsim --help`` stays fast: heavy libraries (numpy, pandas, Mesa, matplotlib)
are imported inside the command functions, never at module level here.
"""

from __future__ import annotations

import importlib

import click

#: sub-command name -> (module under ``alignsim.cli``, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "run": ("run", "run", "Run a scenario and write its tables, summary and plot."),
    "validate": ("validate", "validate", "Check scenario files and report every problem."),
    "list": ("catalog", "list_scenarios", "List the bundled scenarios."),
    "mechanisms": ("catalog", "mechanisms", "List the registered mechanisms and their references."),
    "schema": ("catalog", "schema", "Print the JSON Schema of the scenario format."),
    "analyze": (
        "analyze",
        "analyze",
        "Stable coalitions and bargaining forecasts at a time of a run.",
    ),
    "extract": ("extract", "extract", "Draft a scenario from a plain-text article."),
    "plot": (
        "plot",
        "plot",
        "Draw a figure (trajectories, heatmap, network, profiles, positions, blocs, landscape)"
        " from a results folder.",
    ),
    "report": ("report", "report", "Write a self-contained HTML report of a results folder."),
    "viz": ("viz", "viz", "Serve an interactive page with sliders for a scenario on 127.0.0.1."),
    "sweep": (
        "sweep",
        "sweep",
        "Run a scenario over a grid of settings, replicated and resumable.",
    ),
    "sensitivity": (
        "sensitivity",
        "sensitivity",
        "Sobol' or Morris sensitivity of an outcome to scenario parameters.",
    ),
    "compare": (
        "compare",
        "compare",
        "Compare two scenarios' outcome distributions with bootstrap intervals.",
    ),
    "calibrate": (
        "calibrate",
        "calibrate",
        "Fit a scenario's dynamics to the observed alignment index.",
    ),
    "hindcast": (
        "hindcast",
        "hindcast",
        "Rolling-origin hindcast scored against the observed index and simple baselines.",
    ),
    "init": (
        "init",
        "init",
        "Write a scenario drawn from observed data (--from-observed YEAR).",
    ),
    "observed": (
        "observed",
        "observed",
        "Observed data: sources and citations (--describe), a slice with a figure, rebuild.",
    ),
    "landscape": (
        "landscape",
        "landscape",
        "Stable coalitions of the published landscape model from CSV files.",
    ),
}


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every clean-up runs (workers stopped, staged
    folders removed)."""


def _terminated(signum: int, frame: object) -> None:
    raise Terminated()


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported on first use.

    SIGTERM is handled like Ctrl-C: the command stops its workers at once, leaves no partial
    output, says so on one line and exits with 143 (130 for Ctrl-C), without a traceback.
    """

    def invoke(self, ctx: click.Context) -> object:
        import signal
        import sys

        signal.signal(signal.SIGTERM, _terminated)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as stop:
            terminated = isinstance(stop, Terminated)
            click.echo(f"alignsim: {'terminated' if terminated else 'interrupted'}", err=True)
            sys.exit(143 if terminated else 130)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[name]
        return getattr(importlib.import_module(f"alignsim.cli.{module}"), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="alignsim")
def main() -> None:
    """Simulate alignment shifts among states under YAML scenarios."""
