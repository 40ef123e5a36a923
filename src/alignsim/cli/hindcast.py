"""``alignsim hindcast``: rolling-origin forecasts scored against the observed index."""

from __future__ import annotations

import json
from pathlib import Path

import click

from alignsim.cli._common import console, fail, free_folder_or_fail, load_or_fail, wrote_line
from alignsim.cli._forecast import actor_list, observed_or_fail
from alignsim.cli._options import force_option, out_option, seed_option


@click.command()
@click.argument("scenario", required=False)
@click.option("--actors", default=None, metavar="A,B,...",
              help="States whose pairs are forecast (default: the scenario's actors).")  # fmt: skip
@click.option("--origins", required=True, metavar="Y1,Y2,...",
              help="Last years of data of each forecast, e.g. 2011,2013,2015,2017.")  # fmt: skip
@click.option("--horizons", default="1:8", show_default=True, metavar="1:H",
              help="Years ahead, as FIRST:LAST or a list.")  # fmt: skip
@click.option("--runs", type=click.IntRange(min=2, max=100_000), default=200, show_default=True,
              help="Ensemble members of every forecast.")  # fmt: skip
@click.option(
    "--observed", is_flag=False, flag_value="", default=None, metavar="[FILE]",
    help="CSV of the observed index (year, a, b, alignment, low, high); without FILE, or "
    "when not given, the index packaged with alignsim.",
)  # fmt: skip
@seed_option(help="Seed of every forecast (with the origin and the forecaster's name).")
@out_option(help="Output folder.", required=True)
@force_option()
def hindcast(
    scenario: str | None,
    actors: str | None,
    origins: str,
    horizons: str,
    runs: int,
    observed: str | None,
    seed: int,
    out: str,
    force: bool,
) -> None:
    """Forecast from each origin with data up to it only, and score against what followed.

    For each origin, every forecaster gets only the observed years up to the origin:
    persistence (random walk with the pair's past year-on-year changes; and the same plus
    the index's measurement error at the origin; and the value at the origin plus one of
    the pair's past h-year changes, "persistence_direct"), AR(1) and linear
    trend per pair, the calibrated error-correction core, and alignsim itself (SCENARIO, or
    a scenario drawn from the observed panel at the origin) started from the observed
    alignments at the origin, with its default dynamics and calibrated on the same years.
    The core, alignsim and persistence_measured forecast the observed index: each member
    also carries the index's measurement error at the origin.
    With the packaged index, each origin's history is the index refitted on the years up
    to the origin (the shipped index is smoothed over all years). Scores: CRPS, 90%
    coverage, interval score, error of the median, direction of change. Writes
    forecasts.csv (quantiles and members), scores.csv, skill.csv (CRPS skill against
    each persistence (plain, with measurement error, direct), bootstrap intervals over
    pairs), skill.png and hindcast.json.
    """
    from alignsim.forecast.ranges import parse_list

    try:
        years = parse_list(origins, "--origins")
        steps = parse_list(horizons, "--horizons")
    except ValueError as error:
        fail(str(error))
    if steps[0] < 1:
        fail(f"--horizons: {horizons!r} must count years ahead from 1")
    if scenario is None and actors is None:
        fail("hindcast needs SCENARIO or --actors")
    if scenario is not None:
        loaded = load_or_fail(scenario)
        names = actor_list(actors) or [a.id for a in loaded.actors]
        from alignsim.scenario.loader import read_tree

        tree = read_tree(scenario)
        base = lambda origin: tree  # noqa: E731
    else:
        names = actor_list(actors)
        base = observed_base(names)
    free_folder_or_fail(Path(out), force)
    span = (min(years) - 30, max(years) + steps[-1])
    frame, note = observed_or_fail(observed, names, span, "--origins")
    vintage = None
    if not observed:
        from alignsim.forecast.vintage import packaged_vintage

        vintage = packaged_vintage(names)
    run_hindcast(frame, note, years, steps, runs, seed, base, Path(out), force, vintage)


def observed_base(actors: list[str]):
    """``base(origin)``: a scenario drawn from the observed panel at the origin, when this
    alignsim has one (``alignsim.observed.init``), else None (statistical forecasters only)."""
    from functools import cache

    try:
        from alignsim.observed.init import scenario_from_observed
    except ImportError:
        return None
    return cache(lambda origin: scenario_from_observed(origin, actors))


