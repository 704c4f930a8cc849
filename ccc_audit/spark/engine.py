"""Run the record checks' SQL on Spark: the store's typed tables mirrored as Spark views.

Each record table is handed to Spark the first time a query reads it: the typed table DuckDB
produced is exported as Arrow, written as Parquet into the run's scratch folder and read back
as a temporary view (with Spark Connect, sent as an Arrow table instead). The tables are
therefore typed, mapped and checked exactly as on DuckDB, and both engines see the same values.
Each query passes the guard of :mod:`ccc_audit.spark.dialect` (only the run's tables), is written
as Spark SQL and collected: the driver holds what the checks return (counts, findings), the rows
stay in Spark.
"""

from __future__ import annotations

import re
import tempfile
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ccc_audit.records.duck_store import DuckRecordStore
from ccc_audit.records.errors import QueryTimeoutError
from ccc_audit.records.readers import quote_ident
from ccc_audit.spark.dialect import RefusedQueryError, guard, parse, tables_read, to_spark
from ccc_audit.spark.session import SESSION_SETTINGS, quiet_query_errors

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

SPARK = "spark"
PERIOD_TABLES = ("audit_period", "audit_windows")
"""Tables the store publishes besides the record sets (see ``DuckRecordStore.publish_period``)."""
_COLUMN = re.compile(r"`?([^`\s]+)`? cannot be resolved|objectName` = `?`?([^`,]+)`?")


class SparkSqlEngine:
    """The store's SQL, transpiled to Spark SQL and run on its own session of ``session``."""

    name = SPARK

    def __init__(self, session: SparkSession, store: DuckRecordStore) -> None:
        self._remote = _is_remote(session)
        self._session = session if self._remote else session.newSession()
        for key, value in SESSION_SETTINGS.items():
            self._session.conf.set(key, value)
        quiet_query_errors()
        self._store = store
        self._scratch = tempfile.TemporaryDirectory(prefix="ccc-audit-spark-")
        self._views: list[str] = []
        self._kept: set[str] = set()
        self.queries = 0
        """How many queries ran (the benchmark reports it)."""

    @property
    def session(self) -> SparkSession:
        """The run's session (its temporary views are the run's tables)."""
        return self._session

    def allowed(self) -> set[str]:
        """The tables a query may read: the record sets and the period tables."""
        return {*self._store.sets, *PERIOD_TABLES, *self._kept}

    def spark_sql(self, sql: str, parameters: list[Any] | None = None) -> str:
        """``sql`` (DuckDB's dialect) guarded and written as Spark SQL; its tables made views."""
        try:
            tree = parse(sql)
            guard(tree, self.allowed())
        except RefusedQueryError as exc:
            raise duckdb.PermissionException(str(exc)) from None
        for name in tables_read(tree):
            self._mirror(name)
        return to_spark(tree, parameters)

    def query(self, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run ``sql`` on Spark; errors as DuckDB's (a missing column as a binder error)."""
        translated = self.spark_sql(sql, parameters)
        self.queries += 1
        try:
            rows = self._session.sql(translated).collect()
        except Exception as exc:  # Spark's own errors, or Py4J's for an internal one
            raise _as_duckdb_error(exc) from None
        return [tuple(row) for row in rows]

    def query_within(
        self, sql: str, seconds: float, parameters: list[Any] | None = None
    ) -> list[tuple[Any, ...]]:
        """As :meth:`query`; past ``seconds`` the query's Spark jobs are interrupted (QueryTimeoutError)."""
        translated = self.spark_sql(sql, parameters)
        self.queries += 1
        tag = f"ccc-audit-{uuid.uuid4().hex}"
        expired = threading.Event()

        def interrupt() -> None:
            expired.set()
            if self._remote:
                self._session.interruptTag(tag)
            else:
                self._session.sparkContext.cancelJobGroup(tag)

        timer = threading.Timer(seconds, interrupt)
        timer.daemon = True
        if self._remote:
            self._session.addTag(tag)
        else:
            self._session.sparkContext.setJobGroup(tag, "ccc-audit rule-pack SQL", interruptOnCancel=True)
        timer.start()
        try:
            rows = self._session.sql(translated).collect()
        except Exception as exc:  # an interrupted job surfaces as Py4J's or Spark's error
            if expired.is_set():
                raise QueryTimeoutError(seconds) from None
            raise _as_duckdb_error(exc) from None
        finally:
            timer.cancel()
            if self._remote:  # a local job group stays set until the next one: its jobs are done
                self._session.removeTag(tag)
        return [tuple(row) for row in rows]

    def materialize(self, name: str, sql: str) -> None:
        """Keep the rows of ``sql`` as the view ``name``, computed once and cached, for later queries."""
        translated = self.spark_sql(sql)
        self.queries += 1
        try:
            frame = self._session.sql(translated).cache()
            frame.count()
        except Exception as exc:  # Spark's own errors, or Py4J's for an internal one
            raise _as_duckdb_error(exc) from None
        frame.createOrReplaceTempView(name)
        self._kept.add(name)
        self._views.append(name)

    def close(self) -> None:
        """Drop the run's views and its scratch folder (the shared session stays)."""
        for name in self._views:
            self._session.catalog.dropTempView(name)
        self._views.clear()
        self._scratch.cleanup()

    def _mirror(self, name: str) -> None:
        if name in self._views:
            return
        loaded = self._store.sets.get(name)
        rowid = ", rowid" if loaded is not None and "rowid" in loaded.line_expr else ""
        table = self._store.con.sql(f"SELECT *{rowid} FROM {quote_ident(name)}").to_arrow_table()
        assert table is not None  # a SELECT always has a result
        self.register(name, _plain(table))

    def register(self, name: str, table: pa.Table) -> DataFrame:
        """Make ``table`` the view ``name`` (Parquet in the scratch folder; Arrow over Connect)."""
        if self._remote:
            frame = self._session.createDataFrame(table)
        else:
            import pyarrow.parquet as pq

            path = Path(self._scratch.name) / f"{len(self._views)}.parquet"
            pq.write_table(table, path)
            frame = self._session.read.parquet(str(path))
        frame.createOrReplaceTempView(name)
        self._views.append(name)
        return frame


def _plain(table: pa.Table) -> pa.Table:
    """``table`` with DuckDB's enum (dictionary) columns as plain strings."""
    import pyarrow as pa

    fields = [
        pa.field(f.name, f.type.value_type if pa.types.is_dictionary(f.type) else f.type)
        for f in table.schema
    ]
    return table.cast(pa.schema(fields))


def _is_remote(session: SparkSession) -> bool:
    return type(session).__module__.startswith("pyspark.sql.connect")


def _as_duckdb_error(exc: Exception) -> duckdb.Error:
    """A Spark error in the vocabulary the callers handle (see :mod:`ccc_audit.records.sql_engine`)."""
    text = str(exc)
    condition = getattr(exc, "getCondition", lambda: None)() or ""
    if condition.startswith("UNRESOLVED_COLUMN"):
        found = _COLUMN.search(text)
        column = (found[1] or found[2]) if found else "?"
        return duckdb.BinderException(f'Referenced column "{column.split(".")[-1]}" not found')
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("An error occurred")]
    first = lines[0].lstrip(": ") if lines else type(exc).__name__
    return duckdb.Error(f"Spark: {first}")
