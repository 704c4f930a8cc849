"""The parsed-records cache: typed tables kept as DuckDB files, keyed by what they were read from."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import duckdb

from ccc_audit.loading.record_types import type_fingerprint
from ccc_audit.models.bundle import RecordSet
from ccc_audit.models.records import RecordType
from ccc_audit.records.readers import quote_text

CACHE_FORMAT = "3"


def default_cache_dir() -> Path | None:
    """``$CCC_AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/ccc-audit``, else ``~/.cache/ccc-audit``.

    None when there is no home folder to put it in (HOME unset and no passwd entry).
    """
    if os.environ.get("CCC_AUDIT_CACHE_DIR"):
        return Path(os.environ["CCC_AUDIT_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "ccc-audit"
    try:
        return Path.home() / ".cache" / "ccc-audit"
    except (RuntimeError, KeyError, OSError):
        return None


def usable_cache_dir(cache_dir: Path | None) -> tuple[Path | None, str | None]:
    """``cache_dir`` if files can be created in it, else None and why (a bad cache only costs time)."""
    if cache_dir is None:
        return None, None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=cache_dir):
            pass
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return None, f"{cache_dir}: {reason}"
    return cache_dir, None


def cache_file(
    cache_dir: Path | None, sha: str, record_type: RecordType | None, spec: RecordSet
) -> Path | None:
    """Parsed copy of a file: keyed by its content, its record type and how it is read."""
    if cache_dir is None:
        return None
    reading = hashlib.sha256(spec.model_dump_json(exclude={"path"}).encode()).hexdigest()[:8]
    return cache_dir / f"{sha}-{type_fingerprint(record_type)}-{reading}-{CACHE_FORMAT}.duckdb"


def write_cache(
    reader: duckdb.DuckDBPyConnection, table: str, line_expr: str, keep_line: bool, cached: Path
) -> None:
    """Keep the parsed table as a DuckDB database file, attached read-only by later runs.

    An attached database stays readable after file access is disabled, and its pages are
    read on demand, so a cached run neither copies the data nor holds it all in memory.
    """
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    select = f"SELECT * FROM {table}" if keep_line else f"SELECT *, {line_expr} AS __line FROM {table}"
    try:
        reader.execute(f"ATTACH {quote_text(str(partial))} AS cache_write")
        reader.execute(f"CREATE TABLE cache_write.records AS {select}")
        reader.execute("DETACH cache_write")
        partial.replace(cached)
    except (duckdb.Error, OSError):
        partial.unlink(missing_ok=True)  # a cache that cannot be written only costs time
