"""Compare presets v1 and v2 on casa_2019: the table in docs/dynamics.md.

Run: ``python scripts/dynamics_table.py --runs 1000`` (about two minutes). Prints a Markdown
table of the issue-11 properties for each preset with the registered defaults, and for v2
with the calibrated values casa_2019 carries (as shipped), every number from ``--runs``
seeded runs.
"""

from __future__ import annotations

import argparse

import numpy as np

from alignsim.ensemble import run_batch, run_seeds
from alignsim.ensemble.compare import bootstrap_difference
from alignsim.scenario import load_scenario
from alignsim.scenario.schema import scenario_model
from alignsim.simulation.compiled import compile_scenario


def compiled(name: str, preset: str, calibrated: bool = False):
    """A bundled scenario under one preset, with the registered defaults (the scenario's
    calibrated values dropped) or as shipped (``calibrated``)."""
    data = load_scenario(name).model_dump(exclude_none=True, mode="json")
    if not calibrated:
        data.pop("mechanisms", None)
    data.setdefault("mechanisms", {})["preset"] = preset
    return compile_scenario(scenario_model().model_validate(data))


def properties(preset: str, runs: int, seed: int, calibrated: bool = False) -> dict[str, str]:
    """The table's cells for one preset (defaults, or the shipped calibrated values)."""
    compiled_as = lambda name, preset: compiled(name, preset, calibrated)  # noqa: E731
    casa = compiled_as("casa_2019", preset)
    actor = {a: i for i, a in enumerate(casa.actors)}
    upper = np.triu_indices(len(actor), 1)
    a = run_batch(casa, run_seeds(seed, runs)).alignment
    values = a[..., upper[0], upper[1]]
    names = [f"{casa.actors[i]}-{casa.actors[j]}" for i, j in zip(*upper, strict=True)]
    yearly = [t for t, d in enumerate(casa.dates) if d.month == 1]
    hostile = min(np.mean(values[:, t].argmin(-1) == names.index("PAK-IND")) for t in yearly)
    spread = np.median(values[:, -1].std(-1) / values[:, 0].std(-1))

    def pair(first, second, t=-1):
        return np.median(a[:, t, actor[first], actor[second]])

    crp = [actor[x] for x in ("CHN", "RUS", "PAK")]

    def cohesion(alignment):
        return np.mean([alignment[:, -1, i, j] for i in crp for j in crp if i < j], axis=0)

    counter = run_batch(compiled_as("casa_2019_no_us_india", preset), run_seeds(seed, runs))
    difference, low, high = bootstrap_difference(
        cohesion(a), cohesion(counter.alignment), 2000, np.random.default_rng(0), paired=True
    )
    observed = compiled_as("casa_2019_observed_events", preset)
    o = run_batch(observed, run_seeds(seed, runs)).alignment
    step = {(d.year, d.month): t for t, d in enumerate(observed.dates)}
    oa = {x: i for i, x in enumerate(observed.actors)}
    lower = []
    for first, second in (("RUS", "USA"), ("CHN", "USA"), ("CHN", "IND")):
        i, j = oa[first], oa[second]
        change = o[:, step[2023, 1], i, j] - o[:, step[2019, 1], i, j]
        lower.append(f"{first}-{second} {np.median(change):+.2f} ({np.mean(change < 0):.0%})")
    return {
        "IND-PAK 2014 → 2019 → 2025 (median)": (
            f"{pair('IND', 'PAK', 0):+.2f} → {pair('IND', 'PAK', 20):+.2f} → "
            f"{pair('IND', 'PAK'):+.2f}"
        ),
        "USA-CHN, USA-RUS, CHN-IND at 2025 (median)": (
            f"{pair('USA', 'CHN'):+.2f}, {pair('USA', 'RUS'):+.2f}, {pair('CHN', 'IND'):+.2f}"
        ),
        "IND-PAK most hostile pair, worst year (share of runs)": f"{hostile:.1%}",
        "cross-pair SD 2025 / 2014 (median run)": f"{spread:.2f}",
        "CRP cohesion 2025: no US-India − casa_2019 [95% paired bootstrap]": (
            f"{difference:+.4f} [{low:+.4f}, {high:+.4f}]"
        ),
        "observed events: 2023 − 2019 (median; share of runs lower)": "; ".join(lower),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()
    table = {preset: properties(preset, args.runs, args.seed) for preset in ("v1", "v2")}
    table["calibrated"] = properties("v2", args.runs, args.seed, calibrated=True)
    print(f"casa_2019, {args.runs} runs per scenario and preset, seed {args.seed}\n")
    print("| property | v1 | v2 (registered defaults) | v2 calibrated (casa_2019 as shipped) |")
    print("|---|---|---|---|")
    for row in table["v1"]:
        print(f"| {row} | {table['v1'][row]} | {table['v2'][row]} | {table['calibrated'][row]} |")


if __name__ == "__main__":
    main()
