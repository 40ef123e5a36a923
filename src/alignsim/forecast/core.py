"""The calibrated error-correction core as a forecaster (the statistical heart of the model).

At each origin the core is fitted (:func:`alignsim.forecast.calibrate.fit`) on the history it
is given, filtered to the origin, and its predictive distribution of the index (latent
alignment plus the dyad's last measurement error) is sampled. It shows what the
error-correction dynamics alone can forecast, apart from the drivers of the full model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alignsim.forecast.calibrate import fit
from alignsim.forecast.frames import Forecasts, at_origin, forecasts, panel, with_measurement_error
from alignsim.forecast.kalman import predict, run_filter
from alignsim.forecast.specs import CORE


def calibrated_core(
    history: pd.DataFrame, origin: int, horizons: list[int], members: int, rng: np.random.Generator
) -> Forecasts:
    """Fit the core on ``history`` (all of it is at or before ``origin``) and sample forecasts."""
    data = panel(history)
    dyads, start, rows = at_origin(data, origin)
    result = fit(history, (int(data.years[0]), origin), seed=int(rng.integers(2**31)))
    system = CORE.build(result.values)
    filtered = run_filter(system, rows.value, rows.sd)
    mean, variance = predict(system, filtered, max(horizons))
    draws = rng.standard_normal((len(dyads), members, max(horizons)))
    paths = mean[:, None, :] + np.sqrt(variance)[:, None, :] * draws
    latent = forecasts(dyads, start, origin, horizons, paths)
    return with_measurement_error(latent, rows, origin, rng)
