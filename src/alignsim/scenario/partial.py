"""Reference checks on a scenario that failed its schema, so one pass reports everything.

Entries with schema problems are set aside; if what is left validates, the reference checks
run on it and their findings are mapped back to the original entries. Findings about ids
that exist in a set-aside entry ("unknown actor 'PAK'" when PAK's own entry has a bad value)
are dropped: the user fixes that entry, not the reference.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from alignsim.scenario.checks import Finding, check_scenario
from alignsim.scenario.schema import scenario_model

LIST_SECTIONS = ("sources", "issues", "actors", "relations", "threats", "events")
#: kind named in an "unknown ..." message -> the section whose ids it refers to
KIND_SECTION = {
    "actor": "actors",
    "issue": "issues",
    "threat": "threats",
    "source": "sources",
    "group": "groups",
}
_UNKNOWN = re.compile(r"^unknown (\w+) '([^']*)'")


def _set_aside(error_locs: list[tuple[Any, ...]]) -> dict[str, set[Any]] | None:
    """Entries to set aside per section, or None when a problem is outside any entry."""
    aside: dict[str, set[Any]] = {}
    for loc in error_locs:
        head = loc[0] if loc else None
        if head in (*LIST_SECTIONS, "groups") and len(loc) >= 2:
            aside.setdefault(head, set()).add(loc[1])
        elif head == "mechanisms":
            aside["mechanisms"] = set()
        else:
            return None  # e.g. time or name: references cannot be checked without them
    return aside


def _ids(tree: Any, section: str) -> set[str]:
    entries = tree.get(section)
    if section == "groups":
        return {str(k) for k in entries} if isinstance(entries, dict) else set()
    if not isinstance(entries, list):
        return set()
    return {str(e["id"]) for e in entries if isinstance(e, dict) and "id" in e}


def findings_despite_schema_errors(tree: Any, error_locs: list[tuple[Any, ...]]) -> list[Finding]:
    """Reference findings for the entries of ``tree`` that passed the schema.

    Args:
        tree: The merged scenario tree that failed validation.
        error_locs: Locations of its schema errors.

    Returns:
        ``(path, message)`` findings with paths into the original tree (empty when the rest
        cannot be checked).
    """
    aside = _set_aside(error_locs)
    if aside is None or not isinstance(tree, dict):
        return []
    pruned = dict(tree)
    kept: dict[str, list[int]] = {}
    for section in LIST_SECTIONS:
        entries = tree.get(section)
        if isinstance(entries, list):
            kept[section] = [i for i in range(len(entries)) if i not in aside.get(section, ())]
            pruned[section] = [entries[i] for i in kept[section]]
    if isinstance(tree.get("groups"), dict):
        pruned["groups"] = {
            k: v for k, v in tree["groups"].items() if k not in aside.get("groups", ())
        }
    if "mechanisms" in aside:
        pruned.pop("mechanisms", None)
    try:
        scenario = scenario_model().model_validate(pruned)
    except ValidationError:
        return []
    # a set-aside entry whose id itself is bad could be any id: references of its kind are
    # not judged until it is fixed
    bad_id_sections = {loc[0] for loc in error_locs if len(loc) >= 3 and loc[2] == "id"}
    raw_ids = {section: _ids(tree, section) for section in KIND_SECTION.values()}
    findings = []
    for path, message in check_scenario(scenario):
        unknown = _UNKNOWN.match(message)
        if unknown:
            section = KIND_SECTION.get(unknown.group(1), "")
            if section in bad_id_sections or unknown.group(2) in raw_ids.get(section, ()):
                continue
        if path and path[0] in kept and len(path) > 1 and isinstance(path[1], int):
            path = (path[0], kept[path[0]][path[1]], *path[2:])
        findings.append((path, message))
    return findings
