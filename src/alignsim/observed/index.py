"""The observed alignment index: one number per dyad-year in [-1, 1] with a 90 % interval.

Measurement model (docs/observed.md): two dynamic latent dimensions per dyad, hostility ``h``
and cooperation ``c``, each a Gaussian random walk over years measured by its own indicators
(:mod:`alignsim.observed.indicators`) through a linear factor model on normal scores, fitted by
EM on the pooled panel (:mod:`alignsim.observed.factor`) and smoothed per dyad by a Kalman
filter and RTS smoother (:mod:`alignsim.observed.kalman`), in the spirit of Terechshenko, Z.
(2020), "Hot under the collar: a latent measure of interstate hostility", *Journal of Peace
Research* 57(6). Alignment is the balance ``z = c - h`` mapped to [-1, 1] by ``tanh(z / 2)``;
its 90 % interval is the smoothed normal interval of ``z`` mapped through the same monotone
function, so it widens where indicators are missing.

UNGA votes enter only as one cooperation indicator, so they cannot outweigh a rivalry or a
dispute (India and Pakistan vote alike; Voeten 2013 on what votes measure).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from alignsim.observed.factor import FactorFit, fit
from alignsim.observed.indicators import FACTORS, INDICATORS, Factor, Grid, to_grid

#: z / SCALE goes into tanh: a rivalry alone (z about -3) gives -0.9, a defence pact alone +0.76
SCALE = 2.0
#: standard normal quantile of a two-sided 90 % interval
Z90 = 1.6448536269514722
FILE = "alignment.parquet"


def to_unit(z: np.ndarray, scale: float = SCALE) -> np.ndarray:
    """Map the latent balance to [-1, 1] (monotone, so intervals map endpoint to endpoint)."""
    return np.tanh(np.asarray(z, dtype=float) / scale)


def balance(
    cooperation: tuple[np.ndarray, np.ndarray], hostility: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Alignment and its 90 % interval from the two smoothed dimensions (mean, variance).

    The two dimensions are fitted separately, so their posteriors are treated as independent:
    ``z = c - h`` has mean ``m_c - m_h`` and variance ``v_c + v_h``.

    Returns:
        alignment, low, high: arrays in [-1, 1].
    """
    mean = cooperation[0] - hostility[0]
    half = Z90 * np.sqrt(cooperation[1] + hostility[1])
    return to_unit(mean), to_unit(mean - half), to_unit(mean + half)


@dataclass(frozen=True)
class IndexFit:
    """The fitted index: the grid it was fitted on and one factor fit per dimension."""

    grid: Grid
    factors: tuple[Factor, ...]
    fits: dict[str, FactorFit]

    def loadings(self) -> Any:
        """Table of factor, indicator, loading, noise variance, weight (lam^2 / s2)."""
        import pandas as pd

        rows = []
        for factor in self.factors:
            result = self.fits[factor.name]
            for k, name in enumerate(factor.indicators):
                rows.append(
                    {
                        "factor": factor.name,
                        "indicator": name,
                        "intercept": result.intercept[k],
                        "loading": result.loading[k],
                        "noise_var": result.noise_var[k],
                        "weight": result.loading[k] ** 2 / result.noise_var[k],
                    }
                )
        return pd.DataFrame(rows)


def _factor_scores(grid: Grid, factor: Factor) -> np.ndarray:
    columns = [INDICATORS.index(name) for name in factor.indicators]
    return grid.scores[..., columns]


def fit_index(indicators: Any, factors: tuple[Factor, ...] = FACTORS) -> IndexFit:
    """Fit both dimensions on a frame of model indicators (all dyad-years of the panel).

    Args:
        indicators: frame from :func:`alignsim.observed.indicators.model_indicators`.
        factors: the hostility and cooperation dimensions (other indicator sets are for
            sensitivity checks, e.g. cooperation without the vote indicator).
    """
    grid = to_grid(indicators)
    fits = {
        factor.name: fit(
            _factor_scores(grid, factor),
            grid.starts,
            grid.present,
            np.array(factor.signs),
            factor.anchor,
        )
        for factor in factors
    }
    return IndexFit(grid=grid, factors=factors, fits=fits)


def index_table(result: IndexFit) -> Any:
    """Tidy index: year, a, b, alignment, low, high, cooperation, hostility, n_indicators."""
    import pandas as pd

    grid = result.grid
    rows, cols = np.nonzero(grid.present)
    moments = {
        name: (fitted.smoothed.mean[rows, cols], fitted.smoothed.var[rows, cols])
        for name, fitted in result.fits.items()
    }
    alignment, low, high = balance(moments["cooperation"], moments["hostility"])
    count = (~np.isnan(grid.scores[rows, cols])).sum(axis=1)
    table = pd.DataFrame(
        {
            "year": grid.years[cols].astype("int64"),
            "a": grid.dyads["a"].to_numpy()[rows],
            "b": grid.dyads["b"].to_numpy()[rows],
            "alignment": alignment.astype("float32"),
            "low": low.astype("float32"),
            "high": high.astype("float32"),
            "cooperation": moments["cooperation"][0].astype("float32"),
            "hostility": moments["hostility"][0].astype("float32"),
            "n_indicators": count.astype("int8"),
        }
    )
    return table.sort_values(["a", "b", "year"], kind="stable").reset_index(drop=True)


def build_index(panel: Any) -> Any:
    """The shipped index table from the dyad-year panel: fitted, rounded to 4 decimals.

    Called by :mod:`alignsim.observed.build`, so rebuilding the panel rebuilds the index.
    """
    from alignsim.observed.indicators import model_indicators

    table = index_table(fit_index(model_indicators(panel)))
    for column in ("alignment", "low", "high", "cooperation", "hostility"):
        table[column] = table[column].astype("float64").round(4).astype("float32")
    return table


@cache
def _shipped() -> Any:
    import pandas as pd

    path = resources.files("alignsim.observed") / "data" / FILE
    with resources.as_file(path) as file:
        return pd.read_parquet(file)


def alignment(
    actors: Iterable[str] | None = None,
    years: int | tuple[int, int] | Iterable[int] | None = None,
) -> Any:
    """The observed alignment index as a tidy DataFrame (a copy).

    Columns: year, a, b (actor ids, ``a < b``), alignment in [-1, 1], low and high (the 90 %
    interval), cooperation and hostility (the two smoothed latent dimensions, in the units of
    their anchor indicators), n_indicators (how many of the six indicators were observed).
    The index is computed when the panel is built and shipped next to it.

    Args:
        actors: actor ids (``USA``, ``RUS``, ...); a dyad is kept when both are listed.
        years: one year, an inclusive ``(first, last)`` tuple, or an iterable of years.

    Raises:
        ObservedError: an unknown actor id or a year outside the panel.
    """
    from alignsim.observed.load import _actor_set, _year_set

    frame = _shipped()
    keep = np.ones(len(frame), dtype=bool)
    if actors is not None:
        chosen = _actor_set(actors)
        keep &= frame["a"].isin(chosen).to_numpy() & frame["b"].isin(chosen).to_numpy()
    if years is not None:
        keep &= frame["year"].isin(_year_set(years, "dyad")).to_numpy()
    return frame[keep].reset_index(drop=True).copy()
