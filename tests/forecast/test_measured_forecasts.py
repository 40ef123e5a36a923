"""Forecasts of the observed index carry the index's measurement error at the origin: one
function serves persistence_measured, the core and alignsim's own forecasters."""

import numpy as np
import pandas as pd
from test_casa_calibrated import two_states

from alignsim.forecast.frames import Z90, forecasts, panel, with_measurement_error
from alignsim.forecast.model import model_forecaster


def history(half_widths: list[float]) -> pd.DataFrame:
    """A-B at 0.2 every year from 2000, with the given interval half-width each year."""
    rows = [(2000 + k, "AAA", "BBB", 0.2, 0.2 - w, 0.2 + w) for k, w in enumerate(half_widths)]
    return pd.DataFrame(rows, columns=["year", "a", "b", "alignment", "low", "high"])


def test_the_error_added_is_the_one_at_the_origin_and_the_members_are_clipped():
    data = panel(history([0.3, 0.3, 0.3, 0.1]))  # 2003 (the origin) is measured best
    made = forecasts([("AAA", "BBB")], np.array([0.2]), 2003, [1, 4],
                     np.zeros((1, 20_000, 4)))  # fmt: skip
    noisy = with_measurement_error(made, data, 2003, np.random.default_rng(0))
    assert noisy.keys.equals(made.keys)
    np.testing.assert_allclose(noisy.members.std(axis=1), 0.1 / Z90, rtol=0.03)
    np.testing.assert_allclose(noisy.members.mean(axis=1), 0.0, atol=0.002)
    near_edge = forecasts([("AAA", "BBB")], np.array([0.2]), 2003, [1],
                          np.full((1, 1000, 1), 0.99))  # fmt: skip
    clipped = with_measurement_error(near_edge, data, 2003, np.random.default_rng(0))
    assert clipped.members.max() == 1.0 and (clipped.members < 0.99).any()


def test_alignsim_forecasts_the_index_as_its_ensemble_plus_that_error():
    tree = two_states("2003-01", 4, 0.0)
    past = history([0.3, 0.3, 0.3, 0.1])
    runs = {
        measured: model_forecaster(lambda origin: tree, False, measured=measured)(
            past, 2003, [1, 2], 4000, np.random.default_rng(5)
        )
        for measured in (False, True)
    }
    # without noise or drivers the ensemble stays at the index's value at the origin
    np.testing.assert_allclose(runs[False].members, 0.2, atol=1e-9)
    error = runs[True].members - runs[False].members
    np.testing.assert_allclose(error.std(axis=1), 0.1 / Z90, rtol=0.05)
    np.testing.assert_allclose(error.mean(axis=1), 0.0, atol=0.005)
