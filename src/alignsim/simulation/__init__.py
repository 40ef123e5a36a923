"""The simulation core: a scenario compiled to arrays (:mod:`~alignsim.simulation.compiled`),
its events and conditions, one step of a run (:mod:`~alignsim.simulation.transition`), the
Mesa model that orchestrates it (:mod:`~alignsim.simulation.model`) and ``simulate``
(:mod:`~alignsim.simulation.runner`).

Imports run one way: ``runner`` -> ``model`` -> ``transition`` -> ``events`` -> ``conditions``,
all on top of the pure functions of :mod:`alignsim.dynamics`.
"""
