"""The vectorised filter against statsmodels' state-space filter on the same model."""

import numpy as np
import pytest
from statsmodels.tsa.statespace.mlemodel import MLEModel

from alignsim.forecast.kalman import Params, System, predict, run_filter, yearly
from alignsim.forecast.specs import step_system


def statsmodels_loglik(system: System, y: np.ndarray, sd: np.ndarray) -> float:
    model = MLEModel(y, k_states=2)
    model["design"] = np.array([[1.0, 1.0]])
    model["obs_cov"] = (sd**2)[None, None, :]
    model["transition"] = system.transition
    model["selection"] = np.eye(2)
    model["state_cov"] = system.shock
    model.ssm.initialize_known(np.zeros(2), system.prior)
    return float(model.ssm.loglike())


@pytest.mark.parametrize(
    "system",
    [
        Params(0.3, 0.02, 0.1).system(),
        Params(0.9, 0.1, 0.01).system(),
        step_system(rate=0.15, drift=0.03, noise=0.04, per_year=4),  # correlated shocks
    ],
)
def test_loglik_matches_statsmodels_with_missing_years(system):
    rng = np.random.default_rng(0)
    y = rng.normal(0.2, 0.3, (3, 12))
    y[0, 4] = y[2, 0] = y[2, 11] = np.nan
    sd = rng.uniform(0.02, 0.2, (3, 12))
    ours = run_filter(system, y, sd).loglik
    theirs = [statsmodels_loglik(system, y[i], sd[i]) for i in range(3)]
    np.testing.assert_allclose(ours, theirs, rtol=1e-10)


def test_yearly_system_of_quarterly_steps_by_hand():
    # x' = 0.5 x + e (sd 1), no level: over two steps x'' = 0.25 x + 0.5 e1 + e2
    transition, shock = yearly(np.diag([1.0, 0.5]), np.diag([0.0, 1.0]), 2)
    np.testing.assert_allclose(transition, np.diag([1.0, 0.25]))
    np.testing.assert_allclose(shock, np.diag([0.0, 1.25]))
    # drift moves the level by drift * x each step: the lasting share of a shock
    system = step_system(rate=0.2, drift=0.05, noise=1.0, per_year=400)
    share = system.transition[0, 1] / (1 - system.transition[1, 1])
    np.testing.assert_allclose(share, 0.05 / 0.25, rtol=1e-6)


def test_prediction_by_hand_for_a_known_state():
    params = Params(rate=0.5, permanent=0.1, transitory=0.2)
    # one observation with no measurement error pins A = mu + x at 0.4
    filtered = run_filter(params.system(), np.array([[0.4]]), np.array([[1e-9]]))
    mean, var = predict(params.system(), filtered, 2)
    # after observing A = 0.4 exactly, the split between mu and x follows their prior
    # variances 1 and 0.04 / 0.75: x = 0.4 * (0.0533 / 1.0533)
    share = (0.04 / 0.75) / (1 + 0.04 / 0.75)
    x = 0.4 * share
    np.testing.assert_allclose(mean[0], [0.4 - x + 0.5 * x, 0.4 - x + 0.25 * x], rtol=1e-6)
    assert var[0, 1] > var[0, 0] > 0


def test_finite_difference_hessian_of_a_quadratic():
    from alignsim.forecast.calibrate import hessian

    matrix = np.array([[2.0, 0.5, 0.0], [0.5, 1.0, -0.3], [0.0, -0.3, 3.0]])
    got = hessian(lambda u: 0.5 * u @ matrix @ u + u.sum(), np.array([0.3, -1.0, 2.0]))
    np.testing.assert_allclose(got, matrix, atol=1e-5)
