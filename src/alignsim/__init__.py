"""alignsim: strategic scenario simulation of alignment shifts among states.

The heavy parts (numpy, pandas, Mesa) are imported on first use, so
``import alignsim`` and ``alignsim --help`` stay fast.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Problem", "Results", "ScenarioError", "load_scenario", "simulate"]

_LAZY = {
    "load_scenario": "alignsim.scenario",
    "ScenarioError": "alignsim.scenario",
    "Problem": "alignsim.scenario",
    "simulate": "alignsim.simulation.runner",
    "Results": "alignsim.results",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'alignsim' has no attribute {name!r}")
