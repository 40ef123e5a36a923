"""Variants of the observed index tried for China-Pakistan 1991-1996, judged by held-out data.

Run with ``python benchmarks/observed_index_variants.py`` from a clone (it reads ``data-raw/``
for the years before the panel, so pyreadr is needed: ``pip install -e .[observed-build]``;
about 5 minutes on one core). docs/observed.md, "Variants judged on held-out indicators",
quotes its output.

The criterion is independent of the fact tests: a random 10 % of the observed 1991-2023
indicator values (the same cells in every variant, drawn with ``numpy.random.default_rng(seed)``
on the panel's grid) are removed, each dimension is refitted by EM on the rest, and each
removed value is scored by its predictive density ``N(a + lam m, lam^2 v + s2)`` given the
smoothed latent (mean m, variance v) of its dyad-year. All variants score the same values on
one scale: the normal scores of the panel years (values before 1991 are placed on that scale
by the panel's step function), so their log-likelihoods are comparable. Only after these
numbers were in was each variant fitted on all data and China-Pakistan read off.

Variants: the burn-in (each dyad's walk started in 1950 or 1970 instead of 1991, the earlier
years from the raw ATOP, COW MID, Thompson rivalry, SIPRI and ideal-point files; Russia is the
Soviet Union before 1992; parameters estimated on all years, or on 1991- only with the earlier
years informing only the 1991 state), for both dimensions or cooperation only; and arms as
dependence: the supplier's share of the recipient's arms imports (the larger of the two
directions), in the year or over five years (SIPRI reports main suppliers over five years),
and whether either state is the other's main supplier over five years (1 or 0).
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import dataclasses  # noqa: E402
from functools import cache  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy.stats import norm  # noqa: E402

import alignsim.observed as observed  # noqa: E402
from alignsim.observed import raw  # noqa: E402
from alignsim.observed.build import RAW_DIR  # noqa: E402
from alignsim.observed.dyad_year import arms, atop, disputes, rivalries  # noqa: E402
from alignsim.observed.dyads import attach, attach_flow, skeleton  # noqa: E402
from alignsim.observed.factor import fit  # noqa: E402
from alignsim.observed.index import balance  # noqa: E402
from alignsim.observed.indicators import FACTORS, INDICATORS, Factor, model_indicators  # noqa: E402
from alignsim.observed.kalman import smooth  # noqa: E402

PANEL_FIRST = 1991
RAW_COLUMNS = [
    "year", "a", "b", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg",
    "atop_consul", "cowmid_hostlev", "rivalry", "tiv_a_to_b", "tiv_b_to_a",
    "idealpoint_distance_2025", "icews_coop_share",
]  # fmt: skip
SEEDS = (1, 2)
HELD_OUT = 0.1


@cache
def history(first: int = 1950) -> pd.DataFrame:
    """Raw dyadic columns of the index, years ``first``-1990, for pairs of panel actors."""
    countries = observed.countries()
    actors = dict(zip(countries["ccode"], countries["actor"], strict=True))
    nmc = raw.as_int(raw.read_rda(RAW_DIR, "peacesciencer/cow_nmc.rda"), "ccode", "year")
    keep = nmc["year"].between(first, PANEL_FIRST - 1) & nmc["ccode"].isin(actors)
    last = PANEL_FIRST - 1
    frame = skeleton(nmc.loc[keep, ["year", "ccode"]], actors, last)
    frame = attach(frame, atop(RAW_DIR, first), last, absent_is_zero=True)
    frame = attach(frame, disputes(RAW_DIR, first, "cow_mid_ddydisps", "cowmid"), last, True)
    frame = attach(frame, rivalries(RAW_DIR, first).drop(columns="rivalry_type"), last, True)
    frame = attach_flow(frame, arms(RAW_DIR, first), "tiv", last, True)
    point = raw.voeten_2025(RAW_DIR).set_index(["year", "ccode"])["point"]
    sides = [point.reindex(pd.MultiIndex.from_arrays([frame["year"], frame[c]])).to_numpy()
             for c in ("ccode_a", "ccode_b")]  # fmt: skip
    frame["idealpoint_distance_2025"] = np.round(np.abs(sides[0] - sides[1]), 4)
    frame["icews_coop_share"] = np.nan
    return frame[RAW_COLUMNS]


@cache
def panel_raw() -> pd.DataFrame:
    return observed.panel(level="dyad")[RAW_COLUMNS]


def arms_share(frame: pd.DataFrame, window: int, main: bool = False) -> np.ndarray:
    """Larger of the two directed shares of the recipient's arms imports (``window`` years);
    ``main``: 1 where either state is the other's largest supplier, else 0."""
    long = pd.concat(
        [
            pd.DataFrame({"year": frame["year"], "s": frame["a"], "r": frame["b"],
                          "tiv": frame["tiv_a_to_b"]}),
            pd.DataFrame({"year": frame["year"], "s": frame["b"], "r": frame["a"],
                          "tiv": frame["tiv_b_to_a"]}),
        ],
        ignore_index=True,
    )  # fmt: skip
    if window > 1:
        long = long.sort_values(["s", "r", "year"])
        rolling = long.groupby(["s", "r"])["tiv"].rolling(window, min_periods=1).sum()
        long["tiv"] = rolling.reset_index(level=[0, 1], drop=True)
    total = long.groupby(["year", "r"])["tiv"].transform("sum")
    share = np.where(total > 0, long["tiv"] / total.where(total > 0), 0.0)
    long["share"] = np.where(long["tiv"].isna(), np.nan, share)
    if main:
        top = long.groupby(["year", "r"])["share"].transform("max")
        flag = ((long["share"] == top) & (long["share"] > 0)).astype(float)
        long["share"] = np.where(long["tiv"].isna(), np.nan, flag)
    table = long.set_index(["year", "s", "r"])["share"]
    ab = table.reindex(pd.MultiIndex.from_arrays([frame["year"], frame["a"], frame["b"]]))
    ba = table.reindex(pd.MultiIndex.from_arrays([frame["year"], frame["b"], frame["a"]]))
    return np.maximum(ab.to_numpy(), ba.to_numpy())


