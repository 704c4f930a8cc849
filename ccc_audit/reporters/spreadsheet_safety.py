"""Neutralise spreadsheet cells against formula injection (OWASP CSV injection)."""

from __future__ import annotations

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: str) -> str:
    """Prefix a cell that a spreadsheet would read as a formula with an apostrophe."""
    if value.startswith(_TRIGGERS) or value.startswith("'"):
        return "'" + value
    return value


def restore(value: str) -> str:
    """Undo :func:`neutralise` exactly once."""
    return value[1:] if value.startswith("'") else value
