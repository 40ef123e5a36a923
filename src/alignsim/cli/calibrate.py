"""``alignsim calibrate``: fit a scenario's dynamics to the observed alignment index."""

from __future__ import annotations

from pathlib import Path

import click

from alignsim.cli._common import console, fail, free_folder_or_fail, load_or_fail
from alignsim.cli._forecast import actor_list, observed_or_fail
from alignsim.cli._options import force_option, out_option, seed_option


@click.command()
@click.argument("scenario")
@click.option(
    "--observed", is_flag=False, flag_value="", default=None, metavar="[FILE]",
    help="CSV of the observed index (year, a, b, alignment, low, high); without FILE, or "
    "when not given, the index packaged with alignsim.",
)  # fmt: skip
@click.option("--fit", "span", required=True, metavar="FIRST:LAST",
              help="Years fitted, e.g. 1991:2010; no other year is read.")  # fmt: skip
@click.option("--actors", default=None, metavar="A,B,...",
              help="States whose pairs are fitted (default: the scenario's actors).")  # fmt: skip
@click.option(
    "--method", type=click.Choice(["kalman"]), default="kalman", show_default=True,
    help="kalman: maximum likelihood of the linear part of the dynamics (Kalman filter).",
)  # fmt: skip
@click.option("--starts", type=click.IntRange(min=1, max=50), default=4, show_default=True,
              help="Optimiser starts (the first at the defaults, the others seeded).")  # fmt: skip
@seed_option(help="Seed of the optimiser's random starts and of the uncertainty draws.")
@out_option(help="Output folder (default: results/<scenario name>_calibration).")
@force_option()
def calibrate(
    scenario: str,
    observed: str | None,
    span: str,
    actors: str | None,
    method: str,
    starts: int,
    seed: int,
    out: str | None,
    force: bool,
) -> None:
    """Fit the free parameters of SCENARIO's dynamics to the observed alignment index.

    Fits the linear part of the dynamics (mechanisms.adjustment.rate and .noise and, with
    the error_correction baseline, mechanisms.error_correction.drift; or those the
    scenario lists under calibration: free:) by maximum likelihood through a Kalman
    filter, with each observation's measurement error from the index's 90% interval.
    Writes overlay.yaml (extends SCENARIO with the fitted values as normal distributions:
    estimate and standard error), calibration.json (estimates, standard errors,
    correlations, starts, draws, warnings), residuals.csv and fit.png.
    """

    from alignsim.forecast.ranges import parse_span

    try:
        first, last = parse_span(span, "--fit")
    except ValueError as error:
        fail(str(error))
    loaded = load_or_fail(scenario)
    names = actor_list(actors) or [a.id for a in loaded.actors]
    folder = Path(out) if out else Path("results") / f"{loaded.name}_calibration"
    free_folder_or_fail(folder, force)
    if first == last:
        fail(f"--fit: {span!r} needs at least two years")
    frame, note = observed_or_fail(observed, names, (first, last), "--fit")
    if not observed:  # the shipped index is smoothed over all years: refit up to the last
        from alignsim.forecast.vintage import packaged_vintage

        end = min(last, int(frame["year"].max()))
        frame = packaged_vintage(names)(end)
        note += f", refitted on the indicators of the years up to {end}"

    from alignsim.ensemble.command import progress_bar
    from alignsim.forecast.calibrate import fit
    from alignsim.forecast.specs import for_scenario
    from alignsim.simulation.compiled import compile_scenario

    try:
        spec = for_scenario(compile_scenario(loaded), free_parameters(loaded))
    except ValueError as error:
        fail(f"{scenario}: calibration.free: {error}")

    with progress_bar(starts, "calibrating") as bar:
        task = bar.add_task("starts", total=starts)
        try:
            progress = lambda k: bar.update(task, completed=k)  # noqa: E731
            result = fit(frame, (first, last), seed, starts, progress, spec)
        except ValueError as error:
            fail(f"--fit: {error}")
    write_calibration(result, loaded, scenario, folder, force, note, seed)


def free_parameters(loaded) -> list[str] | None:
    """The parameters the scenario marks free (``calibration: free:``), or None."""
    section = getattr(loaded, "calibration", None)
    return list(section.free) if section is not None and section.free is not None else None


def write_calibration(result, loaded, scenario: str, folder: Path, force: bool, note: str,
                      seed: int) -> None:  # fmt: skip
    """Write the calibration folder atomically and print its summary."""
    import matplotlib

    from alignsim.forecast.calibrate_output import calibration_json, residual_table

    matplotlib.use("Agg")
    from alignsim.forecast.figures import fit_figure, save
    from alignsim.forecast.overlay import overlay_text, value_table
    from alignsim.results.storage import staged_folder, write_csv
    from alignsim.scenario.loader import resolve_path

    values = value_table(result, seed)
    try:
        with staged_folder(folder, force) as staging:
            named = (loaded.name, loaded.title)
            text = overlay_text(resolve_path(scenario), folder, values, result, note, named)
            (staging / "overlay.yaml").write_text(text, encoding="utf-8")
            (staging / "calibration.json").write_text(
                calibration_json(result, values, note), encoding="utf-8"
            )
            write_csv(residual_table(result), staging / "residuals.csv")
            save(fit_figure(result), staging / "fit.png")
    except OSError as error:
        fail(f"{folder}: cannot write the calibration ({error.filename}: {error.strerror})")
    print_calibration(result, values, folder)


def print_calibration(result, values: dict, folder: Path) -> None:
    """The estimates, the scenario values and the warnings."""
    from rich.table import Table

    out = console()
    first, last = result.years
    out.print(f"[bold]calibrated on {first}-{last}[/bold], {len(result.data.dyads)} pairs, "
              f"log-likelihood {result.loglik:.2f}")  # fmt: skip
    table = Table("parameter", "estimate", "s.e.", "sd of draws", box=None, header_style="bold")
    for path, entry in values.items():
        table.add_row(path, f"{entry['mean']:.4g}", f"{result.se[path]:.2g}", f"{entry['sd']:.2g}")
    for path, value in result.spec.fixed.items():
        table.add_row(path, f"{value:.4g}", "held", "")
    out.print(table)
    for warning in result.warnings:
        out.print(f"[yellow]warning:[/yellow] {warning}")
    out.print(f"wrote {folder}/ ({', '.join(sorted(p.name for p in folder.iterdir()))})")
