"""The rolling-origin hindcast (Tashman 2000): forecast from each origin, score afterwards.

For every origin the protocol cuts the observed frame to the years ``<= origin`` and hands
only that copy to each forecaster, so no fitting or initialisation can see later data. The
observations after the origin are used for one thing: scoring, after all forecasts of the
origin exist. Each forecaster's generator is seeded from ``(seed, origin, name)`` alone, so a
forecast never depends on later data, on the other forecasters, or on the order they run in.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from alignsim.forecast.frames import Forecasts
from alignsim.forecast.scores import QUANTILES, quantiles, score_table

#: ``f(history, origin, horizons, members, rng) -> Forecasts``
Forecaster = Callable[[pd.DataFrame, int, list[int], int, np.random.Generator], Forecasts]
KEYS = ["forecaster", "origin", "horizon", "year", "a", "b"]


def history_until(observed: pd.DataFrame, origin: int) -> pd.DataFrame:
    """A fresh copy of the observations of years ``<= origin`` (nothing later reaches it)."""
    return observed.loc[observed["year"] <= origin].reset_index(drop=True).copy(deep=True)


def forecaster_generator(seed: int, origin: int, name: str) -> np.random.Generator:
    """The generator of one forecaster at one origin: from ``(seed, origin, name)`` only."""
    return np.random.default_rng([seed, origin, zlib.crc32(name.encode())])


@dataclass(frozen=True)
class Hindcast:
    """Forecasts of every forecaster and origin, and their scores.

    Attributes:
        keys: ``forecaster, origin, horizon, year, a, b, start`` per forecast.
        members: Ensemble members, shape ``(len(keys), m)``.
        scores: ``keys`` plus ``observed`` and every score of
            :func:`alignsim.forecast.scores.score_table` (rows with an observation only).
    """

    keys: pd.DataFrame
    members: np.ndarray
    scores: pd.DataFrame

    def table(self) -> pd.DataFrame:
        """``keys`` with the quantiles ``q05 .. q95`` and members ``m000 ..`` as columns."""
        levels = quantiles(self.members)
        named = {f"q{round(q * 100):02d}": levels[:, i] for i, q in enumerate(QUANTILES)}
        width = max(3, len(str(self.members.shape[1] - 1)))
        members = {f"m{j:0{width}d}": self.members[:, j] for j in range(self.members.shape[1])}
        return pd.concat(
            [self.keys, pd.DataFrame(named), pd.DataFrame(members)], axis=1
        ).reset_index(drop=True)


def forecast_origin(
    observed: pd.DataFrame,
    origin: int,
    horizons: list[int],
    forecasters: dict[str, Forecaster],
    members: int,
    seed: int,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Every forecaster's forecasts from one origin, each given only ``history_until``
    (``observed`` may already be the vintage of the origin, see :func:`hindcast`)."""
    keys, values = [], []
    for name, forecaster in forecasters.items():
        made = forecaster(
            history_until(observed, origin),
            origin,
            list(horizons),
            members,
            forecaster_generator(seed, origin, name),
        )
        keys.append(made.keys.assign(forecaster=name, origin=origin))
        values.append(made.members)
    if not keys:
        return pd.DataFrame(columns=[*KEYS, "start"]), np.empty((0, members))
    table = pd.concat(keys, ignore_index=True)[[*KEYS, "start"]]
    return table, np.concatenate(values)


def score(keys: pd.DataFrame, members: np.ndarray, observed: pd.DataFrame) -> pd.DataFrame:
    """Scores of the forecasts that have an observation in their year."""
    truth = observed[["year", "a", "b", "alignment"]].rename(columns={"alignment": "observed"})
    joined = keys.reset_index(drop=True).merge(truth, on=["year", "a", "b"], how="left")
    has = joined["observed"].notna().to_numpy()
    scored = joined.loc[has].reset_index(drop=True)
    values = score_table(
        scored["observed"].to_numpy(float), members[has], scored["start"].to_numpy(float)
    )
    return pd.concat([scored, pd.DataFrame(values)], axis=1)


def hindcast(
    observed: pd.DataFrame,
    origins: Sequence[int],
    horizons: Sequence[int],
    forecasters: dict[str, Forecaster],
    members: int,
    seed: int = 0,
    on_origin: Callable[[int], None] | None = None,
    vintage: Callable[[int], pd.DataFrame] | None = None,
) -> Hindcast:
    """Rolling-origin hindcast of several forecasters, all scored the same way.

    Args:
        observed: The observed frame (``year, a, b, alignment, low, high``).
        origins: Years whose data are the last a forecast may use.
        horizons: Years ahead to forecast (1, 2, ...).
        forecasters: Name -> forecaster (see :data:`Forecaster`).
        members: Ensemble size of every forecast.
        seed: Seed of every forecaster's generator (with the origin and the name).
        on_origin: Called with each origin once its forecasts are made.
        vintage: ``vintage(origin)``: the index as it could be measured at the origin, from
            indicators up to the origin only. An index smoothed over all years carries later
            information into earlier years; with a vintage, forecasts start from what was
            knowable, and ``observed`` (the latest estimate) is used only for scoring.

    Returns:
        The :class:`Hindcast`.
    """
    keys, values = [], []
    for origin in origins:
        known = observed if vintage is None else vintage(int(origin))
        table, made = forecast_origin(
            known, int(origin), list(horizons), forecasters, members, seed
        )
        keys.append(table)
        values.append(made)
        if on_origin:
            on_origin(int(origin))
    all_keys = pd.concat(keys, ignore_index=True)
    all_members = np.concatenate(values) if values else np.empty((0, members))
    return Hindcast(all_keys, all_members, score(all_keys, all_members, observed))
