"""Uncertain inputs in a sensitivity analysis: id names, sampled from their own distributions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml
from scipy import stats

from alignsim.ensemble.inputs import describe, quantile, readable_path
from alignsim.ensemble.sensitivity import analyse, parse_output, uncertain_parameters
from alignsim.scenario.synthetic import random_scenario_dict
from alignsim.scenario.yamlio import parse_yaml

UNIT = np.linspace(0.0, 1.0, 41)


def test_quantiles_are_those_of_the_distributions():
    triangular = quantile({"triangular": [0.1, 0.2, 0.6]}, (0.0, 1.0), UNIT)
    assert triangular == pytest.approx(stats.triang.ppf(UNIT, c=0.2, loc=0.1, scale=0.5))
    normal = quantile({"normal": {"mean": 0.8, "sd": 0.1}}, (-1.0, 1.0), UNIT)
    cut = stats.truncnorm((0.5 - 0.8) / 0.1, (1.0 - 0.8) / 0.1, loc=0.8, scale=0.1)
    assert normal == pytest.approx(cut.ppf(UNIT))  # mean - 3 sd, and the field's end
    beta = quantile({"beta": {"a": 2, "b": 5}}, (-1.0, 1.0), UNIT)
    assert beta == pytest.approx(-1.0 + 2.0 * stats.beta.ppf(UNIT, 2, 5))
    uniform = quantile({"uniform": [0.0, 0.4]}, (0.0, np.inf), UNIT)
    assert uniform[0] == np.nextafter(0.0, 1.0) and uniform[1:] == pytest.approx(0.4 * UNIT[1:])
    assert describe({"normal": {"mean": 0.8, "sd": 0.1}}) == "normal(0.8, 0.1)"


def test_inputs_are_named_by_ids():
    data = random_scenario_dict(3, issues=2, steps=3, seed=3)
    data["actors"][1]["capability"] = {"uniform": [0.1, 0.3]}
    data["relations"][2]["alignment"] = {"normal": {"mean": 0.1, "sd": 0.1}}
    data["events"] = [
        {
            "id": "shock",
            "label": "a shock",
            "step": 1,
            "effects": [
                {"alignment": ["A000", "A001"], "shift": -0.4},
                {"alignment": ["A001", "A002"], "shift": {"uniform": [-0.3, -0.1]}},
            ],
        }
    ]
    tree = parse_yaml(yaml.safe_dump(data, sort_keys=False), "s.yaml")
    pair = "-".join(data["relations"][2]["pair"])
    assert [p.name for p in uncertain_parameters(tree)] == [
        "actors.A001.capability",
        f"relations.{pair}.alignment",
        "events.shock.effects[1].shift",
    ]
    assert readable_path(tree, ("groups", "first_three", 1)) == "groups.first_three[1]"


def test_sobol_samples_an_input_from_its_own_distribution(tmp_path, monkeypatch):
    from alignsim.ensemble import sensitivity

    data = random_scenario_dict(3, issues=2, steps=2, seed=3, noise=0.0)
    data["mechanisms"]["adjustment"]["rate"] = {"triangular": [0.1, 0.15, 0.9]}
    tree = parse_yaml(yaml.safe_dump(data, sort_keys=False), "s.yaml")
    seen: list[np.ndarray] = []
    evaluate = sensitivity.evaluate_samples

    def recording(tree, parameters, samples, *rest):
        seen.append(samples)
        return evaluate(tree, parameters, samples, *rest)

    monkeypatch.setattr(sensitivity, "evaluate_samples", recording)
    table = analyse(
        tree, uncertain_parameters(tree), parse_output("alignment:A000-A001"), "sobol", 256
    )
    rates = np.concatenate(seen)[:, 0]
    assert table["parameter"].tolist() == ["mechanisms.adjustment.rate"]
    assert rates.min() >= 0.1 and rates.max() <= 0.9
    # a triangular (0.1, 0.15, 0.9) has mean 0.3833 and median 0.3516, not 0.5 as a uniform
    assert rates.mean() == pytest.approx((0.1 + 0.15 + 0.9) / 3, abs=0.01)
    assert np.median(rates) == pytest.approx(stats.triang.median(1 / 16, 0.1, 0.8), abs=0.01)
    assert pd.Series(rates).between(0.1, 0.3).mean() == pytest.approx(
        stats.triang.cdf(0.3, 1 / 16, 0.1, 0.8), abs=0.02
    )
