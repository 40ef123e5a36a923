"""Observed-like frames simulated from a known error-correction process (for tests and demos).

Each dyad's alignment ``A_t = mu_t + x_t`` has a long-run level ``mu`` that moves by
permanent shocks (a random walk, sd ``permanent``) and a deviation ``x`` that decays at
``rate`` per year under transitory shocks (sd ``transitory``); the index reports
``A_t + e_t`` with ``e_t`` normal of sd ``measurement`` and a matching 90% interval.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from alignsim.forecast.frames import Z90


def simulate_frame(
    actors: list[str],
    years: range,
    rate: float,
    permanent: float,
    transitory: float,
    measurement: float,
    seed: int,
) -> pd.DataFrame:
    """An observed frame (``year, a, b, alignment, low, high``) from the process above.

    Long-run levels start uniform on [-0.7, 0.7]; deviations start at their stationary
    spread. The index is clipped to [-1, 1] (keep shocks small so that this is rare).
    """
    rng = np.random.default_rng(seed)
    dyads = list(combinations(sorted(actors), 2))
    d, t = len(dyads), len(years)
    level = rng.uniform(-0.7, 0.7, d)
    stationary = transitory / np.sqrt(1 - (1 - rate) ** 2) if rate > 0 else transitory
    deviation = rng.normal(0.0, stationary, d)
    true = np.empty((d, t))
    for k in range(t):
        if k:
            level = level + rng.normal(0.0, permanent, d)
            deviation = (1 - rate) * deviation + rng.normal(0.0, transitory, d)
        true[:, k] = level + deviation
    index = np.clip(true + rng.normal(0.0, measurement, (d, t)), -1.0, 1.0)
    half = Z90 * measurement
    return pd.DataFrame(
        {
            "year": np.tile(np.asarray(years), d),
            "a": np.repeat([a for a, _ in dyads], t),
            "b": np.repeat([b for _, b in dyads], t),
            "alignment": index.ravel(),
            "low": index.ravel() - half,
            "high": index.ravel() + half,
        }
    )


def model_frame(tree: dict, years: range, measurement: float, seed: int) -> pd.DataFrame:
    """An observed frame simulated by alignsim itself: one run of the scenario ``tree``
    restarted at ``years[0]`` from its own starting relations (with its events dated inside
    ``years``), the alignment at the start of each year plus a normal measurement error of sd
    ``measurement``, with the matching 90% interval. Values outside [-1, 1] are clipped."""
    from alignsim.forecast.frames import Panel
    from alignsim.forecast.simulator import Simulator, fit_tree
    from alignsim.scenario.loader import validate_tree
    from alignsim.simulation.compiled import compile_scenario

    compiled = compile_scenario(validate_tree(tree))
    n = len(compiled.actors)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    dyads = [tuple(sorted((compiled.actors[i], compiled.actors[j]))) for i, j in pairs]
    initial = [compiled.initial.alignment[i, j] for i, j in pairs]
    value = np.repeat(np.array(initial)[:, None], len(years), axis=1)  # every year observed
    start = Panel(dyads, np.asarray(years), value, np.full_like(value, measurement))
    index = np.clip(Simulator(fit_tree(tree, start), [], start, 2, seed).panels({})[0], -1, 1)
    half = Z90 * measurement
    return pd.DataFrame(
        {
            "year": np.tile(np.asarray(years), len(dyads)),
            "a": np.repeat([a for a, _ in dyads], len(years)),
            "b": np.repeat([b for _, b in dyads], len(years)),
            "alignment": index.ravel(),
            "low": index.ravel() - half,
            "high": index.ravel() + half,
        }
    )
