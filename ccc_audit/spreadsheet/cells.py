"""Cells safe from formula injection (OWASP CSV injection), written and read back exactly.

Standard library only: CSV output uses it without loading openpyxl.
"""

from __future__ import annotations

import datetime as dt

Cell = str | int | float | dt.date | None
"""A value written to a cell: text is neutralised, numbers and dates stay typed."""

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: str) -> str:
    """Prefix a cell that a spreadsheet would read as a formula with an apostrophe."""
    if value.startswith(_TRIGGERS) or value.startswith("'"):
        return "'" + value
    return value


def restore(value: str) -> str:
    """Undo :func:`neutralise` exactly once."""
    return value[1:] if value.startswith("'") else value


def needs_quote(value: str) -> bool:
    """Whether a spreadsheet could read ``value`` as a formula, or strip its leading apostrophe."""
    return value.startswith((*_TRIGGERS, "'"))


def _escaped(value: str) -> bool:
    return value.startswith("'") and value[1:].startswith((*_TRIGGERS, "'"))


def neutralise_exact(value: str) -> str:
    """Like :func:`neutralise`, but a text whose apostrophe escapes nothing is left as typed.

    ``'abc`` stays ``'abc``; ``=x`` becomes ``'=x`` and ``'=x`` becomes ``''=x``, so
    :func:`restore_exact` gives every value back, a person's own leading apostrophe included.
    """
    return "'" + value if value.startswith(_TRIGGERS) or _escaped(value) else value


def restore_exact(value: str) -> str:
    """Undo :func:`neutralise_exact`: drop an apostrophe only when it escapes a trigger or another."""
    return value[1:] if _escaped(value) else value


def safe(value: Cell) -> Cell:
    """A value ready for a cell: text neutralised, anything else as it is."""
    return neutralise(value) if isinstance(value, str) else value


def cell_text(value: object) -> str:
    """A cell read back as text: dates as ISO dates, whole numbers without ".0", escaping undone once.

    A leading apostrophe that escapes nothing (``'abc``) is a person's and is kept.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return restore_exact(str(value))
