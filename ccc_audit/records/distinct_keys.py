"""Prove a record set's keys distinct from the order its rows come in, without grouping them.

Exports are written in order: interval statistics queue by queue and, within a queue, interval
by interval; evaluations by id. Split a key into *group* columns and *order* columns. If, in one
pass over the rows, every group's rows form a single run (as many runs as distinct groups) and
the order columns strictly increase within each run, no two rows can share a key. The pass
reads each row once beside its predecessor, and counting the distinct groups (in the same pass)
needs a hash table of the groups only (hundreds of queues, not millions of intervals), where
grouping by the whole key needs one entry per row.

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
    """Whether each group is one run with strictly increasing order columns (over ``rows`` rows if given).

    Groups are compared by the hash of their columns: a coarsening, so two groups that share a
    hash count as one, whose single run must then increase throughout. The argument still holds
    (equal order values cannot hide in one strictly increasing run), and comparing one number per
    row instead of the group's text halves the pass.
    """
    ordered = [quote_ident(c) for c in order]
    before = [f"__prev_{index}" for index in range(len(ordered))]
    group_value = f"hash({', '.join(quote_ident(c) for c in group)})" if group else "0"
    source = f"SELECT {group_value} AS __group, {', '.join(ordered)} FROM {table} WHERE {present}"
    if rows is not None:
        source += f" LIMIT {rows}"
    lagged = ", ".join(
        f"lag({c}) OVER w AS {p}"
        for c, p in zip(["__group", *ordered], ["__prev_group", *before], strict=True)
    )
    not_increasing = f"({', '.join(ordered)}) <= ({', '.join(before)})"
    found = con.execute(
        "SELECT count(*) FILTER (WHERE __group IS DISTINCT FROM __prev_group), "
        f"count(*) FILTER (WHERE __group = __prev_group AND {not_increasing}), "
        f"count(DISTINCT __group) FROM (SELECT *, {lagged} FROM ({source}) WINDOW w AS ())"
    ).fetchone()
    return found is not None and found[1] == 0 and found[0] == found[2]


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
