"""``alignsim list``, ``alignsim mechanisms`` and ``alignsim schema``."""

from __future__ import annotations

from typing import Any

import click

from alignsim.cli._common import console


@click.command("list")
def list_scenarios() -> None:
    """List the bundled scenarios with their titles."""
    from rich.table import Table

    from alignsim.scenario import ScenarioError, load_scenario
    from alignsim.scenario.loader import BUNDLED

    table = Table("name", "title", "file", box=None, header_style="bold")
    for path in sorted(BUNDLED.glob("*.yaml")):
        try:
            title = load_scenario(path).title
        except ScenarioError as error:
            title = f"[red]invalid: {error.problems[0]}[/red]"
        table.add_row(path.stem, title, path.name)
    console().print(table)


@click.command()
def mechanisms() -> None:
    """List the presets and the registered mechanisms: kind, parameters, reference."""
    from alignsim.dynamics.presets import DEFAULT_PRESET, PRESETS
    from alignsim.dynamics.registry import registry

    # Plain lines, one block per preset and mechanism: a table squeezed to the terminal
    # (80 columns when piped) cut names and references short.
    click.echo("Presets (mechanisms: {preset: NAME}):")
    for preset in PRESETS.values():
        default = " (default)" if preset.name == DEFAULT_PRESET else ""
        click.echo(f"{preset.name}{default}: {preset.summary}")
        click.echo(f"  terms:      {', '.join(preset.terms)}")
        rest = [preset.consent, "adjustment", preset.baseline, preset.positions]
        click.echo(f"  with:       {', '.join(r for r in rest if r)}")
    click.echo("\nMechanisms:")
    for m in registry().values():
        params = ", ".join(
            f"{p.name}={p.default}{_range(p)}{' (per actor)' if p.per_actor else ''}"
            for p in m.parameters
        )
        click.echo(f"{m.name} ({m.kind})")
        click.echo(f"  reference:  {m.reference}")
        click.echo(f"  parameters: {params or '-'}")
        click.echo(f"  {m.summary.replace('``', '')}")


def _range(parameter: Any) -> str:
    """`` [low, high]`` of a numeric parameter (an open end at the magnitude limit that
    scenarios are validated against, see docs/limits.md), else nothing."""
    from alignsim.scenario.limits import MAX_MAGNITUDE

    if isinstance(parameter.default, bool | str):
        return ""
    low = f"{-MAX_MAGNITUDE:g}" if parameter.low is None else f"{parameter.low:g}"
    high = f"{MAX_MAGNITUDE:g}" if parameter.high is None else f"{parameter.high:g}"
    return f" [{low}, {high}]"


@click.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format (for editor completion)."""
    import json

    from alignsim.scenario.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2))
