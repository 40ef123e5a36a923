"""Streaming ensemble summaries: memory set by the scenario, never by the number of runs.

Exact quantiles cannot be kept in memory that does not grow with the runs (Munro & Paterson
1980), so quantile bands are read from fixed-size histograms on [-1, 1], the range of every
alignment and group cohesion. With :data:`BINS` bins of width ``w = 2 / BINS``, each order
statistic is replaced by the middle of its bin, clamped to the exact minimum and maximum
(kept alongside; the first and last order statistics are those, exactly). Interpolating
between order statistics as ``numpy.quantile`` does (its default linear method) then gives
a value within ``w / 2`` of the exact quantile (:data:`QUANTILE_ERROR` = 0.0005 with the
default 2,000 bins). Counts are integers, so the histograms of chunks add up to the same
numbers in any order.

Bloc probabilities: each run's landscape configuration at the horizon is tallied with the
Misra & Gries (1982) frequent-items summary of ``capacity`` counters, merged as in Agarwal
et al. (2012, "Mergeable summaries"). While no more than ``capacity`` distinct
configurations occur the counts are exact; otherwise a reported count is below the true one
by at most :attr:`BlocTally.error` <= runs / (capacity + 1), and the tally says so. How often
each pair of actors ends in the same bloc is counted exactly (an ``n x n`` integer matrix).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: histogram bins on [-1, 1]
BINS = 2000
#: largest distance between a streamed quantile and the exact one (half a bin)
QUANTILE_ERROR = 1.0 / BINS
#: distinct bloc configurations counted before the tally becomes approximate
BLOC_CAPACITY = 256


def tally_note(error: float) -> str:
    """What an approximate bloc tally means, given its error as a share of the runs."""
    return (
        f"More than {BLOC_CAPACITY} distinct configurations occurred: the streamed tally "
        "(Misra & Gries 1982) itemises only the most frequent, and each share may be low by "
        f"up to {error:.4f}."
    )


def bin_index(values: np.ndarray, bins: int = BINS) -> np.ndarray:
    """The histogram bin of each value in [-1, 1] (1.0 falls in the last bin), ``uint16``."""
    scaled = np.floor((np.asarray(values, dtype=np.float64) + 1.0) * (bins / 2.0))
    return np.clip(scaled, 0, bins - 1).astype(np.uint16)


@dataclass
class SeriesChunk:
    """The compact form of some runs' series that a worker sends back.

    Attributes:
        bins: ``(steps, runs, series)`` histogram bin of every value.
        low: ``(steps, series)`` smallest value.
        high: ``(steps, series)`` largest value.
    """

    bins: np.ndarray
    low: np.ndarray
    high: np.ndarray

    @classmethod
    def of(cls, values: np.ndarray, bins: int = BINS) -> SeriesChunk:
        """From values ``(steps, runs, series)``."""
        return cls(bin_index(values, bins), values.min(axis=1), values.max(axis=1))


@dataclass
class Histograms:
    """Fixed-size histograms of many series at many steps, and their exact extremes.

    Attributes:
        counts: ``(steps, series, bins)`` run counts.
        low: ``(steps, series)`` smallest value seen (``+inf`` before any run).
        high: ``(steps, series)`` largest value seen.
    """

    counts: np.ndarray
    low: np.ndarray
    high: np.ndarray

    @classmethod
    def empty(cls, steps: int, series: int, bins: int = BINS) -> Histograms:
        """No runs yet."""
        return cls(
            np.zeros((steps, series, bins), dtype=np.uint32),
            np.full((steps, series), np.inf),
            np.full((steps, series), -np.inf),
        )

    @property
    def runs(self) -> int:
        """Number of runs counted."""
        return int(self.counts[0, 0].sum()) if self.counts.size else 0

    def add(self, chunk: SeriesChunk) -> None:
        """Count a chunk of runs (order does not matter: counts are integers)."""
        series, bins = self.counts.shape[1:]
        offsets = (np.arange(series) * bins)[None, :]
        for step in range(chunk.bins.shape[0]):
            flat = (chunk.bins[step].astype(np.intp) + offsets).ravel()
            counted = np.bincount(flat, minlength=series * bins).reshape(series, bins)
            self.counts[step] += counted.astype(np.uint32)
        np.minimum(self.low, chunk.low, out=self.low)
        np.maximum(self.high, chunk.high, out=self.high)

    def quantiles(self, quantiles: tuple[float, ...]) -> np.ndarray:
        """Quantiles over runs, ``(steps, series, len(quantiles))``, within
        :data:`QUANTILE_ERROR` (for the default bins) of ``numpy.quantile``'s."""
        runs = self.runs
        bins = self.counts.shape[-1]
        out = np.empty((*self.counts.shape[:2], len(quantiles)))
        for step in range(self.counts.shape[0]):
            cumulative = self.counts[step].cumsum(axis=-1, dtype=np.int64)
            low, high = self.low[step], self.high[step]

            def order_statistic(rank: int, cumulative=cumulative, low=low, high=high):
                if rank in (0, runs - 1):  # the extremes are kept exactly
                    return low if rank == 0 else high
                found = (cumulative > rank).argmax(axis=-1)
                middle = -1.0 + (found + 0.5) * (2.0 / bins)
                return np.clip(middle, low, high)

            for column, q in enumerate(quantiles):
                position = (runs - 1) * q
                below = int(np.floor(position))
                fraction = position - below
                first = order_statistic(below)
                second = order_statistic(min(below + 1, runs - 1))
                out[step, :, column] = first + fraction * (second - first)
        return out


