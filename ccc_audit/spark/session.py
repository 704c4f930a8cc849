"""The SparkSession a run uses: local mode by default, Spark Connect with a remote URL.

Local mode (``local[2]``) needs PySpark and a Java runtime; ``--spark-remote sc://HOST:PORT``
connects to a cluster's Spark Connect server instead (``pip install 'pyspark[connect]'``). Any
``spark.*`` setting may be given as ``--spark-conf KEY=VALUE``. If a SparkSession is already
active in the process (a notebook, a test module), it is used as it is.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ccc_audit.errors import Diagnostic, InputError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOCAL_DEFAULTS: Mapping[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "false",
    "spark.sql.runSQLOnFiles": "false",
    "spark.log.structuredLogging.enabled": "false",
    "spark.driver.memory": "2g",
    "spark.sql.warehouse.dir": str(Path(tempfile.gettempdir()) / "ccc-audit-spark-warehouse"),
}
"""Local mode as a laptop or CI runner wants it (no spark-warehouse folder left in the working
folder, plain log lines); DuckDB's NULL-on-error arithmetic (ANSI off)."""
SESSION_SETTINGS: Mapping[str, str] = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "false",
    "spark.sql.runSQLOnFiles": "false",
}
"""Set on every run's session, local or remote: the semantics DuckDB's SQL was written for."""


def spark_session(
    remote: str | None = None, conf: Mapping[str, str] | None = None, master: str = "local[2]"
) -> SparkSession:
    """The active SparkSession, else a new local one (or a Spark Connect one with ``remote``).

    Raises InputError when PySpark is not installed or Spark cannot start (no Java runtime).
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise InputError(
            [Diagnostic("--engine spark", 0, 0, "PySpark is not installed: pip install 'ccc-audit[spark]'")]
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None and remote is None:
        return active
    builder = SparkSession.builder
    settings = dict(SESSION_SETTINGS if remote else LOCAL_DEFAULTS)
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.remote(remote).getOrCreate() if remote else builder.master(master).getOrCreate()
    except Exception as exc:  # the JVM did not start, or the server cannot be reached
        where = remote or master
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            [Diagnostic(f"--engine spark ({where})", 0, 0, f"Spark could not start: {first}{_hint(remote)}")]
        ) from None
    if remote is None:
        session.sparkContext.setLogLevel("ERROR")
    return session


def quiet_query_errors() -> None:
    """PySpark logs every failed query with its JVM stack; the run reports it as a check error instead."""
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        logging.getLogger(name).disabled = True


def _hint(remote: str | None) -> str:
    """What to check when Spark does not start."""
    if remote:
        return " (is the Spark Connect server up, and pyspark[connect] installed?)"
    return " (local mode needs a Java runtime, 17 or later: e.g. apt-get install default-jre-headless)"
