"""The interactive page: a Mesa SolaraViz app with sliders for the mechanism weights.

:mod:`alignsim.viz.model` holds the tunable model (no web libraries);
:mod:`alignsim.viz.app` builds the page and needs the ``viz`` extra (solara, altair).
"""
