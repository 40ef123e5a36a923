"""Presets: named sets of mechanisms a scenario selects with ``mechanisms: {preset: NAME}``.

A preset names the term mechanisms every actor weighs, the consent rule, whether relations
move around an evolving baseline (error correction) and the default positions rule. A
scenario may add terms of any preset (giving their settings selects them) or drop one
with ``enabled: false``; doctrines set per-actor weights and parameters, never code.
``v1`` is the first session's dynamics, kept bit for bit; ``v2`` is the default.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    """A named set of mechanisms.

    Attributes:
        name: Name used in scenario files.
        summary: One line for ``alignsim mechanisms``.
        terms: Term mechanisms, in the order of the weight matrix's columns.
        consent: The consent mechanism.
        baseline: The mechanism that moves each pair's long-run level, or ``""`` for none
            (then relations adjust toward the consented drivers themselves, as in ``v1``).
        positions: The positions rule used when the scenario selects none.
        permanent_shocks: Whether alignment shocks move the baseline (``v2``) or only
            the alignment (``v1``).
    """

    name: str
    summary: str
    terms: tuple[str, ...]
    consent: str
    baseline: str
    positions: str
    permanent_shocks: bool


PRESETS: dict[str, Preset] = {
    "v1": Preset(
        "v1",
        "the first rules: a convex mix of unsigned terms, consent, partial adjustment, "
        "DeGroot issue influence (kept bit-identical)",
        terms=(
            "interest_affinity",
            "historical_anchor",
            "structural_balance",
            "common_threat",
            "economic_ties",
        ),
        consent="mutual_consent",
        baseline="",
        positions="issue_influence",
        permanent_shocks=False,
    ),
    "v2": Preset(
        "v2",
        "error correction around evolving dyad baselines, lasting and passing shocks, signed "
        "centred drivers, coalition threat, bounded balance, anchored signed influence",
        terms=(
            "signed_affinity",
            "attributed_threat",
            "coalition_threat",
            "bounded_balance",
            "relative_ties",
        ),
        consent="mutual_consent",
        baseline="error_correction",
        positions="anchored_influence",
        permanent_shocks=True,
    ),
}

#: the preset of every scenario that does not name one
DEFAULT_PRESET = "v2"


def preset_of(settings: object) -> Preset:
    """The preset a scenario's ``mechanisms`` section selects (the default when none)."""
    name = getattr(settings, "preset", None)
    return PRESETS[name or DEFAULT_PRESET]
