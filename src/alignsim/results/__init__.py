"""Result storage: a run's tidy tables (:class:`Results`), reading result folders back
(:mod:`~alignsim.results.saved`) and writing them atomically (:mod:`~alignsim.results.storage`).
"""

from alignsim.results.run import Results

__all__ = ["Results"]
