"""The rolling-origin protocol: no data after an origin reach that origin's forecasts."""

import numpy as np
import pandas as pd

from alignsim.forecast.baselines import BASELINES
from alignsim.forecast.protocol import hindcast, history_until
from alignsim.forecast.skill import skill_table
from alignsim.forecast.synthetic import simulate_frame

ACTORS = ["AAA", "BBB", "CCC", "DDD", "EEE"]


def observed() -> pd.DataFrame:
    return simulate_frame(ACTORS, range(1991, 2020), 0.3, 0.02, 0.08, 0.05, seed=4)


def origin_rows(result, origin):
    rows = (result.keys["origin"] == origin).to_numpy()
    return result.keys[rows].reset_index(drop=True), result.members[rows]


def test_changing_data_after_an_origin_leaves_its_forecasts_bit_for_bit_unchanged():
    data = observed()
    before = hindcast(data, [2005, 2011], [1, 2, 4], BASELINES, 40, seed=3)
    changed = data.copy()
    later = changed["year"] > 2005
    changed.loc[later, "alignment"] = -changed.loc[later, "alignment"] + 0.3
    changed.loc[later, "low"] -= 0.5
    after = hindcast(changed, [2005, 2011], [1, 2, 4], BASELINES, 40, seed=3)
    keys_before, members_before = origin_rows(before, 2005)
    keys_after, members_after = origin_rows(after, 2005)
    pd.testing.assert_frame_equal(keys_before, keys_after)
    assert members_before.tobytes() == members_after.tobytes()
    # the later origin did see the change, and the scores of 2005 use the new truth
    assert origin_rows(before, 2011)[1].tobytes() != origin_rows(after, 2011)[1].tobytes()
    assert not np.allclose(
        before.scores.loc[before.scores["origin"] == 2005, "crps"],
        after.scores.loc[after.scores["origin"] == 2005, "crps"],
    )


def test_changing_data_at_the_origin_changes_its_forecasts():
    data = observed()
    changed = data.copy()
    changed.loc[changed["year"] == 2005, "alignment"] += 0.1
    first = hindcast(data, [2005], [1], {"persistence": BASELINES["persistence"]}, 10)
    second = hindcast(changed, [2005], [1], {"persistence": BASELINES["persistence"]}, 10)
    # mostly the start moves by 0.1 (the last step drawn changes too, and values are clipped)
    assert np.isclose(np.median(second.members - first.members), 0.1)


def test_history_is_a_copy_cut_at_the_origin():
    data = observed()
    cut = history_until(data, 2000)
    assert cut["year"].max() == 2000
    cut.loc[:, "alignment"] = 9.0
    assert data["alignment"].max() < 2


def test_forecasts_do_not_depend_on_the_other_forecasters():
    data = observed()
    alone = hindcast(data, [2010], [1, 3], {"ar1": BASELINES["ar1"]}, 25, seed=8)
    together = hindcast(data, [2010], [1, 3], BASELINES, 25, seed=8)
    rows = (together.keys["forecaster"] == "ar1").to_numpy()
    assert alone.members.tobytes() == together.members[rows].tobytes()


def test_scores_cover_only_observed_years_and_the_table_has_quantiles_and_members():
    data = observed()
    result = hindcast(data, [2015], [1, 4, 8], BASELINES, 30)
    assert set(result.scores["year"]) == {2016, 2019}  # 2023 is not observed
    table = result.table()
    assert list(table.columns[:12]) == [
        "forecaster", "origin", "horizon", "year", "a", "b", "start",
        "q05", "q25", "q50", "q75", "q95",
    ]  # fmt: skip
    assert table.shape == (len(BASELINES) * 3 * 10, 12 + 30)
    assert list(table.columns[-2:]) == ["m028", "m029"]


def test_skill_of_persistence_against_itself_is_zero_and_of_a_worse_one_negative():
    data = observed()
    result = hindcast(data, [2008, 2012], [1, 2], BASELINES, 50, seed=1)
    skill = skill_table(result.scores)
    own = skill[skill["forecaster"] == "persistence"]
    np.testing.assert_allclose(own["skill"], 0.0)
    np.testing.assert_allclose(own[["low", "high"]].to_numpy(), 0.0)
    scores = result.scores.copy()
    worse = scores[scores["forecaster"] == "persistence"].assign(forecaster="worse")
    worse["crps"] *= 1.5
    skill = skill_table(pd.concat([scores, worse]))
    np.testing.assert_allclose(skill.loc[skill["forecaster"] == "worse", "skill"], -0.5)


def test_the_calibrated_core_beats_persistence_on_data_from_its_own_process():
    from alignsim.forecast.core import calibrated_core

    actors = [f"S{k:02d}" for k in range(12)]
    data = simulate_frame(actors, range(1991, 2020), 0.4, 0.01, 0.1, 0.03, seed=11)
    forecasters = {"persistence": BASELINES["persistence"], "core": calibrated_core}
    result = hindcast(data, [2009, 2011], [3, 5], forecasters, 200, seed=2)
    skill = skill_table(result.scores).set_index(["forecaster", "horizon"])
    assert (skill.loc["core", "low"] > 0).all(), skill
    coverage = result.scores.query("forecaster == 'core'")["covered90"].mean()
    assert 0.8 <= coverage <= 0.98


def test_a_vintage_supplies_the_history_and_the_latest_data_the_scores():
    data = observed()
    revised = data.copy()
    revised["alignment"] = np.clip(revised["alignment"] + 0.05, -1, 1)
    seen = []

    def vintage(origin):
        seen.append(origin)
        return revised[revised["year"] <= origin]

    persistence = {"persistence": BASELINES["persistence"]}
    with_vintage = hindcast(data, [2005, 2010], [1], persistence, 10, vintage=vintage)
    from_revised = hindcast(revised, [2005, 2010], [1], persistence, 10)
    assert seen == [2005, 2010]
    assert with_vintage.members.tobytes() == from_revised.members.tobytes()
    truth = data.set_index(["year", "a", "b"])["alignment"]
    scored = with_vintage.scores.set_index(["year", "a", "b"])["observed"]
    np.testing.assert_array_equal(scored.to_numpy(), truth.loc[scored.index].to_numpy())
