"""Events are shown at their own date, as a user sees them in events.csv and in the figures."""

from __future__ import annotations

import csv
from pathlib import Path

from test_cli_core import alignsim

from alignsim.plot._common import event_key
from alignsim.results import Results


def test_events_csv_and_the_figure_key_show_the_date_of_the_event(tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = alignsim("run", "casa_2019", "--out", out, "--no-plot")
    assert result.returncode == 0, result.stderr
    with open(out / "events.csv", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    # the Uri attack (2016-09) is applied in the step dated 2016-10 but shown at 2016-09
    assert rows["uri_attack_2016"]["date"] == "2016-09-01"
    assert rows["uri_attack_2016"]["step"] == "11"
    assert rows["defence_agreement_2014"]["date"] == "2014-11-01"
    key = event_key(Results.from_dir(out).events)
    assert sum("2016-09  Uri army base attack" in line for line in key) == 1
    assert not any("2016-10" in line for line in key)
