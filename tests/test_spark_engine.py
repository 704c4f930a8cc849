"""Differential tests: the same bundle on DuckDB and on Spark local mode gives the same result.

Every rule's outcome, failing items and measured values (numbers to 1e-9 relative) agree, and
assessment.json is byte-identical apart from its ``engine`` field. One SparkSession (local[2],
no UI, few shuffle partitions) serves the whole module; the generated bundles are small (few
seats, few months) so that Spark local mode stays quick. What a Spark run costs is its few
hundred queries' fixed overhead, not the data: the module took 26 min on the shared 2-core
machine at load average ~20 (demo 12 min, each generated bundle 3-5 min, JVM start 1.5 min).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from bundle_factory import copy_minimal
from click.testing import CliRunner

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.cli.main import cli
from ccc_audit.engine.assess import open_records
from ccc_audit.loading.bundle import load_bundle
from ccc_audit.models.result import AssessmentResult
from ccc_audit.resources import demo_bundle
from ccc_audit.spark.engine import SparkSqlEngine

pytestmark = pytest.mark.spark

SEEDS = (3, 11, 29)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """The module's one SparkSession: local[2], UI off, one shuffle partition, no code generation.

    Test bundles are tiny: what a query costs is Spark's fixed work (planning, compiling generated
    code, scheduling), so compiling nothing and shuffling to one partition keeps each query short.
    """
    from ccc_audit.spark.session import spark_session

    tiny = {
        "spark.sql.shuffle.partitions": "1",
        "spark.sql.adaptive.enabled": "false",
        "spark.sql.codegen.wholeStage": "false",
        "spark.sql.codegen.factoryMode": "NO_CODEGEN",
    }
    session = spark_session(conf=tiny, master="local[2]")
    yield session
    session.stop()


def _generated(root: Path, seed: int) -> tuple[Path, dt.date]:
    bundle = root / f"seed-{seed}"
    options = ["--seats", "6", "--months", "3", "--seed", str(seed), "--violations", "all"]
    done = CliRunner().invoke(cli, ["generate", str(bundle), *options])
    assert done.exit_code == 0, done.output
    manifest = yaml.safe_load((bundle / "bundle.yaml").read_text("utf-8"))
    return bundle, manifest["audit_period"]["end"] + dt.timedelta(days=15)


def _both(bundle: Path, as_of: dt.date) -> tuple[AssessmentResult, AssessmentResult]:
    duck = assess(AssessOptions(bundle, as_of, language="en")).result
    on_spark = assess(AssessOptions(bundle, as_of, language="en", engine="spark")).result
    return duck, on_spark


def _close(a: Any, b: Any) -> bool:
    """Equal, numbers to 1e-9 relative (recursively through lists and dicts)."""
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _assert_same(duck: AssessmentResult, on_spark: AssessmentResult) -> None:
    assert duck.engine == "duckdb" and on_spark.engine == "spark"
    assert [r.rule_id for r in duck.rules] == [r.rule_id for r in on_spark.rules]
    differing = []
    for a, b in zip(duck.rules, on_spark.rules, strict=True):
        checks_a = [c.model_dump(mode="json") for c in a.checks]
        checks_b = [c.model_dump(mode="json") for c in b.checks]
        same = a.outcome == b.outcome and all(
            _close(ca.get(k), cb.get(k))
            for ca, cb in zip(checks_a, checks_b, strict=True)
            for k in ("outcome", "reason", "failing", "failing_count", "values", "measured", "population")
        )
        if not same:
            differing.append((a.rule_id, a.outcome.value, b.outcome.value, checks_a, checks_b))
    assert not differing, json.dumps(differing[:3], ensure_ascii=False, indent=1, default=str)[:4000]
    assert duck.model_dump_json(indent=2) == on_spark.model_copy(update={"engine": "duckdb"}).model_dump_json(
        indent=2
    )


def test_the_demo_bundle_gives_the_same_result_on_spark(spark: Any) -> None:
    assert spark is not None
    _assert_same(*_both(demo_bundle(), dt.date(2026, 1, 15)))


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_bundles_give_the_same_result_on_spark(
    spark: Any, seed: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert spark is not None
    bundle, as_of = _generated(tmp_path_factory.mktemp("spark"), seed)
    _assert_same(*_both(bundle, as_of))


def test_the_cli_records_the_engine_in_assessment_json(spark: Any, tmp_path: Path) -> None:
    assert spark is not None
    bundle = copy_minimal(tmp_path / "bundle")
    outs = {}
    for engine in ("duckdb", "spark"):
        out = tmp_path / engine
        args = ["assess", str(bundle), "--as-of", "2026-01-15", "--engine", engine, "--out", str(out)]
        done = CliRunner().invoke(cli, [*args, "--format", "json"])
        assert done.exit_code in (0, 1), done.output
        outs[engine] = json.loads((out / "assessment.json").read_text("utf-8"))
    assert outs["duckdb"]["engine"] == "duckdb" and outs["spark"]["engine"] == "spark"
    outs["spark"]["engine"] = "duckdb"
    assert outs["duckdb"] == outs["spark"]


def test_the_spark_engine_reads_only_the_run_tables_even_if_a_query_got_through(
    spark: Any, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n", "utf-8")
    with open_records(load_bundle(copy_minimal(tmp_path / "b")), None) as store:
        engine = SparkSqlEngine(spark, store)
        store.engine = engine
        assert store.query("SELECT count(*) FROM roster")[0][0] > 0
        for query in (
            f"SELECT * FROM csv.`{secret}`",
            f'SELECT * FROM csv."{secret}"',
            f"SELECT * FROM read_csv('{secret}')",
            "SELECT reflect('java.lang.System', 'getenv', 'HOME')",
            "SELECT * FROM spark_catalog.default.anything",
            "SET spark.sql.runSQLOnFiles = true",
        ):
            with pytest.raises(duckdb.Error):
                store.query(query)
        # and Spark itself reads no file by path in this session
        with pytest.raises(Exception, match=r"(?i)runSQLOnFiles|UNSUPPORTED|not found|cannot be found"):
            engine.session.sql(f"SELECT * FROM csv.`{secret}`").collect()
