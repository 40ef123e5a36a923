"""Per-step cost of the Mesa model against a bare numpy loop doing the same mathematics.

Run: ``python benchmarks/step_cost.py`` (about half a minute). Both sides are timed in
this one run, on the same random scenarios, so the ratio does not depend on the machine.
Goal (issue 2): at n = 200 the model is within 3x of bare numpy.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from alignsim.compiled import compile_scenario
from alignsim.model import AlignmentModel
from alignsim.synthetic import random_scenario


def bare_numpy_steps(c, x, s, a, e, h, steps, rate, noise, mu, w, rng):
    """The reference dynamics written inline with numpy (no registry, no Mesa)."""
    n = len(c)
    base = a.copy()
    upper = np.triu_indices(n, 1)
    eye = np.eye(n, dtype=bool)
    for _ in range(steps):
        ws = np.sqrt(s[:, None, :] * s[None, :, :])
        agree = 1 - np.abs(x[:, None, :] - x[None, :, :])
        den = ws.sum(-1)
        f = np.divide((ws * agree).sum(-1), den, out=np.zeros((n, n)), where=den > 0)
        others = c.sum() - c[:, None] - c[None, :]
        b = np.divide((a * c) @ a, others, out=np.zeros((n, n)), where=others > 0)
        hx = 1 - np.prod(1 - h[:, None, :] * h[None, :, :], axis=-1)
        hos = np.maximum(0, -a)
        hr = np.divide((hos * c) @ hos.T, others, out=np.zeros((n, n)), where=others > 0)
        t = 1 - (1 - hx) * (1 - hr)
        g = e / e.max() if e.max() > 0 else np.zeros((n, n))
        terms = np.stack([f, base, b, t, g])
        for m in terms:
            m[eye] = 0
        desired = np.clip(np.einsum("it,tij->ij", w, terms), -1, 1)
        tau = np.minimum(desired, desired.T)
        eps = np.zeros((n, n))
        eps[upper] = rng.standard_normal(len(upper[0]))
        eps = eps + eps.T
        pull = np.maximum(0, a) * c
        tot = pull @ s
        gap = np.divide(pull @ (s * x), tot, out=np.zeros_like(x), where=tot > 0) - x
        gap[tot <= 0] = 0
        x = x + mu * (1 - s) * gap
        a = np.clip(a + rate * (tau - a) + noise * eps, -1, 1)
        a[eye] = 0
    return a, x


def timed(function, repeats: int = 3) -> float:
    """Best wall time of ``repeats`` calls."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    print(f"{'actors':>6} {'steps':>6} {'model ms/step':>14} {'numpy ms/step':>14} {'ratio':>6}")
    for n, steps in ((5, 400), (50, 100), (200, 20)):
        scenario = random_scenario(n, issues=8, threats=2, steps=steps, seed=n)
        compiled = compile_scenario(scenario)
        r = compiled.rules
        st = compiled.initial
        mu = r.positions_params["rate"]

        def run_model(compiled=compiled, steps=steps):
            AlignmentModel(compiled, rng=1).run(steps)

        def run_numpy(st=st, r=r, mu=mu, steps=steps):
            bare_numpy_steps(
                st.capability,
                st.positions,
                st.salience,
                st.alignment,
                st.ties,
                st.exposure,
                steps,
                r.rate,
                r.noise,
                mu,
                r.weights,
                np.random.default_rng(1),
            )

        model_a = AlignmentModel(compiled, rng=1).run(steps).state.alignment
        bare_a, _ = bare_numpy_steps(
            st.capability,
            st.positions,
            st.salience,
            st.alignment,
            st.ties,
            st.exposure,
            steps,
            r.rate,
            r.noise,
            mu,
            r.weights,
            np.random.default_rng(1),
        )
        if not np.allclose(model_a, bare_a, atol=1e-9):
            print(f"n={n}: model and bare numpy disagree", file=sys.stderr)
            return 1
        model_time = timed(run_model) / steps * 1e3
        numpy_time = timed(run_numpy) / steps * 1e3
        print(
            f"{n:>6} {steps:>6} {model_time:>14.3f} {numpy_time:>14.3f} "
            f"{model_time / numpy_time:>6.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
