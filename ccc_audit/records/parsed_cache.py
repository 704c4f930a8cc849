"""The parsed-records cache: typed tables kept as DuckDB files, keyed by what they were read from.

DuckDB is imported by the two functions that use it (called by the record store), so the cache
folder's helpers and notices cost a run that opens no record store nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ccc_audit.files.cache_seal import matches, seal_file
from ccc_audit.i18n.text import text
from ccc_audit.loading.record_types import type_fingerprint
from ccc_audit.models.bundle import RecordSet
from ccc_audit.models.records import RecordType
from ccc_audit.models.result import Notice
from ccc_audit.records.quoting import quote_text

if TYPE_CHECKING:
    import duckdb

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


def seal_path(cached: Path) -> Path:
    """Where the seal of a cached table is kept (an HMAC of the whole DuckDB file)."""
    return cached.with_name(cached.name + ".seal")


def attach_cached(
    reader: duckdb.DuckDBPyConnection, cached: Path, alias: str, table: str, key: bytes
) -> str | None:
    """Serve ``cached`` as view ``table`` if its seal holds; else why not (nothing is left behind).

    The whole file is read once to check its seal: far cheaper than parsing the source again,
    and a table altered, truncated or swapped since it was written is never served.
    """
    import duckdb

    try:
        expected = seal_path(cached).read_text("ascii").strip()
        if not matches(expected, seal_file(key, cached)):
            return f"{cached}: its content does not match the seal written with it; the file was read again"
    except (OSError, ValueError) as exc:
        return f"{cached}: its seal cannot be checked ({type(exc).__name__}); the file was read again"
    try:
        reader.execute(f"ATTACH {quote_text(str(cached))} AS {alias} (READ_ONLY)")
        reader.execute(f"CREATE VIEW {table} AS SELECT * FROM {alias}.records")
    except duckdb.Error as exc:
        reader.execute(f"DROP VIEW IF EXISTS {table}")
        with contextlib.suppress(duckdb.Error):
            reader.execute(f"DETACH DATABASE IF EXISTS {alias}")
        return f"{cached}: cannot be opened ({type(exc).__name__}); the file was read again"
    return None


def write_cache(
    reader: duckdb.DuckDBPyConnection,
    table: str,
    line_expr: str,
    keep_line: bool,
    cached: Path,
    key: bytes,
) -> str | None:
    """Keep the parsed table as a DuckDB database file, attached read-only by later runs, sealed.

    An attached database stays readable after file access is disabled, and its pages are
    read on demand, so a cached run neither copies the data nor holds it all in memory.
    Returns why the table could not be kept (a cache that cannot be written only costs time).
    """
    import duckdb

    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    seal = seal_path(cached)
    select = f"SELECT * FROM {table}" if keep_line else f"SELECT *, {line_expr} AS __line FROM {table}"
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        reader.execute(f"ATTACH {quote_text(str(partial))} AS cache_write")
        reader.execute(f"CREATE TABLE cache_write.records AS {select}")
        reader.execute("DETACH cache_write")
        seal.unlink(missing_ok=True)  # never a new table under an old seal, nor the reverse
        partial.replace(cached)
        seal.write_text(seal_file(key, cached), "ascii")
    except (duckdb.Error, OSError) as exc:
        with contextlib.suppress(duckdb.Error):
            reader.execute("DETACH DATABASE IF EXISTS cache_write")
        partial.unlink(missing_ok=True)
        partial.with_name(partial.name + ".wal").unlink(missing_ok=True)  # DuckDB's log beside it
        return f"{cached}: cannot be written ({type(exc).__name__}); the next run reads the file again"
    return None


def cache_notices(faults: list[str]) -> list[Notice]:
    """One ``cache_unusable`` notice per cache fault of the run (each only cost time)."""
    return [
        Notice(
            code="cache_unusable",
            message=text(
                f"キャッシュの項目を使えないため、キャッシュなしで処理した({fault})。",
                f"a cache entry could not be used, so it was computed again ({fault})",
            ),
        )
        for fault in dict.fromkeys(faults)
    ]
