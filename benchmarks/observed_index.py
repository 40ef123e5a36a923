"""Benchmark and validation of the observed alignment index on the shipped panel.

Run with ``.venv/bin/python benchmarks/observed_index.py``. It refits the index on every
dyad-year of the shipped panel (one core: BLAS threads pinned to 1), printing side by side the
time of the whole fit (both dimensions, EM to convergence, and the tidy table) and of one Kalman
filter + RTS smoother pass over all dyads (the ratio is the number of passes EM needed, plus
the table). Then the numbers quoted in docs/observed.md: the loadings and weights, the ten core
dyads among CHN, IND, PAK, RUS, USA ordered in 2014 and 2019, India-Pakistan with and without
the vote indicator, and the rank correlation of the index with each raw indicator.
Goal: the fit well under a minute on one core.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import time  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import alignsim.observed as observed  # noqa: E402
from alignsim.observed import index as index_module  # noqa: E402
from alignsim.observed.indicators import (  # noqa: E402
    COOPERATION,
    HOSTILITY,
    INDICATORS,
    Factor,
    model_indicators,
)
from alignsim.observed.kalman import smooth  # noqa: E402

CORE = ["CHN", "IND", "PAK", "RUS", "USA"]


def main() -> None:
    """Time the fit, then print the validation tables."""
    indicators = model_indicators(observed.panel(level="dyad"))
    start, cpu = time.perf_counter(), time.process_time()
    fitted = index_module.fit_index(indicators)
    table = index_module.index_table(fitted)
    whole, whole_cpu = time.perf_counter() - start, time.process_time() - cpu
    grid, hostility = fitted.grid, fitted.fits["hostility"]
    scores = grid.scores[..., [INDICATORS.index(n) for n in HOSTILITY.indicators]]
    start = time.perf_counter()
    smooth(
        scores,
        grid.starts,
        hostility.intercept,
        hostility.loading,
        hostility.noise_var,
        hostility.step_var,
        hostility.prior_var,
    )
    one_pass = time.perf_counter() - start
    dyads, years = grid.present.shape
    print(f"{dyads} dyads x {years} years, {int(grid.present.sum())} dyad-years")
    print(
        f"fit + table {whole:.1f} s wall, {whole_cpu:.1f} s CPU | one smoother pass "
        f"{one_pass:.2f} s | "
        f"ratio {whole / one_pass:.0f} | EM iterations "
        + ", ".join(f"{k} {len(f.loglik)}" for k, f in fitted.fits.items())
    )
    print(
        "step variance q, start variance p0: "
        + ", ".join(f"{k} {f.step_var:.4f}, {f.prior_var:.4f}" for k, f in fitted.fits.items())
    )
    print(fitted.loadings().round(3).to_string(index=False))
    core = table[table["a"].isin(CORE) & table["b"].isin(CORE)]
    for year in (2011, 2014, 2019):
        print(f"\n{year}, most hostile first")
        rows = core[core["year"] == year].sort_values("alignment")
        print(rows.drop(columns="year").round(3).to_string(index=False))
    print("\nthe index against each raw indicator (dyad-years where it is observed): rank")
    print("correlation, and the mean index where the indicator is 0 and where it is above 0")
    merged = table.merge(indicators, on=["year", "a", "b"])
    for name in INDICATORS:
        seen = merged[merged[name].notna()]
        rho = seen["alignment"].corr(seen[name], method="spearman")
        zero = seen.loc[seen[name] == 0, "alignment"].mean()
        above = seen.loc[seen[name] > 0, "alignment"].mean()
        print(
            f"  {name:22s} rho {rho:+.3f}  mean at 0 {zero:+.3f}  above 0 {above:+.3f}"
            f"  ({len(seen)} dyad-years)"
        )
    without_votes(indicators, table)
    one_factor(indicators, table)


def one_factor(indicators: pd.DataFrame, table: pd.DataFrame) -> None:
    """The rejected design: one factor for all six indicators (theory signs, alliance anchor)."""
    names = COOPERATION.indicators[:1] + HOSTILITY.indicators + COOPERATION.indicators[1:]
    single = Factor("cooperation", names, (1, -1, -1, -1, 1, -1))
    fitted = index_module.fit_index(indicators, (single,))
    result = fitted.fits["cooperation"]
    print("\none factor, six indicators: loading, noise variance, weight")
    for k, name in enumerate(names):
        weight = result.loading[k] ** 2 / result.noise_var[k]
        print(f"  {name:22s} {result.loading[k]:+.3f} {result.noise_var[k]:.3f} {weight:8.2f}")
    grid, mean = fitted.grid, result.smoothed.mean
    print("pair     year  one factor  two dimensions (shipped)")
    for a, b in [("GBR", "USA"), ("CHN", "PAK"), ("IND", "RUS"), ("IND", "PAK"), ("RUS", "USA")]:
        row = np.flatnonzero((grid.dyads["a"] == a) & (grid.dyads["b"] == b))[0]
        shipped = table[(table["a"] == a) & (table["b"] == b)].set_index("year")["alignment"]
        for year in (2001, 2014):
            value = index_module.to_unit(mean[row, year - int(grid.years[0])])
            print(f"{a}-{b}  {year}  {value:+.3f}      {shipped.loc[year]:+.3f}")


def without_votes(indicators: pd.DataFrame, table: pd.DataFrame) -> None:
    """India-Pakistan with the ideal-point distance removed from the cooperation dimension."""
    no_votes = (HOSTILITY, Factor("cooperation", COOPERATION.indicators[:2], (1, 1)))
    other = index_module.index_table(index_module.fit_index(indicators, no_votes))
    pick = ["year", "alignment", "low", "high"]
    pair = (table["a"] == "IND") & (table["b"] == "PAK")
    pair_other = (other["a"] == "IND") & (other["b"] == "PAK")
    both = table[pair][pick].merge(other[pair_other][pick], on="year", suffixes=("", "_no_votes"))
    print("\nIND-PAK with and without the vote indicator")
    print(
        both[both["year"].isin([1991, 1999, 2002, 2011, 2014, 2019, 2023])]
        .round(3)
        .to_string(index=False)
    )
    print(
        f"largest effect of votes on IND-PAK: "
        f"{np.max(np.abs(both['alignment'] - both['alignment_no_votes'])):.3f}"
    )


if __name__ == "__main__":
    main()
