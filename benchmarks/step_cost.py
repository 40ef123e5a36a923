"""Per-step cost of the Mesa model against a bare numpy loop doing the same mathematics.

Run: ``python benchmarks/step_cost.py`` (about a minute). Both sides are timed in this one
run, in alternation, on one core (BLAS threads set to 1) and on the same random scenarios,
so the ratio depends little on the machine or its load.
Goal (issue 2): at n = 200 the model is within 3x of bare numpy (the v1 rules, which the
bare loop writes out). Goal (issue 11): the default v2 rules cost at most 1.5x the v1 rules
per step at n = 50 and n = 200 (the last column, timed in the same alternation).
"""

from __future__ import annotations

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # one core for both sides, before numpy loads

import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from alignsim.scenario.schema import scenario_model  # noqa: E402
from alignsim.scenario.synthetic import random_scenario_dict  # noqa: E402
from alignsim.simulation.compiled import compile_scenario  # noqa: E402
from alignsim.simulation.model import AlignmentModel  # noqa: E402


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


def timed(*functions, repeats: int = 7) -> list[float]:
    """Best wall times of functions timed in alternation, so load hits them alike."""
    best = [float("inf")] * len(functions)
    for _ in range(repeats):
        for index, function in enumerate(functions):
            start = time.perf_counter()
            function()
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def scenario(n: int, steps: int, preset: str):
    """The benchmark's random scenario under a preset."""
    data = random_scenario_dict(n, issues=8, threats=2, steps=steps, seed=n)
    data["mechanisms"]["preset"] = preset
    return compile_scenario(scenario_model().model_validate(data))


def main() -> int:
    print(
        f"{'actors':>6} {'steps':>6} {'v1 ms/step':>11} {'numpy ms/step':>14} {'v1/numpy':>9} "
        f"{'v2 ms/step':>11} {'v2/v1':>6}"
    )
    for n, steps in ((5, 400), (50, 100), (200, 60)):
        compiled = scenario(n, steps, "v1")
        default = scenario(n, steps, "v2")
        r = compiled.rules
        st = compiled.initial
        mu = r.positions_params["rate"]

        def run_model(compiled=compiled, steps=steps):
            return AlignmentModel(compiled, rng=1).run(steps).state.alignment

        def run_default(compiled=default, steps=steps):
            return AlignmentModel(compiled, rng=1).run(steps).state.alignment

        def run_numpy(st=st, r=r, mu=mu, steps=steps):
            return bare_numpy_steps(
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
            )[0]

        model_a, bare_a = run_model(), run_numpy()
        if not np.allclose(model_a, bare_a, atol=1e-9):
            print(f"n={n}: model and bare numpy disagree", file=sys.stderr)
            return 1
        model_seconds, numpy_seconds, default_seconds = timed(run_model, run_numpy, run_default)
        model_time = model_seconds / steps * 1e3
        numpy_time = numpy_seconds / steps * 1e3
        default_time = default_seconds / steps * 1e3
        print(
            f"{n:>6} {steps:>6} {model_time:>11.3f} {numpy_time:>14.3f} "
            f"{model_time / numpy_time:>9.2f} {default_time:>11.3f} "
            f"{default_time / model_time:>6.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
