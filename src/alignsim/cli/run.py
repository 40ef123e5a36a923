"""``alignsim run``: run a scenario, write its tables, summary and plot."""

from __future__ import annotations

from pathlib import Path

import click

from alignsim.cli._common import (
    console,
    fail,
    free_folder_or_fail,
    load_or_fail,
    writing_or_fail,
    wrote_line,
)
from alignsim.cli._options import (
    executor_option,
    force_option,
    out_option,
    seed_option,
    settings_option,
    steps_option,
    workers_option,
)
from alignsim.report.words import counted


@click.command()
@click.argument("scenario")
@steps_option(help="Steps to run (default: all).")
@seed_option(help="Seed of the run's random generator.")
@out_option(help="Output folder (default: results/<scenario name>).")
@settings_option(help="Override a scenario value, e.g. mechanisms.adjustment.noise=0 (repeatable).")
@force_option(help="Replace a non-empty output folder.")
@click.option("--no-plot", is_flag=True, help="Skip trajectories.png.")
@click.option(
    "--runs",
    type=click.IntRange(min=1),
    default=None,
    help="Run an ensemble of N seeded runs: quantile bands and bloc probabilities "
    "(bands.csv, horizon.csv, blocs.csv, events.csv, summary.json, scenario.json, "
    "trajectories.png).",
)
@workers_option(help="Worker processes for --runs (the results do not depend on it).")
@executor_option(help="Run the chunks of --runs on a Dask scheduler instead of local processes.")
@click.option(
    "--record",
    default=None,
    metavar="all|every:K|horizon",
    help="With --runs: the steps kept per run and written to runs.npz (every step, every "
    "K-th step and the horizon, or the horizon only). Bands are exact when every step is "
    "kept, else read from histograms streamed during the runs (within 0.0005). Default: "
    "every step unless that would take more than 1 GiB, then the horizon (no runs.npz).",
)
@click.option(
    "--blocs/--no-blocs",
    default=None,
    help="Landscape blocs: at every step of a single run, at the horizon of every run of "
    "--runs. Default: single runs up to 16 actors, ensembles up to 24 (beyond, the "
    "heuristic search takes about 0.5 s per matrix at 193 actors).",
)
@click.option(
    "--float32",
    "single",
    is_flag=True,
    help="With --runs: compute in single precision (faster; alignments within 0.001 of float64).",
)
def run(
    scenario: str,
    steps: int | None,
    seed: int,
    out: str | None,
    settings: tuple[str, ...],
    force: bool,
    no_plot: bool,
    runs: int | None,
    workers: int,
    executor: str | None,
    record: str | None,
    blocs: bool | None,
    single: bool,
) -> None:
    """Run SCENARIO (a YAML file or a bundled name) and write its results.

    Writes alignment.csv, positions.csv, actors.csv, groups.csv, system.csv, events.csv,
    blocs.csv, summary.json, scenario.json and trajectories.png into the output folder.

    Uncertain inputs (distributions in the scenario) are drawn from the seed.

    With --runs N: N runs seeded by SeedSequence(seed).spawn(N), summarised in bands.csv
    (5/25/50/75/95 % quantiles of every pair and group over time), horizon.csv, blocs.csv
    (probability of each landscape configuration at the horizon), events.csv, summary.json,
    scenario.json and trajectories.png with bands.
    """
    from alignsim.ensemble.executors import AUTO

    given = [
        name
        for name, used in (
            ("--workers", workers != AUTO),
            ("--executor", executor is not None),
            ("--record", record is not None),
            ("--float32", single),
        )
        if used
    ]
    if runs is None and given:
        verb = "needs" if len(given) == 1 else "need"
        fail(f"{' and '.join(given)} {verb} --runs N (a single run has nothing to share out)")
    if runs is not None:
        from alignsim.ensemble.command import run_ensemble_command

        run_ensemble_command(
            scenario,
            runs,
            seed,
            steps,
            out,
            settings,
            force,
            no_plot,
            workers,
            executor,
            record,
            blocs=blocs,
            dtype="float32" if single else "float64",
        )
        return
    loaded = load_or_fail(scenario, settings, seed)
    folder = Path(out) if out else Path("results") / loaded.name
    free_folder_or_fail(folder, force)
    if steps is not None and steps > loaded.time.steps:
        fail(f"--steps: {steps} is beyond the scenario's {counted(loaded.time.steps, 'step')}")

    from alignsim.simulation.runner import simulate

    results = simulate(loaded, steps=steps, seed=seed, blocs=blocs)
    with writing_or_fail(folder):
        results.to_dir(folder, force=force, plot=not no_plot)
    print_summary(results, folder)


def print_summary(results, folder: Path) -> None:
    """A short table of final alignments and group cohesion."""
    from rich.table import Table

    summary = results.summary()
    out = console()
    out.print(
        f"[bold]{summary['title']}[/bold]  ({summary['scenario']}, seed {summary['seed']}, "
        f"{counted(summary['steps'], 'step')} to {summary['final_date']})"
    )
    if summary["group_cohesion"]:
        groups = Table(
            "group", "cohesion at start", "at end", "change", box=None, header_style="bold"
        )
        for name, values in summary["group_cohesion"].items():
            groups.add_row(
                name,
                f"{values['start']:+.3f}",
                f"{values['end']:+.3f}",
                f"{values['end'] - values['start']:+.3f}",
            )
        out.print(groups)
    pairs = Table("pair", "final alignment", box=None, header_style="bold")
    ranked = sorted(summary["final_alignment"].items(), key=lambda kv: -kv[1])
    for pair, value in ranked:
        pairs.add_row(pair, f"{value:+.3f}")
    out.print(pairs)
    out.print(wrote_line(folder))
