"""Bad values of a catalog table located by the row's key, since a table has no lines.

A ``table:`` record set (read on Spark, :mod:`ccc_audit.spark.tables`) is typed like a file; a
value that does not fit is reported as ``table qa.evaluations (evaluation_id=E-17)``, the
record type's key columns and their values in that row, instead of a line number.
"""

from __future__ import annotations

import duckdb

from ccc_audit.errors import Diagnostic
from ccc_audit.models.records import RecordType
from ccc_audit.records.readers import Source, quote_ident


def located_by_key(
    con: duckdb.DuckDBPyConnection, problems: list[Diagnostic], source: Source, record_type: RecordType | None
) -> list[Diagnostic]:
    """``problems`` (rows counted from 1) with each row named by its key instead of its number."""
    headers = dict(zip(source.columns, source.headers, strict=True))
    keys = [k for k in (record_type.key if record_type else []) if k in headers]
    if not keys or source.columnar is None:
        return [
            Diagnostic(d.path, 0, 0, f"row {d.line}: {d.message}" if d.line else d.message) for d in problems
        ]
    selected = ", ".join(quote_ident(headers[k]) for k in keys)
    con.execute(f"CREATE OR REPLACE TEMP TABLE __table_keys AS SELECT {selected} FROM {source.columnar}")
    located = []
    for problem in problems:
        row = con.execute("SELECT * FROM __table_keys WHERE rowid = ?", [problem.line - 1]).fetchone()
        if problem.line < 1 or row is None:
            located.append(Diagnostic(problem.path, 0, 0, problem.message))
            continue
        key = ", ".join(f"{k}={value}" for k, value in zip(keys, row, strict=True))
        located.append(Diagnostic(f"{problem.path} ({key})", 0, 0, problem.message))
    con.execute("DROP TABLE IF EXISTS __table_keys")
    return located
