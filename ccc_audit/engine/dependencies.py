"""Which record sets a rule reads, so that it can run as soon as they are loaded."""

from __future__ import annotations

from pydantic import BaseModel

from ccc_audit.checks.metric import MetricCheckSpec
from ccc_audit.checks.sql_query import SqlCheckSpec
from ccc_audit.metrics.library import METRICS
from ccc_audit.models.rulepack import Rule


def _named_sets(model: BaseModel) -> set[str]:
    """Every ``records`` and ``uses`` value in a check specification, however deeply nested."""
    names: set[str] = set()
    for field in type(model).model_fields:
        value = getattr(model, field)
        if field == "records" and isinstance(value, str):
            names.add(value)
        elif field == "uses" and isinstance(value, list):
            names.update(str(v) for v in value)
        elif isinstance(value, BaseModel):
            names |= _named_sets(value)
        elif isinstance(value, list):
            names.update(n for item in value if isinstance(item, BaseModel) for n in _named_sets(item))
    return names


def check_sets_read(check: BaseModel) -> frozenset[str]:
    """The record sets one check reads (a metric's own sets included)."""
    names = _named_sets(check)
    if isinstance(check, MetricCheckSpec) and check.metric in METRICS:
        names.update(METRICS[check.metric].records)
    return frozenset(names)


def record_sets_read(rule: Rule) -> frozenset[str]:
    """The record sets the rule's checks read (a metric's own sets included)."""
    return frozenset(
        n for check in rule.checks if isinstance(check, BaseModel) for n in check_sets_read(check)
    )


def runs_pack_sql(rule: Rule) -> bool:
    """Whether the rule runs SQL written in its rule pack (allowed only once the store is locked)."""
    return any(isinstance(check, SqlCheckSpec) for check in rule.checks)
