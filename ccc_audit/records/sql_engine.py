"""The seam between the record store and the engine that runs the checks' SQL.

Check kinds and metrics build their SQL once, in DuckDB's dialect, and run it through
:meth:`ccc_audit.records.duck_store.DuckRecordStore.query`. By default DuckDB runs it; a run may
hand the store another :class:`SqlEngine` (Spark SQL, :mod:`ccc_audit.spark`), which receives the
same SQL and returns the same rows. Errors keep DuckDB's vocabulary (``duckdb.Error`` and its
subclasses), so the callers' handling does not depend on the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

DUCKDB = "duckdb"
"""The embedded default engine's name, as assessment.json records it."""

TableReader = Callable[[str, Path], None]
"""Writes catalog table NAME (``records: {x: {table: NAME}}``) as a Parquet file at the path."""


class SqlEngine(Protocol):
    """Runs the store's SQL (DuckDB dialect) on another engine and returns every row."""

    @property
    def name(self) -> str:
        """The engine's name, as assessment.json records it."""
        ...

    def query(self, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run ``sql`` (``?`` placeholders bound to ``parameters``) and return every row."""
        ...

    def query_within(
        self, sql: str, seconds: float, parameters: list[Any] | None = None
    ) -> list[tuple[Any, ...]]:
        """As :meth:`query`; past ``seconds`` the query is stopped (``QueryTimeoutError``)."""
        ...

    def materialize(self, name: str, sql: str) -> None:
        """Keep the rows of ``sql`` as temporary table ``name``, which later queries of the run may read."""
        ...

    def close(self) -> None:
        """Release what the engine holds for this run (never a shared session)."""
        ...
