"""Measures computed from alignment histories (any leading axes: steps, runs)."""

from alignsim.analysis.indices import balance_index, cohesion

__all__ = ["balance_index", "cohesion"]
