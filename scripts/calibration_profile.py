"""Profile likelihood of the adjustment rate in casa_2019's calibration (docs/validation.md).

Run: ``python scripts/calibration_profile.py`` (about a minute, no network). For each rate held
fixed, drift and noise are refitted on the same data as ``scripts/build_casa_calibrated.sh``
(the index of the 20-state panel refitted on the indicators of 1991-2013) and on casa_2019's
five states alone; the drop in log-likelihood from the best fit is printed. A drop above 1.92
excludes the rate from a 95% profile-likelihood interval (chi-squared, one degree of freedom).
"""

from __future__ import annotations

from alignsim.forecast.adopt import PANEL_20
from alignsim.forecast.calibrate import fit
from alignsim.forecast.specs import DRIFT, NOISE, RATE, scenario_spec
from alignsim.forecast.vintage import packaged_vintage

RATES = (0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2)
PANELS = {"20 states (190 pairs)": PANEL_20, "casa_2019's 5 states (10 pairs)": (
    "CHN", "IND", "PAK", "RUS", "USA")}  # fmt: skip


def main() -> None:
    print("| panel | rate held | log-likelihood drop | drift | noise |\n|---|---|---|---|---|")
    for label, actors in PANELS.items():
        frame = packaged_vintage(actors)(2013)
        best = fit(frame, (1991, 2013), spec=scenario_spec(4)).loglik
        for rate in RATES:
            held = fit(frame, (1991, 2013), spec=scenario_spec(4, {RATE: rate}))
            print(f"| {label} | {rate} | {best - held.loglik:.2f} | {held.values[DRIFT]:.3g} | "
                  f"{held.values[NOISE]:.4f} |")  # fmt: skip


if __name__ == "__main__":
    main()
