"""float32 runs stay within the documented tolerance of float64 runs; float64 is unchanged."""

import numpy as np
import pytest

from alignsim.ensemble import run_seeds
from alignsim.ensemble.engine import run_batch
from alignsim.ensemble.montecarlo import run_ensemble
from alignsim.ensemble.precision import FLOAT32_TOLERANCE
from alignsim.scenario.synthetic import random_scenario
from alignsim.simulation.compiled import compile_scenario
from alignsim.simulation.model import AlignmentModel


@pytest.fixture(scope="module")
def noisy():
    return compile_scenario(random_scenario(12, issues=4, threats=2, steps=40, seed=7, noise=0.05))


def test_float32_runs_stay_within_the_tolerance_of_float64(noisy):
    seeds = run_seeds(3, 8)
    double = run_batch(noisy, seeds)
    single = run_batch(noisy, seeds, dtype=np.float32)
    assert single.alignment.dtype == np.float32 and single.positions.dtype == np.float32
    gap = np.abs(single.alignment.astype(np.float64) - double.alignment).max()
    assert 0 < gap <= FLOAT32_TOLERANCE
    assert np.abs(single.positions - double.positions).max() <= FLOAT32_TOLERANCE


def test_float64_is_still_the_mesa_model_and_the_default(noisy):
    seeds = run_seeds(3, 2)
    explicit = run_batch(noisy, seeds, dtype=np.float64)
    model = AlignmentModel(noisy, rng=seeds[1]).run().stacked_history()
    assert np.array_equal(explicit.alignment[1], model.alignment)
    ensemble = run_ensemble(noisy, 3, seed=1, dtype="float32", record="horizon")
    assert ensemble.history.alignment.dtype == np.float32
    assert ensemble.meta["dtype"] == "float32"
    with pytest.raises(ValueError, match="dtype"):
        run_ensemble(noisy, 3, dtype="float16")


def test_fast_engine_equals_the_reference_within_rounding(noisy):
    seeds = run_seeds(5, 6)
    reference = run_batch(noisy, seeds)
    fast64 = run_batch(noisy, seeds, engine="fast", dtype=np.float64)
    fast = run_batch(noisy, seeds, engine="fast")
    assert fast64.alignment.dtype == np.float64 and fast.alignment.dtype == np.float32
    assert np.abs(fast64.alignment - reference.alignment).max() <= 1e-12
    assert np.abs(fast.alignment - reference.alignment).max() <= FLOAT32_TOLERANCE
    ensemble = run_ensemble(noisy, 4, seed=2, engine="fast")
    assert ensemble.meta["engine"] == "fast" and ensemble.meta["dtype"] == "float32"
    with pytest.raises(ValueError, match="engine"):
        run_ensemble(noisy, 4, engine="quick")


def test_fast_ensembles_do_not_depend_on_how_runs_are_batched(noisy):
    from alignsim.ensemble.chunks import FAST_BATCH

    runs = 2 * FAST_BATCH + 3  # three batches of the fast engine inside one task
    ensemble = run_ensemble(noisy, runs, seed=6, engine="fast", record="horizon")
    together = run_batch(noisy, run_seeds(6, runs), engine="fast")
    assert np.array_equal(ensemble.history.alignment[:, -1], together.alignment[:, -1])


def test_fast_engine_recomputes_a_term_when_an_event_moves_its_inputs():
    from alignsim.scenario.schema import scenario_model
    from alignsim.scenario.synthetic import random_scenario_dict

    raw = random_scenario_dict(6, issues=2, threats=1, steps=6, seed=4, noise=0.05)
    raw["events"] = [
        {
            "id": "trade_deal",
            "label": "a trade deal",
            "step": 3,
            "effects": [{"economic_tie": ["A000", "A001"], "shift": 5.0}],
        }
    ]
    compiled = compile_scenario(scenario_model().model_validate(raw))
    seeds = run_seeds(1, 3)
    reference = run_batch(compiled, seeds)
    fast = run_batch(compiled, seeds, engine="fast", dtype=np.float64)
    assert np.abs(fast.alignment - reference.alignment).max() <= 1e-12
    assert not np.array_equal(reference.ties[:, 2], reference.ties[:, 3])  # the event acted
