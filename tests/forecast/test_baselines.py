"""Baselines on series whose forecasts are known exactly."""

import numpy as np
import pandas as pd

from alignsim.forecast.baselines import BASELINES, ar1, persistence, trend


def frame(values: dict[tuple[str, str], list[float]], first: int = 2000) -> pd.DataFrame:
    rows = [
        (first + k, a, b, v, v - 0.1, v + 0.1)
        for (a, b), series in values.items()
        for k, v in enumerate(series)
    ]
    return pd.DataFrame(rows, columns=["year", "a", "b", "alignment", "low", "high"])


def test_persistence_walks_with_the_dyads_own_steps():
    history = frame({("A", "B"): [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]})  # five steps of +0.1
    made = persistence(history, 2005, [1, 3], 7, np.random.default_rng(0))
    assert made.keys[["horizon", "year", "a", "b"]].values.tolist() == [
        [1, 2006, "A", "B"],
        [3, 2008, "A", "B"],
    ]
    np.testing.assert_allclose(made.members[0], 0.6)
    np.testing.assert_allclose(made.members[1], 0.8)
    assert made.keys["start"].tolist() == [0.5, 0.5]


def test_persistence_pools_steps_when_a_dyad_has_few_and_clips_to_the_range():
    history = frame(
        {("A", "B"): [0.9, 0.95], ("A", "C"): [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]}, first=2000
    )
    history = history[~((history["a"] == "A") & (history["b"] == "B") & (history["year"] < 2004))]
    history = pd.concat([history, frame({("A", "B"): [0.9, 0.95]}, first=2004)])
    made = persistence(history, 2005, [1], 50, np.random.default_rng(1))
    ab = made.members[made.keys["b"].to_numpy() == "B"][0]
    # pooled steps are +0.05 (A-B) and +0.2 (A-C): 0.95 + 0.05 = 1.0, 0.95 + 0.2 -> 1.0
    np.testing.assert_allclose(ab, 1.0)


def test_ar1_follows_an_exact_autoregression():
    series = [0.8]
    for _ in range(9):
        series.append(0.1 + 0.5 * series[-1])  # fixed point 0.2
    made = ar1(frame({("A", "B"): series}), 2009, [1, 2], 5, np.random.default_rng(0))
    last = series[-1]
    np.testing.assert_allclose(made.members[0], 0.1 + 0.5 * last)
    np.testing.assert_allclose(made.members[1], 0.1 + 0.5 * (0.1 + 0.5 * last))


def test_trend_extends_an_exact_line_with_no_spread():
    made = trend(
        frame({("A", "B"): [-0.5, -0.4, -0.3, -0.2]}), 2003, [2], 4, np.random.default_rng(0)
    )
    np.testing.assert_allclose(made.members[0], 0.0, atol=1e-12)


def test_baselines_use_only_dyads_observed_at_the_origin():
    history = frame({("A", "B"): [0.1, 0.2, 0.3], ("A", "C"): [0.0, 0.0]})
    for forecaster in BASELINES.values():
        made = forecaster(history, 2002, [1], 3, np.random.default_rng(0))
        assert made.keys[["a", "b"]].values.tolist() == [["A", "B"]]


def test_persistence_measured_adds_the_measurement_error_at_the_origin():
    from alignsim.forecast.baselines import persistence_measured
    from alignsim.forecast.frames import Z90

    history = frame({("A", "B"): [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]})  # no change; interval ±0.1
    made = persistence_measured(history, 2005, [2], 20_000, np.random.default_rng(0))
    np.testing.assert_allclose(made.members.mean(), 0.0, atol=0.002)
    np.testing.assert_allclose(made.members.std(), 0.1 / Z90, rtol=0.02)


def test_an_origin_past_the_data_gives_no_forecasts():
    history = frame({("A", "B"): [0.1, 0.2, 0.3]})
    for forecaster in BASELINES.values():
        made = forecaster(history, 2010, [1, 2], 3, np.random.default_rng(0))
        assert made.keys.empty and made.members.shape[0] == 0
