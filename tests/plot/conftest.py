"""Hand-made results for figure tests: three actors, two issues, three quarterly steps."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from alignsim.results import Results

DATES = pd.to_datetime(["2020-01-01", "2020-04-01", "2020-07-01"])
#: alignment of (A,B), (A,C), (B,C) at steps 0, 1, 2
VALUES = {
    ("A", "B"): [0.5, 0.6, 0.7],
    ("A", "C"): [-0.4, -0.5, -0.6],
    ("B", "C"): [0.0, 0.02, -0.3],
}


def make_results(blocs: bool = False) -> Results:
    alignment = pd.DataFrame(
        [
            (step, DATES[step], a, b, values[step])
            for step in range(3)
            for (a, b), values in VALUES.items()
        ],
        columns=["step", "date", "actor_a", "actor_b", "value"],
    )
    positions = pd.DataFrame(
        [
            (step, DATES[step], actor, issue, position + 0.1 * step, salience)
            for step in range(3)
            for actor, issue, position, salience in [
                ("A", "trade", 0.5, 1.0),
                ("A", "delay", 4.0, 0.25),
                ("B", "trade", -0.5, 0.5),
                ("B", "delay", 10.0, 0.5),
                ("C", "trade", 0.0, 0.0),
                ("C", "delay", 7.0, 1.0),
            ]
        ],
        columns=["step", "date", "actor", "issue", "position", "salience"],
    )
    groups = pd.DataFrame(
        {"step": range(3), "date": DATES, "group": "AB", "cohesion": VALUES[("A", "B")]}
    )
    system = pd.DataFrame(
        {
            "step": range(3),
            "date": DATES,
            "balance_index": [1.0, 1.0, 1.0],
            "mean_alignment": [0.0, 0.04, -0.067],
        }
    )
    events = pd.DataFrame(
        [
            ("second", "Second event", 1, DATES[1]),
            ("first", "First event", 1, DATES[1]),
            ("third", "Third event", 2, DATES[2]),
        ],
        columns=["id", "label", "step", "date"],
    )
    meta = {"scenario": "tiny", "title": "Tiny", "seed": 3}
    extra = {}
    if blocs:
        extra["blocs"] = pd.DataFrame(
            {"step": range(3), "date": DATES, "sides": ["A+B | C", "A+B+C", "A | B+C"]}
        )
    results = Results(
        alignment=alignment,
        positions=positions,
        groups=groups,
        system=system,
        events=events,
        meta=meta,
        extra=extra,
    )
    results.actors = pd.DataFrame(
        [
            (step, DATES[step], actor, actor, capability)
            for step in range(3)
            for actor, capability in [("A", 4.0), ("B", 1.0), ("C", 2.0)]
        ],
        columns=["step", "date", "actor", "name", "capability"],
    )
    return results


@pytest.fixture
def tiny():
    return make_results()


@pytest.fixture
def tiny_with_blocs():
    return make_results(blocs=True)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")