@cache
def indicators(start: int, arms_kind: str) -> pd.DataFrame:
    """Model indicators from ``start`` (history before 1991); arms as volume or share."""
    early = min(start, PANEL_FIRST - 4) if arms_kind.endswith("5") else start
    parts = [history()[history()["year"] >= early]] if early < PANEL_FIRST else []
    frame = pd.concat([*parts, panel_raw()], ignore_index=True)
    out = model_indicators(frame)
    if arms_kind != "tiv":
        window = 5 if arms_kind.endswith("5") else 1
        out["arms_tiv"] = arms_share(frame, window, main=arms_kind.startswith("main"))
    return out[out["year"] >= start].reset_index(drop=True)


def panel_scale(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Normal scores on the scale of ``reference`` (a step function of the value)."""
    known = np.unique(reference[~np.isnan(reference)], return_counts=True)
    upper = np.cumsum(known[1]) / known[1].sum()
    lower = np.concatenate([[0.0], upper[:-1]])
    dens = norm.pdf(norm.ppf(lower)) - norm.pdf(norm.ppf(np.minimum(upper, 1.0)))
    score, out = dens / (upper - lower), np.full(values.shape, np.nan)
    seen = ~np.isnan(values)
    where = np.searchsorted(known[0], values[seen], side="right") - 1
    out[seen] = score[np.clip(where, 0, len(score) - 1)]
    return out


@cache
def grid(start: int, arms_kind: str) -> tuple:
    """keys, years, scores (dyads, years, K), present, starts; scores on the panel scale."""
    frame = indicators(start, arms_kind)
    keys = frame[["a", "b"]].drop_duplicates().sort_values(["a", "b"]).reset_index(drop=True)
    rows = pd.MultiIndex.from_frame(keys).get_indexer(pd.MultiIndex.from_frame(frame[["a", "b"]]))
    years = np.arange(start, int(frame["year"].max()) + 1)
    cols = frame["year"].to_numpy() - start
    in_panel = frame["year"].to_numpy() >= PANEL_FIRST
    scores = np.full((len(keys), len(years), len(INDICATORS)), np.nan)
    for k, name in enumerate(INDICATORS):
        values = frame[name].to_numpy(dtype=float)
        scores[rows, cols, k] = panel_scale(values, values[in_panel])
    present = np.zeros((len(keys), len(years)), dtype=bool)
    present[rows, cols] = True
    return keys, years, scores, present, starts_of(present)


def starts_of(present: np.ndarray) -> np.ndarray:
    before = np.concatenate([np.zeros((len(present), 1), dtype=bool), present[:, :-1]], axis=1)
    starts = present & ~before
    starts[:, 0] = True
    return starts


def held_out(start: int, arms_kind: str, seed: int | None) -> np.ndarray:
    """Cells removed for scoring: drawn on the 1991 grid, the same in every variant."""
    keys, _, scores, _, _ = grid(start, arms_kind)
    mask = np.zeros(scores.shape, dtype=bool)
    if seed is None:
        return mask
    base_keys, _, base_scores, _, _ = grid(PANEL_FIRST, "tiv")
    draw = np.random.default_rng(seed).random(base_scores.shape) < HELD_OUT
    draw &= ~np.isnan(base_scores)
    rows = pd.MultiIndex.from_frame(base_keys).get_indexer(pd.MultiIndex.from_frame(keys))
    inside = rows >= 0
    mask[inside, PANEL_FIRST - start :] = draw[rows[inside]]
    return mask & ~np.isnan(scores)


def fit_dimension(factor: Factor, start: int, arms_kind: str, seed: int | None, fixed: bool):
    """One dimension fitted without the held-out cells; ``fixed``: parameters from 1991 on."""
    _, _, scores, present, starts = grid(start, arms_kind)
    columns = [INDICATORS.index(n) for n in factor.indicators]
    y = np.where(held_out(start, arms_kind, seed), np.nan, scores)[..., columns]
    sign, y0 = np.array(factor.signs), PANEL_FIRST - start
    if not fixed or y0 == 0:
        return fit(y, starts, present, sign, factor.anchor)
    late = present[:, y0:]
    params = fit(y[:, y0:], starts_of(late), late, sign, factor.anchor)
    smoothed = smooth(y, starts, params.intercept, params.loading, params.noise_var,
                      params.step_var, params.prior_var)  # fmt: skip
    return dataclasses.replace(params, smoothed=smoothed)


@cache
def score(factor: Factor, start: int, arms_kind: str, seed: int, fixed: bool) -> dict:
    """Held-out log-likelihood of each of the dimension's indicators."""
    _, _, scores, _, _ = grid(start, arms_kind)
    mask = held_out(start, arms_kind, seed)
    fitted = fit_dimension(factor, start, arms_kind, seed, fixed)
    out = {}
    for j, name in enumerate(factor.indicators):
        cells = mask[..., INDICATORS.index(name)]
        mean = fitted.intercept[j] + fitted.loading[j] * fitted.smoothed.mean[cells]
        spread = np.sqrt(fitted.loading[j] ** 2 * fitted.smoothed.var[cells] + fitted.noise_var[j])
        values = scores[..., INDICATORS.index(name)][cells]
        out[name] = float(norm.logpdf(values, mean, spread).sum())
    return out


VARIANTS = {  # name: (hostility start, cooperation start, arms, parameters from 1991 only)
    "shipped (walks start 1991)": (1991, 1991, "tiv", False),
    "burn-in 1950, both": (1950, 1950, "tiv", False),
    "burn-in 1970, both": (1970, 1970, "tiv", False),
    "burn-in 1950, both, 1991 parameters": (1950, 1950, "tiv", True),
    "burn-in 1950, cooperation only": (1991, 1950, "tiv", False),
    "burn-in 1970, cooperation only": (1991, 1970, "tiv", False),
    "arms share of imports, yearly": (1991, 1991, "share", False),
    "arms share of imports, 5 years": (1991, 1991, "share5", False),
    "arms main supplier, 5 years": (1991, 1991, "main5", False),
}


def china_pakistan(spec: tuple) -> str:
    """The variant fitted on all data: China-Pakistan in 1991 [90 % interval], the year from
    which its lower end stays above 0, and the arms weight."""
    moments = {}
    for factor, start in zip(FACTORS, spec[:2], strict=True):
        keys, _, _, _, _ = grid(start, spec[2])
        fitted = fit_dimension(factor, start, spec[2], None, spec[3])
        row = np.flatnonzero((keys["a"] == "CHN") & (keys["b"] == "PAK"))[0]
        y0 = PANEL_FIRST - start
        sm = fitted.smoothed
        moments[factor.name] = (sm.mean[row, y0:], sm.var[row, y0:])
        if factor.name == "cooperation":
            arms_weight = fitted.loading[1] ** 2 / fitted.noise_var[1]
    value, low, high = balance(moments["cooperation"], moments["hostility"])
    first = f"{value[0]:+.3f} [{low[0]:+.3f}, {high[0]:+.3f}]"
    below = np.flatnonzero(low <= 0)
    since = PANEL_FIRST + (below[-1] + 1 if len(below) else 0)
    return f"{first}; low > 0 from {since} on; arms weight {arms_weight:.3f}"


def main() -> None:
    """Print held-out log-likelihoods per dimension and seed, then China-Pakistan."""
    base = VARIANTS["shipped (walks start 1991)"]
    counts = [int(held_out(PANEL_FIRST, "tiv", seed).sum()) for seed in SEEDS]
    print(f"held-out log-likelihood of {counts} 1991-2023 values (one count per seed),")
    print("difference from shipped; per seed")
    for name, spec in VARIANTS.items():
        cells = []
        for seed in SEEDS:
            parts = {}
            for factor, start in zip(FACTORS, spec[:2], strict=True):
                mine = score(factor, start, spec[2], seed, spec[3])
                ref = score(factor, base[0] if factor.name == "hostility" else base[1],
                            "tiv", seed, False)  # fmt: skip
                common = [k for k in mine if not (k == "arms_tiv" and spec[2] != "tiv")]
                parts[factor.name] = sum(mine[k] - ref[k] for k in common)
                if factor.name == "cooperation":
                    parts["votes"] = mine["idealpoint_distance"] - ref["idealpoint_distance"]
            cells.append(" ".join(f"{k} {v:+8.0f}" for k, v in parts.items()))
        print(f"{name:38s} " + " | ".join(cells))
    print("\nfitted on all data: China-Pakistan 1991 [90 %]; lower end above 0 from")
    for name, spec in VARIANTS.items():
        print(f"{name:38s} {china_pakistan(spec)}")
    frame = indicators(PANEL_FIRST, "tiv").assign(
        share=indicators(PANEL_FIRST, "share")["arms_tiv"],
        share5=indicators(PANEL_FIRST, "share5")["arms_tiv"],
        main5=indicators(PANEL_FIRST, "main5")["arms_tiv"],
    )
    arms_correlations(frame)


def arms_correlations(frame: pd.DataFrame) -> None:
    """Spearman correlation of each arms measure with alliance depth and vote distance."""
    some = frame["arms_tiv"] > 0
    print("\nSpearman correlation, arms measures with alliance depth and ideal-point distance,")
    print(f"over all 1991-2023 dyad-years and over the {some.mean():.2%} with a transfer")
    for name in ("arms_tiv", "share", "share5", "main5"):
        corr = [part[name].corr(part[o], method="spearman")
                for part in (frame, frame[some])
                for o in ("alliance_depth", "idealpoint_distance")]  # fmt: skip
        nonzero = frame[name].gt(0).mean()
        print(f"  {name:9s} all {corr[0]:+.3f} {corr[1]:+.3f}  with a transfer "
              f"{corr[2]:+.3f} {corr[3]:+.3f}  non-zero in {nonzero:.2%}")  # fmt: skip


if __name__ == "__main__":
    main()
