"""Load one record source into a typed DuckDB table, with every row at its exact file line.

The fast path parses a clean CSV with DuckDB's typed reader; the text path types every value
itself and explains each one that does not fit. A CSV whose rows are not one line each (blank
lines, quoted line breaks, bare carriage returns) or that DuckDB cannot parse is rewritten by
Python's csv module with its lines (:mod:`ccc_audit.records.lined_csv`) and loaded from that copy,
so that no location is re-derived from a row's position.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from ccc_audit.loading.line_ends import LineEnds
from ccc_audit.records.bad_values import bad_values
from ccc_audit.records.errors import RecordDataError
from ccc_audit.records.lined_csv import one_line_per_row, read_csv_lined
from ccc_audit.records.readers import Source, explain_csv_error, is_invalid_unicode, lined_source, quote_ident
from ccc_audit.records.typing import TypedColumn, typed_select

NativeType = Callable[[TypedColumn], str]
CountedEnds = Callable[[], LineEnds | None] | None
"""Gives a file's line ends if they were counted already (by the pass that hashed it)."""


@dataclass(frozen=True)
class LoadedTable:
    """What a loaded table needs to be cited: its source and how a row's file line is computed."""

    source: Source
    line_expr: str
    keep_line: bool


class _LinesNotDerivableError(Exception):
    """The file's rows are not one line each; its lines must come from the reader."""


def _lined(source: Source, shown: str) -> Source:
    assert source.csv_file is not None
    target = source.csv_file.with_name(source.csv_file.name + ".lined.csv")
    read_csv_lined(source.csv_file, source.columns, shown, target, source.delimiter, source.skip + 1)
    return lined_source(target, source.columns, source.headers)


def _check_lines(con: duckdb.DuckDBPyConnection, table: str, source: Source, ends: CountedEnds) -> None:
    if source.line_offset == 0 or source.csv_file is None:
        return
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    counted = ends() if ends is not None else None  # after the parse: the hash has long finished
    if not one_line_per_row(source.csv_file, int(rows[0]) if rows else 0, source.skip + 1, counted):
        con.execute(f"DROP TABLE IF EXISTS {table}")
        raise _LinesNotDerivableError


def _fast(
    con: duckdb.DuckDBPyConnection, table: str, source: Source, planned: list[TypedColumn], native: NativeType
) -> bool:
    """Parse a clean CSV with DuckDB's own typed reader; False (nothing left) at the first doubt.

    Any value DuckDB cannot parse (YYYY/MM/DD dates, はい / いいえ among them, an enum value
    outside its list), a value below its column's minimum or a ragged row sends the file to the
    text path, which accepts those dates and words and locates every bad value exactly.
    """
    if source.csv_file is None:
        return False
    types = {c.name: native(c) for c in planned}
    types["__line"] = "BIGINT"
    below = " OR ".join(f"{quote_ident(c.name)} < {c.min!r}" for c in planned if c.min is not None)
    try:
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM {source.typed_clause(types)}")
        found = con.execute(f"SELECT count(*) FROM {table} WHERE {below}") if below else None
        if found is not None and found.fetchone() != (0,):
            raise duckdb.ConversionException("a value below its column's minimum")
    except duckdb.Error:
        con.execute(f"DROP TABLE IF EXISTS {table}")
        return False
    return True


def _attempt(
    con: duckdb.DuckDBPyConnection,
    name: str,
    source: Source,
    planned: list[TypedColumn],
    shown: str,
    native: NativeType,
    fast: bool,
    ends: CountedEnds,
) -> LoadedTable:
    table = quote_ident(name)
    keep_line = source.line_offset == 0
    line_expr = "__line" if keep_line else f"(rowid + {source.line_offset})"
    if fast and _fast(con, table, source, planned, native):
        _check_lines(con, table, source, ends)
        return LoadedTable(source, line_expr, keep_line)
    con.execute(f"CREATE TABLE {table} AS {typed_select(source.clause, planned, keep_line)}")
    _check_lines(con, table, source, ends)
    bad = con.execute(f"SELECT count(*) FROM {table} WHERE __bad <> 0").fetchone()
    if bad and bad[0]:
        raise RecordDataError(bad_values(con, name, source, planned, line_expr, shown))
    con.execute(f"ALTER TABLE {table} DROP COLUMN __bad")
    return LoadedTable(source, line_expr, keep_line)


def load_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    source: Source,
    planned: list[TypedColumn],
    shown: str,
    native: NativeType,
    as_cp932: Callable[[], Source] | None,
    *,
    fast: bool = True,
    ends: CountedEnds = None,
) -> LoadedTable:
    """Create table ``name`` from ``source``; ``as_cp932`` re-reads the file as CP932 when UTF-8 fails.

    ``fast`` False skips DuckDB's typed reader (declared date formats need the text path).
    ``ends`` gives the file's line ends if they were counted already (used only for that file).

    Raises RecordDataError with every located problem of the file.
    """
    try:
        try:
            return _attempt(con, name, source, planned, shown, native, fast, ends)
        except duckdb.Error as exc:
            if is_invalid_unicode(exc):
                if as_cp932 is None:
                    raise explain_csv_error(exc, shown) from None
                source = as_cp932()
                try:
                    return _attempt(con, name, source, planned, shown, native, fast, ends)
                except duckdb.Error as again:
                    if is_invalid_unicode(again) or source.csv_file is None or source.line_offset == 0:
                        raise explain_csv_error(again, shown) from None
            elif source.csv_file is None or source.line_offset == 0:
                raise explain_csv_error(exc, shown) from None
    except _LinesNotDerivableError:
        pass
    con.execute(f"DROP TABLE IF EXISTS {quote_ident(name)}")
    lined = _lined(source, shown)
    try:
        return _attempt(con, name, lined, planned, shown, native, fast, None)
    except duckdb.Error as exc:
        raise explain_csv_error(exc, shown) from None
