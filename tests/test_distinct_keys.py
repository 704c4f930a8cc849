"""Repeated keys are never missed when the rows' order is used to prove keys distinct.

The repeated-key check first tries to prove a set's keys distinct from the order its rows come
in (each group one run, the rest of the key strictly increasing within it); only a proof lets it
skip grouping by the key. Property: whenever the proof succeeds, no two rows share a key, for
any rows, in any order, with missing key values anywhere.
"""

from __future__ import annotations

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from ccc_audit.records.distinct_keys import keys_distinct_by_order

Row = tuple[str | None, str | None, int | None]

_rows = st.lists(
    st.tuples(
        st.sampled_from(["q1", "q2", "q3", None]),
        st.sampled_from(["voice", "chat", None]),
        st.one_of(st.none(), st.integers(min_value=0, max_value=6)),
    ),
    max_size=40,
)
_PRESENT = "queue IS NOT NULL AND channel IS NOT NULL AND slot IS NOT NULL"


def _table(rows: list[Row]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (queue VARCHAR, channel VARCHAR, slot INTEGER)")
    if rows:
        con.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    return con


def _has_repeats(rows: list[Row], width: int) -> bool:
    keys = [row[-width:] if width < 3 else row for row in rows if None not in row]
    return len(keys) != len(set(keys))


@settings(max_examples=300, deadline=None)
@given(_rows, st.booleans())
def test_a_proof_of_distinct_keys_is_never_wrong(rows: list[Row], sort: bool) -> None:
    if sort:
        rows = sorted(rows, key=lambda r: tuple((v is None, str(v)) for v in r))
    con = _table(rows)
    if keys_distinct_by_order(con, "t", ["queue", "channel", "slot"], _PRESENT):
        assert not _has_repeats(rows, 3)
    if keys_distinct_by_order(con, "t", ["slot"], "slot IS NOT NULL"):
        assert len([r[2] for r in rows if r[2] is not None]) == len({r[2] for r in rows if r[2] is not None})


def test_an_export_written_queue_by_queue_is_proved_distinct() -> None:
    rows: list[Row] = [(q, "voice", slot) for q in ("q3", "q1", "q2") for slot in range(5)]
    assert keys_distinct_by_order(_table(rows), "t", ["queue", "channel", "slot"], _PRESENT)


def test_an_export_written_interval_by_interval_is_proved_distinct() -> None:
    rows: list[Row] = [(q, "voice", slot) for slot in range(5) for q in ("q1", "q2", "q3")]
    assert keys_distinct_by_order(_table(rows), "t", ["slot", "queue", "channel"], _PRESENT)


def test_a_queue_exported_twice_is_not_proved_distinct() -> None:
    once: list[Row] = [(q, "voice", slot) for q in ("q1", "q2") for slot in range(5)]
    assert not keys_distinct_by_order(_table(once + once[:5]), "t", ["queue", "channel", "slot"], _PRESENT)


def test_a_row_repeated_in_place_is_not_proved_distinct() -> None:
    rows: list[Row] = [("q1", "voice", 0), ("q1", "voice", 1), ("q1", "voice", 1), ("q1", "voice", 2)]
    assert not keys_distinct_by_order(_table(rows), "t", ["queue", "channel", "slot"], _PRESENT)
