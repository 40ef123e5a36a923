"""Two scenarios' outcome distributions compared, with percentile bootstrap intervals.

The difference ``B - A`` of a statistic (mean group cohesion, probability of a bloc
configuration) gets a percentile bootstrap interval (Efron & Tibshirani 1993, ch. 13).

``alignsim compare`` runs A and B with the same ensemble seed and the same number of runs,
so run k of A and run k of B share their random numbers (common random numbers; Law 2015,
*Simulation Modeling and Analysis*, 5th ed., sec. 11.2). The runs are then pairs: the
bootstrap resamples whole pairs, and the interval is that of the mean of the paired
differences ``b_k - a_k``. This is the right interval for paired runs and is narrower than
resampling A and B independently, because the noise the pair shares cancels in the
difference. Ensembles with different seeds or run counts are not pairs; their runs are
resampled independently (:func:`runs_are_paired` decides).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alignsim.ensemble.montecarlo import Ensemble
from alignsim.ensemble.summaries import group_series, pair_series

#: how ``summary.json`` names each way of resampling
BOOTSTRAP_KINDS = {
    True: "paired: run k of A and run k of B share their seed; pairs of runs are resampled",
    False: "independent: the runs of A and of B are resampled separately",
}


def runs_are_paired(first: Ensemble, second: Ensemble) -> bool:
    """Whether run k of ``first`` and run k of ``second`` share their seed (and count)."""
    return first.seed == second.seed and first.runs == second.runs


def bootstrap_counts(runs: int, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """``(resamples, runs)`` how often each run is drawn in each resample of ``runs`` draws.

    ``counts @ values / runs`` is then the mean of each bootstrap resample of ``values``.
    """
    return rng.multinomial(runs, np.full(runs, 1.0 / runs), size=resamples)


def resampling_counts(
    runs_a: int, runs_b: int, resamples: int, rng: np.random.Generator, paired: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """Bootstrap counts of A's runs and of B's; B's are ``None`` when the runs are paired
    (the pairs are resampled: B's run k is drawn with A's run k).

    Raises:
        ValueError: If ``paired`` but the run counts differ.
    """
    if paired:
        if runs_a != runs_b:
            raise ValueError(f"paired runs need equal run counts, got {runs_a} and {runs_b}")
        return bootstrap_counts(runs_a, resamples, rng), None
    return bootstrap_counts(runs_a, resamples, rng), bootstrap_counts(runs_b, resamples, rng)


def bootstrap_difference(
    a: np.ndarray,
    b: np.ndarray,
    resamples: int,
    rng: np.random.Generator,
    level: float = 0.95,
    paired: bool = False,
) -> tuple[float, float, float]:
    """``mean(b) - mean(a)`` and its percentile bootstrap interval.

    Args:
        a: Per-run values of the first ensemble, shape ``(runs,)`` or ``(runs, steps)``.
        b: Per-run values of the second.
        resamples: Bootstrap resamples.
        rng: The generator of the resampling.
        level: Coverage of the interval.
        paired: Run k of ``a`` and of ``b`` are a pair (common random numbers): resample
            pairs, i.e. the paired differences ``b - a``.

    Returns:
        The difference and the interval's lower and upper ends (arrays over steps when the
        values have a steps axis).
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    counts = resampling_counts(len(a), len(b), resamples, rng, paired)
    difference, low, high = difference_interval(a, b, counts, level)
    if difference.ndim == 0:
        return float(difference), float(low), float(high)
    return difference, low, high


