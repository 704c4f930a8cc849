"""Small SQL builders shared by record-based checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccc_audit.models.calendar import Span
from ccc_audit.models.checks import RowFilter
from ccc_audit.models.records import ColumnType
from ccc_audit.records.quoting import quote_ident, quote_text
from ccc_audit.records.typing import FALSE_WORDS, TRUE_WORDS

if TYPE_CHECKING:
    from ccc_audit.records.duck_store import DuckRecordStore


def where(store: DuckRecordStore, name: str, filters: list[RowFilter], alias: str | None = None) -> str:
    """A SQL condition that keeps rows passing every filter (``TRUE`` when there are none)."""
    record_type = store.sets[name].record_type
    prefix = f"{alias}." if alias else ""
    parts: list[str] = []
    for rule in filters:
        column = f"{prefix}{quote_ident(rule.column)}"
        declared = record_type.column(rule.column) if record_type else None
        if declared is not None and declared.type is ColumnType.BOOLEAN:
            wanted = {v.lower() in TRUE_WORDS for v in rule.values if v.lower() in TRUE_WORDS + FALSE_WORDS}
            parts.append(" OR ".join(f"{column} = {str(w).lower()}" for w in sorted(wanted)) or "FALSE")
        else:
            values = ", ".join(quote_text(v) for v in rule.values)
            parts.append(f"CAST({column} AS VARCHAR) IN ({values})")
        if rule.keep_blank:
            parts[-1] = f"{parts[-1]} OR {column} IS NULL"
    return " AND ".join(f"({p})" for p in parts) or "TRUE"


def spans_values(spans: list[Span]) -> str:
    """A VALUES list (label, ws, we) of windows; ``spans`` must not be empty."""
    if not spans:
        raise ValueError("no windows")
    rows = ", ".join(f"({quote_text(s.label)}, DATE '{s.start}', DATE '{s.end}')" for s in spans)
    return f"(VALUES {rows}) AS w(label, ws, we)"
