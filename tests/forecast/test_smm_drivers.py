"""``--observed-drivers``: the scenario's drivers follow the observed panel year by year."""

import pytest

from alignsim.forecast.driver_paths import observed_driver_events
from alignsim.observed.init import scenario_from_observed


def keyed(event: dict) -> dict[str, float]:
    """Each effect's value by its target (``CHN``, ``['CHN', 'USA']``, ...)."""
    return {str(next(iter(e.values()))): e["set"] for e in event["effects"]}


def test_one_event_a_year_sets_the_panels_values_of_that_year():
    tree = scenario_from_observed(1994, ["CHN", "USA"])
    events = observed_driver_events(tree, 1994, 1996)
    assert [e["at"] for e in events] == ["1995-01", "1996-01"]  # nothing after the last year
    effects = keyed(events[0])
    # COW NMC CINC of 1995 (panel: CHN 0.142841, USA 0.140585)
    assert effects["CHN"] == pytest.approx(0.142841, abs=1e-6)
    assert effects["USA"] == pytest.approx(0.140585, abs=1e-6)
    # COW trade 1995, both directions, billions of USD: 48,521 + 16,123 million
    assert effects["['CHN', 'USA']"] == pytest.approx(64.644)
    # UNGA ideal points of 1995 on the issue sets the scenario has; China votes unlike the US
    assert effects["['CHN', 'unga_all']"] < 0 < effects["['USA', 'unga_all']"]
    later = keyed(events[1])
    assert later["CHN"] == pytest.approx(0.146395, abs=1e-6)  # 1996


def test_issues_the_scenario_does_not_have_are_left_alone():
    tree = scenario_from_observed(1994, ["CHN", "USA"])
    tree["issues"] = [i for i in tree["issues"] if i["id"] == "unga_all"]
    targets = {
        str(e.get("position")) for e in observed_driver_events(tree, 1994, 1995)[0]["effects"]
    }
    assert targets == {"None", "['CHN', 'unga_all']", "['USA', 'unga_all']"}
