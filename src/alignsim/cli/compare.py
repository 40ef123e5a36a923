"""``alignsim compare``: two scenarios' outcome distributions, differences with intervals."""

from __future__ import annotations

from pathlib import Path

import click

from alignsim.cli._common import console, fail, fail_problems, free_folder_or_fail, writing_or_fail
from alignsim.cli._options import (
    executor_option,
    force_option,
    out_option,
    seed_option,
    steps_option,
    workers_option,
)
from alignsim.report.digits import interval_decimals
from alignsim.report.words import counted


@click.command()
@click.argument("first")
@click.argument("second")
@click.option(
    "--runs",
    type=click.IntRange(min=2),
    default=200,
    show_default=True,
    help="Runs of each scenario.",
)
@seed_option(help="Ensemble seed of both scenarios and of the bootstrap.")
@steps_option(help="Steps per run (default: all).")
@click.option(
    "--bootstrap",
    "resamples",
    type=click.IntRange(min=100),
    default=2000,
    show_default=True,
    help="Bootstrap resamples.",
)
@out_option(help="Output folder (default: results/compare_<A>_<B>).")
@force_option(help="Replace a non-empty output folder.")
@workers_option(help="Worker processes.")
@executor_option(help="Run on a Dask scheduler.")
def compare(
    first: str,
    second: str,
    runs: int,
    seed: int,
    steps: int | None,
    resamples: int,
    out: str | None,
    force: bool,
    workers: int,
    executor: str | None,
) -> None:
    """Compare scenario FIRST (A) with SECOND (B): B - A at the horizon and over time.

    Differences of mean group cohesion (groups both track) and of the probability of each
    landscape bloc configuration at the horizon, with 95 % percentile bootstrap intervals,
    in compare.csv and compare.png; the difference of each group's cohesion and each pair's
    alignment at every step, with its band, in compare_over_time.csv and
    compare_over_time.png. summary.json names A and B (alignsim report uses it).

    A and B need the same actors, start and step length; when one ends earlier, both are
    compared up to its end. Run k of A and run k of B use the same seed (common random
    numbers), so the bootstrap resamples pairs of runs: the interval is that of the mean of
    the paired differences (run k of B minus run k of A), narrower than resampling A and B
    apart because the noise both runs share cancels.
    """
    import json

    from alignsim.ensemble.command import check_executor_or_fail
    from alignsim.ensemble.montecarlo import prepare_source, run_ensemble
    from alignsim.scenario import ScenarioError

    check_executor_or_fail(executor)
    try:
        sources = [prepare_source(first), prepare_source(second)]
    except ScenarioError as error:
        fail_problems(error)
    for source in sources:
        if steps is not None and steps > source.reference.steps:
            fail(f"--steps: {steps} is beyond {source.reference.name}'s {source.reference.steps}")
    references = [s.reference for s in sources]
    calendars = [(r.dates[0], r.unit) for r in references]
    if calendars[0] != calendars[1]:
        fail(
            f"{first} starts {calendars[0][0].isoformat()} in {calendars[0][1]}s and {second} "
            f"{calendars[1][0].isoformat()} in {calendars[1][1]}s; compare needs the same start "
            "and step so that step k is the same date in both"
        )
    if steps is None and references[0].steps != references[1].steps:
        steps = min(r.steps for r in references)  # the common horizon
    names = [s.reference.name for s in sources]
    actor_sets = [set(s.reference.actors) for s in sources]
    if actor_sets[0] != actor_sets[1]:
        only = sorted(actor_sets[0] ^ actor_sets[1])
        fail(
            f"{first} and {second} have different actors ({', '.join(only)} in one only); "
            "compare needs the same actors in both"
        )
    folder = Path(out) if out else Path("results") / f"compare_{names[0]}_{names[1]}"
    free_folder_or_fail(folder, force)
    from alignsim.ensemble.command import chosen_workers, executor_or_fail, progress_bar
    from alignsim.ensemble.compare import (
        BOOTSTRAP_KINDS,
        compare_ensembles,
        compare_over_time,
        runs_are_paired,
    )
    from alignsim.ensemble.montecarlo import CHUNK_SIZE
    from alignsim.ensemble.summaries import bloc_configurations
    from alignsim.results.storage import staged_folder, write_csv

    reference = sources[0].reference
    horizon = reference.steps if steps is None else steps
    workers = chosen_workers(workers, runs, horizon, len(reference.actors), -(-runs // CHUNK_SIZE))
    with executor_or_fail(executor) as client, progress_bar(2 * runs, "runs of A and B") as bar:
        task = bar.add_task("runs", total=2 * runs)
        ensembles = [
            run_ensemble(
                s,
                runs,
                seed=seed,
                steps=steps,
                workers=workers,
                executor=client,
                on_progress=lambda done, before=k * runs: bar.update(task, completed=before + done),
            )
            for k, s in enumerate(sources)
        ]
    blocs = [bloc_configurations(e) for e in ensembles]
    table = compare_ensembles(*ensembles, *blocs, resamples=resamples, seed=seed)
    over_time = compare_over_time(*ensembles, resamples=resamples, seed=seed)
    from alignsim import __version__

    summary = {
        "compared": {"A": first, "B": second},
        "scenarios": {key: e.meta for key, e in zip("AB", ensembles, strict=True)},
        "runs": runs,
        "horizon": {"step": horizon, "date": reference.dates[horizon].isoformat()},
        "seed": seed,
        "bootstrap_resamples": resamples,
        "bootstrap": BOOTSTRAP_KINDS[runs_are_paired(*ensembles)],
        "alignsim_version": __version__,
    }
    with writing_or_fail(folder), staged_folder(folder, force) as staging:
        write_csv(table, staging / "compare.csv")
        write_csv(over_time, staging / "compare_over_time.csv")
        text = json.dumps(summary, indent=2)
        (staging / "summary.json").write_text(text + "\n", encoding="utf-8")
        _figures(table, over_time, (names[0], names[1]), staging)
    _print(table, names, runs, summary["bootstrap"], _horizon_note(references, horizon))
    console().print(
        f"wrote {folder}/ (compare.csv, compare.png, compare_over_time.csv, "
        "compare_over_time.png, summary.json)"
    )


def _figures(table, over_time, names: tuple[str, str], staging: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from alignsim.plot import difference_bands_figure, differences_figure

    for figure, name in (
        (differences_figure(table, names), "compare.png"),
        (difference_bands_figure(over_time, names), "compare_over_time.png"),
    ):
        figure.savefig(staging / name, dpi=110, metadata={"Software": None})
        plt.close(figure)


def _horizon_note(references, horizon: int) -> str:
    """The horizon's date, and which scenario runs on when only one was cut short."""
    date = references[0].dates[horizon].isoformat()
    longer = [r for r in references if r.steps > horizon]
    if len(longer) != 1:
        return f"at {date} (step {horizon})"
    return (
        f"at {date} (step {horizon}), where the shorter scenario ends; {longer[0].name} runs "
        f"on to {longer[0].dates[-1].isoformat()}, compared only up to {date}"
    )


def _print(table, names: list[str], runs: int, bootstrap: str, when: str) -> None:
    from rich.table import Table

    screen = console()
    screen.print(
        f"[bold]B - A[/bold] {when}: A = {names[0]}, B = {names[1]}, {counted(runs, 'run')} each"
    )
    shown = Table(
        "outcome",
        "name",
        f"A: {names[0]}",
        f"B: {names[1]}",
        "B - A",
        "95 % interval",
        box=None,
        header_style="bold",
    )
    d = interval_decimals(zip(table["low"], table["high"], strict=True))
    for row in table.itertuples(index=False):
        shown.add_row(
            row.outcome,
            row.name,
            f"{row.a:.3f}",
            f"{row.b:.3f}",
            f"{row.difference:+.{d}f}",
            f"[{row.low:+.{d}f}, {row.high:+.{d}f}]",
        )
    screen.print(shown)
    screen.print(f"95 % percentile bootstrap intervals, {bootstrap}.")


if __name__ == "__main__":
    compare()
