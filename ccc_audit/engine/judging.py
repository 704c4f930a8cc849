"""Judge one rule: evaluate its checks as the engine does, never passing on nothing, and grade it."""

from __future__ import annotations

from typing import Any

from ccc_audit.checks.base import CheckContext
from ccc_audit.checks.kind import CheckKind
from ccc_audit.checks.presence import evaluate_presence
from ccc_audit.checks.registry import CHECK_KINDS
from ccc_audit.engine.dependencies import check_sets_read
from ccc_audit.engine.findings import nature_of
from ccc_audit.errors import Diagnostic
from ccc_audit.i18n.text import text
from ccc_audit.loading.library import parameter_refs
from ccc_audit.models.checks import CheckSpecBase
from ccc_audit.models.common import Grade
from ccc_audit.models.result import (
    CheckResult,
    EvidenceRef,
    Outcome,
)
from ccc_audit.models.rulepack import Rule
from ccc_audit.records.errors import MissingColumnsError, QueryTimeoutError, RecordDataError

_SECTION_OF_KIND = {"document": "documents", "attestation": "attestations"}
"""Where in bundle.yaml the absence of a check's evidence shows (records for the other kinds)."""


def evaluate_check(
    spec: CheckSpecBase, ctx: CheckContext, problems: list[Diagnostic], presence_only: bool = False
) -> CheckResult:
    """Evaluate one check as the engine does: by its kind, never crashing, never passing on nothing.

    Unreadable record data found while checking is added to ``problems``; with ``presence_only``
    (the CI profile) record-based checks only verify that their record sets and columns are there.
    """
    kind = spec.kind
    unset = sorted({ref[1:] for _, ref in parameter_refs(spec)} & set(ctx.undesignated))
    if unset:
        return not_designated(kind, unset, ctx)
    try:
        check_kind = CHECK_KINDS[kind]
        if presence_only and check_kind.record_needs is not None:
            result = evaluate_presence(kind, check_kind.record_needs(spec), ctx)
        else:
            result = check_kind.evaluate(spec, ctx)
        if result.reason == "evidence_missing" and not result.evidence:
            manifest = EvidenceRef(
                kind="manifest",
                id="bundle.yaml",
                path="bundle.yaml",
                sha256=ctx.bundle.manifest_sha256,
                line=ctx.bundle.section_line(_SECTION_OF_KIND.get(kind, "records")),
            )
            result = result.model_copy(update={"evidence": [manifest]})  # the absence is seen there
        return _rests_on_evidence(result, spec, check_kind, ctx)
    except MissingColumnsError as exc:
        columns = ", ".join(exc.columns)
        return CheckResult(
            kind=kind,
            outcome=Outcome.FAIL,
            reason="evidence_incomplete",
            message=text(
                f"記録 {exc.path} に、この確認に必要な列 {columns} がない。",
                f"The records {exc.path} lack the column(s) {columns} this check needs.",
            ),
            required=f"columns {columns}",
            evidence=[ctx.records_ref(exc.records)],
        )
    except RecordDataError as exc:
        problems.extend(exc.diagnostics)
        reason = "record_data_invalid"
        detail = str(exc.diagnostics[0]) if exc.diagnostics else ""
    except QueryTimeoutError as exc:
        reason = "query_timed_out"
        return CheckResult(
            kind=kind,
            outcome=Outcome.ERROR,
            reason=reason,
            message=text(
                f"規則の SQL が {exc.seconds:g} 秒を超えたため中断した。条件のない結合など、"
                "行数を掛け合わせる問い合わせを見直すこと"
                "（上限は環境変数 CCC_AUDIT_SQL_TIMEOUT で変えられる）。",
                f"The rule's SQL ran longer than {exc.seconds:g} s and was stopped; look for a join "
                "without a condition or another query that multiplies rows (the limit is set by "
                "CCC_AUDIT_SQL_TIMEOUT).",
            ),
        )
    except Exception as exc:  # a crashing check must never stop the run nor look like a pass
        reason = "check_crashed"
        detail = f"{type(exc).__name__}: {exc}"
    return CheckResult(
        kind=kind,
        outcome=Outcome.ERROR,
        reason=reason,
        message=text(f"チェックを評価できなかった: {detail}", f"The check could not be evaluated: {detail}"),
    )


