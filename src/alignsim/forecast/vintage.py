"""The packaged observed index as it could have been measured at an origin (a data vintage).

The shipped index (:func:`alignsim.observed.alignment`) is fitted on every year and smoothed
backwards, so its value in 2011 already reflects indicators of 2012-2023: a forecast from
2011 that started from it would have seen the future. A vintage refits the measurement model
(:func:`alignsim.observed.index.fit_index`: loadings by EM, then Kalman/RTS smoothing) on the
indicators of the years up to the origin only, for every dyad of the panel, as a
forecaster in that year could have done; the latest index is used only to score.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

import pandas as pd


@cache
def _vintage_table(origin: int) -> pd.DataFrame:
    from alignsim.observed import coverage, panel
    from alignsim.observed.index import fit_index, index_table
    from alignsim.observed.indicators import model_indicators

    first, _ = coverage("dyad")
    return index_table(fit_index(model_indicators(panel(years=(first, origin)))))


def packaged_vintage(actors: Sequence[str]) -> Callable[[int], pd.DataFrame]:
    """``vintage(origin)``: the index of ``actors``' pairs refitted on years ``<= origin``."""
    chosen = set(actors)

    def vintage(origin: int) -> pd.DataFrame:
        table = _vintage_table(int(origin))
        rows = table["a"].isin(chosen) & table["b"].isin(chosen)
        columns = ["year", "a", "b", "alignment", "low", "high"]
        return table.loc[rows, columns].astype({"alignment": float, "low": float, "high": float})

    return vintage
