"""Tests of the landscape model (Axelrod & Bennett 1993; Florian & Galam 2000).

Energies use the ordered-pair convention E = sum_{i != j} s_i s_j p_ij d_ij, so every
unordered pair that is split counts twice. Configurations are written as the labels of
actors (0, 1, 2, ...), canonical: actor 0 in coalition 0.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignsim.games.landscape import prepare_inputs, solve
from alignsim.games.landscape_energy import (
    canonical_labels,
    configuration_energy,
    frustration,
    pair_weights,
    steepest_descent,
)
from alignsim.games.landscape_exact import (
    count_canonical,
    enumerate_canonical,
    largest_exact_n,
    resolve_sinks,
    solve_many_coalitions,
    solve_two_coalitions,
)
from alignsim.games.landscape_search import energy_lower_bound, sample_canonical

# --------------------------------------------------------------------------------------
# An independent, deliberately plain reference: Python loops over every labelling.


def ref_canonical(labels):
    mapping: dict[int, int] = {}
    return tuple(mapping.setdefault(int(label), len(mapping)) for label in labels)


def ref_energy(labels, sizes, p):
    n = len(labels)
    return sum(
        sizes[i] * sizes[j] * p[i][j]
        for i in range(n)
        for j in range(n)
        if i != j and labels[i] != labels[j]
    )


def ref_configurations(n, k):
    return sorted({ref_canonical(c) for c in itertools.product(range(k), repeat=n)})


def ref_moves(labels, k):
    """(actor, target, resulting canonical labels), in the documented priority order."""
    for actor in range(len(labels)):
        for target in range(k):
            if target != labels[actor]:
                moved = list(labels)
                moved[actor] = target
                yield actor, target, ref_canonical(moved)


def ref_landscape(sizes, p, k):
    """Reference minima -> (energy, basin count), with the documented tie rule."""
    weights_total = sum(
        abs(sizes[i] * sizes[j] * p[i][j]) for i in range(len(sizes)) for j in range(len(sizes))
    )
    tol = 1e-9 * weights_total
    configs = ref_configurations(len(sizes), k)
    energy = {c: ref_energy(c, sizes, p) for c in configs}
    successor = {}
    for c in configs:
        deltas = [(energy[new] - energy[c], new) for _, _, new in ref_moves(c, k)]
        best = min((d for d, _ in deltas), default=0.0)
        if best < -tol:
            successor[c] = next(new for d, new in deltas if d <= best + tol)
        else:
            successor[c] = c
    basins: dict[tuple, int] = {}
    for c in configs:
        while successor[c] != c:
            c = successor[c]
        basins[c] = basins.get(c, 0) + 1
    return {c: (energy[c], count) for c, count in basins.items()}, len(configs)


def as_table(result):
    return {
        tuple(int(x) for x in row): (float(e), int(b))
        for row, e, b in zip(result.labels, result.energy, result.basin_count, strict=True)
    }


# --------------------------------------------------------------------------------------
# Hand-computed cases


def test_three_actors_on_the_classic_scale_hand_computed():
    # sizes s = (1, 2, 3); raw propensities on the 1..5 scale, offset 3 ->
    # p01 = 4-3 = 1, p02 = 2-3 = -1, p12 = 1-3 = -2 (diagonal 5 ignored).
    # weights w = s_i s_j p_ij: w01 = 2, w02 = -3, w12 = -12; E = 2 * (sum of split w).
    #   000: nothing split                 E = 0
    #   001: split 02, 12 -> 2*(-3-12)     E = -30
    #   010: split 01, 12 -> 2*(2-12)      E = -20
    #   011: split 01, 02 -> 2*(2-3)       E = -2
    # 001's neighbours: 010 (-20, switch actor 0), 011 (-2), 000 (0): a minimum.
    # 010 -> 001 (switch actor 0, -30); 011 -> 001 (-28 best); 000 -> 001 (-30 best).
    # One minimum, basin 4/4. Frustration F_i = sum_j s_j p_ij d_ij at 001:
    #   F0 = 3*(-1) = -3, F1 = 3*(-2) = -6, F2 = 1*(-1) + 2*(-2) = -5;
    #   check sum_i s_i F_i = -3 - 12 - 15 = -30.
    raw = [[5, 4, 2], [4, 5, 1], [2, 1, 5]]
    result = solve([1, 2, 3], raw, names=["A", "B", "C"], offset=3)
    assert result.method == "exact"
    assert result.n_configurations == 4
    assert result.labels.tolist() == [[0, 0, 1]]
    assert result.energy.tolist() == [-30.0]
    assert result.basin_share.tolist() == [1.0]
    assert result.frustration.tolist() == [[-3.0, -6.0, -5.0]]
    assert result.to_frame()["sides"].tolist() == ["A+B | C"]
    energies = configuration_energy(
        np.array([[0, 0, 0], [0, 1, 0], [0, 1, 1]]), result_weights(result)
    )
    assert energies.tolist() == [0.0, -20.0, -2.0]


def result_weights(result):
    return pair_weights(np.asarray(result.sizes), np.asarray(result.propensity))


def test_two_strict_minima_with_unequal_basins_hand_computed():
    # sizes 1; p01=1, p02=-1, p03=3, p12=-3, p13=-2, p23=-1. Labels of actors 1,2,3:
    #   000: 0   001: 2*(3-2-1)=0   010: 2*(-1-3-1)=-10   011: 2*(-1+3-3-2)=-6
    #   100: 2*(1-3-2)=-8   101: 2*(1+3-3-1)=0   110: 2*(1-1-2-1)=-6   111: 2*(1-1+3)=6
    # Steepest descent (switching actor 0 = complementing the others):
    #   000 -> 010 (-10);  001: -6 via actor 0 (->110) or actor 2 (->011), tie -> actor 0
    #   -> 110 -> 010;  011 -> 010;  101 -> 010;  110 -> 010;  111: -12 via actor 1 or 3,
    #   tie -> actor 1 -> 011 -> 010.  010 and 100 have no improving switch.
    # Minima: 010 (E=-10, basin 7/8) and 100 (E=-8, basin 1/8).
    p = np.zeros((4, 4))
    for (i, j), v in {(0, 1): 1, (0, 2): -1, (0, 3): 3, (1, 2): -3, (1, 3): -2, (2, 3): -1}.items():
        p[i, j] = p[j, i] = v
    result = solve(np.ones(4), p, names=["W", "X", "Y", "Z"])
    assert result.labels.tolist() == [[0, 0, 1, 0], [0, 1, 0, 0]]
    assert result.energy.tolist() == [-10.0, -8.0]
    assert result.basin_count.tolist() == [7, 1]
    assert result.basin_share.tolist() == [0.875, 0.125]
    assert result.is_global.tolist() == [True, False]
    frame = result.to_frame()
    assert frame["sides"].tolist() == ["W+X+Z | Y", "W+Y+Z | X"]
    # frustration at 010 (Y apart): F_W = p02 = -1, F_X = p12 = -3, F_Y = -1-3-1, F_Z = p23
    assert result.frustration[0].tolist() == [-1.0, -3.0, -5.0, -1.0]


def test_plateau_weak_minimum_and_tie_rule_hand_computed():
    # Equal sizes, three mutual enemies: p = -1 off the diagonal, two coalitions.
    #   000: E = 0;   001, 010, 011: one pair together, E = 2*(-1-1) = -4 each.
    # 001, 010, 011 are (weak) minima: their switches change E by 0 or +4.
    # From 000 all three switches lower E by 4: the tie goes to actor 0, whose switch
    # gives (1,0,0) = canonical 011. Basins: 011 -> 2/4, 001 -> 1/4, 010 -> 1/4.
    result = solve(np.ones(3), -np.ones((3, 3)), names=["P", "Q", "R"])
    assert as_table(result) == {(0, 0, 1): (-4.0, 1), (0, 1, 0): (-4.0, 1), (0, 1, 1): (-4.0, 2)}
    assert result.is_global.all()
    shares = dict(zip(result.to_frame()["sides"], result.basin_share, strict=True))
    assert shares == {"P | Q+R": 0.5, "P+Q | R": 0.25, "P+R | Q": 0.25}


def test_zero_propensity_between_blocs_leaves_grand_coalition_weakly_stable():
    # Two friendly pairs (p01 = p23 = 2) that dislike each other (-1 for the four cross
    # pairs), equal sizes.  {01|23}: split the four cross pairs, E = 2*(-4) = -8.
    # All together: E = 0, and each single switch gives E = 2*(2-1-1) = 0: a weak minimum.
    # 0101 and 0110 (E = 4) tie among all switches; actor 0's switch leads to 0010 / 0001
    # (E = 0), which descend to 0011. All but 0000 end at 0011: basins 7/8 and 1/8.
    p = np.full((4, 4), -1.0)
    p[0, 1] = p[1, 0] = p[2, 3] = p[3, 2] = 2.0
    result = solve(np.ones(4), p)
    assert as_table(result) == {(0, 0, 1, 1): (-8.0, 7), (0, 0, 0, 0): (0.0, 1)}
    assert result.to_frame()["coalitions"].tolist() == [2, 1]


def test_indifferent_actors_make_every_configuration_weakly_stable():
    # All propensities neutral (raw 3 on the 1..5 scale, offset 3): every energy and every
    # switch change is 0, so each of the 2**(10-1) = 512 configurations is its own sink.
    result = solve(np.ones(10), np.full((10, 10), 3.0), offset=3)
    assert result.n_minima == 512
    assert np.all(result.basin_count == 1)
    assert np.all(result.energy == 0.0) and result.is_global.all()
    assert np.all(result.frustration == 0.0)


def test_three_coalitions_triangle_of_enemies_hand_computed():
    # sizes (1, 2, 3), all propensities -1: w01 = -2, w02 = -3, w12 = -6.
    # Canonical configurations with at most three coalitions: 000, 001, 010, 011, 012.
    #   000: 0   001: 2*(-3-6) = -18   010: 2*(-2-6) = -16   011: 2*(-2-3) = -10
    #   012: 2*(-2-3-6) = -22, the only minimum: from 001 moving actor 0 or 1 into the
    #   empty third coalition gives 012 (change -4); every other configuration has an
    #   improving switch, so all five descend to 012.
    # Frustration at 012: F0 = 2*(-1)+3*(-1) = -5, F1 = -1-3 = -4, F2 = -1-2 = -3.
    result = solve([1, 2, 3], -np.ones((3, 3)), coalitions=3)
    assert result.n_configurations == 5
    assert as_table(result) == {(0, 1, 2): (-22.0, 5)}
    assert result.frustration.tolist() == [[-5.0, -4.0, -3.0]]
    # With two coalitions the same actors settle with the two largest apart (001, E = -18).
    two = solve([1, 2, 3], -np.ones((3, 3)), coalitions=2)
    assert as_table(two) == {(0, 0, 1): (-18.0, 4)}


def test_sides_text_uses_names_sorted_within_and_across_sides():
    names = ["PAK", "RUS", "CHN", "IND", "USA"]
    # CRP mutually friendly, IND-USA friendly, hostile across (raw 1..5 scale, offset 3).
    raw = np.full((5, 5), 2.0)
    for i, j in [(0, 1), (0, 2), (1, 2), (3, 4)]:
        raw[i, j] = raw[j, i] = 5.0
    result = solve([1, 2, 3, 2, 4], raw, names=names, offset=3)
    assert result.to_frame().loc[0, "sides"] == "CHN+PAK+RUS | IND+USA"
    assert result.global_labels.tolist() == [0, 0, 0, 1, 1]


def test_single_and_two_actor_landscapes():
    one = solve([2.0], [[0.0]])
    assert as_table(one) == {(0,): (0.0, 1)}
    # two friends: together E = 0 beats apart E = 2*1*1*1 = 2 -> one minimum, basin 2/2
    friends = solve([1, 1], [[0, 1], [1, 0]])
    assert as_table(friends) == {(0, 0): (0.0, 2)}
    enemies = solve([1, 1], [[0, -1], [-1, 0]])
    assert as_table(enemies) == {(0, 1): (-2.0, 2)}


def test_resolve_sinks_follows_chains():
    # 0 -> 1 -> 2 -> 2, 3 -> 3, 4 -> 0
    assert resolve_sinks(np.array([1, 2, 2, 3, 0])).tolist() == [2, 2, 2, 3, 2]


def test_counts_of_canonical_configurations():
    assert [count_canonical(n, 2) for n in range(1, 8)] == [2 ** (n - 1) for n in range(1, 8)]
    # Bell numbers when K >= n
    assert [count_canonical(n, 10) for n in range(1, 8)] == [1, 2, 5, 15, 52, 203, 877]
    assert count_canonical(4, 3) == 14  # S(4,1)+S(4,2)+S(4,3) = 1+7+6
    assert enumerate_canonical(4, 3).shape == (14, 4)
    assert largest_exact_n(2) == 24
    assert largest_exact_n(3) == 15


# --------------------------------------------------------------------------------------
# Input handling


@pytest.mark.parametrize(
    ("sizes", "propensity", "names", "message"),
    [
        ([1, -1], [[0, 1], [1, 0]], None, "positive"),
        ([1, 1], [[0, 1, 0], [1, 0, 0]], None, "2x2"),
        ([1, 1], [[0, 1], [2, 0]], None, "symmetric"),
        ([1, 1], [[0, np.nan], [np.nan, 0]], None, "finite"),
        ([1, 1], [[0, 1], [1, 0]], ["a", "a"], "distinct"),
    ],
)
def test_invalid_inputs_are_rejected(sizes, propensity, names, message):
    with pytest.raises(ValueError, match=message):
        prepare_inputs(sizes, propensity, names)


def test_offset_and_diagonal_are_applied():
    _, p, names = prepare_inputs([1, 1], [[9, 4], [4, 7]], offset=3)
    assert p.tolist() == [[0.0, 1.0], [1.0, 0.0]]
    assert names == ("A0", "A1")


def test_exact_beyond_limit_raises_and_auto_falls_back():
    sizes, p = np.ones(5), -np.ones((5, 5))
    with pytest.raises(ValueError, match="exact limit"):
        solve(sizes, p, method="exact", max_exact_configurations=8)
    result = solve(sizes, p, max_exact_configurations=8, seed=3, starts=200)
    assert result.method == "heuristic"
    assert result.n_starts == 200
    assert result.seed == 3
    assert result.basin_count.sum() == 200
    assert result.energy_lower_bound <= result.global_energy


def test_results_are_read_only_and_inputs_untouched():
    sizes = np.ones(3)
    result = solve(sizes, -np.ones((3, 3)))
    with pytest.raises(ValueError):
        result.energy[0] = 1.0
    with pytest.raises(ValueError):
        result.sizes[0] = 2.0
    sizes[0] = 2.0  # the caller's array is still writeable
    assert result.sizes.tolist() == [1.0, 1.0, 1.0]


# --------------------------------------------------------------------------------------
# Properties

small_int_landscape = st.integers(1, 6).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(1, 4), min_size=n, max_size=n),
        st.lists(st.integers(-3, 3), min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2),
    )
)


def build(sizes, upper):
    n = len(sizes)
    p = np.zeros((n, n))
    p[np.triu_indices(n, 1)] = upper
    return np.array(sizes, dtype=float), p + p.T


@settings(max_examples=60, deadline=None)
@given(small_int_landscape, st.sampled_from([2, 3]))
def test_exact_matches_plain_reference(data, k):
    sizes, p = build(*data)
    if k == 3 and sizes.size > 5:
        sizes, p = sizes[:5], p[:5, :5]
    expected, total = ref_landscape(sizes.tolist(), p.tolist(), k)
    result = solve(sizes, p, coalitions=k)
    assert result.n_configurations == total
    # integer data: energies are exact in floating point
    assert as_table(result) == {c: (float(e), b) for c, (e, b) in expected.items()}
    assert result.basin_count.sum() == total
    assert result.global_energy == min(e for e, _ in expected.values())


@settings(max_examples=60, deadline=None)
@given(small_int_landscape, st.sampled_from([2, 3]))
def test_every_minimum_is_a_nash_equilibrium(data, k):
    sizes, p = build(*data)
    result = solve(sizes, p, coalitions=k)
    for labels, energy in zip(result.labels, result.energy, strict=True):
        own = frustration(labels, sizes, p)
        for actor, _target, moved in ref_moves(tuple(labels), k):
            # neither the energy nor the mover's frustration can fall
            assert ref_energy(moved, sizes, p) >= energy - 1e-9
            assert frustration(np.array(moved), sizes, p)[actor] >= own[actor] - 1e-9
    # the global minimum over all configurations is among the reported minima
    every = enumerate_canonical(sizes.size, k)
    assert configuration_energy(every, pair_weights(sizes, p)).min() == pytest.approx(
        result.global_energy
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=8),
    st.permutations(range(4)),
    st.integers(0, 2**32 - 1),
)
def test_relabelling_sides_changes_nothing(labels, renaming, seed):
    labels = np.array(labels)
    renamed = np.array(renaming)[labels]
    rng = np.random.default_rng(seed)
    n = labels.size
    sizes = rng.uniform(0.5, 2.0, n)
    p = rng.normal(size=(n, n))
    p = p + p.T
    np.fill_diagonal(p, 0.0)
    w = pair_weights(sizes, p)
    assert configuration_energy(renamed, w) == configuration_energy(labels, w)
    assert np.array_equal(canonical_labels(renamed, 4), canonical_labels(labels, 4))
    assert np.array_equal(frustration(renamed, sizes, p), frustration(labels, sizes, p))
    assert canonical_labels(labels, 4)[0] == 0
    sink = steepest_descent(labels[None, :], w, 4, 1e-9)
    assert np.array_equal(steepest_descent(renamed[None, :], w, 4, 1e-9), sink)


@settings(max_examples=40, deadline=None)
@given(small_int_landscape, st.sampled_from([2, 3]), st.integers(0, 2**32 - 1))
def test_heuristic_agrees_with_exact_on_small_cases(data, k, seed):
    sizes, p = build(*data)
    exact = solve(sizes, p, coalitions=k)
    heuristic = solve(sizes, p, coalitions=k, method="heuristic", seed=seed, starts=1500)
    assert heuristic.method == "heuristic"
    exact_table = as_table(exact)
    # every minimum the heuristic finds is a true minimum with the true energy
    for labels, energy in as_table(heuristic).items():
        assert exact_table[labels][0] == pytest.approx(energy[0])
    # with 1500 starts over at most 203 configurations the global minimum is found
    assert heuristic.global_energy == pytest.approx(exact.global_energy)
    assert heuristic.energy_lower_bound <= exact.global_energy + 1e-9
    # estimated basins are within 6 binomial standard deviations of the exact shares
    shares = dict(zip(map(tuple, exact.labels.tolist()), exact.basin_share, strict=True))
    for labels, share in zip(
        map(tuple, heuristic.labels.tolist()), heuristic.basin_share, strict=True
    ):
        sd = np.sqrt(shares[labels] * (1 - shares[labels]) / 1500)
        assert abs(share - shares[labels]) <= 6 * sd + 1e-12


@settings(max_examples=40, deadline=None)
@given(small_int_landscape, st.data())
def test_permuting_actors_permutes_minima_energies_and_frustrations(data, draw):
    sizes, p = build(*data)
    n = sizes.size
    order = np.array(draw.draw(st.permutations(range(n))))
    names = [f"N{i}" for i in range(n)]
    base = solve(sizes, p, names=names)
    permuted = solve(sizes[order], p[np.ix_(order, order)], names=[names[i] for i in order])
    frame, other = base.to_frame(), permuted.to_frame().set_index("sides")
    assert set(frame["sides"]) == set(other.index)
    for row in frame.itertuples():
        assert other.loc[row.sides, "energy"] == pytest.approx(row.energy)
    base_f = base.frustration_frame().set_index(frame["sides"])
    perm_f = permuted.frustration_frame().set_index(other.index)
    assert np.allclose(base_f.loc[perm_f.index, names].to_numpy(), perm_f[names].to_numpy())


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 7), st.integers(0, 2**32 - 1), st.data())
def test_permuting_actors_permutes_basins_without_ties(n, seed, draw):
    # continuous random inputs: ties in switch deltas have probability zero
    rng = np.random.default_rng(seed)
    sizes = rng.uniform(0.5, 2.0, n)
    p = rng.normal(size=(n, n))
    p = p + p.T
    order = np.array(draw.draw(st.permutations(range(n))))
    names = [f"N{i}" for i in range(n)]
    base = solve(sizes, p, names=names).to_frame().set_index("sides")
    permuted = solve(sizes[order], p[np.ix_(order, order)], names=[names[i] for i in order])
    other = permuted.to_frame().set_index("sides")
    assert np.allclose(other.loc[base.index, "basin_share"], base["basin_share"])


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 9), st.integers(0, 2**32 - 1))
def test_two_coalition_engine_matches_general_engine(n, seed):
    rng = np.random.default_rng(seed)
    w = rng.integers(-3, 4, size=(n, n)).astype(float)
    w = w + w.T
    np.fill_diagonal(w, 0.0)
    tol = 1e-9 * np.abs(w).sum()
    fast, general = solve_two_coalitions(w, tol), solve_many_coalitions(w, 2, tol)

    def table(found):
        return {
            tuple(row): int(b)
            for row, b in zip(found.labels.tolist(), found.basin_count, strict=True)
        }

    assert table(fast) == table(general)


def test_uniform_sampling_of_canonical_configurations():
    # 14 canonical configurations of 4 actors in at most 3 coalitions, 14000 draws:
    # each count is binomial(14000, 1/14) with mean 1000 and sd ~ 30.5; allow 5 sd.
    draws = sample_canonical(4, 3, 14_000, np.random.default_rng(7))
    assert np.array_equal(canonical_labels(draws, 3), draws)
    _, counts = np.unique(draws, axis=0, return_counts=True)
    assert counts.size == 14
    assert np.all(np.abs(counts - 1000) < 153)


def test_lower_bound_is_below_every_configuration():
    rng = np.random.default_rng(11)
    for k in (2, 3):
        w = rng.normal(size=(6, 6))
        w = w + w.T
        np.fill_diagonal(w, 0.0)
        every = configuration_energy(enumerate_canonical(6, k), w)
        assert energy_lower_bound(w, k) <= every.min() + 1e-9


def test_heuristic_is_reproducible_from_its_seed():
    rng = np.random.default_rng(2)
    n = 30
    sizes = rng.uniform(0.5, 2.0, n)
    p = rng.normal(size=(n, n))
    p = p + p.T
    first = solve(sizes, p, seed=5, starts=300)
    second = solve(sizes, p, seed=np.random.default_rng(5), starts=300)
    assert first.method == "heuristic"
    assert np.array_equal(first.labels, second.labels)
    assert np.array_equal(first.basin_count, second.basin_count)
    assert first.n_minima == first.labels.shape[0] >= 1
    assert np.all(
        configuration_energy(first.labels, pair_weights(sizes, first.propensity)) == first.energy
    )
    # each reported minimum is stable under every single switch
    for labels in first.labels:
        assert np.array_equal(first.descend(labels[None, :])[0], labels)


def test_shifted_eigenvalue_bound_is_valid_and_tighter_than_the_spectral_one():
    # 12 actors, two coalitions: every one of the 2**11 configurations is enumerated
    rng = np.random.default_rng(5)
    for _ in range(5):
        w = rng.normal(size=(12, 12))
        w = w + w.T
        np.fill_diagonal(w, 0.0)
        lowest = configuration_energy(enumerate_canonical(12, 2), w).min()
        spectral = w.sum() / 2.0 - 12 * np.linalg.eigvalsh(w)[-1] / 2.0
        shifted = energy_lower_bound(w, 2, best=lowest)
        assert shifted <= lowest + 1e-9
        assert shifted >= spectral - 1e-9
        assert lowest - shifted < 0.8 * (lowest - spectral)  # at least 20 % of the gap closed


def test_warm_start_is_counted_and_reaches_its_own_minimum():
    rng = np.random.default_rng(3)
    n = 40
    upper = np.triu(rng.normal(size=(n, n)), 1)
    sizes = rng.uniform(0.5, 2.0, n)
    cold = solve(sizes, upper + upper.T, method="heuristic", starts=5, seed=1)
    warm = solve(sizes, upper + upper.T, method="heuristic", starts=5, seed=1, warm=cold.labels[:1])
    assert warm.n_starts == 6
    assert warm.global_energy <= cold.global_energy