def difference_interval(
    a: np.ndarray, b: np.ndarray, counts: tuple[np.ndarray, np.ndarray | None], level: float = 0.95
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``mean(b) - mean(a)`` and the percentile interval of its resamples.

    Args:
        a: Per-run values of A, shape ``(runs_a,)`` or ``(runs_a, steps)``.
        b: Per-run values of B, shape ``(runs_b,)`` or ``(runs_b, steps)``.
        counts: A's and B's bootstrap counts (:func:`resampling_counts`); B's ``None``
            resamples the paired differences ``b - a``.
        level: Coverage of the interval.

    Returns:
        The difference of the means and the interval's ends, each of shape ``a.shape[1:]``.
    """
    counts_a, counts_b = counts
    if counts_b is None:
        resampled = counts_a @ (b - a) / len(a)  # (resamples, ...)
    else:
        resampled = counts_b @ b / len(b) - counts_a @ a / len(a)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(resampled, [tail, 1.0 - tail], axis=0)
    return b.mean(axis=0) - a.mean(axis=0), low, high


def compare_ensembles(
    first: Ensemble,
    second: Ensemble,
    first_blocs: list[str] | None = None,
    second_blocs: list[str] | None = None,
    resamples: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Differences (second - first) of outcome distributions at the horizon.

    Runs are resampled in pairs when :func:`runs_are_paired` (as ``alignsim compare``
    runs them), otherwise independently; the same resamples serve every row.

    Args:
        first: Ensemble A.
        second: Ensemble B.
        first_blocs: A's landscape configuration per run (see ``bloc_configurations``).
        second_blocs: B's.
        resamples: Bootstrap resamples.
        seed: Seed of the resampling.

    Returns:
        outcome (cohesion | bloc), name, a, b, difference, low, high (95 % interval); one
        row per group both scenarios track and per configuration either ends in.
    """
    paired = runs_are_paired(first, second)
    counts = resampling_counts(
        first.runs, second.runs, resamples, np.random.default_rng(seed), paired
    )
    rows = []
    groups_a, groups_b = group_series(first), group_series(second)
    for name in [g for g in groups_a if g in groups_b]:
        a, b = groups_a[name][:, -1], groups_b[name][:, -1]
        rows.append(("cohesion", name, a.mean(), b.mean(), *difference_interval(a, b, counts)))
    if first_blocs is not None and second_blocs is not None:
        configurations = sorted(set(first_blocs) | set(second_blocs))
        for configuration in configurations:
            a = np.array([c == configuration for c in first_blocs], dtype=float)
            b = np.array([c == configuration for c in second_blocs], dtype=float)
            rows.append(
                ("bloc", configuration, a.mean(), b.mean(), *difference_interval(a, b, counts))
            )
    return pd.DataFrame(rows, columns=["outcome", "name", "a", "b", "difference", "low", "high"])


def compare_over_time(
    first: Ensemble, second: Ensemble, resamples: int = 2000, seed: int = 0, level: float = 0.95
) -> pd.DataFrame:
    """Differences (second - first) of mean cohesion and mean alignment at every step.

    Each group's cohesion and each pair's alignment get ``mean(B) - mean(A)`` at every
    step with a percentile bootstrap interval (Efron & Tibshirani 1993): the runs are
    resampled with replacement, in pairs when :func:`runs_are_paired` (run k of B minus run
    k of A), otherwise each ensemble on its own; the same resamples serve every step and
    series, so the band is a band over time of one bootstrap.

    Args:
        first: Ensemble A.
        second: Ensemble B (same actors and calendar); steps kept by both are compared.
        resamples: Bootstrap resamples.
        seed: Seed of the resampling.
        level: Coverage of the band.

    Returns:
        step, date, kind (group | pair), name, a, b, difference, low, high.
    """
    kept = [e.kept or tuple(range(e.steps + 1)) for e in (first, second)]
    steps = sorted(set(kept[0]) & set(kept[1]))
    at = [[k.index(step) for step in steps] for k in kept]
    counts = resampling_counts(
        first.runs,
        second.runs,
        resamples,
        np.random.default_rng(seed),
        runs_are_paired(first, second),
    )
    dates = pd.to_datetime([first.compiled.dates[step] for step in steps])
    frames = []
    for kind, series in (("group", group_series), ("pair", pair_series)):
        values_a, values_b = series(first), series(second)
        for name in [n for n in values_a if n in values_b]:
            a, b = values_a[name][:, at[0]], values_b[name][:, at[1]]
            difference, low, high = difference_interval(a, b, counts, level)
            frames.append(
                pd.DataFrame(
                    {
                        "step": steps,
                        "date": dates,
                        "kind": kind,
                        "name": name,
                        "a": a.mean(axis=0),
                        "b": b.mean(axis=0),
                        "difference": difference,
                        "low": low,
                        "high": high,
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)
