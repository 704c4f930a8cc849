"""A time limit for rule-pack SQL: a query that runs too long is interrupted, not waited for.

A pack author's join without a condition can multiply a million rows by a million; without a
limit the run would hang. The limit is ``CCC_AUDIT_SQL_TIMEOUT`` seconds (default 60), far above
what any shipped rule needs at 5,000 seats.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import duckdb

from ccc_audit.records.errors import QueryTimeoutError

DEFAULT_SECONDS = 60.0


def limit_seconds() -> float:
    """The time limit: ``CCC_AUDIT_SQL_TIMEOUT`` when it is a positive number, else the default."""
    try:
        seconds = float(os.environ.get("CCC_AUDIT_SQL_TIMEOUT", ""))
    except ValueError:
        return DEFAULT_SECONDS
    return seconds if 0 < seconds < float("inf") else DEFAULT_SECONDS


def query_within(
    con: duckdb.DuckDBPyConnection, sql: str, seconds: float, parameters: list[Any] | None = None
) -> list[tuple[Any, ...]]:
    """Every row of ``sql`` (with ``parameters``); raise QueryTimeoutError past ``seconds``."""
    timer = threading.Timer(seconds, con.interrupt)
    timer.daemon = True
    timer.start()
    try:
        return con.execute(sql, parameters or []).fetchall()
    except duckdb.InterruptException:
        raise QueryTimeoutError(seconds) from None
    finally:
        timer.cancel()
