"""Explain the values of a record file that do not fit their column type, each at its line."""

from __future__ import annotations

from typing import Any

import duckdb

from ccc_audit.errors import Diagnostic, did_you_mean
from ccc_audit.models.records import ColumnType
from ccc_audit.records.readers import Source, quote_ident
from ccc_audit.records.typing import checked_columns, expected

MAX_REPORTED = 20
"""Bad values reported per column."""


def bad_values(
    reader: duckdb.DuckDBPyConnection,
    name: str,
    source: Source,
    planned: list[Any],
    line_expr: str,
    shown: str,
) -> list[Diagnostic]:
    """Every value that failed its column type, at its file line with what was expected (20 per column)."""
    table = quote_ident(name)
    problems: list[Diagnostic] = []
    checked = checked_columns(planned)
    # The raw text again, as a table: its rowids follow the file like the typed table's do (a
    # window over a parallel scan would not), so a bad value is quoted from its own row.
    raw_columns = ", ".join(quote_ident(c.name) for c in checked)
    reader.execute(f"CREATE OR REPLACE TEMP TABLE __raw_values AS SELECT {raw_columns} FROM {source.clause}")
    for bit, column in enumerate(checked):
        rows = reader.execute(
            f"SELECT rowid, {line_expr} FROM {table} WHERE (__bad & {1 << bit}) <> 0 "
            f"ORDER BY rowid LIMIT {MAX_REPORTED}"
        ).fetchall()
        if not rows:
            continue
        wanted = ", ".join(str(r[0]) for r in rows)
        raw = dict(
            reader.execute(
                f"SELECT rowid, {quote_ident(column.name)} FROM __raw_values WHERE rowid IN ({wanted})"
            ).fetchall()
        )
        for rowid, line in rows:
            value = str(raw.get(rowid, "")).strip()
            problems.append(
                Diagnostic(
                    shown,
                    int(line),
                    0,
                    f'column {column.header}: "{value}" is not {expected(column)}'
                    + (did_you_mean(value, column.values) if column.type is ColumnType.ENUM else ""),
                )
            )
    reader.execute("DROP TABLE IF EXISTS __raw_values")
    return problems
