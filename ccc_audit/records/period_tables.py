"""The audit period as tables that rule-pack SQL can join: ``audit_period`` and ``audit_windows``."""

from __future__ import annotations

import datetime as dt

import duckdb

from ccc_audit.models.calendar import Anchor, windows_in
from ccc_audit.models.common import Window


def publish_period(
    con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, as_of: dt.date, anchor: Anchor
) -> None:
    """Tables ``audit_period`` (period_start, period_end, as_of) and ``audit_windows`` in ``con``.

    ``audit_windows`` (kind, label, window_start, window_end) holds every whole week, month,
    quarter and year of the period, counted from ``anchor`` as the check kinds count them.
    """
    con.execute("DROP TABLE IF EXISTS audit_period")
    con.execute(
        "CREATE TABLE audit_period AS "
        "SELECT ?::DATE AS period_start, ?::DATE AS period_end, ?::DATE AS as_of",
        [start, end, as_of],
    )
    con.execute("DROP TABLE IF EXISTS audit_windows")
    con.execute(
        "CREATE TABLE audit_windows (kind VARCHAR, label VARCHAR, window_start DATE, window_end DATE)"
    )
    rows = [
        (window.value, span.label, span.start, span.end)
        for window in Window
        for span in windows_in(start, end, window, anchor)
    ]
    if rows:  # one statement: executemany costs a round trip per row
        kinds, labels, starts, ends = (list(column) for column in zip(*rows, strict=True))
        con.execute(
            "INSERT INTO audit_windows SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
            "unnest(?::DATE[]), unnest(?::DATE[])",
            [kinds, labels, starts, ends],
        )
