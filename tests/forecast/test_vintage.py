"""A vintage of the packaged index sees only the years up to its origin."""

import numpy as np

from alignsim.forecast.vintage import packaged_vintage
from alignsim.observed import alignment

ACTORS = ["CHN", "IND", "PAK", "RUS", "USA"]


def test_a_vintage_ends_at_its_origin_and_differs_from_the_smoothed_index():
    vintage = packaged_vintage(ACTORS)(2005)
    assert vintage["year"].max() == 2005 and vintage["year"].min() == 1991
    assert len(vintage) == 10 * 15
    latest = alignment(ACTORS, (1991, 2005)).astype({"alignment": float})
    joined = vintage.merge(latest, on=["year", "a", "b"], suffixes=("", "_latest"))
    gap = np.abs(joined["alignment"] - joined["alignment_latest"])
    # later indicators move the smoothed values: the vintage is not the shipped index cut
    assert gap.max() > 0.01
    assert joined["alignment"].between(-1, 1).all()
