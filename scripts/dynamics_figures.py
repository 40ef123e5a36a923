"""Figures of docs/dynamics.md: one per v2 mechanism, and v1 against v2 on casa_2019.

Run: ``python scripts/dynamics_figures.py`` (about half a minute); writes
``docs/images/dynamics/*.png``. Every figure comes from the package's own functions or runs.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from alignsim.dynamics.affinity import interest_affinity
from alignsim.dynamics.balance import bounded_balance, structural_balance
from alignsim.dynamics.signed_affinity import signed_affinity
from alignsim.ensemble import run_batch, run_seeds
from alignsim.scenario import load_scenario
from alignsim.scenario.schema import scenario_model
from alignsim.scenario.synthetic import stylized_scenario
from alignsim.simulation.compiled import compile_scenario

OUT = Path(__file__).resolve().parents[1] / "docs" / "images" / "dynamics"


def small(relations, noise=0.0, **options):
    """A compiled stylized scenario (equal capabilities, no noise unless given) for a figure."""
    return compile_scenario(stylized_scenario(relations, noise=noise, **options))


def bundled(name, preset="v2", drop_blame=False, **settings):
    """A bundled scenario under a preset with the registered defaults (the scenario's own
    calibrated values dropped: the figures show the mechanisms), optionally without blame
    or with settings."""
    data = load_scenario(name).model_dump(exclude_none=True, mode="json")
    data["mechanisms"] = {"preset": preset}
    data["mechanisms"].update(settings)
    if drop_blame:
        for threat in data["threats"]:
            threat.pop("blamed", None)
            threat.pop("blamed_by", None)
    return compile_scenario(scenario_model().model_validate(data))


def save(figure, name):
    figure.tight_layout()
    figure.savefig(OUT / f"{name}.png", dpi=110)
    plt.close(figure)


def shock(permanent):
    return {
        "id": "shock",
        "label": "shock",
        "step": 4,
        "permanent": permanent,
        "effects": [{"alignment": ["S0", "S1"], "shift": 0.4}],
    }


def error_correction_figure():
    figure, axis = plt.subplots(figsize=(6, 3.2))
    for kappa in (0.0, 0.5, 1.0):
        a = run_batch(small({("S0", "S1"): -0.5}, events=[shock(kappa)]), [0]).alignment
        axis.plot(a[0, :, 0, 1], label=f"permanent share κ = {kappa}")
    axis.axhline(-0.5, color="grey", lw=0.8, ls=":")
    axis.set(xlabel="step (quarter)", ylabel="alignment S0-S1", title="Error correction")
    axis.legend(fontsize=8)
    save(figure, "error_correction")


def affinity_figure():
    rng = np.random.default_rng(0)
    x, s = rng.uniform(-1, 1, (40, 12)), rng.uniform(0, 1, (40, 12))
    off = ~np.eye(40, dtype=bool)
    figure, axis = plt.subplots(figsize=(6, 3.2))
    bins = np.linspace(-1, 1, 41)
    axis.hist(interest_affinity(x, s)[off], bins, alpha=0.6, label="v1 interest_affinity")
    axis.hist(signed_affinity(x, s)[off], bins, alpha=0.6, label="v2 signed_affinity")
    axis.set(
        xlabel="affinity of 40 actors with unrelated random interests (12 issues)",
        ylabel="pairs",
        title="Signed, chance-corrected affinity",
    )
    axis.legend(fontsize=8)
    save(figure, "signed_affinity")


def pair_median(compiled, first, second, runs=200):
    a = run_batch(compiled, run_seeds(1, runs)).alignment
    i, j = compiled.actors.index(first), compiled.actors.index(second)
    return [d.year + (d.month - 1) / 12 for d in compiled.dates], np.median(a[:, :, i, j], 0)


def threat_figure():
    figure, axis = plt.subplots(figsize=(6, 3.2))
    for label, compiled in (
        ("militancy blamed on PAK by IND", bundled("casa_2019")),
        ("no blame (shared exposure pulls together)", bundled("casa_2019", drop_blame=True)),
    ):
        axis.plot(*pair_median(compiled, "IND", "PAK"), label=label)
    axis.axvline(2016 + 8 / 12, color="grey", lw=0.8, ls=":")
    axis.text(2016.75, 0.9, "Uri", fontsize=8, transform=axis.get_xaxis_transform())
    axis.set(ylabel="India-Pakistan (median)", title="Attributed threat (casa_2019, v2)")
    axis.legend(fontsize=8)
    save(figure, "attributed_threat")


def coalition_figure():
    relations = {("S0", "S2"): -0.5, ("S0", "S3"): -0.5, ("S1", "S2"): -0.2, ("S1", "S3"): -0.2}
    alliance = {
        "id": "alliance",
        "label": "alliance",
        "step": 4,
        "permanent": 1.0,
        "effects": [{"alignment": ["S0", "S1"], "set": 0.8}],
    }
    seeds = run_seeds(5, 100)
    figure, axis = plt.subplots(figsize=(6, 3.2))
    for label, events in (("S0 and S1 ally at step 4", [alliance]), ("no alliance", [])):
        a = run_batch(small(relations, noise=0.02, events=events), seeds).alignment[:, :, 2, 3]
        axis.plot(np.median(a, 0), label=label)
        axis.fill_between(range(a.shape[1]), *np.quantile(a, [0.05, 0.95], 0), alpha=0.2)
    axis.set(
        xlabel="step",
        ylabel="S2-S3 (both threatened by S0)",
        title="Coalition threat: balancing (100 runs, 5-95%)",
    )
    axis.legend(fontsize=8)
    save(figure, "coalition_threat")


def balance_figure():
    tie = np.linspace(-1, 1, 201)
    figure, axis = plt.subplots(figsize=(6, 3.2))
    for path in (1.0, 0.5):
        a = np.array([[0, 0, 1.0], [0, 0, path], [1.0, path, 0]])
        unbounded = structural_balance(a, np.ones(3))[0, 1]
        bounded = [
            bounded_balance(np.array([[0, t, 1.0], [t, 0, path], [1.0, path, 0]]), np.ones(3))[0, 1]
            for t in tie
        ]
        axis.plot(tie, bounded, label=f"bounded, two-step path {path:g}")
        axis.axhline(unbounded, ls=":", lw=0.8, color="grey")
    axis.set(xlabel="alignment of the pair", ylabel="balance force", title="Bounded balance")
    axis.legend(fontsize=8)
    save(figure, "bounded_balance")


def influence_figure():
    casa_v1, casa_v2 = bundled("casa_2019", "v1"), bundled("casa_2019")
    figure, axis = plt.subplots(figsize=(6, 3.2))
    for preset, compiled in (("v1 issue_influence", casa_v1), ("v2 anchored_influence", casa_v2)):
        p = run_batch(compiled, [0]).positions[0]
        spread = p.std(axis=1).mean(axis=1)
        axis.plot([d.year + (d.month - 1) / 12 for d in compiled.dates], spread, label=preset)
    axis.set(
        ylabel="spread of positions (mean SD over issues)",
        title="Anchored, signed issue influence (casa_2019)",
    )
    axis.legend(fontsize=8)
    save(figure, "anchored_influence")


def growth_figure():
    data = load_scenario("casa_2019").model_dump(exclude_none=True, mode="json")
    for actor, rate in zip(data["actors"], (0.0, 0.01, 0.06, 0.05, 0.01), strict=True):
        actor["capability_growth"] = rate
    compiled = compile_scenario(scenario_model().model_validate(data))
    c = run_batch(compiled, [0]).capability[0]
    years = [d.year + (d.month - 1) / 12 for d in compiled.dates]
    figure, axis = plt.subplots(figsize=(6, 3.2))
    for i, actor in enumerate(compiled.actors):
        axis.plot(years, c[:, i] / c.sum(1), label=actor)
    axis.set(
        ylabel="capability share",
        title="Capability growth (illustrative rates, not the bundled scenario)",
    )
    axis.legend(fontsize=8, ncol=5)
    save(figure, "capability_growth")


def rivalry_figure():
    issues = {"S0": {"trade": 1.0}, "S1": {"trade": 1.0}, "S2": {"trade": 0}, "S3": {"trade": 0}}
    thaw = {
        "id": "thaw",
        "label": "thaw",
        "step": 4,
        "permanent": 0.8,
        "effects": [{"alignment": ["S0", "S1"], "shift": 0.6}],
    }
    figure, axis = plt.subplots(figsize=(6, 3.2))
    for label, settings in (("rivalry regime on", {"rivalry": {"enabled": True}}), ("off", {})):
        compiled = small(
            {("S0", "S1"): -0.7},
            steps=80,
            events=[thaw],
            issues=issues,
            rivals=[("S0", "S1")],
            **settings,
        )
        axis.plot(run_batch(compiled, [0]).alignment[0, :, 0, 1], label=label)
    axis.set(xlabel="step", ylabel="S0-S1", title="Rivalry regime after a thaw (hazard 0.01)")
    axis.legend(fontsize=8)
    save(figure, "rivalry")


def presets_figure():
    figure, axes = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True)
    for axis, preset in zip(axes, ("v1", "v2"), strict=True):
        compiled = bundled("casa_2019", preset)
        a = run_batch(compiled, run_seeds(1, 200)).alignment
        years = [d.year + (d.month - 1) / 12 for d in compiled.dates]
        for i, j in zip(*np.triu_indices(len(compiled.actors), 1), strict=True):
            label = f"{compiled.actors[i]}-{compiled.actors[j]}"
            axis.plot(years, np.median(a[:, :, i, j], 0), label=label)
        axis.set(title=f"casa_2019 under {preset} (median of 200 runs)", ylim=(-1, 1))
    axes[0].set_ylabel("alignment")
    axes[1].legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5))
    save(figure, "presets_casa_2019")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for make in (
        error_correction_figure,
        affinity_figure,
        threat_figure,
        coalition_figure,
        balance_figure,
        influence_figure,
        growth_figure,
        rivalry_figure,
        presets_figure,
    ):
        make()
    print(f"wrote {len(list(OUT.glob('*.png')))} figures in {OUT}")


if __name__ == "__main__":
    main()
