"""Global sensitivity of an ensemble outcome to scenario parameters, with SALib.

Methods: Sobol' variance-based indices (Sobol' 2001; Saltelli et al. 2010 estimators, as
implemented by SALib, Herman & Usher 2017), first order ``S1`` and total order ``ST`` with
bootstrap confidence intervals; and Morris elementary effects (Morris 1991; ``mu_star`` of
Campolongo, Cariboni & Saltelli 2007) with ``sigma``.

Parameters are either named scenario paths with ranges (``--param PATH=LOW:HIGH``), sampled
uniformly over their range, or the scenario's uncertain inputs, each sampled from its own
distribution (by its quantiles, see :mod:`alignsim.ensemble.inputs`; a normal cut at
mean +/- 3 sd) and named by entry ids (``actors.PAK.capability``). Every sample runs
``runs`` replicates with the same ensemble seed (common random numbers), and the outcome is
the mean over those replicates at the horizon. Uncertain inputs that are not parameters
take their mean.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from alignsim.ensemble.engine import run_batch, run_seeds
from alignsim.ensemble.executors import ExecutorLike, run_tasks

#: samples per executor task
SAMPLES_PER_TASK = 16

#: how to read estimated Sobol' indices, shown under every table of them
SOBOL_READING = (
    "S1 (first order) and ST (total) are shares of the outcome's variance, between 0 and 1; "
    "S1_conf and ST_conf are 95 % half-widths. The indices are estimated from samples, so an "
    "S1 below 0 or above ST is estimation error: within its half-width, read it as 0 (or as "
    "S1 = ST); more --samples narrow the half-widths."
)
#: said instead when the outcome is the same in every sample
SOBOL_UNDEFINED = (
    "The outcome is the same in every sample, so there is no variance to share out: the Sobol' "
    "indices are undefined (empty in indices.csv, not 0)."
)
#: how to read Morris elementary effects, shown under every table of them
MORRIS_READING = (
    "mu and mu_star are the mean and the mean absolute elementary effect, in units of the "
    "outcome per whole range of the parameter (the change over one step divided by the step "
    "as a share of the range; for an uncertain input, per unit of probability); sigma is their "
    "spread (large: interactions or a non-linear effect); mu_star_conf is a 95 % half-width."
)


class SensitivityError(ValueError):
    """A bad parameter, output or sample size."""


@dataclass(frozen=True)
class Parameter:
    """A parameter: its name, range and where it goes in the scenario tree.

    Attributes:
        name: Shown name (the ``--set`` path, or the id path of an uncertain input).
        low: Lower end of its range.
        high: Upper end.
        setting: ``--set`` path, for named parameters.
        location: Keys and indices in the tree, for uncertain inputs.
        distribution: An uncertain input's distribution (sampled by its quantiles);
            ``None`` for a uniform range.
        bounds: The range of an uncertain input's field.
    """

    name: str
    low: float
    high: float
    setting: str | None = None
    location: tuple[Any, ...] | None = None
    distribution: dict | None = None
    bounds: tuple[float, float] | None = None

    def values(self, design: np.ndarray) -> np.ndarray:
        """The parameter's values for a design column (unit values for a distribution)."""
        if self.distribution is None:
            return np.asarray(design, dtype=float)
        from alignsim.ensemble.inputs import quantile

        return quantile(self.distribution, self.bounds, design)

    @property
    def design_bounds(self) -> list[float]:
        """Where SALib draws the design column: the range, or [0, 1] for a distribution."""
        return [0.0, 1.0] if self.distribution is not None else [self.low, self.high]


@dataclass(frozen=True)
class Output:
    """The outcome: a group's cohesion or a pair's alignment at the horizon."""

    kind: str
    name: str


def parse_parameter(spec: str) -> Parameter:
    """``PATH=LOW:HIGH`` as a parameter.

    Raises:
        SensitivityError: If malformed or ``LOW >= HIGH``.
    """
    path, sep, raw = spec.partition("=")
    low, colon, high = raw.partition(":")
    try:
        bounds = (float(low), float(high))
    except ValueError:
        bounds = None
    if not path or not sep or not colon or bounds is None:
        raise SensitivityError(f"--param {spec!r}: expected PATH=LOW:HIGH")
    if not bounds[0] < bounds[1]:
        raise SensitivityError(f"--param {spec!r}: LOW must be below HIGH")
    return Parameter(path, bounds[0], bounds[1], setting=path)


def parse_output(spec: str) -> Output:
    """``cohesion:GROUP``, ``alignment:A-B`` or ``bloc:A+B|C+D``.

    Raises:
        SensitivityError: If malformed.
    """
    kind, sep, name = spec.partition(":")
    if not sep or not name or kind not in ("cohesion", "alignment", "bloc"):
        raise SensitivityError(
            f"--output {spec!r}: expected cohesion:GROUP, alignment:A-B or bloc:A+B|C+D"
        )
    return Output(kind, name)


