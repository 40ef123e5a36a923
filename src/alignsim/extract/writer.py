"""Writing the draft YAML (with a commented header) and its evidence JSON, atomically."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from alignsim.extract.errors import ExtractError

#: paragraphs listed per actor in the header (the evidence file has them all)
HEADER_PARAGRAPHS = 12


def evidence_path(draft: Path) -> Path:
    """``draft.yaml`` -> ``draft.evidence.json`` (same folder)."""
    return draft.with_name(f"{draft.stem}.evidence.json")


def header(evidence: dict[str, Any]) -> str:
    """Comment lines: provenance and, per actor, how often and where it is mentioned."""
    lines = [
        f"# Draft scenario written by `alignsim extract` from {evidence['input']}.",
        "# Machine reading: check every value against the text before use. Full evidence",
        "# (paragraph, sentence and character offsets of every mention, event and issue",
        "# term) is in the .evidence.json file next to this one.",
        "# Actor mentions (body paragraph: count; kinds):",
    ]
    for actor, entry in evidence["actors"].items():
        mentions = entry["mentions"]
        paras = Counter(m["body_paragraph"] for m in mentions if m["body_paragraph"])
        kinds = Counter(m["kind"] for m in mentions)
        listed = sorted(paras.items())
        where = ", ".join(f"{p}: {n}" for p, n in listed[:HEADER_PARAGRAPHS]) or "none in the body"
        if len(listed) > HEADER_PARAGRAPHS:
            where += f", ... ({len(listed) - HEADER_PARAGRAPHS} more paragraphs)"
        kind_text = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
        lines.append(f"#   {actor} {entry['name']}: {len(mentions)} ({where}; {kind_text})")
    return "\n".join(lines) + "\n"


def render_yaml(scenario: dict[str, Any], evidence: dict[str, Any]) -> str:
    """The draft as YAML text with its header."""
    import yaml

    body = yaml.safe_dump(scenario, sort_keys=False, allow_unicode=True, width=100)
    return header(evidence) + body


def _atomic_write(path: Path, text: str) -> None:
    from alignsim.results.storage import write_text

    write_text(path, text)


def check_outputs(draft: Path, force: bool) -> None:
    """Refuse to overwrite (without ``force``) and to write into a missing folder.

    Raises:
        ExtractError: naming the offending path in its message.
    """
    if not draft.parent.is_dir():
        raise ExtractError(f"{draft}: folder {draft.parent} does not exist")
    for path in (draft, evidence_path(draft)):
        if path.exists() and not force:
            raise ExtractError(f"{path}: exists (use --force to overwrite)")
        if path.exists() and not path.is_file():
            raise ExtractError(f"{path}: exists and is not a file")


def write_draft(draft: Path, scenario: dict[str, Any], evidence: dict[str, Any]) -> Path:
    """Write the draft and its evidence file; nothing is left half-written.

    Returns:
        The path of the evidence file.
    """
    side = evidence_path(draft)
    _atomic_write(side, json.dumps(evidence, indent=1, ensure_ascii=False) + "\n")
    _atomic_write(draft, render_yaml(scenario, evidence))
    return side
