"""Prove a record set's keys distinct from the order its rows come in, without grouping them.

Exports are written in order: interval statistics queue by queue and, within a queue, interval
by interval; evaluations by id. Split a key into *group* columns and *order* columns. If, in one
pass over the rows, every group's rows form a single run (as many runs as distinct groups) and
the order columns strictly increase within each run, no two rows can share a key. The pass
reads each row once beside its predecessor, and counting the distinct groups needs a hash table
of the groups only (hundreds of queues, not millions of intervals), where grouping by the whole
key needs one entry per row.

The argument holds for whatever sequence the pass sees the rows in, so a scan order other than
the file's can only make the proof fail, never make it wrong; the caller then groups by the key.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from ccc_audit.records.readers import quote_ident

PREFIX_ROWS = 10_000
"""Rows tried first: a split that already fails on them is not tried on the whole set."""


def _splits(key: Sequence[str]) -> list[tuple[list[str], list[str]]]:
    """(group columns, order columns) to try: the last key column ordered, then the first."""
    if len(key) == 1:
        return [([], list(key))]
    return [(list(key[:-1]), list(key[-1:])), (list(key[1:]), list(key[:1]))]


def _runs_ordered(
    con: duckdb.DuckDBPyConnection,
    table: str,
    group: list[str],
    order: list[str],
    present: str,
    rows: int | None,
) -> bool:
    """Whether each group is one run with strictly increasing order columns (over ``rows`` rows if given)."""
    columns = [quote_ident(c) for c in [*group, *order]]
    before = {c: f"__prev_{index}" for index, c in enumerate(columns)}
    lagged = ", ".join(f"lag({c}) OVER w AS {before[c]}" for c in columns)
    source = f"SELECT {', '.join(columns)} FROM {table} WHERE {present}"
    if rows is not None:
        source += f" LIMIT {rows}"
    same_group = " AND ".join(f"{c} = {before[c]}" for c in columns[: len(group)]) or "TRUE"
    current = ", ".join(columns[len(group) :])
    previous = ", ".join(before[c] for c in columns[len(group) :])
    starts = (
        "count(*) FILTER (WHERE NOT ("
        + " AND ".join(f"{c} IS NOT DISTINCT FROM {before[c]}" for c in columns[: len(group)])
        + "))"
        if group
        else "1"
    )
    found = con.execute(
        f"SELECT {starts}, count(*) FILTER (WHERE {same_group} AND ({current}) <= ({previous})) "
        f"FROM (SELECT *, {lagged} FROM ({source}) WINDOW w AS ())"
    ).fetchone()
    if found is None or found[1]:
        return False
    if not group:
        return True
    distinct = con.execute(
        f"SELECT count(*) FROM (SELECT DISTINCT {', '.join(columns[: len(group)])} FROM ({source}))"
    ).fetchone()
    return distinct is not None and distinct[0] == found[0]


def keys_distinct_by_order(
    con: duckdb.DuckDBPyConnection, table: str, key: Sequence[str], present: str
) -> bool:
    """True when the rows' order proves every non-null ``key`` of ``table`` distinct (False: unknown)."""
    for group, order in _splits(key):
        if _runs_ordered(con, table, group, order, present, PREFIX_ROWS) and _runs_ordered(
            con, table, group, order, present, None
        ):
            return True
    return False
