"""The one registry of check kinds: each kind module's ``KIND``, listed once.

Adding a kind is one module under ``ccc_audit/checks`` exporting ``KIND``, one line here and one
case file ``tests/check_cases/<kind>.yaml``; a test keeps the three in agreement.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

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
from ccc_audit.checks.kind import CheckKind, CheckRegistry
from ccc_audit.models.checks import CheckSpecBase
from ccc_audit.models.rulepack import RulePack

REGISTRY = CheckRegistry(
    document.KIND,
    attestation.KIND,
    periodic.KIND,
    per_entity_frequency.KIND,
    coverage.KIND,
    metric.KIND,
    sample_validity.KIND,
    sql_query.KIND,
)
"""Every check kind, in the order the rule reference and the JSON Schema list them."""

CHECK_KINDS: dict[str, CheckKind[Any]] = REGISTRY.kinds
"""Each kind by name (the registry's own dict: tests may patch an entry)."""


RULE_PACK: type[RulePack] = REGISTRY.rule_pack
"""The rule-pack model whose checks are the registered kinds (what loading validates with)."""


def __getattr__(name: str) -> TypeAdapter[CheckSpecBase]:
    """``CHECK_SPEC``, which validates one check as written in a rule pack into its kind's spec.

    Built on first use: loading validates whole packs with ``RULE_PACK``, never one check alone.
    """
    if name == "CHECK_SPEC":
        return REGISTRY.spec_adapter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
