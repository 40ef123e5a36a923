"""The interactive page: Mesa's SolaraViz with live trajectories and an alignment heatmap.

Run it with ``alignsim viz SCENARIO`` (which sets ``ALIGNSIM_VIZ_SCENARIO`` and serves this
module with ``solara run`` on 127.0.0.1). Sliders set the weights of the term mechanisms,
the adjustment rate and noise, and the seed; *Reset* rebuilds the model with them, *Step*
and *Play* advance it. Needs the ``viz`` extra (solara; Mesa's visualisation imports
altair).
"""

from __future__ import annotations

import io
import os
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import solara
from mesa.visualization import SolaraViz

from alignsim.plot import heatmap_figure, trajectories_figure
from alignsim.viz.model import InteractiveModel, model_params

#: environment variable naming the scenario file (or bundled name) to serve
SCENARIO_VARIABLE = "ALIGNSIM_VIZ_SCENARIO"


def png(figure: Any, dpi: int = 80) -> bytes:
    """The figure as PNG bytes; the figure is closed."""
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format="png", dpi=dpi)
    finally:
        plt.close(figure)
    return buffer.getvalue()


def trajectories_view(model: InteractiveModel) -> Any:
    """Alignment trajectories and group cohesion of the run so far."""
    return solara.Image(png(trajectories_figure(model.results())), width="100%")


def heatmap_view(model: InteractiveModel) -> Any:
    """The alignment matrix at the current step."""
    return solara.Image(png(heatmap_figure(model.results())), width="100%")


def initial_values(params: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments of the model at the sliders' starting values."""
    return {
        name: value["value"] if isinstance(value, dict) else value for name, value in params.items()
    }


def page_for(scenario: Any, extra: tuple[Any, ...] = ()) -> Any:
    """The SolaraViz element for a validated scenario.

    Args:
        scenario: The validated scenario.
        extra: Further components (functions of the model), drawn after the figures.
    """
    params = model_params(scenario)
    model = InteractiveModel(**initial_values(params))
    return SolaraViz(
        model,
        components=[(trajectories_view, 0), (heatmap_view, 0), *((c, 0) for c in extra)],
        model_params=params,
        name=f"alignsim — {scenario.title}",
        play_interval=300,
    )


@solara.component
def Page() -> None:
    """The page ``solara run`` serves: the scenario named by ``ALIGNSIM_VIZ_SCENARIO``."""
    from alignsim.scenario import load_scenario

    source = os.environ.get(SCENARIO_VARIABLE, "casa_2019")
    scenario = solara.use_memo(lambda: load_scenario(source), [source])
    page_for(scenario)
