"""Record presence: what a record-based check needs is supplied, without computing the check.

The CI completeness profile evaluates the heavy record checks (per-entity frequency, coverage,
metric, sample validity, SQL) this way: a missing record set or column is a finding, while
supplied records give the outcome ``excluded`` (reason ``records_present``), never a pass. A
record set with no rows is not complete evidence: it fails as ``records_empty`` unless the bundle
declares ``no_events`` for it.
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
    declarations = ctx.bundle.model.records
    empty = [n for n in needed if store.row_count(n) == 0 and declarations[n].no_events is None]
    if empty:
        names = ", ".join(empty)
        return CheckResult(
            kind=kind,
            outcome=Outcome.FAIL,
            reason="records_empty",
            message=text(
                f"記録セット {names} に行が1件もない（何も起きなかった場合は no_events で宣言する）。",
                f"The record set(s) {names} hold no rows (declare no_events if nothing happened).",
            ),
            required="rows, or a no_events declaration",
            evidence=[ctx.records_ref(name) for name in empty],
        )
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
