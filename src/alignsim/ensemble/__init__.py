"""Many runs at once: the batched engine, per-run seeds, executors and ensemble summaries."""

from alignsim.ensemble.engine import model_generator, run_batch, run_seeds

__all__ = ["model_generator", "run_batch", "run_seeds"]
