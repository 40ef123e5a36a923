"""The result of :func:`alignsim.games.landscape.solve`: raw arrays plus table views.

Stable configurations of the landscape model of Axelrod & Bennett (1993), "A landscape
theory of aggregation", *British Journal of Political Science* 23(2), with up to K
coalitions as in Florian & Galam (2000), *Eur. Phys. J. B* 16. Conventions (energy,
frustration, canonical labels, tie rule) are documented in :mod:`alignsim.games.landscape`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from alignsim.games.landscape_energy import pair_weights, steepest_descent

if TYPE_CHECKING:
    import pandas as pd


def read_only(array: np.ndarray) -> np.ndarray:
    """A contiguous, non-writeable copy of ``array`` (the caller's array stays writeable)."""
    array = np.array(array, order="C", copy=True)
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class LandscapeResult:
    """Stable configurations of a landscape (Axelrod & Bennett 1993).

    Minima are sorted by energy, ties by canonical labels (lexicographic); row 0 is the
    global minimum found. All arrays are read-only.

    Attributes:
        names: actor names, length n.
        sizes: actor sizes, shape ``(n,)``.
        propensity: propensities after the offset, zero diagonal, shape ``(n, n)``.
        coalitions: largest number of coalitions K allowed.
        method: ``"exact"`` (every configuration enumerated) or ``"heuristic"``.
        labels: canonical coalition labels of each local minimum, shape ``(m, n)``.
        energy: energy of each minimum, shape ``(m,)``.
        basin_count: configurations (exact) or starts (heuristic) descending to each minimum.
        basin_share: ``basin_count`` over all configurations (exact) or all starts.
        frustration: frustration of every actor at each minimum, shape ``(m, n)``.
        is_global: minima whose energy is within the tolerance of the lowest.
        n_configurations: number of canonical configurations of the landscape.
        n_starts: number of random starts (heuristic only, else None).
        seed: seed of the heuristic's generator when given as an integer, else None.
        energy_lower_bound: the exact global minimum energy, or for the heuristic a
            provable lower bound on it (see ``landscape_search.energy_lower_bound``).
        tolerance: absolute tolerance used for ties and improvements.
    """

    names: tuple[str, ...]
    sizes: np.ndarray
    propensity: np.ndarray
    coalitions: int
    method: Literal["exact", "heuristic"]
    labels: np.ndarray
    energy: np.ndarray
    basin_count: np.ndarray
    basin_share: np.ndarray
    frustration: np.ndarray
    is_global: np.ndarray
    n_configurations: int
    n_starts: int | None
    seed: int | None
    energy_lower_bound: float
    tolerance: float

    @property
    def n_minima(self) -> int:
        """Number of distinct local minima reported (found, for the heuristic)."""
        return int(self.labels.shape[0])

    @property
    def global_labels(self) -> np.ndarray:
        """Canonical labels of the (lowest, first) global minimum."""
        return self.labels[0]

    @property
    def global_energy(self) -> float:
        """Energy of the global minimum (the best found, for the heuristic)."""
        return float(self.energy[0])

    @property
    def global_frustration(self) -> np.ndarray:
        """Each actor's frustration at the global minimum."""
        return self.frustration[0]

    @property
    def optimality_gap(self) -> float:
        """Global energy minus ``energy_lower_bound``: 0 when exact, an upper bound if not."""
        return self.global_energy - self.energy_lower_bound

    def sides(self, index: int) -> str:
        """Minimum ``index`` as text, e.g. ``"CHN+PAK+RUS | IND+USA"``.

        Names are sorted within each coalition and coalitions by their first name, so the
        text does not depend on the actor order or on coalition labels.
        """
        groups = [
            sorted(self.names[i] for i in np.flatnonzero(self.labels[index] == label))
            for label in np.unique(self.labels[index])
        ]
        return " | ".join("+".join(group) for group in sorted(groups))

    def descend(self, labels: np.ndarray) -> np.ndarray:
        """Canonical sink of steepest descent from given configurations (same tie rule)."""
        weights = pair_weights(self.sizes, self.propensity)
        return steepest_descent(np.asarray(labels), weights, self.coalitions, self.tolerance)

    def to_frame(self) -> pd.DataFrame:
        """One row per local minimum: sides, energy, basin share, is_global, coalitions."""
        import pandas as pd

        return pd.DataFrame(
            {
                "sides": [self.sides(i) for i in range(self.n_minima)],
                "energy": self.energy,
                "basin_share": self.basin_share,
                "is_global": self.is_global,
                "coalitions": [len(np.unique(row)) for row in self.labels],
            }
        ).rename_axis("minimum")

    def frustration_frame(self) -> pd.DataFrame:
        """Frustration of each actor (columns) at each local minimum (rows)."""
        import pandas as pd

        return pd.DataFrame(self.frustration, columns=list(self.names)).rename_axis("minimum")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: method, counts and every minimum with its frustrations."""
        minima = [
            {
                "sides": self.sides(i),
                "labels": [int(label) for label in self.labels[i]],
                "energy": float(self.energy[i]),
                "basin_share": float(self.basin_share[i]),
                "is_global": bool(self.is_global[i]),
                "frustration": dict(zip(self.names, map(float, self.frustration[i]), strict=True)),
            }
            for i in range(self.n_minima)
        ]
        return {
            "method": self.method,
            "coalitions": self.coalitions,
            "names": list(self.names),
            "n_configurations": self.n_configurations,
            "n_starts": self.n_starts,
            "n_minima": self.n_minima,
            "seed": self.seed,
            "energy_lower_bound": self.energy_lower_bound,
            "optimality_gap": self.optimality_gap,
            "minima": minima,
        }
