"""``alignsim list``, ``alignsim mechanisms`` and ``alignsim schema``."""

from __future__ import annotations

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
    """List the registered mechanisms: kind, parameters with defaults and ranges, reference."""
    from rich.table import Table

    from alignsim.mechanisms import registry

    table = Table(
        "name",
        "kind",
        "parameters (default, range)",
        "reference",
        "what it does",
        box=None,
        header_style="bold",
    )
    for m in registry().values():
        params = "\n".join(
            f"{p.name}={p.default} [{_fmt(p.low)}, {_fmt(p.high)}]" for p in m.parameters
        )
        table.add_row(m.name, m.kind, params or "-", m.reference, m.summary)
    console().print(table)


def _fmt(value: float | None) -> str:
    return "∞" if value is None else f"{value:g}"


@click.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format (for editor completion)."""
    import json

    from alignsim.scenario.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2))
