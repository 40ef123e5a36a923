"""Observed data: a panel of what states did (votes, alliances, disputes, rivalries, arms, trade,
capabilities), built from vendored published sources (see DATA-LICENSES.md).

``panel(actors, years, level)`` returns tidy state-year or dyad-year frames;
``alignment(actors, years)`` the observed alignment index with its 90 % interval
(docs/observed.md); ``countries()``
the actor-id table; ``SOURCES`` the source records with their licences and citations. Imports
are lazy so ``import alignsim.observed`` stays cheap.
"""

from __future__ import annotations

from typing import Any

_LAZY = {
    "panel": "alignsim.observed.load",
    "alignment": "alignsim.observed.index",
    "coverage": "alignsim.observed.load",
    "ObservedError": "alignsim.observed.load",
    "countries": "alignsim.observed.codes",
    "SOURCES": "alignsim.observed.sources",
}
__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'alignsim.observed' has no attribute {name!r}")
