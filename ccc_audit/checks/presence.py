"""Record presence: what a record-based check needs is supplied, without computing the check.

The CI completeness profile evaluates the heavy record checks (per-entity frequency, coverage,
metric, sample validity, SQL) this way: a missing record set or column is a finding, while
supplied records give the outcome ``excluded`` (reason ``records_present``), never a pass.
"""

from __future__ import annotations

from ccc_audit.checks.base import CheckContext, records_missing
from ccc_audit.i18n.text import text
from ccc_audit.models.result import CheckResult, Outcome


def evaluate_presence(kind: str, needed: dict[str, list[str]], ctx: CheckContext) -> CheckResult:
    """Fail if a record set or column in ``needed`` is missing; else ``excluded``, ``records_present``."""
    store = ctx.records
    absent = [name for name in needed if not store.has(name)]
    if absent:
        return records_missing(kind, absent)
    for name, columns in needed.items():
        store.require(name, columns, f"rule {ctx.rule_id}")  # a missing column fails as incomplete
    listed = ", ".join(needed)
    return CheckResult(
        kind=kind,
        outcome=Outcome.EXCLUDED,
        reason="records_present",
        message=text(
            f"記録セット {listed} と必要な列は提出されている（このプロファイルでは指標を計算しない）。",
            f"Record set(s) {listed} and the columns needed are supplied "
            "(this profile does not compute the check).",
        ),
        evidence=[ctx.records_ref(name) for name in needed],
    )
