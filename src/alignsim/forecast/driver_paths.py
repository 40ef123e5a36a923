"""The observed drivers year by year, as scenario events (``alignsim calibrate --method smm
--observed-drivers``).

A scenario states its drivers once, at its start; over a fit period of twenty years they moved
(China's capability share doubled, trade grew, UNGA voting shifted). For each year after the
first, one event on January 1 sets every actor's capability, every pair's economic tie and,
on the issues the scenario shares with ``alignsim init --from-observed`` (the UNGA issue
sets), every actor's position to the observed panel's value of that year, by the rules of
:func:`alignsim.observed.init.scenario_from_observed` (values known in or before that year
only, so nothing after the fit period is read). Placeholder positions (no ideal point) are not
set. Driver weights are then identified by how relations followed the drivers.
"""

from __future__ import annotations

from typing import Any


def _effects(drawn: dict[str, Any], issues: set[str], actors: set[str]) -> list[dict]:
    effects: list[dict] = []
    for actor in drawn["actors"]:
        if actor["id"] not in actors:
            continue
        effects.append({"capability": actor["id"], "set": actor["capability"]})
        for issue, interest in actor["interests"].items():
            placeholder = interest["citation"]["note"].startswith("placeholder")
            if issue in issues and not placeholder:
                effects.append({"position": [actor["id"], issue], "set": interest["position"]})
    for relation in drawn["relations"]:
        a, b = relation["pair"]
        if "economic_tie" in relation and a in actors and b in actors:
            effects.append({"economic_tie": [a, b], "set": relation["economic_tie"]})
    return effects


def observed_driver_events(tree: dict[str, Any], first: int, last: int) -> list[dict[str, Any]]:
    """One event per year ``first + 1 .. last`` setting the scenario's drivers to the observed
    panel's values of that year.

    Raises:
        ValueError: When the panel does not cover the scenario's actors in those years.
    """
    from alignsim.observed.init import scenario_from_observed
    from alignsim.observed.load import ObservedError

    actors = {a["id"] for a in tree.get("actors") or []}
    issues = {i["id"] for i in tree.get("issues") or []}
    events = []
    for year in range(first + 1, last + 1):
        try:
            drawn = scenario_from_observed(year, sorted(actors))
        except ObservedError as error:
            raise ValueError(f"--observed-drivers: {error}") from None
        events.append({
            "id": f"observed_drivers_{year}",
            "label": f"observed capabilities, trade and UNGA positions of {year}",
            "at": f"{year}-01",
            "effects": _effects(drawn, issues, actors),
        })  # fmt: skip
    return events
