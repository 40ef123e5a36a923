"""Shared by the world benchmarks: a world-sized scenario and a count of the matrix products a
step performs."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

import numpy as np

from alignsim.simulation.compiled import compile_scenario


def world_scenario(
    name: str | None = None,
    actors: int = 193,
    steps: int = 40,
    seed: int = 2019,
    preset: str | None = None,
):
    """The compiled ``name`` scenario (a file or bundled name), or else a random scenario of
    ``actors`` states that start in three camps (friendly inside, cool across); with
    ``preset``, under that preset of mechanisms."""
    settings = [f"mechanisms.preset={preset}"] if preset else []
    if name:
        from alignsim.scenario import load_scenario

        return compile_scenario(load_scenario(name, settings))
    from alignsim.scenario.schema import scenario_model
    from alignsim.scenario.synthetic import random_scenario_dict

    raw = random_scenario_dict(actors, issues=6, threats=2, steps=steps, seed=seed, noise=0.02)
    if preset:
        raw["mechanisms"]["preset"] = preset
    compiled = compile_scenario(scenario_model().model_validate(raw))
    rng = np.random.default_rng(seed)
    camp = rng.integers(0, 3, actors)
    noise = np.triu(rng.normal(0, 0.2, (actors, actors)), 1)
    start = np.where(camp[:, None] == camp[None, :], 0.4, -0.25) + noise + noise.T
    np.fill_diagonal(start, 0.0)
    start = np.clip(start, -1, 1)
    initial = replace(compiled.initial, alignment=start, baseline=start.copy())
    return replace(compiled, initial=initial)


MATMUL = np.matmul  # the ufunc itself (cubic_products replaces the name while it counts)


class Counted(np.ndarray):
    """An array that logs every matrix product whose three dimensions are all at least
    :attr:`least` (the cubic terms of a step), and passes everything else through."""

    products: ClassVar[list[tuple[tuple[int, ...], tuple[int, ...], Any]]] = []
    least = 100

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        plain = [x.view(np.ndarray) if isinstance(x, Counted) else x for x in inputs]
        if "out" in kwargs:
            kwargs["out"] = tuple(
                x.view(np.ndarray) if isinstance(x, Counted) else x for x in kwargs["out"]
            )
        if ufunc is MATMUL and method == "__call__":
            a, b = (np.asarray(x) for x in plain[:2])
            if a.ndim >= 2 and b.ndim >= 2 and min(*a.shape[-2:], b.shape[-1]) >= self.least:
                Counted.products.append((a.shape, b.shape, np.result_type(a, b)))
        result = getattr(ufunc, method)(*plain, **kwargs)
        if isinstance(result, np.ndarray) and not isinstance(result, Counted):
            return result.view(Counted)
        return result


def cubic_products(step: Any, state: Any) -> list[tuple[tuple[int, ...], tuple[int, ...], Any]]:
    """The large matrix products ``step(state)`` performs: ``@`` on the state's arrays
    (wrapped in :class:`Counted`) and every ``numpy.matmul`` call (the fast engine's
    kernels call it with ``out=`` buffers)."""
    from alignsim.dynamics.step import FIELDS, State

    Counted.products = []
    wrapped = State(*(np.asarray(getattr(state, f)).view(Counted) for f in FIELDS))
    original, matmul = np.array, np.matmul

    def keep_subclass(*args, **kwargs):  # np.array(...) copies would drop the subclass
        kwargs.setdefault("subok", True)
        return original(*args, **kwargs)

    def counted_matmul(a, b, **kwargs):
        a, b = (x.view(Counted) if isinstance(x, np.ndarray) else x for x in (a, b))
        return matmul(a, b, **kwargs)  # Counted.__array_ufunc__ logs it

    np.array, np.matmul = keep_subclass, counted_matmul
    try:
        step(wrapped)
    finally:
        np.array, np.matmul = original, matmul
    return list(Counted.products)


def bare_products_seconds(products: list, repeats: int = 5) -> float:
    """Best CPU time of performing just those matrix products on random arrays (BLAS
    threads are pinned to 1, so CPU time is the work; wall time counts the machine's load)."""
    import time

    rng = np.random.default_rng(0)
    arrays = [
        (rng.random(a).astype(dtype), rng.random(b).astype(dtype)) for a, b, dtype in products
    ]
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        for a, b in arrays:
            np.matmul(a, b)
        best = min(best, time.process_time() - start)
    return best
