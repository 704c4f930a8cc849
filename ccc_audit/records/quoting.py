"""Quoting of identifiers and string literals in the SQL the checks write (no DuckDB needed)."""

from __future__ import annotations


def quote_ident(name: str) -> str:
    """A DuckDB identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def quote_text(text: str) -> str:
    """A DuckDB string literal."""
    return "'" + text.replace("'", "''") + "'"
