"""Open a record file as a :class:`~ccc_audit.records.readers.Source`, by its format."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ccc_audit.models.bundle import RecordFormat, RecordSet
from ccc_audit.records.errors import RecordDataError
from ccc_audit.records.readers import Source, read_columnar, read_csv, read_xlsx


def open_source(
    con: duckdb.DuckDBPyConnection,
    name: str,
    path: Path,
    spec: RecordSet,
    shown: str,
    scratch: Path,
    encoding: str,
) -> Source:
    """Set ``name``'s file as a source: CSV (as CP932 when ``auto`` and UTF-8 fails), XLSX or columnar."""
    kind = spec.file_format()
    if kind is RecordFormat.CSV:
        try:
            return read_csv(path, spec, shown, scratch, name, encoding)
        except RecordDataError:
            if spec.encoding == "auto" and encoding != "cp932":
                return read_csv(path, spec, shown, scratch, name, "cp932")
            raise
    if kind is RecordFormat.XLSX:
        return read_xlsx(path, spec, shown, scratch, name)
    return read_columnar(con, path, spec, shown, scratch, name)
