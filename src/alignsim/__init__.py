"""alignsim: strategic scenario simulation of alignment shifts among states."""

from __future__ import annotations

__version__ = "0.1.0"
