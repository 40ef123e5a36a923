"""The interactive page: Mesa's SolaraViz with live trajectories, heatmap, network and blocs.

Run it with ``alignsim viz SCENARIO`` (which sets ``ALIGNSIM_VIZ_SCENARIO`` and serves this
module with ``solara run`` on 127.0.0.1). Sliders set the weights of the term mechanisms,
the adjustment rate and noise, and the seed; one box per event keeps it in the run or
leaves it out. *Reset* rebuilds the model with them, *Step* and *Play* advance it. The main
area shows the settings of the run on screen, its trajectories, the alignment heatmap and
the signed network coloured by the current landscape blocs. Needs the ``viz`` extra
(solara; Mesa's visualisation imports altair).
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from typing import Any

import solara
from mesa.visualization import SolaraViz
from mesa.visualization.utils import update_counter

from alignsim.viz.frames import LiveFigures
from alignsim.viz.model import (
    InteractiveModel,
    bloc_text,
    doctrine_mask,
    model_params,
    term_names,
)

#: environment variable naming the scenario file (or bundled name) to serve
SCENARIO_VARIABLE = "ALIGNSIM_VIZ_SCENARIO"

#: page style: slider values always shown on the thumbs, the event boxes packed tightly
STYLE = """
.v-slider__thumb-label-container { display: block !important; }
.v-input__slider { margin-top: 18px; }
.v-input--checkbox { margin-top: 0; padding-top: 0; }
.v-input--checkbox .v-label { font-size: 0.82rem; }
.v-input--checkbox .v-messages { display: none; }
"""


def initial_values(params: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments of the model at the controls' starting values."""
    return {
        name: value["value"] if isinstance(value, dict) else value for name, value in params.items()
    }


def bold(value: object) -> str:
    """HTML-escaped ``value`` in bold."""
    return f"<b>{html.escape(str(value))}</b>"


def settings_html(model: InteractiveModel) -> str:
    """HTML line with the settings the run on screen was built with.

    Weights are those of actors without a doctrine of their own (the first such actor).
    """
    rules = model.compiled.rules
    parts = [f"seed {bold(model.run_seed)}", f"rate {bold(f'{rules.rate:.3g}')}"]
    parts.append(f"noise {bold(f'{rules.noise:.3g}')}")
    free = [i for i in range(len(model.compiled.actors)) if i not in doctrine_rows(model)]
    row = rules.weights[free[0] if free else 0]
    parts += [
        f"{name.replace('_', ' ')} {bold(f'{w:.3g}')}"
        for name, w in zip(term_names(model.source), row, strict=True)
    ]
    parts.append(f"events left out: {bold(', '.join(sorted(model.left_out)) or 'none')}")
    return "Run on screen: " + " · ".join(parts)


def doctrine_rows(model: InteractiveModel) -> set[int]:
    """Actors whose doctrine sets at least one of their own term weights."""
    return {int(i) for i in doctrine_mask(model.source).any(axis=1).nonzero()[0]}


def blocs_html(model: InteractiveModel) -> str:
    """HTML line naming the landscape blocs of the current alignment matrix."""
    date = model.compiled.dates[len(model.history) - 1]
    sides = html.escape(bloc_text(model.current_blocs()))
    return f"{bold(f'Blocs on {date:%Y-%m}')} (landscape, Axelrod &amp; Bennett 1993): {sides}"


def live_figures(model: InteractiveModel) -> LiveFigures:
    """The run's figures, built on its first display and updated in place afterwards."""
    live = getattr(model, "live_figures", None)
    if live is None:
        live = model.live_figures = LiveFigures(model)
    return live


@solara.component
def RunView(model: InteractiveModel, extra: tuple[Callable[[Any], Any], ...] = ()) -> None:
    """The main area: settings, trajectories across the full width, heatmap and network."""
    update_counter.get()  # redrawn after every step (Mesa's signal)
    with solara.Column(style={"width": "100%", "padding": "8px 16px"}):
        solara.HTML(tag="div", unsafe_innerHTML=settings_html(model))
        solara.HTML(tag="div", unsafe_innerHTML=blocs_html(model), classes=["alignsim-blocs"])
        trajectories, heatmap, network = live_figures(model).images_of(model)
        solara.Image(trajectories, width="100%")
        with solara.Columns([1, 1]):
            solara.Image(heatmap, width="100%")
            solara.Image(network, width="100%")
        for component in extra:
            component(model)


@solara.component
def AlignsimPage(scenario: Any, extra: tuple[Callable[[Any], Any], ...] = ()) -> None:
    """The page for a validated scenario: SolaraViz's controls and :func:`RunView`.

    Args:
        scenario: The validated scenario.
        extra: Further components (functions of the model), drawn after the figures.
    """
    params = solara.use_memo(lambda: model_params(scenario), [scenario])
    first = solara.use_memo(lambda: InteractiveModel(**initial_values(params)), [params])
    model = solara.use_reactive(first)
    title = f"alignsim — {scenario.title}"
    solara.Title(title)
    solara.Style(STYLE)
    SolaraViz(model, components=[], model_params=params, name=title, play_interval=300)
    RunView(model.value, extra)


@solara.component
def Page() -> None:
    """The page ``solara run`` serves: the scenario named by ``ALIGNSIM_VIZ_SCENARIO``."""
    from alignsim.scenario import load_scenario

    source = os.environ.get(SCENARIO_VARIABLE, "casa_2019")
    scenario = solara.use_memo(lambda: load_scenario(source), [source])
    AlignsimPage(scenario)
