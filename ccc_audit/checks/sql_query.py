"""``sql`` check: a rule pack's own read-only SELECT; every row it returns is a failure.

The query runs in the locked record store (no file access, configuration locked) and was
checked at load time to be exactly one SELECT statement.
"""

from __future__ import annotations

import re

import duckdb

from ccc_audit.checks.base import CheckContext, records_missing, text
from ccc_audit.models.checks import SqlCheckSpec
from ccc_audit.models.result import CheckResult, FailingItem, Outcome
from ccc_audit.records.errors import MissingColumnsError

MAX_LISTED = 200
_MISSING_COLUMN = re.compile(r'Referenced column "([^"]+)" not found')


def needs(spec: SqlCheckSpec) -> dict[str, list[str]]:
    """Record sets the query reads, with the columns it declares for each."""
    return {name: list(spec.columns.get(name, [])) for name in spec.uses}


def evaluate(spec: SqlCheckSpec, ctx: CheckContext) -> CheckResult:
    """Evaluate a SQL check."""
    store = ctx.records
    absent = [name for name in spec.uses if not store.has(name)]
    if absent:
        return records_missing("sql", absent)
    for name, columns in spec.columns.items():
        store.require(name, columns, f"rule {ctx.rule_id}")
    try:
        total = int(store.query(f"SELECT count(*) FROM ({spec.query})")[0][0])
        rows = store.query(f"SELECT * FROM ({spec.query}) LIMIT {MAX_LISTED}")
    except duckdb.BinderException as exc:
        missing = _MISSING_COLUMN.search(str(exc))
        if missing and len(spec.uses) == 1:
            raise MissingColumnsError(
                spec.uses[0], store.bundle.model.records[spec.uses[0]].path, [missing[1]]
            ) from None
        raise RuntimeError(f"the rule's SQL failed: {str(exc).splitlines()[0]}") from None
    except duckdb.Error as exc:
        raise RuntimeError(f"the rule's SQL failed: {str(exc).splitlines()[0]}") from None
    evidence = [ctx.records_ref(name) for name in spec.uses]
    if total:
        failing = [
            FailingItem(
                subject="-" if row[0] is None else str(row[0]),
                detail=text(
                    ", ".join(str(v) for v in row[1:]) or spec.activity.ja,
                    ", ".join(str(v) for v in row[1:]) or spec.activity.en,
                ),
            )
            for row in rows
        ]
        return CheckResult(
            kind="sql",
            outcome=Outcome.FAIL,
            reason="rows_returned",
            message=text(
                f"{spec.activity.ja}: {total} 件", f"{spec.activity.en.capitalize()}: {total} row(s)."
            ),
            measured=str(total),
            required="0",
            evidence=evidence,
            failing=failing,
            failing_count=total,
        )
    return CheckResult(
        kind="sql",
        outcome=Outcome.PASS,
        reason="no_rows",
        message=text(f"該当なし（{spec.activity.ja}）。", f"None found ({spec.activity.en})."),
        measured="0",
        required="0",
        evidence=evidence,
    )
