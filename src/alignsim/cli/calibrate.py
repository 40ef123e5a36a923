"""``alignsim calibrate``: fit a scenario's dynamics to the observed alignment index."""

from __future__ import annotations

from pathlib import Path

import click

from alignsim.cli._common import console, fail, free_folder_or_fail, load_or_fail, wrote_line
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
    "--method", default="kalman", show_default=True, metavar="kalman|smm",
    help="kalman: maximum likelihood of the linear part of the dynamics (Kalman filter); "
    "smm: the method of simulated moments, for any numeric mechanism or doctrine "
    "parameter (driver weights, doctrines, the permanent share of event shocks).",
)  # fmt: skip
@click.option("--starts", type=click.IntRange(min=1, max=50), default=None,
              help="Optimiser starts (the first at the scenario's values, the others "
              "seeded; default 4 for kalman, 2 for smm).")  # fmt: skip
@click.option("--runs", type=click.IntRange(min=2, max=5000), default=50, show_default=True,
              help="smm: simulated runs per parameter value (the same seeds for every "
              "value).")  # fmt: skip
@click.option("--observed-drivers", "drivers", is_flag=True,
              help="smm: capabilities, trade ties and UNGA positions follow the observed "
              "panel year by year in the fit period (values up to each year only).")  # fmt: skip
@seed_option(help="Seed of the optimiser's random starts and of the uncertainty draws.")
@out_option(help="Output folder (default: results/<scenario name>_calibration).")
@force_option()
def calibrate(
    scenario: str,
    observed: str | None,
    span: str,
    actors: str | None,
    method: str,
    starts: int | None,
    runs: int,
    drivers: bool,
    seed: int,
    out: str | None,
    force: bool,
) -> None:
    """Fit the free parameters of SCENARIO's dynamics to the observed alignment index.

    With --method kalman (default), fits the linear part of the dynamics
    (mechanisms.adjustment.rate and .noise and, with the error_correction baseline,
    mechanisms.error_correction.drift; or those the scenario lists under calibration:
    free:) by maximum likelihood through a Kalman filter, with each observation's
    measurement error from the index's 90% interval. With --method smm, fits the free
    parameters (default: every driver term's weight and the permanent share of event
    shocks) by simulated moments, the scenario restarted at the first fit year from the
    observed index. Writes overlay.yaml (extends SCENARIO with the fitted values as normal
    distributions: estimate and standard error), calibration.json (estimates, standard
    errors, correlations, starts, draws, warnings), residuals.csv (kalman) or moments.csv
    (smm), and fit.png.
    """

    from alignsim.forecast.ranges import parse_span

    if method not in METHODS:
        fail(f"--method: {method!r} is not one of {', '.join(METHODS)}")
    if drivers and method != "smm":
        fail("--observed-drivers: only with --method smm")
    try:
        first, last = parse_span(span, "--fit")
    except ValueError as error:
        fail(str(error))
    loaded = load_or_fail(scenario)
    from alignsim.simulation.compiled import compile_scenario

    compiled = compile_scenario(loaded)
    spec = _spec(method, compiled, loaded, scenario)
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

    starts = starts or (4 if method == "kalman" else 2)
    if method == "kalman":
        result = _kalman(spec, frame, (first, last), seed, starts)
    else:
        result = _smm(spec, scenario, frame, (first, last), seed, starts, runs, drivers)
        if drivers:
            note += "; drivers (capabilities, trade, UNGA positions) following the panel"
    write_calibration(result, loaded, scenario, folder, force, note, seed)


#: the methods of --method
METHODS = ("kalman", "smm")


def _spec(method: str, compiled, loaded, scenario: str):
    """What the method fits: the scenario's free parameters (or the method's default ones)."""
    from alignsim.forecast.paths import default_free, simulated_spec
    from alignsim.forecast.specs import for_scenario

    try:
        if method == "kalman":
            return for_scenario(compiled, free_parameters(loaded))
        free = free_parameters(loaded) or default_free(compiled)
        if not free:
            raise ValueError("nothing to fit (the scenario has no driver term)")
        return simulated_spec(free, loaded)
    except ValueError as error:
        hint = "; --method smm fits any numeric parameter" if method == "kalman" else ""
        fail(f"{scenario}: calibration.free: {error}{hint}")


def _kalman(spec, frame, years, seed: int, starts: int):
    """The Kalman fit of the linear part, with a progress bar."""
    from alignsim.ensemble.command import progress_bar
    from alignsim.forecast.calibrate import fit

    with progress_bar(starts, "calibrating") as bar:
        task = bar.add_task("starts", total=starts)
        try:
            progress = lambda k: bar.update(task, completed=k)  # noqa: E731
            return fit(frame, years, seed, starts, progress, spec)
        except ValueError as error:
            fail(f"--fit: {error}")


def _smm(spec, scenario: str, frame, years, seed: int, starts: int, runs: int, drivers: bool):
    """The simulated-moments fit of the free parameters, with a progress bar."""
    from alignsim.ensemble.command import progress_bar
    from alignsim.forecast.simulator import fit_scenario
    from alignsim.scenario.loader import read_tree

    with progress_bar(starts + 1, "calibrating (simulated moments)") as bar:
        task = bar.add_task("starts, then diagnostics", total=starts + 1)
        progress = lambda k: bar.update(task, completed=k)  # noqa: E731
        try:
            return fit_scenario(read_tree(scenario), spec, frame, years, runs, seed, starts,
                                progress, drivers)  # fmt: skip
        except ValueError as error:
            fail(str(error))


def free_parameters(loaded) -> list[str] | None:
    """The parameters the scenario marks free (``calibration: free:``), or None."""
    section = getattr(loaded, "calibration", None)
    return list(section.free) if section is not None and section.free is not None else None


def write_calibration(result, loaded, scenario: str, folder: Path, force: bool, note: str,
                      seed: int) -> None:  # fmt: skip
    """Write the calibration folder atomically and print its summary."""
    import matplotlib

    from alignsim.forecast.calibrate_output import calibration_json, calibration_table

    matplotlib.use("Agg")
    from alignsim.forecast.figures import calibration_figure, save
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
            name, table = calibration_table(result)
            write_csv(table, staging / name)
            save(calibration_figure(result), staging / "fit.png")
    except OSError as error:
        fail(f"{folder}: cannot write the calibration ({error.filename}: {error.strerror})")
    print_calibration(result, values, folder)


def print_calibration(result, values: dict, folder: Path) -> None:
    """The estimates, the scenario values and the warnings."""
    from rich.table import Table

    out = console()
    first, last = result.years
    out.print(f"[bold]calibrated on {first}-{last}[/bold] ({result.method}), "
              f"{len(result.data.dyads)} pairs, {result.summary}")  # fmt: skip
    table = Table("parameter", "estimate", "s.e.", "sd in the overlay", box=None,
                  header_style="bold")  # fmt: skip
    for path, entry in values.items():
        spread = "fixed (near an end of its range)" if entry.get("edge") else f"{entry['sd']:.2g}"
        table.add_row(path, f"{entry['mean']:.4g}", f"{result.se[path]:.2g}", spread)
    for path, value in result.spec.fixed.items():
        table.add_row(path, f"{value:.4g}", "held", "")
    out.print(table)
    for warning in result.warnings:
        out.print(f"[yellow]warning:[/yellow] {warning}")
    out.print(wrote_line(folder))
