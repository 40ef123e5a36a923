"""The indicators of the observed alignment index, derived from the dyad-year panel.

Two groups, each measuring one dynamic latent dimension (see docs/observed.md):

- hostility: strategic rivalry (Thompson, Sakuwa & Suhas 2021; to 2020), the highest hostility
  level of militarised disputes (COW MID 5, Palmer et al. 2022; to 2014), and the conflictual
  share of ICEWS events between the two states (Boschee et al. 2015; 2002-2014);
- cooperation: alliance depth from ATOP obligations (Leeds et al. 2002; to 2018: 2 for a defence
  or offence pact, 1 for neutrality, non-aggression or consultation only, 0 for none), arms
  deliveries in both directions (SIPRI TIV; to 2021), and UNGA ideal-point distance (Bailey,
  Strezhnev & Voeten 2017, July 2025 release; to 2023), the single vote-based indicator.

Trade volume and shared IGO memberships are in the panel but not in the index: they measure how
much two states interact (size and proximity, the gravity of trade), not the sign of their
relation, and in a pooled factor model they swamp the signed indicators (docs/observed.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alignsim.observed.scores import normal_scores


@dataclass(frozen=True)
class Factor:
    """One latent dimension: its indicators, their loading signs, and the scale anchor.

    Attributes:
        name: ``hostility`` or ``cooperation``.
        indicators: model indicator names (columns of :func:`model_indicators`).
        signs: required sign of each loading (+1, -1, or 0 for free).
        anchor: position of the indicator whose loading is fixed at 1.
    """

    name: str
    indicators: tuple[str, ...]
    signs: tuple[int, ...]
    anchor: int = 0


HOSTILITY = Factor("hostility", ("rivalry", "mid_hostility", "icews_conflict_share"), (1, 1, 1))
COOPERATION = Factor(
    "cooperation", ("alliance_depth", "arms_tiv", "idealpoint_distance"), (1, 1, -1)
)
FACTORS = (HOSTILITY, COOPERATION)
INDICATORS = HOSTILITY.indicators + COOPERATION.indicators


def model_indicators(panel: pd.DataFrame) -> pd.DataFrame:
    """The six model indicators (raw units, NaN where missing) of each panel dyad-year.

    Args:
        panel: the dyad-year panel (``alignsim.observed.panel(level="dyad")``).

    Returns:
        A frame with year, a, b and one column per indicator, in the panel's row order.
    """
    defence = panel[["atop_defense", "atop_offense"]].max(axis=1, skipna=False)
    lesser = panel[["atop_neutral", "atop_nonagg", "atop_consul"]].max(axis=1, skipna=False)
    depth = np.where(defence > 0, 2.0, np.where(lesser > 0, 1.0, 0.0))
    return pd.DataFrame(
        {
            "year": panel["year"].to_numpy(),
            "a": panel["a"].to_numpy(),
            "b": panel["b"].to_numpy(),
            "rivalry": panel["rivalry"].to_numpy(dtype=float),
            "mid_hostility": panel["cowmid_hostlev"].to_numpy(dtype=float),
            "icews_conflict_share": 1.0 - panel["icews_coop_share"].to_numpy(dtype=float),
            "alliance_depth": np.where(defence.isna(), np.nan, depth),
            "arms_tiv": (panel["tiv_a_to_b"] + panel["tiv_b_to_a"]).to_numpy(dtype=float),
            "idealpoint_distance": panel["idealpoint_distance_2025"].to_numpy(dtype=float),
        }
    )


@dataclass(frozen=True)
class Grid:
    """Dyad-year indicators on a dense (dyads, years, K) grid of normal scores.

    Attributes:
        dyads: frame of a, b per grid row.
        years: (T,) calendar years of the grid columns.
        rows, cols: grid position of each input row.
        scores: (dyads, years, K) normal scores of the indicators (NaN where missing).
        present: (dyads, years) True where the dyad exists in the panel.
        starts: (dyads, years) True in each dyad's first year (column 0 True for all).
    """

    dyads: pd.DataFrame
    years: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    scores: np.ndarray
    present: np.ndarray
    starts: np.ndarray


def to_grid(frame: pd.DataFrame, indicators: tuple[str, ...] = INDICATORS) -> Grid:
    """Put the indicators of ``frame`` (from :func:`model_indicators`) on a dense grid.

    Each indicator is replaced by its pooled normal scores (:func:`normal_scores`). A dyad that
    leaves the system and comes back restarts its walk.
    """
    keys = frame[["a", "b"]].drop_duplicates().sort_values(["a", "b"]).reset_index(drop=True)
    rows = pd.MultiIndex.from_frame(keys).get_indexer(pd.MultiIndex.from_frame(frame[["a", "b"]]))
    first = int(frame["year"].min())
    years = np.arange(first, int(frame["year"].max()) + 1)
    cols = frame["year"].to_numpy() - first
    scores = np.full((len(keys), len(years), len(indicators)), np.nan)
    for k, name in enumerate(indicators):
        scores[rows, cols, k] = normal_scores(frame[name].to_numpy(dtype=float))
    present = np.zeros((len(keys), len(years)), dtype=bool)
    present[rows, cols] = True
    before = np.concatenate([np.zeros((len(keys), 1), dtype=bool), present[:, :-1]], axis=1)
    starts = present & ~before
    starts[:, 0] = True
    return Grid(keys, years, rows, cols, scores, present, starts)