def not_designated(kind: str, names: list[str], ctx: CheckContext) -> CheckResult:
    """The finding when the centre has not designated a value the standard leaves to it."""
    listed = ", ".join(names)
    what_ja = "；".join(ctx.undesignated[n].ja for n in names)
    what_en = " ".join(ctx.undesignated[n].en for n in names)
    return CheckResult(
        kind=kind,
        outcome=Outcome.FAIL,
        reason="value_not_designated",
        message=text(
            f"規格が組織に設定を委ねている値 {listed} が指定されていない（{what_ja}）。組織が値を定め、"
            "bundle.yaml の designated_values に値、それを定めた文書、責任者を記載する。",
            f"The value(s) {listed}, which the standard leaves to the organisation to set, are not "
            f"designated ({what_en}) Set the value and declare it in bundle.yaml under designated_values "
            "with the "
            "document that sets it and its owner.",
        ),
        required=f"designated_values: {listed}",
        evidence=[ctx.section_ref("designated_values")],
    )


_UNDECIDED_WITHOUT_ROWS = (Outcome.PASS, Outcome.NOT_APPLICABLE, Outcome.NOT_ASSESSED)


def _rests_on_evidence(
    result: CheckResult, spec: CheckSpecBase, check_kind: CheckKind[Any], ctx: CheckContext
) -> CheckResult:
    """A pass (or not applicable) over a record set with no rows rests on nothing: not assessed.

    An empty file proves nothing happened only when the organisation says so: a record set
    declared ``no_events`` keeps the outcome, and the message cites the declaration.
    """
    if result.outcome not in _UNDECIDED_WITHOUT_ROWS:
        return result
    names = check_kind.population(spec) if check_kind.population else sorted(check_sets_read(spec))
    empty = [n for n in names if ctx.records.has(n) and ctx.records.row_count(n) == 0]
    if not empty:
        return result
    declarations = {n: ctx.bundle.model.records[n].no_events for n in empty}
    undeclared = [n for n, d in declarations.items() if d is None]
    cited = {ref.id for ref in result.evidence if ref.kind == "records"}
    evidence = [*result.evidence, *(ctx.records_ref(n) for n in empty if n not in cited)]
    if undeclared:
        listed = ", ".join(undeclared)
        return CheckResult(
            kind=result.kind,
            outcome=Outcome.NOT_ASSESSED,
            reason="records_empty",
            message=text(
                f"記録セット {listed} に行が1件もない。空のファイルは何も起きなかった証拠にならないため、"
                "評価しなかった。該当期間に本当に事象がなかった場合は bundle.yaml の records の no_events"
                "（宣言者、宣言日、内容）で宣言する。",
                f"The record set(s) {listed} hold no rows. An empty file is no evidence that nothing "
                "happened, so the check was not assessed. If nothing really happened in the period, "
                "declare it in bundle.yaml (records → no_events: who, when, what).",
            ),
            required="rows, or a no_events declaration",
            evidence=evidence,
        )
    said = "; ".join(
        f"{n}: {d.statement} ({d.declared_by}, {d.declared_on})" for n, d in declarations.items() if d
    )
    message = text(
        f"{result.message.ja}（記録が空であることの宣言: {said}）",
        f"{result.message.en} (declared empty: {said})",
    )
    return result.model_copy(update={"message": message, "evidence": evidence})


def rule_grade(rule: Rule, checks: list[CheckResult]) -> Grade:
    """The rule's grade, escalated by the share failing; an evidence-quality finding is minor at most."""
    if nature_of(checks) == "evidence_quality":
        return min(rule.grade, Grade.MINOR, key=lambda g: g.rank)
    grade = rule.grade
    if rule.escalation:
        for check in checks:
            share = (check.failing_count or 0) / check.population if check.population else 0.0
            if check.outcome is Outcome.FAIL and check.reason in ("evidence_missing", "records_empty"):
                share = 1.0  # nothing of the population is shown: as if all of it fell short
            if share > rule.escalation.when_failing_share_above:
                grade = max(grade, rule.escalation.grade, key=lambda g: g.rank)
    return grade


def judge_rule(
    rule: Rule, ctx: CheckContext, problems: list[Diagnostic], presence_only: bool = False
) -> tuple[Outcome, str, list[CheckResult]]:
    """Run every check of ``rule``; the rule's outcome and reason are those of its most serious check.

    A rule with a passing check and otherwise only not-applicable ones passes. Record data found
    unreadable while checking is added to ``problems``. With ``presence_only`` (the CI profile)
    record-based checks only verify that their record sets and columns are supplied.
    """
    checks = [evaluate_check(spec, ctx, problems, presence_only) for spec in rule.checks]
    decisive = max(checks, key=lambda c: c.outcome.weight)
    outcome = decisive.outcome
    if outcome is Outcome.NOT_APPLICABLE and any(c.outcome is Outcome.PASS for c in checks):
        outcome = Outcome.PASS
    return outcome, decisive.reason, checks
