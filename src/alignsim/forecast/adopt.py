"""Adopt a calibration into a scenario file: the fitted values and their citations.

``casa_2019`` runs with the adjustment rate, noise and error-correction drift that
``alignsim calibrate`` fits on the 20-state validation panel over 1991-2013 (the index
refitted on the indicators of those years only, so nothing of the scenario's own period
2014-2025 enters). A fit on the scenario's five states alone (10 pairs) cannot pin these
down, so they are fitted on a common-parameter panel, as the hindcast validation uses.
The values and two source entries (the observed index as of 2013, and the fit: period,
states, command, version) are written between marker lines of the scenario file, so the
file is rebuilt from the fit alone: ``python -m alignsim.forecast.adopt`` (what
``scripts/build_casa_calibrated.sh`` runs; about 20 s, no network).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import yaml

#: the 20-state panel of docs/validation.md (190 pairs)
PANEL_20 = ("USA", "RUS", "CHN", "IND", "PAK", "GBR", "FRA", "DEU", "JPN", "KOR",
            "BRA", "TUR", "IRN", "ISR", "SAU", "EGY", "IDN", "AUS", "ZAF", "UKR")  # fmt: skip
#: the calibration casa_2019 adopts: scenario fitted (its registered defaults as the start),
#: states and years
FIT = ("casa_2019_uncalibrated", PANEL_20, "1991:2013")
SCRIPT = "scripts/build_casa_calibrated.sh"
MARKERS = {
    "sources": ("  # >>> calibration sources", "  # <<< calibration sources"),
    "mechanisms": ("# >>> calibrated dynamics", "# <<< calibrated dynamics"),
}


def command(out: str) -> list[str]:
    """The ``alignsim calibrate`` command line of :data:`FIT`, writing to ``out``."""
    scenario, actors, span = FIT
    return ["alignsim", "calibrate", scenario, "--actors", ",".join(actors), "--fit", span,
            "--out", out]  # fmt: skip


def _nested(values: dict[str, float]) -> dict:
    tree: dict = {}
    for path, value in values.items():
        *parents, leaf = path.split(".")
        node = tree
        for key in parents[1:]:  # every path starts with "mechanisms."
            node = node.setdefault(key, {})
        node[leaf] = round(float(value), 6)
    return tree


def blocks(record: dict) -> dict[str, list[str]]:
    """The lines written between each pair of markers, from a ``calibration.json`` record."""
    first, last = record["fit_years"]
    scenario, actors, _ = FIT
    shown = " ".join(command("DIR")[:-2])
    pairs = len(record["pairs"])
    sources = [
        f"  # written by {SCRIPT} from the fit below; do not edit by hand",
        "  - id: observed_index_2013",
        f"    title: alignsim observed alignment index of {len(actors)} states ({pairs} pairs),"
        f" {first}-{last}, refitted on the indicators of those years only",
        "    author: alignsim (underlying data and the citations owed in DATA-LICENSES.md)",
        f"    date: {last}",
        "  - id: calibration_1991_2013",
        f"    title: '{shown} (alignsim {record['alignsim_version']}): maximum likelihood,"
        f" Kalman filter of the linear dynamics, log-likelihood {record['log_likelihood']:.2f}'",
        "    author: alignsim calibrate",
        f"    date: {last}",
    ]
    body = yaml.safe_dump({"mechanisms": _nested(record["estimates"])}, sort_keys=False,
                          default_flow_style=None).splitlines()  # fmt: skip
    mechanisms = [
        f"# Written by {SCRIPT}; do not edit by hand.",
        f"# Fitted by `alignsim calibrate` on the observed index, {first}-{last}, of {len(actors)}"
        f" states ({pairs} pairs):",
        *textwrap.wrap(", ".join(actors), 96, initial_indent="#   ", subsequent_indent="#   "),
        "# (sources observed_index_2013, calibration_1991_2013); nothing from the scenario's own",
        "# period enters. Point estimates. The fit's warnings:",
        *(f"#   {w}" for w in record["warnings"]),
        f"# {scenario}.yaml runs the registered defaults instead; docs/validation.md",
        "# says what these values mean for the article's channel.",
        *body,
    ]
    return {"sources": sources, "mechanisms": mechanisms}


def splice(text: str, new: dict[str, list[str]]) -> str:
    """``text`` with the lines between each pair of :data:`MARKERS` replaced.

    Raises:
        ValueError: When a marker is missing or out of order.
    """
    lines = text.splitlines()
    for name, (begin, end) in MARKERS.items():
        try:
            first, last = lines.index(begin), lines.index(end)
        except ValueError:
            raise ValueError(f"marker {begin.strip()!r} or {end.strip()!r} missing") from None
        if last < first:
            raise ValueError(f"marker {end.strip()!r} comes before {begin.strip()!r}")
        lines[first + 1 : last] = new[name]
    return "\n".join(lines) + "\n"


def rebuilt(scenario_file: Path, work: Path) -> str:
    """The scenario file's text with a fresh fit (run into ``work``) spliced in."""
    out = work / "calibration"
    argv = [sys.executable, "-m", "alignsim", *command(str(out))[1:]]
    subprocess.run(argv, check=True, capture_output=True, text=True, env=dict(os.environ))
    record = json.loads((out / "calibration.json").read_text(encoding="utf-8"))
    return splice(scenario_file.read_text(encoding="utf-8"), blocks(record))


def main() -> None:
    """Rebuild the calibrated blocks of the scenario file given (default casa_2019)."""
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "scenarios/casa_2019.yaml")
    with tempfile.TemporaryDirectory() as work:
        text = rebuilt(target, Path(work))
    staged = target.with_name(target.name + ".tmp")
    staged.write_text(text, encoding="utf-8")
    staged.replace(target)


if __name__ == "__main__":
    main()
