"""``alignsim sensitivity``: Sobol' or Morris indices of an outcome over scenario parameters."""

from __future__ import annotations

from pathlib import Path

import click

from alignsim.cli._common import console, fail, fail_problems, free_folder_or_fail, writing_or_fail
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
@click.option(
    "--method",
    type=click.Choice(["sobol", "morris"]),
    default="sobol",
    show_default=True,
    help="Sobol' indices or Morris elementary effects.",
)
@click.option(
    "--output",
    "output_spec",
    required=True,
    metavar="KIND:NAME",
    help="Outcome at the horizon: cohesion:CRP, alignment:PAK-RUS or "
    "bloc:'CHN+PAK+RUS|IND+USA' (the probability of that landscape configuration).",
)
@click.option(
    "--param",
    "param_specs",
    multiple=True,
    metavar="PATH=LOW:HIGH",
    help="A parameter and its range, sampled uniformly (repeatable); default: the "
    "scenario's uncertain inputs, each sampled from its own distribution.",
)
@click.option(
    "--samples",
    type=click.IntRange(min=2),
    default=64,
    show_default=True,
    help="Base samples (Sobol': a power of 2) or Morris trajectories.",
)
@click.option(
    "--runs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Replicates averaged per evaluation.",
)
@seed_option(help="Seed of sampling, bootstrap and runs.")
@steps_option(help="Steps per run (default: all).")
@settings_option(help="A fixed scenario value (repeatable).")
@out_option(help="Output folder (default: results/<scenario>_sensitivity).")
@force_option(help="Replace a non-empty output folder.")
@workers_option(help="Worker processes.")
@executor_option(help="Evaluate on a Dask scheduler.")
def sensitivity(
    scenario: str,
    method: str,
    output_spec: str,
    param_specs: tuple[str, ...],
    samples: int,
    runs: int,
    seed: int,
    steps: int | None,
    settings: tuple[str, ...],
    out: str | None,
    force: bool,
    workers: int,
    executor: str | None,
) -> None:
    """Global sensitivity of an outcome of SCENARIO to its parameters.

    Parameters are the --param ranges, sampled uniformly, or else the scenario's uncertain
    inputs, named by ids (e.g. actors.PAK.capability) and sampled from their own
    distributions through their quantiles: uniform, triangular and beta as written, a
    normal cut at mean +/- 3 sd and at the field's range. Morris effects of uncertain
    inputs are per unit of probability.

    Writes indices.csv (Sobol': S1, S1_conf, ST, ST_conf; Morris: mu, mu_star,
    mu_star_conf, sigma; conf = 95 % half-width), indices.png and sensitivity.json (the
    scenario, method, outcome, parameters and seed; alignsim report uses it) into the
    output folder. Morris effects are per whole range of a parameter. Sobol' indices of an
    outcome that is the same in every sample (a bloc every run ends in, say) are undefined
    and left empty, not 0.
    """
    from alignsim.ensemble.checks import setting_problems
    from alignsim.ensemble.command import check_executor_or_fail, executor_or_fail, progress_bar
    from alignsim.ensemble.sensitivity import (
        SensitivityError,
        analyse,
        parse_output,
        parse_parameter,
        scenario_at,
        uncertain_parameters,
    )
    from alignsim.scenario import ScenarioError
    from alignsim.scenario.loader import read_tree

    check_executor_or_fail(executor)
    try:
        tree = read_tree(scenario, settings)
        parameters = [parse_parameter(s) for s in param_specs] or uncertain_parameters(tree)
        if not parameters:
            fail(nothing_to_vary(scenario))
        output = parse_output(output_spec)
        problems = [
            line
            for p in parameters
            if p.setting is not None
            for line in setting_problems(
                tree, f"--param {p.setting}", p.setting, [repr(p.low), repr(p.high)]
            )
        ]
        if problems:
            fail(problems)
        for corner in ("low", "high"):  # both ends of every range must be valid values
            base = scenario_at(tree, parameters, [getattr(p, corner) for p in parameters])
            if steps is not None and steps > base.time.steps:
                fail(
                    f"--steps: {steps} is beyond the scenario's {counted(base.time.steps, 'step')}"
                )
        folder = Path(out) if out else Path("results") / f"{base.name}_sensitivity"
        free_folder_or_fail(folder, force)
        from alignsim.ensemble.command import chosen_workers
        from alignsim.ensemble.sensitivity import SAMPLES_PER_TASK

        evaluations = samples * (len(parameters) + (2 if method == "sobol" else 1))
        workers = chosen_workers(
            workers,
            evaluations * runs,
            steps or base.time.steps,
            len(base.actors),
            -(-evaluations // SAMPLES_PER_TASK),
        )
        with executor_or_fail(executor) as client, progress_bar(1, "evaluations") as bar:
            task = bar.add_task("evaluations", total=None)
            table = analyse(
                tree,
                parameters,
                output,
                method,
                samples,
                runs,
                seed,
                steps,
                workers,
                client,
                on_progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    except ScenarioError as error:
        fail_problems(error)
    except SensitivityError as error:
        fail(str(error))
    from alignsim import __version__

    meta = {
        "scenario": base.name,
        "title": base.title,
        "method": method,
        "output": output_spec,
        "parameters": [
            {"name": p.name, "low": p.low, "high": p.high, "distribution": p.distribution}
            for p in parameters
        ],
        "samples": samples,
        "runs": runs,
        "seed": seed,
        "steps": steps,
        "settings": list(settings),
        "alignsim_version": __version__,
    }
    _write(table, folder, f"{base.name}: {method} indices of {output_spec}", meta, force)
    _print(table)


def nothing_to_vary(scenario: str) -> str:
    """What to add when neither --param nor the scenario gives anything to vary."""
    return (
        f"{scenario}: no uncertain inputs and no --param, so nothing to vary: give ranges, e.g. "
        "--param mechanisms.adjustment.rate=0.1:0.3 --param actors.PAK.capability=0.01:0.02, "
        "or write inputs as distributions in the scenario, e.g. "
        "'capability: {normal: {mean: 0.0146, sd: 0.0015}}' (docs/scenario-format.md, "
        "Uncertain values); the bundled casa_2019_uncertain does so for casa_2019"
    )


def _write(table, folder: Path, title: str, meta: dict, force: bool) -> None:
    import json

    import matplotlib.pyplot as plt

    from alignsim.ensemble.sensitivity import indices_figure
    from alignsim.results.storage import staged_folder, write_csv

    with writing_or_fail(folder), staged_folder(folder, force) as staging:
        write_csv(table, staging / "indices.csv")
        text = json.dumps(meta, indent=2, default=str)
        (staging / "sensitivity.json").write_text(text + "\n", encoding="utf-8")
        figure = indices_figure(table, title)
        figure.savefig(staging / "indices.png", dpi=120, metadata={"Software": None})
        plt.close(figure)
    console().print(f"wrote {folder}/ (indices.csv, indices.png, sensitivity.json)")


def _print(table) -> None:
    from rich.table import Table

    from alignsim.ensemble.sensitivity import reading

    shown = Table(*table.columns, box=None, header_style="bold")
    for row in table.itertuples(index=False):
        shown.add_row(row[0], *(f"{v:.3f}" if v == v else "-" for v in row[1:]))
    console().print(shown)
    console().print(reading(table))


if __name__ == "__main__":
    sensitivity()
