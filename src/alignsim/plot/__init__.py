"""Matplotlib figures of results; every function returns a :class:`~matplotlib.figure.Figure`.

Colours follow the colour-blind-safe Okabe & Ito (2008) palette; diverging maps use
ColorBrewer 'RdBu' centred at 0. Figures never call ``plt.show``; close them with
``matplotlib.pyplot.close(figure)`` when done.
"""

from alignsim.plot._common import (
    PALETTE,
    actors_of,
    alignment_matrix,
    capability_at,
    event_key,
    mark_events,
    step_at,
    style,
)
from alignsim.plot.bands import bands_figure, bloc_probabilities_figure, wilson_interval
from alignsim.plot.blocs import blocs_figure, landscape_figure
from alignsim.plot.compare import difference_bands_figure, differences_figure
from alignsim.plot.heatmap import heatmap_figure
from alignsim.plot.network import network_figure
from alignsim.plot.positions import positions_figure
from alignsim.plot.profiles import profiles_figure
from alignsim.plot.sweep import outcome_by_value, sweep_figure
from alignsim.plot.trajectories import trajectories_figure

__all__ = [
    "PALETTE",
    "actors_of",
    "alignment_matrix",
    "bands_figure",
    "bloc_probabilities_figure",
    "blocs_figure",
    "capability_at",
    "difference_bands_figure",
    "differences_figure",
    "event_key",
    "heatmap_figure",
    "landscape_figure",
    "mark_events",
    "network_figure",
    "outcome_by_value",
    "positions_figure",
    "profiles_figure",
    "step_at",
    "style",
    "sweep_figure",
    "trajectories_figure",
    "wilson_interval",
]
