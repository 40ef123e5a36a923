"""The one exception the extractor raises for bad input."""

from __future__ import annotations


class ExtractError(Exception):
    """Input the extractor cannot use; the message says why, in one line."""
