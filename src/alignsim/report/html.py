"""HTML building blocks: the inline style sheet, escaping, tables, embedded figures."""

from __future__ import annotations

import base64
import html
import io
from typing import Any

STYLE = """
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2rem auto;
       max-width: 70rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem;
     border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 0.25rem 0.7rem; text-align: left;
         vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1.2rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #444; } .meta { color: #555; font-size: 0.9rem; }
.note { background: #fff8e1; padding: 0.4rem 0.7rem; border-left: 3px solid #E69F00; }
code { font-size: 0.85rem; }
"""


def esc(value: Any) -> str:
    """Text escaped for HTML (quotes included); None becomes an empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def table(header: list[str], rows: list[list[Any]], numeric: set[int] | None = None) -> str:
    """An HTML table; every cell is escaped, columns in ``numeric`` right-aligned."""
    numeric = numeric or set()
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{esc(c)}</td>' if i in numeric else f"<td>{esc(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure_html(figure: Any, alt: str, caption: str, dpi: int = 100) -> str:
    """A figure as an embedded PNG with alternative text and a caption; closes the figure."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    finally:
        plt.close(figure)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}">'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def scenario_note_html(note: str) -> str:
    """Where the scenario came from: a plain line, or a highlighted note when something is
    wrong (a warning, or no scenario found); nothing when there is no note."""
    if not note:
        return ""
    if note.startswith("warning") or not note.startswith(("scenario from", "bundled")):
        return f'<p class="note">{esc(note)}</p>'
    return f'<p class="meta">Sources and citations below: {esc(note)}.</p>'


def document(title: str, body: list[str]) -> str:
    """A complete HTML document with the inline style sheet; ``title`` is escaped here."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} — alignsim report</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
