"""``alignsim analyze``: stable coalitions and bargaining forecasts at a point of a run."""

from __future__ import annotations

import click

from alignsim.cli._common import console, fail, load_or_fail
from alignsim.cli._options import seed_option, settings_option


@click.command()
@click.argument("scenario")
@click.option(
    "--at",
    "when",
    default="end",
    show_default=True,
    help="start, end, or a date (YYYY, YYYY-MM, YYYY-MM-DD) inside the run; the state "
    "recorded on or before that date is analysed.",
)
@click.option(
    "--coalitions",
    type=click.IntRange(min=2),
    default=2,
    show_default=True,
    help="Largest number of coalitions (more than 2: Florian & Galam 2000).",
)
@seed_option(help="Seed of the run that leads to --at.")
@click.option(
    "--rounds",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Bargaining rounds of the expected-utility forecasts.",
)
@click.option(
    "--variant",
    type=click.Choice(["bdm", "scholz2011"]),
    default="bdm",
    show_default=True,
    help="Formulas of the expected-utility model.",
)
@settings_option(help="Override a scenario value (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def analyze(
    scenario: str,
    when: str,
    coalitions: int,
    seed: int,
    rounds: int,
    variant: str,
    settings: tuple[str, ...],
    as_json: bool,
) -> None:
    """Landscape coalitions (Axelrod & Bennett 1993) and expected-utility forecasts
    (Bueno de Mesquita 1994) of SCENARIO at one time of a run.

    The landscape takes capabilities as sizes and alignments as propensities. Energies and
    frustrations are 0 when everyone stands together and negative when the split keeps
    actors apart from those hostile to them (see alignsim landscape --help).
    """
    loaded = load_or_fail(scenario, settings, seed)
    step = _step(loaded, when)

    from alignsim.analysis.snapshot import analyze_snapshot

    report = analyze_snapshot(
        loaded, step, seed=seed, coalitions=coalitions, rounds=rounds, variant=variant
    )
    if as_json:
        import json

        click.echo(json.dumps(report, indent=2))
    else:
        _print(report)


def _step(loaded, when: str) -> int:
    from alignsim.scenario.calendar import (
        MONTHS_PER_UNIT,
        add_months,
        parse_date,
        step_on_or_before,
    )

    time = loaded.time
    if when == "start":
        return 0
    if when == "end":
        return time.steps
    try:
        date = parse_date(when)
    except ValueError as error:
        fail(f"--at: {error}")
    if not hasattr(date, "year"):
        fail(f"--at: {when!r} is not start, end or a date")
    horizon = add_months(time.start, time.steps * MONTHS_PER_UNIT[time.unit])
    if date < time.start or date > horizon:
        fail(
            f"--at: {date.isoformat()} is outside the run ({time.start.isoformat()} to "
            f"{horizon.isoformat()})"
        )
    return min(step_on_or_before(date, time.start, time.unit), time.steps)


def _print_landscape(out, land: dict) -> None:
    """Stable configurations and frustrations; a heuristic search states its bound."""
    from rich.table import Table

    from alignsim.games.landscape import FRUSTRATION_MEANING

    exact = land["method"] == "exact"
    table = Table(
        "sides",
        "energy",
        "basin share",
        "global" if exact else "lowest found",
        box=None,
        header_style="bold",
        title=f"stable configurations ({land['method']}, {land['n_minima']} "
        f"{'minimum' if land['n_minima'] == 1 else 'minima'}"
        f"{'' if exact else ' found'})",
        title_justify="left",
    )
    for m in land["minima"]:
        table.add_row(
            m["sides"],
            f"{m['energy']:+.4g}",
            f"{m['basin_share']:.3f}",
            "yes" if m["is_global"] else "",
        )
    out.print(table)
    if not exact:
        out.print(
            f"HEURISTIC search of {land['n_configurations']:,} configurations from "
            f"{land['n_starts']} random starts (seed {land['seed']}): basin shares are shares "
            f"of starts; the lowest energy found is at most {land['optimality_gap']:.4g} above "
            f"the true minimum (lower bound {land['energy_lower_bound']:+.4g})."
        )
    where = "the global minimum" if exact else "the lowest configuration found"
    frustration = Table("actor", f"frustration at {where}", box=None, header_style="bold")
    for actor, value in land["minima"][0]["frustration"].items():
        frustration.add_row(actor, f"{value:+.4g}")
    out.print(frustration)
    out.print(f"Sizes are capabilities, propensities the alignments. {FRUSTRATION_MEANING}")


def _print(report: dict) -> None:
    from rich.table import Table

    out = console()
    out.print(
        f"[bold]{report['title']}[/bold] at {report['date']} (step {report['step']}, "
        f"seed {report['seed']})"
    )
    _print_landscape(out, report["landscape"])
    eum = Table(
        "issue",
        "scale",
        "median now",
        "mean now",
        f"median after {report['rounds']}",
        "mean after",
        "biggest movers",
        box=None,
        header_style="bold",
        title=f"expected-utility forecasts ({report['variant']})",
        title_justify="left",
    )
    for f in report["forecasts"]:
        movers = ", ".join(f"{a} {m['from']:.2f}→{m['to']:.2f}" for a, m in f["movers"].items())
        eum.add_row(
            f["issue"],
            f"{f['scale'][0]:g}..{f['scale'][1]:g}",
            f"{f['median'][0]:.3f}",
            f"{f['mean'][0]:.3f}",
            f"{f['median'][-1]:.3f}",
            f"{f['mean'][-1]:.3f}",
            movers or "-",
        )
    out.print(eum)
    for f in report["forecasts"]:
        for line in f["warnings"]:
            click.echo(f"warning: {line}", err=True)
