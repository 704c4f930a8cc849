"""Events per entity per calendar window, counted once per run for every frequency check reading them.

Several ``per_entity_frequency`` rules count the same events (monitoring evaluations per CSS, say)
over the same windows, with different filters: every evaluation, the side-by-side ones, the
remote ones, each transaction type. Instead of each rule joining the whole record set to its
population's windows, the events are grouped once into a small table of counts per entity,
window and value of the columns the check filters or partitions on; each rule then sums the rows
its own filters keep. The table lives in the run's DuckDB connection (a temporary table, gone
when the run ends) and is found again through the record store's per-run cache
(:attr:`~ccc_audit.records.duck_store.DuckRecordStore.shared_results`), keyed by everything its
SQL depends on. It is derived from the events record set alone, which every rule using it
declares, so a rule's result still depends only on the inputs it declares.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any

from ccc_audit.checks.per_entity_parts import EventSpec
from ccc_audit.models.calendar import Span
from ccc_audit.records.quoting import quote_ident
from ccc_audit.records.sql import spans_values

if TYPE_CHECKING:
    from ccc_audit.records.duck_store import DuckRecordStore

ENTITY, LABEL, COUNT = "__entity", "__label", "__n"
"""Columns of a counts table besides the grouped columns (named so as not to clash with them)."""


def shared_rows(store: DuckRecordStore, sql: str) -> str:
    """SQL reading the rows of ``sql`` from a table of the run, built on first use and then shared.

    For a population several rules draw alike from a large set (the evaluators of the monitoring).
    """
    key = ("shared_rows", sql)
    known = store.shared_results
    if key not in known:
        name = store.materialize(f"__ccc_rows_{hashlib.sha256(sql.encode()).hexdigest()[:16]}", sql)
        known[key] = [(name,)]
    return f"SELECT * FROM {known[key][0][0]}"


def window_days(spans: list[Span]) -> str:
    """SQL giving (day, label): each day of the windows ``spans`` (not empty) with its window's label.

    Rows then find their window by an equi-join on the day, much cheaper than a range join
    (``BETWEEN ws AND we``) of every row with the windows.
    """
    return (
        f"SELECT CAST(g.day AS DATE) AS day, w.label "
        f"FROM generate_series(DATE '{spans[0].start}', DATE '{spans[-1].end}', INTERVAL 1 DAY) AS g(day) "
        f"JOIN {spans_values(spans)} ON CAST(g.day AS DATE) BETWEEN w.ws AND w.we"
    )


def grouped_columns(events: EventSpec, part_column: str | None) -> list[str]:
    """The event columns a counts table keeps (those filtered or partitioned on), in name order."""
    return sorted({f.column for f in events.where} | ({part_column} if part_column else set()))


def window_counts(
    store: DuckRecordStore,
    events: EventSpec,
    part_column: str | None,
    spans: list[Span],
    period: tuple[dt.date, dt.date],
) -> str:
    """The quoted name of a table (``__entity``, ``__label``, grouped columns…, ``__n``).

    One row per entity, window and combination of the grouped columns' values, counting the
    events dated in the period; ``__label`` is NULL for events in the period that fall in no
    whole window (partial edge windows), which only partitions observed per entity read.
    Built on first use in a run, then shared.
    """
    columns = grouped_columns(events, part_column)
    key = (
        "entity_window_counts",
        events.records,
        events.entity_column,
        events.date_column,
        tuple(columns),
        tuple((s.label, s.start, s.end) for s in spans),
        period,
    )
    known = store.shared_results
    if key not in known:
        table = f"__ccc_entity_counts_{hashlib.sha256(repr(key).encode()).hexdigest()[:16]}"
        finer = _finer(known, key)
        if finer is not None:  # the same counts split by more columns: add them up, the events are not read
            kept = "".join(f", {quote_ident(c)}" for c in columns)
            name = store.materialize(
                table,
                f"SELECT {ENTITY}, {LABEL}{kept}, "
                f"CAST(sum({COUNT}) AS BIGINT) AS {COUNT} FROM {finer} GROUP BY {ENTITY}, {LABEL}{kept}",
            )
            known[key] = [(name,)]
            return name
        start, end = period
        date = f"CAST(r.{quote_ident(events.date_column)} AS DATE)"
        entity = f"CAST(r.{quote_ident(events.entity_column)} AS VARCHAR)"
        kept = "".join(f", r.{quote_ident(c)}" for c in columns)
        days = window_days(spans)
        name = store.materialize(
            table,
            f"SELECT {entity} AS {ENTITY}, m.label AS {LABEL}{kept}, "
            f"count(*) AS {COUNT} FROM {quote_ident(events.records)} r "
            f"LEFT JOIN ({days}) m ON m.day = {date} WHERE {date} BETWEEN DATE '{start}' AND DATE '{end}' "
            f"GROUP BY {entity}, m.label{kept}",
        )
        known[key] = [(name,)]
    return str(known[key][0][0])


def _finer(known: dict[tuple[Any, ...], list[tuple[Any, ...]]], key: tuple[Any, ...]) -> str | None:
    """A counts table already built for the same events and windows, grouped by more columns."""
    for other, rows in known.items():
        if (
            len(other) == len(key)
            and other[0] == key[0]
            and other[1:4] == key[1:4]
            and other[5:] == key[5:]
            and set(key[4]) < set(other[4])
        ):
            return str(rows[0][0])
    return None
