"""What ``alignsim calibrate`` and ``alignsim hindcast`` share: the observed index and actors."""

from __future__ import annotations

from typing import Any

from alignsim.cli._common import fail


def actor_list(text: str | None) -> list[str] | None:
    """``--actors USA,RUS,...`` as a list (None when not given)."""
    if text is None:
        return None
    actors = [a.strip() for a in text.split(",") if a.strip()]
    if len(actors) < 2:
        fail(f"--actors: {text!r} names fewer than two states")
    return actors


def observed_or_fail(
    source: str | None, actors: list[str], years: tuple[int, int], option: str
) -> tuple[Any, str]:
    """The observed frame for ``actors`` and a note on where it comes from.

    ``source`` is a CSV file, or empty/None for the index packaged with alignsim; ``option``
    names the option that chose ``years`` (for messages).
    """
    from alignsim.forecast.observed_file import ObservedError, read_observed

    if source:
        try:
            frame = read_observed(source)
        except ObservedError as error:
            fail(error.problems)
        note = f"observed index from {source}"
    else:
        from alignsim.observed import ObservedError, alignment, coverage

        first, last = coverage("dyad")
        span = (max(first, years[0]), min(last, years[1]))
        if span[0] > span[1]:
            fail(f"{option}: {years[0]}-{years[1]} is outside the packaged index ({first}-{last})")
        try:
            frame = alignment(actors, span)
        except (ObservedError, ValueError) as error:
            fail(f"--actors: {str(error).splitlines()[0]}")
        frame = frame[["year", "a", "b", "alignment", "low", "high"]].astype(
            {"alignment": float, "low": float, "high": float}
        )
        note = "alignsim's packaged observed alignment index (see DATA-LICENSES.md for citations)"
        source = "the packaged index"
    present = set(frame["a"]) | set(frame["b"])
    absent = [a for a in actors if a not in present]
    if absent:
        fail(f"--actors: no observations of {', '.join(absent)} in {source}")
    frame = frame[frame["a"].isin(actors) & frame["b"].isin(actors)]
    if frame.empty:
        fail(f"--actors: no pair of {', '.join(actors)} is observed in {source}")
    return frame.reset_index(drop=True), note
