"""Self-contained HTML reports of one run, an ensemble or a comparison of two scenarios.

A run or ensemble report holds its provenance, key results, figures, and the scenario
with its sources and citations; a comparison report holds the differences with intervals.

Every figure is embedded as a base64 PNG, the style sheet is inline, and every piece of
text from the scenario or the results passes through :func:`html.escape`, so the file
opens anywhere without network access and no scenario text can inject markup.
"""

from alignsim.report.compare import build_compare_report
from alignsim.report.ensemble import build_ensemble_report
from alignsim.report.scenario import citations
from alignsim.report.single import build_report
from alignsim.report.studies import build_sensitivity_report, build_sweep_report

__all__ = [
    "build_compare_report",
    "build_ensemble_report",
    "build_report",
    "build_sensitivity_report",
    "build_sweep_report",
    "citations",
]