def configuration_key(text: str) -> frozenset[frozenset[str]]:
    """A bloc configuration ``"A+B | C"`` as a set of coalitions (order does not matter)."""
    return frozenset(
        frozenset(a.strip() for a in side.split("+") if a.strip())
        for side in text.split("|")
        if side.strip()
    )


def uncertain_parameters(tree: Any) -> list[Parameter]:
    """The tree's uncertain inputs as parameters, each with its distribution.

    ``low`` and ``high`` are the ends of the sampled support: the distribution's 0- and
    1-quantiles (a normal cut at mean +/- 3 sd and at the field's range).
    """
    from alignsim.ensemble.inputs import quantile, readable_path
    from alignsim.scenario.uncertain import distribution_sites

    found = []
    for path, node, bounds in distribution_sites(tree):
        low, high = (float(v) for v in quantile(node, bounds, np.array([0.0, 1.0])))
        name = readable_path(tree, path)
        found.append(Parameter(name, low, high, None, path, dict(node), tuple(bounds)))
    return found


def _set_at(tree: Any, location: tuple[Any, ...], value: float) -> None:
    node = tree
    for part in location[:-1]:
        node = node[part]
    node[location[-1]] = value


def scenario_at(tree: Any, parameters: list[Parameter], values: np.ndarray) -> Any:
    """The validated scenario with the parameters set to ``values``.

    Raises:
        ScenarioError: If a value or path is invalid.
    """
    from alignsim.scenario.loader import validate_tree
    from alignsim.scenario.merge import apply_settings
    from alignsim.scenario.uncertain import central_values

    tree = copy.deepcopy(tree)
    settings = []
    for parameter, value in zip(parameters, values, strict=True):
        if parameter.location is not None:
            _set_at(tree, parameter.location, float(value))
        else:
            settings.append(f"{parameter.setting}={float(value)!r}")
    if settings:
        tree = apply_settings(tree, settings)
    return validate_tree(central_values(tree))


def outcome_of(history: Any, compiled: Any, output: Output) -> np.ndarray:
    """Each run's outcome at the last step of stacked histories ``(runs, steps + 1, ...)``.

    ``bloc`` outcomes are 1 when the run's landscape global minimum at the horizon
    (Axelrod & Bennett 1993; sizes the capabilities, propensities the alignments) is the
    named configuration, else 0; their mean over replicates is its probability.
    """
    from alignsim.analysis import cohesion

    final = history.alignment[:, -1]
    if output.kind == "cohesion":
        if output.name not in compiled.groups:
            known = ", ".join(compiled.groups) or "none"
            raise SensitivityError(f"--output: no group {output.name!r} (groups: {known})")
        return cohesion(final, compiled.groups[output.name])
    if output.kind == "bloc":
        from alignsim.games.landscape import solve

        wanted = configuration_key(output.name)
        if set().union(*wanted) != set(compiled.actors):
            raise SensitivityError(
                f"--output: {output.name!r} must place every actor once "
                f"({', '.join(compiled.actors)}), coalitions split by | and joined by +"
            )
        names = list(compiled.actors)
        return np.array(
            [
                configuration_key(solve(history.capability[r, -1], final[r], names=names).sides(0))
                == wanted
                for r in range(final.shape[0])
            ],
            dtype=float,
        )
    a, _, b = output.name.partition("-")
    if a not in compiled.actors or b not in compiled.actors or a == b:
        raise SensitivityError(f"--output: {output.name!r} is not a pair of actor ids (A-B)")
    return final[:, compiled.actors.index(a), compiled.actors.index(b)]


def evaluate_samples(
    tree: Any,
    parameters: list[Parameter],
    samples: np.ndarray,
    output: Output,
    runs: int,
    seed: int,
    steps: int | None,
) -> np.ndarray:
    """The outcome (mean over ``runs`` replicates) of each sample row (one executor task)."""
    from alignsim.simulation.compiled import compile_scenario

    seeds = run_seeds(seed, runs)
    values = []
    for row in samples:
        compiled = compile_scenario(scenario_at(tree, parameters, row))
        history = run_batch(compiled, seeds, steps)
        values.append(float(outcome_of(history, compiled, output).mean()))
    return np.array(values)


def salib_seeds(seed: int) -> tuple[int, int]:
    """Nonzero seeds for SALib's sampling and analysis, derived from ``seed``.

    Both come from ``SeedSequence(seed)`` (O'Neill 2015), so they depend on ``seed`` alone.
    They must not be 0: SALib 1.5-1.6's Sobol' analysis tests ``if seed:``, so a 0 there
    would be ignored and its bootstrap would draw from NumPy's global generator.
    """
    sample, analysis = np.random.SeedSequence(seed).generate_state(2)
    return int(sample) or 1, int(analysis) or 1


