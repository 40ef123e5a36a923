"""Normal scores of tied and missing values, checked against the truncated-normal means."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from alignsim.observed.scores import normal_scores


def test_binary_indicator_scores_are_truncated_normal_means():
    values = np.array([0.0, 0.0, 0.0, 1.0, np.nan])
    scores = normal_scores(values)
    cut = norm.ppf(0.75)  # 0.6745: three quarters are 0
    assert scores[3] == pytest.approx(norm.pdf(cut) / 0.25)  # 1.2711
    assert scores[0] == pytest.approx(-norm.pdf(cut) / 0.75)  # -0.4237
    assert scores[3] == pytest.approx(1.2711, abs=1e-4)
    assert np.isnan(scores[4])


def test_order_preserved_and_mean_zero():
    values = np.array([[5.0, 1.0], [3.0, 3.0], [np.nan, 10.0]])
    scores = normal_scores(values)
    assert scores.shape == values.shape
    seen = ~np.isnan(values)
    order = np.argsort(values[seen])
    assert np.all(np.diff(scores[seen][order]) >= 0)
    assert scores[0, 1] < scores[1, 0] == scores[1, 1] < scores[0, 0] < scores[2, 1]
    assert np.nansum(scores) == pytest.approx(0.0, abs=1e-12)


def test_all_missing_stays_missing():
    assert np.isnan(normal_scores(np.full(3, np.nan))).all()
