"""Records read from a Spark catalog table: the same results as from the files, located errors.

The table is made in the test from the generated bundle's monitoring records: DuckDB writes
the CSV as Parquet, Spark saves it as ``qa.evaluations`` in the test session's catalog (with
``staff_id`` renamed ``agent_id``, which the bundle maps back), and the bundle names the table
instead of the file. Runs on the test session's one SparkSession (``spark`` in conftest).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from click.testing import CliRunner
from test_spark_engine import _close, _generated

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.cli.main import cli
from ccc_audit.models.result import AssessmentResult

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dt.date]:
    return _generated(tmp_path_factory.mktemp("tables"), 3)


@pytest.fixture
def evaluations(spark: Any, generated: tuple[Path, dt.date], tmp_path: Path) -> Iterator[str]:
    """Table qa.evaluations: the generated monitoring records, staff_id called agent_id."""
    parquet = tmp_path / "monitoring.parquet"
    source = generated[0] / "records" / "monitoring.csv"
    duckdb.execute(
        f"COPY (SELECT * FROM read_csv('{source}', all_varchar = true)) TO '{parquet}' (FORMAT parquet)"
    )
    spark.sql("CREATE DATABASE IF NOT EXISTS qa")
    frame = spark.read.parquet(str(parquet)).withColumnRenamed("staff_id", "agent_id")
    frame.write.mode("overwrite").saveAsTable("qa.evaluations")
    yield "qa.evaluations"
    spark.sql("DROP TABLE IF EXISTS qa.evaluations")


def _with_table(bundle: Path, table: str) -> Path:
    """``bundle`` with its monitoring records named as ``table`` instead of the file."""
    manifest = bundle / "bundle.yaml"
    data = yaml.safe_load(manifest.read_text("utf-8"))
    data["records"]["monitoring"] = {"table": table, "columns": {"staff_id": "agent_id"}}
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    (bundle / "records" / "monitoring.csv").unlink()
    return bundle


def _copy(bundle: Path, target: Path) -> Path:
    import shutil

    return Path(shutil.copytree(bundle, target))


def _same_results(files: AssessmentResult, table: AssessmentResult) -> None:
    """Every rule's outcome, failing items and measured values agree (evidence paths differ)."""
    assert [r.rule_id for r in files.rules] == [r.rule_id for r in table.rules]
    keys = ("outcome", "reason", "failing", "failing_count", "values", "measured", "population", "message")
    differing = [
        a.rule_id
        for a, b in zip(files.rules, table.rules, strict=True)
        if a.outcome != b.outcome
        or not all(
            _close(ca.model_dump(mode="json").get(k), cb.model_dump(mode="json").get(k))
            for ca, cb in zip(a.checks, b.checks, strict=True)
            for k in keys
        )
    ]
    assert not differing


def test_records_from_a_catalog_table_give_the_same_results_as_the_files(
    generated: tuple[Path, dt.date], evaluations: str, tmp_path: Path
) -> None:
    bundle, as_of = generated
    from_files = assess(AssessOptions(bundle, as_of, language="en")).result
    table_bundle = _with_table(_copy(bundle, tmp_path / "lake"), evaluations)
    from_table = assess(AssessOptions(table_bundle, as_of, language="en", engine="spark")).result
    _same_results(from_files, from_table)
    cited = {e.path for r in from_table.rules for c in r.checks for e in c.evidence if e.id == "monitoring"}
    assert cited == {"table qa.evaluations"}
    monitoring_rules = [
        r for r in from_table.rules for c in r.checks for e in c.evidence if e.id == "monitoring"
    ]
    assert any(c.failing for r in monitoring_rules for c in r.checks), (
        "no failing monitoring item was compared"
    )


def test_a_bad_value_in_a_table_is_located_by_the_row_key(
    spark: Any, generated: tuple[Path, dt.date], evaluations: str, tmp_path: Path
) -> None:
    bundle, as_of = generated
    first = spark.table(evaluations).orderBy("evaluation_id").first()["evaluation_id"]
    columns = spark.table(evaluations).columns
    bad = f"CASE WHEN evaluation_id = '{first}' THEN 'ninety' ELSE score END AS score"
    spark.table(evaluations).selectExpr(*[bad if c == "score" else c for c in columns]).write.mode(
        "overwrite"
    ).saveAsTable("qa.bad")
    table_bundle = _with_table(_copy(bundle, tmp_path / "lake"), "qa.bad")
    out = tmp_path / "out"
    done = CliRunner().invoke(
        cli, ["assess", str(table_bundle), "--as-of", str(as_of), "--engine", "spark", "--out", str(out)]
    )
    spark.sql("DROP TABLE IF EXISTS qa.bad")
    assert done.exit_code == 2, done.output
    assert f'table qa.bad (evaluation_id={first}): column "score"' in done.output
    assert '"ninety"' in done.output and "Traceback" not in done.output
    assert not out.exists()


def test_a_table_record_set_on_duckdb_is_a_located_error(
    generated: tuple[Path, dt.date], tmp_path: Path
) -> None:
    bundle, as_of = generated
    table_bundle = _with_table(_copy(bundle, tmp_path / "lake"), "qa.evaluations")
    line = next(
        n
        for n, text in enumerate((table_bundle / "bundle.yaml").read_text("utf-8").splitlines(), 1)
        if "table: qa.evaluations" in text
    )
    done = CliRunner().invoke(
        cli, ["assess", str(table_bundle), "--as-of", str(as_of), "--out", str(tmp_path / "o")]
    )
    assert done.exit_code == 2, done.output
    assert f"bundle.yaml:{line}:" in done.output and "--engine spark" in done.output
    assert "Traceback" not in done.output and not (tmp_path / "o").exists()
