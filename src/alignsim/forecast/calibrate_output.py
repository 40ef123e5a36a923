"""A calibration as files (either method): its JSON record and its table (one-step residuals
of a Kalman fit; observed and simulated moments of a simulated-moments fit)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from alignsim.forecast.calibrate import Estimates, Fit, samples

if TYPE_CHECKING:
    from alignsim.forecast.smm import SimulatedFit

#: what each method is, in words
METHODS = {
    "kalman": "maximum likelihood, Kalman filter of the linear part of the dynamics",
    "smm": "method of simulated moments (common random numbers, diagonal weighting, sandwich "
    "standard errors with the (1 + 1/S) simulation correction)",
}

#: draws of the estimates kept in calibration.json
KEPT_DRAWS = 200


def calibration_json(result: Estimates, values: dict, note: str, seed: int = 0) -> str:
    """Estimates, standard errors, correlations, starts, draws and warnings as JSON text
    (a simulated-moments fit adds its objective, moments, weights and Jacobian)."""
    from alignsim import __version__

    criterion = "log_likelihood" if result.method == "kalman" else "objective"
    sign = 1.0 if result.method == "kalman" else -1.0
    record = {
        "method": METHODS[result.method],
        "data": note,
        "fit_years": list(result.years),
        "pairs": ["-".join(d) for d in result.data.dyads],
        "estimates": {n: result.values[n] for n in result.spec.free},
        "held_fixed": result.spec.fixed,
        "standard_errors": result.se,
        "correlations": np.round(result.corr, 6).tolist(),
        criterion: sign * result.loglik,
        "converged": result.converged,
        "starts": [
            {criterion: sign * ll, "converged": ok, "values": found}
            for ll, found, ok in result.starts
        ],
        "scenario_values": values,
        "draws": [{n: d[n] for n in result.spec.free} for d in samples(result, KEPT_DRAWS, seed)],
        "warnings": result.warnings,
        "alignsim_version": __version__,
    }
    if result.method == "smm":
        record["simulated_runs"] = result.runs
        record["moments"] = moment_table(result).to_dict(orient="records")
        record["jacobian"] = np.round(result.jacobian, 8).tolist()
        record["objective_profiles"] = {
            name: {"values": xs, "objective": ys} for name, (xs, ys) in result.profiles.items()
        }
    return json.dumps(record, indent=2, allow_nan=True) + "\n"


def moment_table(result: SimulatedFit) -> pd.DataFrame:
    """One row per moment: observed, simulated mean at the estimate, its spread across runs,
    the weight it had (0: not used)."""
    return pd.DataFrame({
        "moment": result.names, "observed": result.observed, "simulated": result.simulated,
        "simulated_sd": result.spread, "weight": result.weights,
    })  # fmt: skip


def calibration_table(result: Estimates) -> tuple[str, pd.DataFrame]:
    """The file name and table a calibration writes besides its JSON record."""
    if result.method == "smm":
        return "moments.csv", moment_table(result)
    return "residuals.csv", residual_table(result)


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
