"""The fast engine's pieces equal what they rearrange: each kernel its mechanism, the noise
buffer :func:`symmetric_normal`, the fast step the reference step under v1 and every v2
option; recycled arrays never overwrite a state someone still holds."""

from dataclasses import replace
from itertools import islice

import numpy as np
import pytest
from test_engine import with_every_v2_option

from alignsim.dynamics.adjustment import SymmetricNormals, symmetric_normal
from alignsim.dynamics.influence import anchored_influence
from alignsim.dynamics.registry import registry
from alignsim.dynamics.step import inputs_of
from alignsim.ensemble import run_seeds
from alignsim.ensemble.engine import iterate_batch, iterate_varied, run_batch
from alignsim.ensemble.kernels import POSITION_KERNELS, TERM_KERNELS, Workspace
from alignsim.scenario.schema import scenario_model
from alignsim.scenario.synthetic import random_scenario_dict
from alignsim.simulation.compiled import compile_scenario

RUNS, N = 3, 9


def compiled_from(preset=None, change=None):
    data = random_scenario_dict(N, issues=3, threats=2, steps=12, seed=21, noise=0.05)
    if preset:
        data["mechanisms"]["preset"] = preset
    if change:
        change(data)
    return compile_scenario(scenario_model().model_validate(data))


def random_alignment(seed):
    rng = np.random.default_rng(seed)
    upper = np.triu(rng.uniform(-1, 1, (RUNS, N, N)), 1)
    return upper + np.swapaxes(upper, -1, -2)


def off_diagonal(matrix):
    return matrix[..., ~np.eye(N, dtype=bool)]


@pytest.mark.parametrize("name", sorted(TERM_KERNELS))
def test_each_term_kernel_equals_its_mechanism_weighted_per_actor(name):
    compiled = compiled_from()
    mechanism = registry()[name]
    weights = np.random.default_rng(5).uniform(0, 1, (RUNS, N, 2))
    space = Workspace()
    for seed in (1, 2):  # a second alignment through the same workspace: no stale value
        state = replace(compiled.initial.stacked(RUNS), alignment=random_alignment(seed))
        value = mechanism.function(*inputs_of(mechanism, state, compiled.rules))
        got = TERM_KERNELS[name](space, state.alignment, state, {}, weights, 1)
        expected = weights[..., :, 1, None] * value
        if name == "coalition_threat":  # the same operations: bit for bit
            assert np.array_equal(off_diagonal(got), off_diagonal(expected))
        else:
            assert np.abs(off_diagonal(got - expected)).max() <= 1e-14
        assert np.abs(off_diagonal(expected)).max() > 0.01  # not a case of zeros


def test_signed_affinity_kernel_gives_zero_to_an_actor_without_salient_issues():
    compiled = compiled_from()
    stacked = compiled.initial.stacked(RUNS)
    salience = np.array(stacked.salience)
    salience[:, 0] = 0.0  # actor 0 cares about nothing: no expected disagreement
    state = replace(stacked, salience=salience)
    weights = np.ones((N, 1))
    got = TERM_KERNELS["signed_affinity"](Workspace(), stacked.alignment, state, {}, weights, 0)
    expected = registry()["signed_affinity"].function(state.positions, salience)
    assert np.all(got[:, 0, 1:] == 0) and np.all(got[:, 1:, 0] == 0)
    assert np.abs(off_diagonal(got - expected)).max() <= 1e-14


def test_coalition_kernel_leaves_bandwagoning_to_the_mechanism():
    compiled = compiled_from()
    state = replace(compiled.initial.stacked(RUNS), alignment=random_alignment(3))
    params = {"bandwagoning": np.linspace(0, 1, N)}
    kernel = TERM_KERNELS["coalition_threat"]
    assert kernel(Workspace(), state.alignment, state, params, np.ones((N, 1)), 0) is None


def test_anchored_positions_kernel_equals_the_mechanism():
    compiled = compiled_from()
    state = replace(compiled.initial.stacked(RUNS), alignment=random_alignment(4))
    params = {"rate": 0.3, "anchoring": 0.2}
    moved = POSITION_KERNELS["anchored_influence"](Workspace(), state.alignment, state, params)
    expected = anchored_influence(
        state.positions, state.salience, state.alignment, state.capability, state.anchor, **params
    )
    assert np.abs(moved - expected).max() <= 1e-14
    assert np.abs(expected - state.positions).max() > 0.01


def test_noise_buffer_draws_what_symmetric_normal_draws_step_after_step():
    seeds = [4, 5, 6]
    buffered = [np.random.default_rng(s) for s in seeds]
    single = [np.random.default_rng(s) for s in seeds]
    alone = [np.random.default_rng(s) for s in seeds]
    normals, rounded = SymmetricNormals(6), SymmetricNormals(6)
    for _ in range(3):
        expected = symmetric_normal(alone, 6)
        assert np.array_equal(normals.draw(buffered), expected)
        got = rounded.draw(single, np.float32)
        assert got.dtype == np.float32 and np.array_equal(got, expected.astype(np.float32))
    assert np.array_equal(expected, np.swapaxes(expected, -1, -2))
    assert np.all(np.diagonal(expected, axis1=-2, axis2=-1) == 0)


@pytest.mark.parametrize("case", ["v1", "v2 options"])
def test_fast_step_equals_the_reference_under_v1_and_every_v2_option(case):
    compiled = compiled_from("v1") if case == "v1" else with_every_v2_option(N)
    seeds = run_seeds(2, RUNS)
    reference = run_batch(compiled, seeds)
    fast = run_batch(compiled, seeds, engine="fast", dtype=np.float64)
    for name in ("alignment", "baseline", "positions", "rivalry", "capability"):
        gap = np.abs(getattr(fast, name) - getattr(reference, name)).max()
        assert gap <= 1e-12, name
    assert np.abs(reference.alignment[:, -1] - reference.alignment[:, 0]).max() > 0.05


def test_a_term_computed_once_for_a_batch_only_when_every_run_has_the_same_inputs():
    def with_tie(value):
        def change(data):
            data["relations"][0]["economic_tie"] = value

        return compiled_from(change=change)

    compileds = [with_tie(0.0), with_tie(3.0), with_tie(0.0)]  # the ties differ by run
    seeds = run_seeds(3, 3)
    reference = np.stack([s.alignment for s in iterate_varied(compileds, seeds, 6)], 1)
    fast = iterate_varied(compileds, seeds, 6, dtype=np.float64, engine="fast")
    assert np.abs(np.stack([s.alignment for s in fast], 1) - reference).max() <= 1e-12
    assert np.abs(reference[1, -1] - reference[0, -1]).max() > 1e-3


def test_states_kept_while_the_fast_engine_runs_on_are_never_overwritten():
    compiled = compiled_from()
    seeds = run_seeds(8, RUNS)
    kept = list(iterate_batch(compiled, seeds, 8, engine="fast"))
    for step in (1, 4):
        alone = next(islice(iterate_batch(compiled, seeds, step, engine="fast"), step, None))
        assert np.array_equal(kept[step].alignment, alone.alignment)
        assert np.array_equal(kept[step].baseline, alone.baseline)


def test_workspace_recycles_an_array_once_nothing_else_holds_it():
    space, like = Workspace(), np.zeros((2, 3, 3))
    first = space.fresh("alignment", like)
    first_id = id(first)
    second = space.fresh("alignment", like)  # first is still held
    assert second is not first
    del first
    assert id(space.fresh("alignment", like)) == first_id
