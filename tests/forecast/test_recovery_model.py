"""The calibration recovers the rate, drift and noise of data simulated by alignsim itself.

A 20-state scenario under the ``v2`` preset whose drivers do not change (every term but one
off, that one weighted 0): its alignments follow exactly the linear part the likelihood
describes (``A' = A + rate (mu - A) + noise eps``, ``mu' = mu + drift (A - mu)``, quarterly
steps), observed yearly with measurement noise of known size.
"""

from itertools import combinations

import numpy as np
import pandas as pd

from alignsim.dynamics.presets import PRESETS
from alignsim.ensemble import run_ensemble
from alignsim.forecast.calibrate import fit
from alignsim.forecast.frames import Z90
from alignsim.forecast.specs import DRIFT, NOISE, RATE, for_scenario
from alignsim.scenario.loader import validate_tree
from alignsim.simulation.compiled import compile_scenario

TRUTH = {RATE: 0.1, DRIFT: 0.02, NOISE: 0.03}
MEASUREMENT = 0.03


def scenario(n: int = 20, years: int = 24) -> dict:
    rng = np.random.default_rng(0)
    ids = [f"S{k:02d}" for k in range(n)]
    terms = PRESETS["v2"].terms
    return {
        "version": 1,
        "name": "linear_v2",
        "title": "v2 with constant drivers",
        "time": {"start": "1991-01", "unit": "quarter", "steps": 4 * years},
        "actors": [{"id": i, "name": i, "capability": 1.0} for i in ids],
        "relations": [
            {"pair": [a, b], "alignment": float(rng.uniform(-0.6, 0.6))}
            for a, b in combinations(ids, 2)
        ],
        "mechanisms": {
            "preset": "v2",
            "adjustment": {"rate": TRUTH[RATE], "noise": TRUTH[NOISE]},
            "error_correction": {"drift": TRUTH[DRIFT]},
            terms[0]: {"weight": 0.0},
            **{m: {"enabled": False} for m in terms[1:]},
        },
    }


def observed_from_model() -> tuple[pd.DataFrame, object]:
    compiled = compile_scenario(validate_tree(scenario()))
    yearly = run_ensemble(compiled, 1, seed=3).history.alignment[0][::4]
    rng = np.random.default_rng(9)
    rows = []
    for i, j in combinations(range(len(compiled.actors)), 2):
        for k in range(yearly.shape[0]):
            value = float(np.clip(yearly[k, i, j] + rng.normal(0, MEASUREMENT), -1, 1))
            half = Z90 * MEASUREMENT
            rows.append((1991 + k, compiled.actors[i], compiled.actors[j], value,
                         value - half, value + half))  # fmt: skip
    return pd.DataFrame(rows, columns=["year", "a", "b", "alignment", "low", "high"]), compiled


def test_recovers_rate_drift_and_noise_of_the_model_within_three_standard_errors():
    frame, compiled = observed_from_model()
    spec = for_scenario(compiled)
    assert spec.free == [RATE, DRIFT, NOISE]
    result = fit(frame, (1991, 2014), spec=spec)
    for name, value in TRUTH.items():
        estimate, se = result.values[name], result.se[name]
        assert abs(estimate - value) < 3 * se, (name, estimate, se, value)
    assert abs(result.values[RATE] - TRUTH[RATE]) < 0.02
    assert abs(result.values[NOISE] - TRUTH[NOISE]) < 0.003
    assert result.warnings == []
