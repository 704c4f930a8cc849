"""Keep the parsed-records cache of every test run out of the user's home folder; one SparkSession."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    cache = tmp_path_factory.mktemp("ccc-audit-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("CCC_AUDIT_CACHE_DIR", str(cache))
    yield cache
    patch.undo()


SPARK_TEST_SETTINGS = {
    "spark.sql.shuffle.partitions": "1",
    "spark.sql.adaptive.enabled": "false",
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.codegen.factoryMode": "NO_CODEGEN",
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
}
"""Spark for tiny test bundles: a query costs Spark's fixed work, not the data. One shuffle
partition, no adaptive re-planning, no generated code to compile, and a JVM that compiles
quickly (C1 only) rather than well: the JVM starts in seconds and the first run is not slower."""


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """The test session's one SparkSession (local[1], UI off); the Spark tests share it."""
    from ccc_audit.spark.session import spark_session

    session = spark_session(conf=SPARK_TEST_SETTINGS, master="local[1]")
    yield session
    session.stop()
