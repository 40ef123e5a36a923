"""Helpers shared by the figures: step lookup, matrices, event numbering."""

import numpy as np
import pandas as pd
import pytest

from alignsim.plot import PALETTE, step_at, style
from alignsim.plot._common import alignment_matrix, event_key, event_marks


def test_step_at_picks_last_step_on_or_before_the_date(tiny):
    assert step_at(tiny) == 2
    assert step_at(tiny, "2020-01-01") == 0
    assert step_at(tiny, "2020-06-30") == 1
    assert step_at(tiny, "2020-07") == 2
    assert step_at(tiny, "2031-01-01") == 2
    assert step_at(tiny, 1) == 1


def test_step_at_rejects_dates_and_steps_outside_the_run(tiny):
    with pytest.raises(ValueError, match="before the run starts"):
        step_at(tiny, "2019-12-31")
    with pytest.raises(ValueError, match="outside the run"):
        step_at(tiny, 3)


def test_alignment_matrix_is_symmetric_with_the_table_values(tiny):
    actors, matrix = alignment_matrix(tiny, 2)
    assert actors == ["A", "B", "C"]
    expected = np.array([[0.0, 0.7, -0.6], [0.7, 0.0, -0.3], [-0.6, -0.3, 0.0]])
    np.testing.assert_allclose(matrix, expected)


def test_events_at_one_date_share_a_mark_and_are_numbered_by_date_then_id(tiny):
    marks = event_marks(tiny.events)
    assert marks == [(pd.Timestamp("2020-04-01"), [1, 2]), (pd.Timestamp("2020-07-01"), [3])]
    assert event_key(tiny.events) == [
        "1  2020-04  First event",
        "2  2020-04  Second event",
        "3  2020-07  Third event",
    ]


def test_style_cycles_colours_then_line_styles():
    assert style(0) == {"color": PALETTE[0], "linestyle": "-"}
    assert style(len(PALETTE)) == {"color": PALETTE[0], "linestyle": "--"}
    assert len(set(PALETTE)) == 8