def analyse(
    tree: Any,
    parameters: list[Parameter],
    output: Output,
    method: str = "sobol",
    samples: int = 64,
    runs: int = 1,
    seed: int = 0,
    steps: int | None = None,
    workers: int = 1,
    executor: ExecutorLike = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """Sensitivity indices of ``output`` to ``parameters``.

    Args:
        tree: The scenario tree (:func:`alignsim.scenario.loader.read_tree`).
        parameters: The parameters and their ranges.
        output: The outcome.
        method: ``"sobol"`` (``samples`` a power of 2; ``samples * (D + 2)`` evaluations)
            or ``"morris"`` (``samples`` trajectories; ``samples * (D + 1)`` evaluations).
        samples: Base sample size.
        runs: Replicates per evaluation.
        seed: Seed of the sampling, the bootstrap and the runs.
        steps: Steps per run.
        workers: Worker processes.
        executor: As :func:`alignsim.ensemble.executors.run_tasks`.
        on_progress: Called with the evaluations finished so far and their total.

    Returns:
        Sobol: parameter, S1, S1_conf, ST, ST_conf (95 % confidence half-widths).
        Morris: parameter, mu, mu_star, mu_star_conf, sigma.

    Raises:
        SensitivityError: For a bad method, sample size or output.
    """
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    if not parameters:
        raise SensitivityError("no parameters: give --param PATH=LOW:HIGH or uncertain inputs")
    problem = {
        "num_vars": len(parameters),
        "names": [p.name for p in parameters],
        "bounds": [p.design_bounds for p in parameters],
    }
    design_seed, bootstrap_seed = salib_seeds(seed)
    if method == "sobol":
        if samples < 2 or samples & (samples - 1):
            raise SensitivityError(f"--samples: Sobol' needs a power of 2, got {samples}")
        design = sobol_sample.sample(problem, samples, calc_second_order=False, seed=design_seed)
    elif method == "morris":
        design = morris_sample.sample(problem, samples, num_levels=4, seed=design_seed)
    else:
        raise SensitivityError(f"--method: expected sobol or morris, got {method!r}")
    values = np.column_stack([p.values(design[:, i]) for i, p in enumerate(parameters)])
    chunks = [values[a : a + SAMPLES_PER_TASK] for a in range(0, len(values), SAMPLES_PER_TASK)]
    tasks = [(tree, parameters, chunk, output, runs, seed, steps) for chunk in chunks]
    ends = np.cumsum([len(chunk) for chunk in chunks])

    def done(index: int, _: Any) -> None:
        if on_progress:
            on_progress(int(ends[index]), len(values))

    outcome = np.concatenate(run_tasks(evaluate_samples, tasks, workers, executor, done))
    names = problem["names"]
    if method == "sobol":
        columns = ("S1", "S1_conf", "ST", "ST_conf")
        if np.ptp(outcome) <= 1e-12 * max(1.0, float(np.abs(outcome).max())):
            # no variance to share out: the shares are 0/0 (SALib would report 0)
            found = dict.fromkeys(columns, np.full(len(names), np.nan))
        else:
            found = sobol_analyze.analyze(
                problem, outcome, calc_second_order=False, seed=bootstrap_seed
            )
    else:
        found = morris_analyze.analyze(problem, design, outcome, num_levels=4, seed=bootstrap_seed)
        columns = ("mu", "mu_star", "mu_star_conf", "sigma")
    table = pd.DataFrame({c: np.asarray(found[c], dtype=float) for c in columns})
    table.insert(0, "parameter", names)
    return table


def reading(table: pd.DataFrame) -> str:
    """How to read an indices table: Sobol' shares, undefined shares, or Morris effects."""
    if "S1" not in table.columns:
        return MORRIS_READING
    return SOBOL_UNDEFINED if table["S1"].isna().all() else SOBOL_READING


def indices_figure(table: pd.DataFrame, title: str) -> Any:
    """Bar plot of the indices with their confidence intervals as error bars."""
    import matplotlib.pyplot as plt

    from alignsim.plot import style

    sobol = "S1" in table.columns
    bars = [("S1", "S1_conf"), ("ST", "ST_conf")] if sobol else [("mu_star", "mu_star_conf")]
    figure, ax = plt.subplots(figsize=(9, 1.6 + 0.6 * len(table)), layout="constrained")
    height = 0.8 / len(bars)
    positions = np.arange(len(table))
    for index, (value, conf) in enumerate(bars):
        ax.barh(
            positions + index * height,
            table[value],
            height=height,
            xerr=table[conf],
            label=value,
            color=style(index)["color"],
            capsize=3,
        )
    ax.set_yticks(positions + height * (len(bars) - 1) / 2, table["parameter"])
    ax.invert_yaxis()
    ax.axvline(0, color="0.3", linewidth=0.6)
    ax.set_xlabel("Sobol' index (95 % interval)" if sobol else "Morris mu* (95 % interval)")
    ax.legend(frameon=False)
    ax.set_title(title, fontsize=10, loc="left")
    return figure
