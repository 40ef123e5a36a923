"""Stylized facts of the default (v2) dynamics on small scenarios written for the purpose."""

import numpy as np

from alignsim.ensemble import run_batch, run_seeds
from alignsim.scenario.synthetic import stylized_scenario
from alignsim.simulation.compiled import compile_scenario


def scenario(relations, noise=0.02, **options):
    """A compiled stylized scenario (noise 0.02 unless given)."""
    return compile_scenario(stylized_scenario(relations, noise=noise, **options))


def pair_event(name, step, permanent, **change):
    """An event at ``step`` that changes S0-S1 (``shift=`` or ``set=``) with a lasting share."""
    effect = {"alignment": ["S0", "S1"], **change}
    return {"id": name, "label": name, "step": step, "permanent": permanent, "effects": [effect]}


def test_a_rivalry_with_no_events_stays_hostile_for_40_steps():
    issues = {
        "S0": {"border": 1.0, "trade": 0.5},
        "S1": {"border": -1.0, "trade": -0.5},
        "S2": {"border": 0.2, "trade": 0.0},
        "S3": {"border": -0.1, "trade": 0.3},
    }
    compiled = scenario({("S0", "S1"): -0.7, ("S2", "S3"): 0.3}, issues=issues)
    final = run_batch(compiled, run_seeds(1, 50)).alignment[:, -1, 0, 1]
    assert np.all(final < -0.45) and abs(np.median(final) + 0.7) < 0.1


def test_a_permanent_shock_leaves_a_lasting_mark_and_a_passing_one_fades():
    def after(permanent):
        event = pair_event("summit", 1, permanent, shift=0.4)
        compiled = scenario({("S0", "S1"): 0.0}, events=[event], noise=0.0)
        return run_batch(compiled, [0]).alignment[0, :, 0, 1]

    lasting, passing = after(0.5), after(0.0)
    assert lasting[1] > 0.35 and passing[1] > 0.35  # the same shock on impact
    assert lasting[-1] > 0.2  # half of it (0.2) stays, plus the baseline's slow drift
    # a passing shock fades to what the baseline's drift absorbed while it decayed
    # (about drift x shock / rate = 0.02 x 0.4 / 0.2 = 0.04)
    assert abs(passing[-1]) < 0.05 and lasting[-1] - passing[-1] > 0.15


def test_when_two_actors_ally_the_states_they_threaten_move_toward_each_other():
    # S2 and S3 are both hostile to S0; S0 and S1 ally at step 1 (or not)
    relations = {("S0", "S2"): -0.5, ("S0", "S3"): -0.5, ("S1", "S2"): -0.2, ("S1", "S3"): -0.2}
    alliance = pair_event("alliance", 1, 1.0, set=0.8)
    seeds = run_seeds(5, 40)
    allied = run_batch(scenario(relations, events=[alliance]), seeds).alignment[:, 20, 2, 3]
    alone = run_batch(scenario(relations), seeds).alignment[:, 20, 2, 3]
    effect = allied - alone  # paired: the same seeds, the same noise
    assert np.all(effect > 0)
    assert effect.mean() > 0.03 and effect.mean() > 10 * effect.std() / np.sqrt(effect.size)


def test_the_balance_force_stays_bounded_when_it_dominates():
    rng = np.random.default_rng(4)
    relations = {
        (f"S{i}", f"S{j}"): round(float(rng.uniform(-0.9, 0.9)), 3)
        for i in range(6)
        for j in range(i + 1, 6)
    }
    compiled = scenario(
        relations,
        actors=6,
        steps=60,
        noise=0.0,
        bounded_balance={"weight": 3.0},
        coalition_threat={"weight": 0.0},
    )
    history = run_batch(compiled, [0]).alignment[0]
    # no tie is pushed to +-1 by balance alone, and every step stays inside [-1, 1]
    assert np.abs(history).max() < 1.0
    assert np.all(np.abs(np.diff(history, axis=0)) <= 0.2 * 2 + 1e-12)


def test_the_rivalry_regime_keeps_a_flagged_rivalry_hostile_after_a_thaw():
    thaw = pair_event("thaw", 2, 0.8, shift=0.6)

    def after(**settings):
        pair = ("S0", "S1")
        compiled = scenario({pair: -0.7}, events=[thaw], noise=0.0, rivals=[pair], **settings)
        return run_batch(compiled, [0]).alignment[0, -1, 0, 1]

    # the thaw's lasting part (0.8 x 0.6) lifts the pair's level to -0.22; the regime holds the
    # target at or below its ceiling (-0.3) while the rivalry survives ((1 - 0.01)^40 = 0.67)
    on, off = after(rivalry={"enabled": True}), after()
    assert off > -0.25 and on < -0.26 and on < off
