"""A run whose scenario switches every term off has no drivers (it used to fail to stack)."""

from dataclasses import replace

import numpy as np

from alignsim import load_scenario
from alignsim.dynamics.step import advance, target_alignment, term_values
from alignsim.simulation.compiled import compile_scenario


def test_no_terms_give_an_empty_term_stack_and_a_zero_target():
    compiled = compile_scenario(load_scenario("casa_2019"))
    n = len(compiled.actors)
    rules = replace(compiled.rules, terms=(), weights=np.zeros((n, 0)), term_params=())
    state = compiled.initial
    assert term_values(state, rules).shape == (0, n, n)
    np.testing.assert_array_equal(target_alignment(state, rules), np.zeros((n, n)))
    batched = state.stacked(3)
    assert term_values(batched, rules).shape == (3, 0, n, n)
    moved = advance(state, replace(rules, noise=0.0))
    assert np.all(np.isfinite(moved.alignment))
