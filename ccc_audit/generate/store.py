"""The DuckDB working store: the roster as a table, SQL literals, and CSV output.

Large tables are built and written by SQL; every file is written by ``COPY (… ORDER BY …)`` so
that the row order, and hence the bytes, never depend on thread scheduling.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb

from ccc_audit.generate.people import Roster

_CHUNK = 500

Cell = str | int | float | bool | dt.date | None


def date_sql(day: dt.date) -> str:
    """A DuckDB DATE literal."""
    return f"DATE '{day.isoformat()}'"


def text_sql(value: str | None) -> str:
    """A DuckDB string literal, or NULL."""
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def _literal(value: Cell) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return date_sql(value)
    if isinstance(value, int | float):
        return repr(value)
    return text_sql(value)


def load_table(
    con: duckdb.DuckDBPyConnection, name: str, columns: str, rows: Sequence[Sequence[Cell]]
) -> None:
    """Create table ``name`` (``columns`` is its SQL column list) holding ``rows``."""
    con.execute(f"CREATE OR REPLACE TABLE {name} ({columns})")
    for i in range(0, len(rows), _CHUNK):
        chunk = rows[i : i + _CHUNK]
        values = ", ".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in chunk)
        con.execute(f"INSERT INTO {name} VALUES {values}")


def load_roster(con: duckdb.DuckDBPyConnection, roster: Roster) -> None:
    """Table ``staff``: who is in production when (``until`` is the exit date, NULL in post)."""
    load_table(
        con,
        "staff",
        "staff_id VARCHAR, role VARCHAR, program VARCHAR, site VARCHAR, ps DATE, until DATE, slot INTEGER",
        [
            (p.staff_id, p.role, p.program, p.site, p.production_start, p.exit_date, p.slot)
            for p in roster.people
        ],
    )


def copy_csv(con: duckdb.DuckDBPyConnection, select: str, path: Path) -> int:
    """Write the rows of ``select`` (which must end with a total ORDER BY) to a CSV file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    target = str(path).replace("'", "''")
    result = con.execute(f"COPY ({select}) TO '{target}' (FORMAT csv, HEADER, DELIMITER ',')").fetchone()
    return int(result[0]) if result else 0


def yes_no(value: bool | None) -> str:
    """A boolean as the records expect it."""
    return "" if value is None else ("yes" if value else "no")


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    """Write a small table from Python: UTF-8, LF line ends, dates ISO, booleans yes/no."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(
                [
                    yes_no(v)
                    if isinstance(v, bool) or v is None
                    else v.isoformat()
                    if isinstance(v, dt.date)
                    else v
                    for v in row
                ]
            )
            count += 1
    return count
