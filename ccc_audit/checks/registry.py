"""The one registry of check kinds: kind name → evaluator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ccc_audit.checks import (
    attestation,
    coverage,
    document,
    metric,
    per_entity_frequency,
    periodic,
    sample_validity,
    sql_query,
)
from ccc_audit.checks.base import CheckContext
from ccc_audit.models.result import CheckResult

Evaluator = Callable[[Any, CheckContext], CheckResult]

CHECK_KINDS: dict[str, Evaluator] = {}


def register(kind: str, evaluator: Evaluator) -> None:
    """Add a check kind; registering a kind twice is an error."""
    if kind in CHECK_KINDS:
        raise ValueError(f"check kind {kind!r} is registered twice")
    CHECK_KINDS[kind] = evaluator


RecordNeeds = Callable[[Any], dict[str, list[str]]]
"""Record sets a check reads, with the columns it needs in each."""

RECORD_NEEDS: dict[str, RecordNeeds] = {
    "per_entity_frequency": per_entity_frequency.needs,
    "coverage": coverage.needs,
    "metric": metric.needs,
    "sample_validity": sample_validity.needs,
    "sql": sql_query.needs,
}
"""The heavy record-based check kinds, which a presence-only run checks for their records only."""

register("document", document.evaluate)
register("attestation", attestation.evaluate)
register("periodic", periodic.evaluate)
register("per_entity_frequency", per_entity_frequency.evaluate)
register("coverage", coverage.evaluate)
register("metric", metric.evaluate)
register("sample_validity", sample_validity.evaluate)
register("sql", sql_query.evaluate)
