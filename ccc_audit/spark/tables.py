"""Record sets that live in the Spark catalog (``records: {monitoring: {table: qa.evaluations}}``).

The table is read on Spark and handed to the record store as Parquet with its own column
types; the store then types, maps and checks it exactly as it does a Parquet file, and names a
bad value's row by its key (:mod:`ccc_audit.records.table_keys`). This first version moves the
table's rows to the driver once, as Arrow: it suits tables a machine can hold (the typed copy
is what both engines read); pushing the typing down to Spark is the next step for larger ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ccc_audit.errors import Diagnostic
from ccc_audit.records.errors import RecordDataError
from ccc_audit.records.sql_engine import TableReader

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def table_reader(session: SparkSession) -> TableReader:
    """Writes a catalog table of ``session`` as a Parquet file (its column types kept)."""

    def write(name: str, path: Path) -> None:
        import pyarrow.parquet as pq

        try:
            table = session.table(name).toArrow()
        except Exception as exc:  # no such table, no access: Spark's first line says which
            first = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
            raise RecordDataError(
                [Diagnostic(f"table {name}", 0, 0, f"cannot be read on Spark: {first}")]
            ) from None
        pq.write_table(table, path)

    return write
