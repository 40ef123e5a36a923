"""Extraction quality on the hand-labelled texts (numbers printed by the benchmark)."""

from pathlib import Path

from alignsim.extract.pipeline import extract
from alignsim.extract.scoring import Score, load_labels, score

DATA = Path(__file__).parent / "data"


def pooled() -> Score:
    total = Score(0, 0, 0, 0, 0)
    for text in sorted(DATA.glob("*.txt")):
        labels = load_labels(text.with_suffix(".labels.yaml"))
        total = total + score(extract(text.read_text(encoding="utf-8")).events, labels)
    return total


def test_pooled_precision_recall_and_dates_stay_high() -> None:
    result = pooled()
    assert result.labelled == 40
    assert result.precision >= 0.85
    assert result.recall >= 0.80
    assert result.date_accuracy >= 0.90


def test_scoring_counts_by_hand() -> None:
    labels = load_labels(DATA / "caspian_currents.labels.yaml")
    assert len(labels) == 5
    assert labels[(1, 1, ("AZE", "TUR"), 1)] == "2020-09"
    perfect = Score(5, 5, 5, 4, 5)
    assert (perfect.precision, perfect.recall, perfect.f1, perfect.date_accuracy) == (
        1.0,
        1.0,
        1.0,
        0.8,
    )
    half = Score(2, 4, 8, 0, 0)
    assert (half.precision, half.recall) == (0.5, 0.25)
    assert abs(half.f1 - 2 * 0.5 * 0.25 / 0.75) < 1e-12
