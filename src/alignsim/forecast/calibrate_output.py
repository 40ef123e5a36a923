"""A calibration as files: its JSON record and its residual table."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from alignsim.forecast.calibrate import Fit, samples

#: draws of the estimates kept in calibration.json
KEPT_DRAWS = 200


def calibration_json(result: Fit, values: dict, note: str, seed: int = 0) -> str:
    """Estimates, standard errors, correlations, starts, draws and warnings as JSON text."""
    from alignsim import __version__

    record = {
        "method": "maximum likelihood, Kalman filter of the linear part of the dynamics",
        "data": note,
        "fit_years": list(result.years),
        "pairs": ["-".join(d) for d in result.data.dyads],
        "estimates": {n: result.values[n] for n in result.spec.free},
        "held_fixed": result.spec.fixed,
        "standard_errors": result.se,
        "correlations": np.round(result.corr, 6).tolist(),
        "log_likelihood": result.loglik,
        "converged": result.converged,
        "starts": [
            {"log_likelihood": ll, "converged": ok, "values": found}
            for ll, found, ok in result.starts
        ],
        "scenario_values": values,
        "draws": [{n: d[n] for n in result.spec.free} for d in samples(result, KEPT_DRAWS, seed)],
        "warnings": result.warnings,
        "alignsim_version": __version__,
    }
    return json.dumps(record, indent=2, allow_nan=True) + "\n"


def residual_table(result: Fit) -> pd.DataFrame:
    """One row per observed dyad-year: observed, one-step prediction, standardised residual."""
    data = result.data
    rows = []
    for k, (a, b) in enumerate(data.dyads):
        for j, year in enumerate(data.years):
            if not np.isnan(data.value[k, j]):
                rows.append((int(year), a, b, data.value[k, j], result.filtered.predicted[k, j],
                             result.filtered.residual[k, j]))  # fmt: skip
    return pd.DataFrame(rows, columns=["year", "a", "b", "observed", "predicted", "residual"])
