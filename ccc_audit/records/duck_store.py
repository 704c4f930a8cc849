"""The run's record store: every record file read once into DuckDB, typed, checked, then locked.

After :meth:`DuckRecordStore.lock`, DuckDB's external access is disabled and its configuration
locked, so rule-pack SQL sees only the loaded record tables and can read or write no file.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ccc_audit.errors import Diagnostic
from ccc_audit.files.cache_seal import seal_key
from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.loading.bundle_paths import sha256_of
from ccc_audit.models.bundle import RecordSet
from ccc_audit.models.calendar import CALENDAR, Anchor
from ccc_audit.models.records import RecordType
from ccc_audit.models.result import Notice
from ccc_audit.records.consistency import duplicate_keys, overlapping_spells
from ccc_audit.records.errors import MissingColumnsError, RecordDataError
from ccc_audit.records.header_map import map_headers
from ccc_audit.records.header_problems import header_problems, unknown_column_notices
from ccc_audit.records.memory import memory_limit
from ccc_audit.records.parsed_cache import attach_cached, cache_file, write_cache
from ccc_audit.records.period_tables import publish_period
from ccc_audit.records.readers import Source, quote_ident
from ccc_audit.records.source_open import open_source
from ccc_audit.records.sql_engine import SqlEngine, TableReader
from ccc_audit.records.table_keys import located_by_key
from ccc_audit.records.table_load import load_table
from ccc_audit.records.time_limit import limit_seconds, query_within
from ccc_audit.records.typing import native_type, plan_columns


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
        self.column_notices: dict[str, list[Notice]] = {}
        """Per record set: headers that are no column of its record type (kept, read by no rule)."""
        self.cache_faults: list[str] = []
        """Why cached tables were not served or kept (each names the cache file): they only cost time."""
        if cache_dir and self._seal_key is None:
            self.cache_faults.append(f"{cache_dir}: the cache's sealing key cannot be read or created")
        self._scratch = tempfile.TemporaryDirectory(prefix="ccc-audit-")
        self.con = duckdb.connect(
            config={"temp_directory": self._scratch.name, "memory_limit": memory_limit()}
        )
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
        self.table_reader: TableReader | None = None
        """Writes a catalog table (``table:`` record sets) as Parquet; set by a Spark run."""
        self.engine: SqlEngine | None = None
        """Where :meth:`query` runs once set (after loading); None: on this DuckDB database."""
        self.planned: set[str] | None = None
        """The record sets this run loads (None: every set of the bundle)."""
        self.unplanned: set[str] = set()
        """Sets asked about that were left out of the plan (see :meth:`start_loading`)."""
        self.asked: set[str] = set()
        """Every set asked about through :meth:`has` (the engine clears it before each rule)."""

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

    def start_loading(self, only: set[str] | None = None) -> None:
        """Read every record set (or those in ``only``) in a background thread, smallest file first.

        Meanwhile the caller may evaluate checks: :meth:`has` waits until the set asked about is
        loaded, and :meth:`load_position` tells how early a set will be ready. Finish with
        :meth:`finish_loading`. A set left out by ``only`` that a check asks about anyway is
        noted in :attr:`unplanned` (the caller must then run again with every set).
        """
        names = sorted(self.bundle.model.records, key=lambda n: (self._file_size(n), n))
        if only is not None:
            self.planned = {name for name in names if name in only}
            names = [name for name in names if name in only]
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
        except (OSError, KeyError):  # a catalog table has no file
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
        publish_period(self.con, start, end, as_of, anchor)

    def unknown_columns(self) -> list[Notice]:
        """A warning per header that is no column of its set's record type, set by set."""
        return [n for name in sorted(self.column_notices) for n in self.column_notices[name]]

    def has(self, name: str) -> bool:
        """Whether the bundle supplied record set ``name`` (waiting for it while it loads)."""
        self.asked.add(name)
        if self.planned is not None and name not in self.planned and name in self.bundle.model.records:
            self.unplanned.add(name)
        ready = self._ready.get(name)
        if ready is not None:
            ready.wait()
        return name in self.sets

    def loaded_names(self) -> list[str]:
        """Names of the record sets loaded so far."""
        return list(self.sets)

    def record_type_of(self, name: str) -> RecordType | None:
        """The record type of loaded set ``name`` (None for a set of no known type)."""
        return self.sets[name].record_type

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
        """Raise MissingColumnsError if ``name`` lacks a column of ``columns`` that ``why`` needs."""
        del why
        loaded = self.sets[name]
        missing = [c for c in dict.fromkeys(columns) if c not in loaded.columns]
        if missing:
            raise MissingColumnsError(name, self.bundle.model.records[name].shown(), missing)

    def query(self, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run ``sql`` (DuckDB's dialect) on the run's engine and return every row."""
        if self.engine is not None:
            return self.engine.query(sql, parameters)
        return self.con.execute(sql, parameters or []).fetchall()

    def materialize(self, name: str, sql: str) -> str:
        """Keep the rows of ``sql`` as the run's temporary table ``name`` on its engine; the name quoted."""
        if self.engine is not None:
            self.engine.materialize(name, sql)
        else:
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE {quote_ident(name)} AS {sql}")
        return quote_ident(name)

    def query_limited(self, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run rule-pack ``sql`` on the run's engine under the time limit (:mod:`.time_limit`)."""
        if self.engine is not None:
            return self.engine.query_within(sql, limit_seconds(), parameters)
        return query_within(self.con, sql, limit_seconds(), parameters)

    def columns(self, name: str) -> list[str]:
        """The columns of loaded set ``name``, as in its file."""
        return self.sets[name].columns

    def _load(self, name: str) -> None:
        """Read set ``name``, check its rows against each other, then cache it (a cached table passed)."""
        keep = self._read(name)
        if keep is None:
            return
        loaded = self.sets[name]
        found = (self._reader, name, loaded.columns, loaded.line_expr, loaded.record_type, loaded.shown)
        problems = duplicate_keys(*found) + overlapping_spells(*found)
        if problems:
            raise RecordDataError(problems)
        keep()

    def _read(self, name: str) -> Callable[[], None] | None:
        """Load set ``name``; None when served from the cache, else what keeps it there."""
        spec = self.bundle.model.records[name]
        path = self._exported(name, spec) if spec.table else self.bundle.record_file(name)
        shown = spec.shown() if spec.table else str(self.bundle.root / spec.path)
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
                if record_type is not None:
                    unknown = [c for c in columns if record_type.column(c) is None]
                    self.column_notices[name] = unknown_column_notices(
                        unknown, record_type, shown, self._set_line(name)
                    )
                self.cache_hits += 1
                return None
            self.cache_faults.append(fault)
        scratch = Path(self._scratch.name)
        encoding = "utf-8-sig" if spec.encoding == "auto" else spec.encoding
        source = open_source(self._reader, name, path, spec, shown, scratch, encoding)
        source, shown_names = self._mapped(name, source, spec, record_type, shown)
        planned = plan_columns(source.columns, record_type, spec, shown_names)

        def as_cp932() -> Source:  # as Japanese Excel writes CSV
            cp932 = open_source(self._reader, name, path, spec, shown, scratch, "cp932")
            return self._mapped(name, cp932, spec, record_type, shown)[0]

        declared_formats = spec.date_format is not None or spec.timestamp_format is not None
        try:
            loaded = load_table(
                self._reader,
                name,
                source,
                planned,
                shown,
                native_type,
                as_cp932 if spec.encoding == "auto" else None,
                fast=not declared_formats,
                ends=lambda: None if spec.table else self.bundle.record_line_ends(name),
            )
        except RecordDataError as exc:  # a table has no lines: its rows are named by their key
            if not spec.table:
                raise
            raise RecordDataError(
                located_by_key(self._reader, exc.diagnostics, source, record_type)
            ) from None
        return self._finish(
            name, shown, loaded.source, loaded.line_expr, record_type, table, loaded.keep_line, cached
        )

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
    ) -> Callable[[], None]:
        self.sets[name] = LoadedSet(name, shown, source.columns, line_expr, record_type)
        if cached is None and self.cache_dir is not None:
            cached = cache_file(
                self.cache_dir,
                self.bundle.sha256(f"records:{name}"),
                record_type,
                self.bundle.model.records[name],
            )

        def keep() -> None:
            if cached is not None and self._seal_key is not None:
                fault = write_cache(self._reader, table, line_expr, keep_line, cached, self._seal_key)
                if fault is not None:
                    self.cache_faults.append(fault)

        return keep

    def _mapped(
        self, name: str, source: Source, spec: RecordSet, record_type: RecordType | None, shown: str
    ) -> tuple[Source, dict[str, str]]:
        """``source`` with our column names (by mapping and aliases); the export's header of each."""
        mapped = map_headers(source.headers, spec, record_type, shown)
        problems = mapped.problems + header_problems(mapped, record_type, shown, spec.header_line)
        if problems:
            raise RecordDataError(problems)
        if record_type is not None:
            self.column_notices[name] = unknown_column_notices(
                mapped.unknown(), record_type, shown, self._set_line(name)
            )
        return source.renamed(mapped.table_names()), mapped.shown()

    def _set_line(self, name: str) -> int | None:
        return self.bundle.doc.position(("records", name), key=True).line

    def _exported(self, name: str, spec: RecordSet) -> Path:
        """A catalog table written as Parquet by the run's table reader (Spark), hashed as a file."""
        if self.table_reader is None:
            raise RecordDataError([Diagnostic(spec.shown(), 0, 0, "a catalog table is read only on Spark")])
        self.table_reader(str(spec.table), path := Path(self._scratch.name) / f"{name}.table.parquet")
        self.bundle.files[f"records:{name}"] = path
        self.bundle.hashes[f"records:{name}"] = sha256_of(path)
        return path