def run_hindcast(frame, note, origins, horizons, runs, seed, base, folder, force,
                 vintage=None) -> None:  # fmt: skip
    """Run every forecaster from every origin, write the folder and print the skill."""
    from alignsim.ensemble.command import progress_bar
    from alignsim.forecast.baselines import BASELINES, persistence_direct
    from alignsim.forecast.core import calibrated_core
    from alignsim.forecast.protocol import hindcast as run_protocol
    from alignsim.forecast.skill import skill_tables

    forecasters = {**BASELINES, "core": calibrated_core}
    fits: dict[int, dict] = {}
    if base is not None:
        from alignsim.forecast.model import model_forecaster

        forecasters |= {"alignsim": model_forecaster(base, False),
                        "alignsim_calibrated": model_forecaster(base, True, fits)}  # fmt: skip
    # last, so the bootstrap draws of the forecasters above stay as they were (audit)
    forecasters["persistence_direct"] = persistence_direct
    first, last = int(frame["year"].min()), int(frame["year"].max())
    early = [o for o in origins if o - first < 3]
    if early:
        fail(f"--origins: {early[0]} leaves fewer than three observed years before it")
    observed_years = set(frame.dropna(subset=["alignment"])["year"])
    missing = [o for o in origins if o not in observed_years]
    if missing:
        fail(f"--origins: no pair is observed in {missing[0]} (the data run {first}-{last})")
    with progress_bar(len(origins), "hindcast") as bar:
        task = bar.add_task("origins", total=len(origins))
        result = run_protocol(frame, origins, horizons, forecasters, runs, seed,
                              lambda _: bar.advance(task), vintage)  # fmt: skip
    skill = skill_tables(
        result.scores, ("persistence", "persistence_measured", "persistence_direct"), seed
    )
    write_hindcast(result, skill, folder, force,
                   {"origins": origins, "horizons": horizons, "runs": runs, "seed": seed,
                    "data": note, "forecasters": list(forecasters),
                    "history": "index refitted on the years up to each origin (vintage)"
                    if vintage else "the given index cut at each origin",
                    "calibrations": {str(o): fits[o] for o in sorted(fits)}})  # fmt: skip
    print_skill(skill, folder)
    flagged = sorted(o for o, f in fits.items() if f["warnings"])
    if flagged:
        console().print(f"[yellow]warning:[/yellow] the calibration of origin(s) "
                        f"{', '.join(map(str, flagged))} is poorly identified "
                        "(see hindcast.json)")  # fmt: skip


def write_hindcast(result, skill, folder: Path, force: bool, settings: dict) -> None:
    """forecasts.csv, scores.csv, skill.csv, skill.png and hindcast.json, atomically."""
    import matplotlib

    from alignsim import __version__

    matplotlib.use("Agg")
    from alignsim.forecast.figures import save, skill_figure
    from alignsim.results.storage import staged_folder, write_csv

    try:
        with staged_folder(folder, force) as staging:
            write_csv(result.table(), staging / "forecasts.csv")
            write_csv(result.scores, staging / "scores.csv")
            write_csv(skill, staging / "skill.csv")
            if not skill.empty:
                versus = skill[skill["reference"] == "persistence"]
                save(skill_figure(versus), staging / "skill.png")
            record = {**settings, "alignsim_version": __version__}
            (staging / "hindcast.json").write_text(json.dumps(record, indent=2) + "\n")
    except OSError as error:
        fail(f"{folder}: cannot write the hindcast ({error.filename}: {error.strerror})")


def print_skill(skill, folder: Path) -> None:
    """CRPS skill against persistence per forecaster and horizon, with coverage."""
    from rich.table import Table

    out = console()
    if skill.empty:
        out.print("no forecast has an observation to be scored against")
        return
    table = Table("forecaster", "horizon", "n", "CRPS", "skill", "90% interval",
                  "vs measured", "vs direct", "coverage", "direction", box=None,
                  header_style="bold")  # fmt: skip
    versus = skill[skill["reference"] == "persistence"]
    strict, direct = (
        skill[skill["reference"] == name].set_index(["forecaster", "horizon"])["skill"]
        for name in ("persistence_measured", "persistence_direct")
    )
    for row in versus.itertuples():
        other = strict.get((row.forecaster, row.horizon), float("nan"))
        third = direct.get((row.forecaster, row.horizon), float("nan"))
        table.add_row(row.forecaster, str(row.horizon), str(row.n), f"{row.crps:.4f}",
                      f"{row.skill:+.3f}", f"[{row.low:+.3f}, {row.high:+.3f}]",
                      f"{other:+.3f}", f"{third:+.3f}", f"{row.coverage90:.2f}",
                      f"{row.direction_right:.2f}")  # fmt: skip
    out.print(table)
    out.print("skill: CRPS skill against persistence (90% bootstrap interval over pairs); "
              "vs measured: against persistence with the index's measurement error; "
              "vs direct: against persistence drawing past h-year changes")  # fmt: skip
    out.print(wrote_line(folder))
