"""Normal scores: put every indicator on a common latent-normal scale before the factor model.

Binary and ordinal indicators (a rivalry, an alliance level, a dispute's hostility level) and
skewed counts (arms deliveries, shared IGOs) are not Gaussian. Each value is replaced by the mean
of a standard normal variable within the slice of the normal distribution that the value's
pooled empirical frequency occupies: value ``j`` with cumulative proportions ``c[j-1] < c[j]``
becomes ``E[Z | Phi^-1(c[j-1]) < Z < Phi^-1(c[j])]`` = ``(phi(lo) - phi(hi)) / (c[j] - c[j-1])``.
This is the linearisation of an ordinal probit with thresholds at the empirical quantiles
(the "normal scores" of ordinal data, Fisher & Yates 1938; used for mixed indicators in
Gaussian-copula factor models, e.g. Murray, Dunson, Carin & Lucas 2013, *JASA* 108(502)).
A rare event (a rivalry held by 0.3 % of dyad-years) scores about +3, its absence about 0,
so a single rare indicator cannot produce an unbounded outlier.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import norm


def normal_scores(values: np.ndarray) -> np.ndarray:
    """Replace each value by the mean standard-normal score of its pooled rank slice.

    Args:
        values: any-shaped array, NaN where missing.

    Returns:
        Array of the same shape; NaN stays NaN; ties share one score; order is preserved.
    """
    flat = np.asarray(values, dtype=float).ravel()
    observed = ~np.isnan(flat)
    out = np.full(flat.shape, np.nan)
    if not observed.any():
        return out.reshape(np.shape(values))
    _, inverse, counts = np.unique(flat[observed], return_inverse=True, return_counts=True)
    upper = np.cumsum(counts) / counts.sum()
    lower = np.concatenate([[0.0], upper[:-1]])
    density_lo = norm.pdf(norm.ppf(lower))
    density_hi = norm.pdf(norm.ppf(np.minimum(upper, 1.0)))
    score = (density_lo - density_hi) / (upper - lower)
    out[observed] = score[inverse]
    return out.reshape(np.shape(values))
