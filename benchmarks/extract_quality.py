"""Quality of ``alignsim extract``: precision and recall on hand-labelled texts, and the
reading of the reference article.

Usage (from the repository root)::

    .venv/bin/python benchmarks/extract_quality.py [ARTICLE]

ARTICLE defaults to ``../shared/sources/butt-2019-budding-pak-russia-strategic-relationship.txt``
(the repository does not copy it); the second part is skipped, with a note, if it is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from unittest import mock

from alignsim.extract.pipeline import extract
from alignsim.extract.relations import by_pair, stance
from alignsim.extract.scoring import Score, load_labels, predicted, score

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "extract" / "data"
ARTICLE = (
    ROOT.parent / "shared" / "sources" / "butt-2019-budding-pak-russia-strategic-relationship.txt"
)
#: pairs the reference article presents as cooperative
EXPECTED_COOPERATIVE = [("PAK", "RUS"), ("CHN", "RUS"), ("IND", "USA")]


def labelled_quality(title: str = "with the negation/hypothetical rule") -> Score:
    """Print per-text and pooled scores on the labelled texts; return the pooled score."""
    total = Score(0, 0, 0, 0, 0)
    print(title)
    print(f"{'text':<22} {'found':>5} {'labels':>6} {'hits':>4} {'prec':>6} {'recall':>6} "
          f"{'F1':>6} {'dates':>6}")  # fmt: skip
    for text_path in sorted(LABELLED.glob("*.txt")):
        labels = load_labels(text_path.with_suffix(".labels.yaml"))
        result = score(extract(text_path.read_text(encoding="utf-8")).events, labels)
        total = total + result
        _row(text_path.stem, result)
    _row("ALL (pooled)", total)
    return total


def _row(name: str, s: Score) -> None:
    print(f"{name:<22} {s.predicted:>5} {s.labelled:>6} {s.true_positives:>4} "
          f"{s.precision:>6.2f} {s.recall:>6.2f} {s.f1:>6.2f} {s.date_accuracy:>6.2f}")  # fmt: skip


def article_reading(path: Path) -> None:
    """Print the stances of the expected pairs and India's reaction to the joint drills."""
    extraction = extract(path.read_text(encoding="utf-8"))
    pairs = by_pair(extraction.events)
    print(f"\nReference article: {path.name}")
    print(f"{'pair':<9} {'events':>6} {'stance':>7}  expected     result")
    for pair in EXPECTED_COOPERATIVE:
        events = pairs.get(pair, [])
        value = stance(events)
        verdict = "ok" if value > 0 else "MISSED"
        print(f"{'-'.join(pair):<9} {len(events):>6} {value:>+7.2f}  cooperative  {verdict}")
    drills = [e for e in extraction.events if e.pair == ("PAK", "RUS") and e.root == "06"
              and "drill" in e.cue.lower()]  # fmt: skip
    sentences = {(e.evidence.block, e.evidence.sentence) for e in drills}
    unease = [
        e for e in extraction.events
        if (e.evidence.block, e.evidence.sentence) in sentences
        and e.source == "IND" and e.sign < 0 and e.target in ("PAK", "RUS")
    ]  # fmt: skip
    for e in drills:
        print(f"joint drills: {e.source}-{e.target} CAMEO {e.root} {e.goldstein:+g}, "
              f"date {e.date.iso() if e.date else None}, {e.evidence.describe()}")  # fmt: skip
    for e in unease:
        print(f"India's unease at the drills: {e.source}->{e.target} CAMEO {e.root} "
              f"({e.label}) {e.goldstein:+g}, {e.evidence.describe()}")  # fmt: skip
    print("India's unease at the drills:", "found" if unease else "MISSED")
    signed = predicted(extraction.events)
    print(f"signed events in the article: {len(signed)} (sentence, pair, sign) readings")


def main(argv: list[str]) -> int:
    """Run both parts; the article part is skipped if its file is missing."""
    with mock.patch("alignsim.extract.events.blocking_trigger", lambda *args: None):
        off = labelled_quality("without the negation/hypothetical rule (every cue kept)")
    print()
    on = labelled_quality()
    print(
        f"\npooled precision {off.precision:.2f} -> {on.precision:.2f}, "
        f"recall {off.recall:.2f} -> {on.recall:.2f}, F1 {off.f1:.2f} -> {on.f1:.2f}"
    )
    path = Path(argv[1]) if len(argv) > 1 else ARTICLE
    if not path.is_file():
        print(f"\n{path}: not found; pass the article's path to read it")
        return 0
    article_reading(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