@dataclass
class BlocTally:
    """Bloc configurations at the horizon (Misra & Gries 1982) and co-membership counts.

    Attributes:
        counts: Configuration text -> runs (exact while at most ``capacity`` are distinct).
        runs: Runs tallied.
        together: ``(n, n)`` runs in which actors i and j end in the same bloc.
        error: Largest amount by which any reported count may fall short of the truth.
        capacity: Number of counters kept.
    """

    counts: dict[str, int]
    runs: int
    together: np.ndarray
    error: int = 0
    capacity: int = BLOC_CAPACITY

    @classmethod
    def of(
        cls, configurations: list[str], labels: np.ndarray, capacity: int = BLOC_CAPACITY
    ) -> BlocTally:
        """From runs' configurations and their coalition labels ``(runs, n)``."""
        labels = np.asarray(labels)
        together = (labels[:, :, None] == labels[:, None, :]).sum(axis=0, dtype=np.int64)
        tally = cls({}, 0, np.zeros_like(together), capacity=capacity)
        tally.merge(cls(dict(Counter(configurations)), len(configurations), together))
        return tally

    def merge(self, other: BlocTally) -> None:
        """Add another tally; beyond ``capacity`` counters, subtract the (capacity+1)-th
        largest count from all and drop those left at zero (Agarwal et al. 2012)."""
        combined = Counter(self.counts)
        combined.update(other.counts)
        self.runs += other.runs
        self.together = self.together + other.together
        self.error += other.error
        if len(combined) > self.capacity:
            ranked = sorted(combined.values(), reverse=True)
            cut = ranked[self.capacity]
            combined = Counter({c: k - cut for c, k in combined.items() if k > cut})
            self.error += cut
        self.counts = dict(combined)

    @staticmethod
    def joined(first: BlocTally | None, second: BlocTally | None) -> BlocTally | None:
        """``first`` with ``second`` merged into it (either may be ``None``)."""
        if first is None or second is None:
            return first or second
        first.merge(second)
        return first

    @property
    def exact(self) -> bool:
        """Whether every count is exact."""
        return self.error == 0

    def table(self) -> pd.DataFrame:
        """configuration, runs, probability; by decreasing count, ties by text."""
        ranked = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return pd.DataFrame(
            {
                "configuration": [c for c, _ in ranked],
                "runs": [k for _, k in ranked],
                "probability": [k / self.runs for _, k in ranked],
            }
        )
