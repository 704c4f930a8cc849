"""Rule-pack SQL on Spark: every query DuckDB's guard refuses is refused by the Spark guard too.

The Spark guard works on the query as SQLGlot parses it; it also refuses what only Spark would
reach (``reflect``, ``java_method``), before a Spark run starts, at the pack's file:line. These
tests need no SparkSession.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_factory import copy_minimal
from click.testing import CliRunner
from test_record_files import SANDBOX_PACK

from ccc_audit.checks.sql_query import sql_problem
from ccc_audit.cli.main import cli
from ccc_audit.spark.dialect import problem

REFUSED_BY_DUCKDB = [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_csv_auto('/etc/passwd')",
    "SELECT * FROM read_parquet('/tmp/x.parquet')",
    "SELECT * FROM read_json('/tmp/x.json')",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM 'records/roster.csv'",
    'SELECT * FROM csv."/etc/passwd"',
    "SELECT * FROM parquet.roster",
    "SELECT * FROM main.roster",
    "SELECT * FROM memory.main.roster",
    "SELECT * FROM qa.evaluations",
    "SELECT * FROM duckdb_settings()",
    "SELECT * FROM query('SELECT 1')",
    "SELECT * FROM roster r JOIN read_csv('/etc/passwd') p ON TRUE",
    "SELECT * FROM (SELECT * FROM read_csv('/etc/passwd'))",
    "WITH x AS (SELECT * FROM read_csv('/etc/passwd')) SELECT * FROM x",
    "SELECT (SELECT count(*) FROM read_csv('/etc/passwd')) FROM roster",
    "COPY roster TO '/tmp/leak.csv'",
    "SET enable_external_access = true",
    "PRAGMA database_list",
    "INSTALL httpfs",
    "ATTACH '/tmp/other.db' AS other",
    "CREATE TABLE x AS SELECT 1",
    "DROP TABLE roster",
    "INSERT INTO roster VALUES (1)",
    "SELECT 1; SELECT 2",
    "SELECT * FROM roster;",
]
"""Every way out that DuckDB's load-time guard (``sql_problem``) refuses."""

SPARK_ONLY = [
    "SELECT reflect('java.lang.System', 'getenv', 'HOME')",
    "SELECT java_method('java.lang.System', 'getProperty', 'user.home')",
    "SELECT try_reflect('java.lang.Runtime', 'getRuntime')",
    "SELECT staff_id FROM roster WHERE input_file_name() <> ''",
    "SELECT current_setting('threads')",
    "SELECT getenv('HOME')",
]
"""Queries DuckDB's guard lets through (they fail only when run) that would reach the JVM on Spark."""

ALLOWED = [
    "SELECT staff_id FROM roster WHERE exit_date IS NULL",
    "WITH a AS (SELECT staff_id FROM roster) SELECT * FROM a",
    "SELECT g.k FROM generate_series(1, 3) AS g(k)",
    "SELECT r.staff_id, w.label FROM roster r, audit_windows w WHERE w.kind = 'month'",
    "SELECT staff_id, count(*) FROM monitoring GROUP BY ALL HAVING count(*) > 1",
]


@pytest.mark.parametrize("query", REFUSED_BY_DUCKDB)
def test_every_query_duckdb_refuses_is_refused_on_spark_too(query: str) -> None:
    assert sql_problem(query) is not None, "the case must be one DuckDB refuses"
    assert problem(query) is not None


@pytest.mark.parametrize("query", SPARK_ONLY)
def test_queries_that_would_reach_the_jvm_are_refused(query: str) -> None:
    refused = problem(query)
    assert refused is not None and "only the record tables" in refused


@pytest.mark.parametrize("query", ALLOWED)
def test_queries_over_the_record_tables_pass_both_guards(query: str) -> None:
    assert sql_problem(query) is None
    assert problem(query) is None


def test_a_spark_run_refuses_a_pack_query_reaching_the_jvm_at_its_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "probe.yaml"
    query = "SELECT reflect('java.lang.System', 'getenv', 'HOME')"
    pack.write_text(SANDBOX_PACK.replace("SELECT * FROM read_csv('QUERY_TARGET')", query), "utf-8")
    bundle = copy_minimal(tmp_path / "bundle")
    out = tmp_path / "out"
    args = ["assess", str(bundle), "--pack", str(pack), "--as-of", "2026-01-15", "--out", str(out)]
    duck = CliRunner().invoke(cli, args)
    assert duck.exit_code != 2, duck.output  # DuckDB has no such function: the check errs when run
    spark = CliRunner().invoke(cli, [*args, "--engine", "spark", "--out", str(tmp_path / "spark-out")])
    assert spark.exit_code == 2, spark.output
    assert "probe.yaml:20:" in spark.stderr
    assert "reflect()" in spark.stderr and "only the record tables" in spark.stderr
    assert not (tmp_path / "spark-out").exists()


def test_spark_options_need_the_spark_engine(tmp_path: Path) -> None:
    bundle = copy_minimal(tmp_path / "bundle")
    args = ["assess", str(bundle), "--spark-remote", "sc://localhost:15002", "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "needs --engine spark" in result.output


def test_spark_that_cannot_start_is_a_located_error_and_writes_nothing(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    bundle = copy_minimal(tmp_path / "bundle")
    out = tmp_path / "out"
    env = {**os.environ, "JAVA_HOME": str(tmp_path / "no-java")}
    args = ["assess", str(bundle), "--as-of", "2026-01-15", "--engine", "spark", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "ccc_audit", *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 2, done.stderr
    assert "--engine spark (local[2])" in done.stderr and "Java runtime" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
