"""The run's record store: every record file read once into DuckDB, typed, checked, then locked.

After :meth:`DuckRecordStore.lock`, DuckDB's external access is disabled and its configuration
locked, so rule-pack SQL sees only the loaded record tables and can read or write no file.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ccc_audit.errors import Diagnostic
from ccc_audit.files.cache_seal import seal_key
from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.models.bundle import RecordFormat
from ccc_audit.models.calendar import CALENDAR, Anchor, windows_in
from ccc_audit.models.common import Window
from ccc_audit.models.records import ColumnType, RecordType
from ccc_audit.records.bad_values import bad_values
from ccc_audit.records.consistency import overlapping_spells
from ccc_audit.records.errors import MissingColumnsError, RecordDataError
from ccc_audit.records.parsed_cache import attach_cached, cache_file, write_cache
from ccc_audit.records.readers import (
    Source,
    explain_csv_error,
    is_invalid_unicode,
    quote_ident,
    quote_text,
    read_columnar,
    read_csv,
    read_xlsx,
)
from ccc_audit.records.sql_engine import SqlEngine
from ccc_audit.records.typing import TypedColumn, plan_columns, typed_select

MEMORY_LIMIT = "1700MB"
"""DuckDB keeps tables beyond this in its scratch folder, so a process stays within 2 GB."""
_NATIVE = {
    ColumnType.INTEGER: "BIGINT",
    ColumnType.NUMBER: "DOUBLE",
    ColumnType.DATE: "DATE",
    ColumnType.TIMESTAMP: "TIMESTAMP",
    ColumnType.BOOLEAN: "BOOLEAN",
}


def _native_type(column: TypedColumn) -> str:
    """DuckDB's type for a column its CSV reader parses; an enum's values are the type's values.

    A value outside an enum's list, like any value DuckDB cannot parse, is a conversion error.
    """
    if column.type is ColumnType.ENUM:
        return "ENUM(" + ", ".join(quote_text(v) for v in column.values) + ")"
    return _NATIVE.get(column.type, "VARCHAR") if column.type else "VARCHAR"


@dataclass(frozen=True)
class LoadedSet:
    """A record set in the store."""

    name: str
    shown: str
    columns: list[str]
    line_expr: str
    record_type: RecordType | None


class DuckRecordStore:
    """Record tables of one bundle in an in-process DuckDB database."""

    def __init__(
        self, bundle: LoadedBundle, record_types: dict[str, RecordType], cache_dir: Path | None = None
    ) -> None:
        self.bundle = bundle
        self.record_types = record_types
        self._seal_key = seal_key(cache_dir) if cache_dir else None
        self.cache_dir = cache_dir / "records" if cache_dir and self._seal_key else None
        self.cache_faults: list[str] = []
        """Why cached tables were not served or kept (each names the cache file): they only cost time."""
        if cache_dir and self._seal_key is None:
            self.cache_faults.append(f"{cache_dir}: the cache's sealing key cannot be read or created")
        self._scratch = tempfile.TemporaryDirectory(prefix="ccc-audit-")
        self.con = duckdb.connect(config={"temp_directory": self._scratch.name, "memory_limit": MEMORY_LIMIT})
        self.con.execute("SET enable_progress_bar = false")
        self._attached = 0
        self.sets: dict[str, LoadedSet] = {}
        self._counts: dict[str, int] = {}
        self.cache_hits = 0
        self.locked = False
        self.shared_results: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
        """Query results several checks of the run share (see :mod:`ccc_audit.metrics.batch`)."""
        self._reader = self.con
        """The connection record files are read with (a cursor of its own while loading in the background)."""
        self._ready: dict[str, threading.Event] = {}
        self._load_order: dict[str, int] = {}
        self._loader: threading.Thread | None = None
        self._stop = threading.Event()
        self._problems: dict[str, list[Diagnostic]] = {}
        self._failure: BaseException | None = None
        self.engine: SqlEngine | None = None
        """Where :meth:`query` runs once set (after loading); None: on this DuckDB database."""

    def close(self) -> None:
        """Release the database and scratch files (after the background loader, if any, stops)."""
        if self._loader is not None:
            self._stop.set()
            self._loader.join()
            self._loader = None
        if self.engine is not None:
            self.engine.close()
        self.con.close()
        self._scratch.cleanup()

    def __enter__(self) -> DuckRecordStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def load_all(self) -> None:
        """Read every record set of the bundle; raise RecordDataError listing every problem."""
        problems: list[Diagnostic] = []
        for name in sorted(self.bundle.model.records):
            try:
                self._load(name)
            except RecordDataError as exc:
                problems.extend(exc.diagnostics)
        if problems:
            raise RecordDataError(problems)

    def start_loading(self) -> None:
        """Read every record set in a background thread, smallest file first.

        Meanwhile the caller may evaluate checks: :meth:`has` waits until the set asked about is
        loaded, and :meth:`load_position` tells how early a set will be ready. Finish with
        :meth:`finish_loading`.
        """
        names = sorted(self.bundle.model.records, key=lambda n: (self._file_size(n), n))
        self._load_order = {name: index for index, name in enumerate(names)}
        self._ready = {name: threading.Event() for name in names}
        self._reader = self.con.cursor()  # a connection is not to be shared between threads
        self._reader.execute("SET enable_progress_bar = false")
        self._loader = threading.Thread(
            target=self._load_in_background, args=(names,), name="ccc-audit-records", daemon=True
        )
        self._loader.start()

    def load_position(self, name: str) -> int:
        """Where set ``name`` comes in the background loading order (-1: not loaded in background)."""
        return self._load_order.get(name, -1)

    def finish_loading(self) -> None:
        """Wait for the background loader; raise RecordDataError listing every problem it found."""
        if self._loader is not None:
            self._loader.join()
            self._loader = None
            self._reader = self.con
        if self._failure is not None:
            raise self._failure
        problems = [d for name in sorted(self._problems) for d in self._problems[name]]
        if problems:
            raise RecordDataError(problems)

    def _file_size(self, name: str) -> int:
        try:
            return self.bundle.record_file(name).stat().st_size
        except OSError:
            return 0

    def _load_in_background(self, names: list[str]) -> None:
        try:
            for name in names:
                if self._stop.is_set():
                    break
                try:
                    self._load(name)
                except RecordDataError as exc:
                    self._problems[name] = exc.diagnostics
                finally:
                    self._ready[name].set()
        except BaseException as exc:  # handed to the caller by finish_loading
            self._failure = exc
        finally:
            self._reader.close()
            for event in self._ready.values():
                event.set()

    def lock(self) -> None:
        """Forbid file access and configuration changes for the rest of the run (once is enough)."""
        if self.locked:
            return
        self.con.execute("SET enable_external_access = false")
        self.con.execute("SET lock_configuration = true")
        self.locked = True

    def publish_period(self, start: dt.date, end: dt.date, as_of: dt.date, anchor: Anchor = CALENDAR) -> None:
        """Tables ``audit_period`` (period_start, period_end, as_of) and ``audit_windows`` for rule-pack SQL.

        ``audit_windows`` (kind, label, window_start, window_end) holds every whole week, month,
        quarter and year of the period, counted from ``anchor`` as the check kinds count them.
        """
        self.con.execute("DROP TABLE IF EXISTS audit_period")
        self.con.execute(
            "CREATE TABLE audit_period AS "
            "SELECT ?::DATE AS period_start, ?::DATE AS period_end, ?::DATE AS as_of",
            [start, end, as_of],
        )
        self.con.execute("DROP TABLE IF EXISTS audit_windows")
        self.con.execute(
            "CREATE TABLE audit_windows (kind VARCHAR, label VARCHAR, window_start DATE, window_end DATE)"
        )
        rows = [
            (window.value, span.label, span.start, span.end)
            for window in Window
            for span in windows_in(start, end, window, anchor)
        ]
        if rows:
            self.con.executemany("INSERT INTO audit_windows VALUES (?, ?, ?, ?)", rows)

    def has(self, name: str) -> bool:
        """Whether the bundle supplied record set ``name`` (waiting for it while it loads)."""
        ready = self._ready.get(name)
        if ready is not None:
            ready.wait()
        return name in self.sets

    def row_count(self, name: str) -> int:
        """How many rows record set ``name`` holds (it must be supplied)."""
        if name not in self._counts:
            self._counts[name] = int(self.query(f"SELECT count(*) FROM {quote_ident(name)}")[0][0])
        return self._counts[name]

    def shown(self, name: str) -> str:
        """The record file's path as shown to users."""
        return self.sets[name].shown

    def line_expr(self, name: str, alias: str | None = None) -> str:
        """SQL giving a row's line in its file."""
        expr = self.sets[name].line_expr
        return expr.replace("rowid", f"{alias}.rowid").replace("__line", f"{alias}.__line") if alias else expr

    def require(self, name: str, columns: list[str], why: str) -> None:
        """Raise MissingColumnsError if ``name`` lacks any of ``columns`` (needed by ``why``).

        The record type's required columns were checked when the file was read; a column
        missing here is optional in general but needed by this one check.
        """
        del why
        loaded = self.sets[name]
        missing = [c for c in dict.fromkeys(columns) if c not in loaded.columns]
        if missing:
            raise MissingColumnsError(name, self.bundle.model.records[name].path, missing)

    def query(self, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run ``sql`` (DuckDB's dialect) on the run's engine and return every row."""
        if self.engine is not None:
            return self.engine.query(sql, parameters)
        return self.con.execute(sql, parameters or []).fetchall()

    def columns(self, name: str) -> list[str]:
        """The columns of loaded set ``name``, as in its file."""
        return self.sets[name].columns

    def _load(self, name: str) -> None:
        """Read set ``name``, then check its rows against each other (overlapping spells)."""
        self._read(name)
        loaded = self.sets[name]
        problems = overlapping_spells(
            self._reader, name, loaded.columns, loaded.line_expr, loaded.record_type, loaded.shown
        )
        if problems:
            raise RecordDataError(problems)

    def _read(self, name: str) -> None:
        spec = self.bundle.model.records[name]
        path = self.bundle.record_file(name)
        shown = str(self.bundle.root / spec.path)
        record_type = self.record_types.get(spec.type or name)
        # The cache is looked up by content hash, so with a cache the hash is awaited; without
        # one it keeps being computed in the background while DuckDB parses.
        sha = self.bundle.sha256(f"records:{name}") if self.cache_dir else None
        cached = cache_file(self.cache_dir, sha, record_type, spec) if sha else None
        table = quote_ident(name)
        if cached is not None and self._seal_key is not None and cached.is_file():
            alias = f"cache{self._attached}"
            self._attached += 1
            fault = attach_cached(self._reader, cached, alias, table, self._seal_key)
            if fault is None:
                columns = [
                    c for c in self._reader.sql(f"SELECT * FROM {table} LIMIT 0").columns if c != "__line"
                ]
                self.sets[name] = LoadedSet(name, shown, columns, "__line", record_type)
                self.cache_hits += 1
                return
            self.cache_faults.append(fault)
        source = self._source(
            name, path, spec, shown, "utf-8-sig" if spec.encoding == "auto" else spec.encoding
        )
        if record_type is not None:
            missing = [c.name for c in record_type.columns if c.required and c.name not in source.columns]
            if missing:
                raise RecordDataError(
                    [
                        Diagnostic(
                            shown,
                            1,
                            0,
                            f'required column "{c}" of record type "{record_type.name}" is '
                            f"missing; the header has: {', '.join(source.columns)}",
                        )
                        for c in missing
                    ]
                )
        planned = plan_columns(source.columns, record_type)
        keep_line = source.line_offset == 0
        line_expr = "__line" if keep_line else f"(rowid + {source.line_offset})"
        if source.csv_file is not None and self._fast_load(table, source, planned):
            self._finish(name, shown, source, line_expr, record_type, table, keep_line, cached)
            return
        try:
            self._reader.execute(f"CREATE TABLE {table} AS {typed_select(source.clause, planned, keep_line)}")
        except duckdb.Error as exc:
            if not (is_invalid_unicode(exc) and spec.encoding == "auto"):
                raise explain_csv_error(exc, shown) from None
            source = self._source(name, path, spec, shown, "cp932")  # as Japanese Excel writes CSV
            select = typed_select(source.clause, planned, keep_line)
            try:
                self._reader.execute(f"CREATE TABLE {table} AS {select}")
            except duckdb.Error as again:
                raise explain_csv_error(again, shown) from None
        bad = self._reader.execute(f"SELECT count(*) FROM {table} WHERE __bad <> 0").fetchone()
        if bad and bad[0]:
            raise RecordDataError(bad_values(self._reader, name, source, planned, line_expr, shown))
        self._reader.execute(f"ALTER TABLE {table} DROP COLUMN __bad")
        self._finish(name, shown, source, line_expr, record_type, table, keep_line, cached)

    def _finish(
        self,
        name: str,
        shown: str,
        source: Source,
        line_expr: str,
        record_type: RecordType | None,
        table: str,
        keep_line: bool,
        cached: Path | None,
    ) -> None:
        self.sets[name] = LoadedSet(name, shown, source.columns, line_expr, record_type)
        if cached is None and self.cache_dir is not None:
            cached = cache_file(
                self.cache_dir,
                self.bundle.sha256(f"records:{name}"),
                record_type,
                self.bundle.model.records[name],
            )
        if cached is not None and self._seal_key is not None:
            fault = write_cache(self._reader, table, line_expr, keep_line, cached, self._seal_key)
            if fault is not None:
                self.cache_faults.append(fault)

    def _fast_load(self, table: str, source: Source, planned: list[TypedColumn]) -> bool:
        """Parse a clean CSV with DuckDB's own typed reader; False (nothing left) at the first doubt.

        Any value DuckDB cannot parse (YYYY/MM/DD dates, はい / いいえ among them, an enum value
        outside its list) or a ragged row sends the file to the slower text path, which accepts
        those dates and words and locates every bad value exactly. Enum columns are stored as
        DuckDB enums: compact, and cheap to filter and group by.
        """
        types = {c.name: _native_type(c) for c in planned}
        types["__line"] = "BIGINT"
        below = " OR ".join(f"{quote_ident(c.name)} < {c.min!r}" for c in planned if c.min is not None)
        try:
            self._reader.execute(f"CREATE TABLE {table} AS SELECT * FROM {source.typed_clause(types)}")
            found = self._reader.execute(f"SELECT count(*) FROM {table} WHERE {below}") if below else None
            if found is not None and found.fetchone() != (0,):
                raise duckdb.ConversionException("a value below its column's minimum")
        except duckdb.Error:  # the text path finds and explains the problem
            self._reader.execute(f"DROP TABLE IF EXISTS {table}")
            return False
        return True

    def _source(self, name: str, path: Path, spec: Any, shown: str, encoding: str) -> Source:
        kind = spec.file_format()
        scratch = Path(self._scratch.name)
        if kind is RecordFormat.CSV:
            try:
                return read_csv(path, spec, shown, scratch, name, encoding)
            except RecordDataError:
                if spec.encoding == "auto" and encoding != "cp932":
                    return read_csv(path, spec, shown, scratch, name, "cp932")
                raise
        if kind is RecordFormat.XLSX:
            return read_xlsx(path, spec, shown, scratch, name)
        return read_columnar(self._reader, path, spec, shown)
