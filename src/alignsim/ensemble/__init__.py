"""Many runs at once: the batched engine, per-run seeds, executors and ensemble summaries.

``run_ensemble(scenario, runs, seed)`` runs a scenario ``runs`` times (run ``r`` seeded by
``SeedSequence(seed).spawn(runs)[r]``, exactly as ``AlignmentModel(compiled, rng=...)``);
:mod:`alignsim.ensemble.summaries` turns the result into quantile bands and bloc
probabilities, :mod:`alignsim.ensemble.store` writes them, and :mod:`~.sweep`,
:mod:`~.sensitivity` and :mod:`~.compare` build on it.
"""

from alignsim.ensemble.engine import model_generator, run_batch, run_seeds, run_varied
from alignsim.ensemble.montecarlo import Ensemble, run_ensemble

__all__ = ["Ensemble", "model_generator", "run_batch", "run_ensemble", "run_seeds", "run_varied"]
