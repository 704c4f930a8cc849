"""Run an assessment: every selected, applicable rule against one bundle."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccc_audit import __version__
from ccc_audit.checks.base import CheckContext
from ccc_audit.checks.kind import CheckKind
from ccc_audit.checks.presence import evaluate_presence
from ccc_audit.checks.registry import CHECK_KINDS
from ccc_audit.engine.applicability import node_applies, rule_applies
from ccc_audit.engine.conformity import requirement_results, rollups
from ccc_audit.engine.crosswalk import crosswalk_traces
from ccc_audit.engine.dependencies import check_sets_read, record_sets_read, runs_pack_sql
from ccc_audit.engine.findings import build_finding, nature_of
from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.i18n.text import text
from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.loading.library import Library, LoadedPack
from ccc_audit.loading.profile import Tailoring
from ccc_audit.loading.record_types import builtin_record_types
from ccc_audit.models.bundle import Waiver
from ccc_audit.models.checks import CheckSpecBase
from ccc_audit.models.common import Grade
from ccc_audit.models.result import (
    AssessmentResult,
    CheckResult,
    EvidenceIndexEntry,
    EvidenceRef,
    Notice,
    Outcome,
    RuleResult,
    ScopeSummary,
    Source,
    WaiverApplied,
)
from ccc_audit.models.rulepack import Rule
from ccc_audit.records.consistency import scope_notices
from ccc_audit.records.duck_store import DuckRecordStore
from ccc_audit.records.errors import MissingColumnsError, RecordDataError

OnRuleDone = Callable[[int, int, str], None]
"""Called after each rule with (rules done, rules in all, rule id), e.g. to show progress."""


@dataclass
class Assessment:
    """Inputs of one assessment run."""

    library: Library
    bundle: LoadedBundle
    tailoring: Tailoring
    as_of: dt.date
    language: str
    profile_source: Source | None = None
    cache_dir: Path | None = None
    """Where parsed record files are cached between runs (None: no cache)."""


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
    except Exception as exc:  # a crashing check must never stop the run nor look like a pass
        reason = "check_crashed"
        detail = f"{type(exc).__name__}: {exc}"
    return CheckResult(
        kind=kind,
        outcome=Outcome.ERROR,
        reason=reason,
        message=text(f"チェックを評価できなかった: {detail}", f"The check could not be evaluated: {detail}"),
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


def _grade(rule: Rule, checks: list[CheckResult]) -> Grade:
    """The rule's grade, escalated by the share failing; an evidence-quality finding is minor at most."""
    if nature_of(checks) == "evidence_quality":
        return min(rule.grade, Grade.MINOR, key=lambda g: g.rank)
    grade = rule.grade
    if rule.escalation:
        for check in checks:
            share = (check.failing_count or 0) / check.population if check.population else 0.0
            if check.outcome is Outcome.FAIL and check.reason == "evidence_missing":
                share = 1.0  # nothing of the population is shown: as if all of it fell short
            if share > rule.escalation.when_failing_share_above:
                grade = max(grade, rule.escalation.grade, key=lambda g: g.rank)
    return grade


def _evaluate_rule(
    job: Assessment, pack: LoadedPack, rule: Rule, records: DuckRecordStore, problems: list[Diagnostic]
) -> tuple[RuleResult, list[CheckResult]]:
    base = {
        "rule_id": rule.id,
        "pack_id": pack.model.pack.id,
        "title": rule.title,
        "requirements": list(rule.requirements),
        "severity": rule.severity,
    }
    if not job.tailoring.selected(rule):
        return RuleResult(**base, outcome=Outcome.EXCLUDED, reason="not_selected", checks=[]), []
    if not rule_applies(rule.applies_to, job.bundle.model):
        return RuleResult(**base, outcome=Outcome.NOT_APPLICABLE, reason="out_of_scope", checks=[]), []
    ctx = CheckContext(
        job.bundle,
        job.as_of,
        job.tailoring.parameters.get(pack.model.pack.id, {}),
        records,
        rule.id,
    )
    outcome, reason, checks = judge_rule(rule, ctx, problems, job.tailoring.presence_only)
    return RuleResult(**base, outcome=outcome, reason=reason, checks=checks), checks


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


def open_records(bundle: LoadedBundle, cache_dir: Path | None) -> DuckRecordStore:
    """Read, type and check every record file of ``bundle``, then lock the store."""
    store = DuckRecordStore(bundle, builtin_record_types(), cache_dir)
    try:
        store.load_all()
    except RecordDataError as exc:
        store.close()
        raise InputError(exc.diagnostics) from None
    bundle.settle()
    store.lock()
    return store


def run(job: Assessment, progress: OnRuleDone | None = None) -> AssessmentResult:
    """Assess the bundle; raise InputError if record data turned out unreadable.

    Record files are read in the background, smallest first, while the rules whose record sets
    are already in are evaluated: on a large bundle most rules are done by the time the largest
    file is read. Rules running rule-pack SQL wait until every file is read and the store locked.
    """
    with DuckRecordStore(job.bundle, builtin_record_types(), job.cache_dir) as records:
        records.start_loading()
        return _run(job, records, progress)


def _evaluation_order(rules: list[tuple[LoadedPack, Rule]], records: DuckRecordStore) -> list[int]:
    """Rule indexes, those whose record sets load earliest first; rule-pack SQL last."""

    def ready_at(index: int) -> tuple[bool, int]:
        rule = rules[index][1]
        positions = [records.load_position(name) for name in record_sets_read(rule)]
        return runs_pack_sql(rule), max(positions, default=-1)

    return sorted(range(len(rules)), key=ready_at)


def _finish_loading(job: Assessment, records: DuckRecordStore) -> None:
    try:
        records.finish_loading()
    except RecordDataError as exc:
        raise InputError(exc.diagnostics) from None
    job.bundle.settle()
    records.lock()


def _run(job: Assessment, records: DuckRecordStore, progress: OnRuleDone | None) -> AssessmentResult:
    bundle = job.bundle.model
    period = bundle.audit_period
    records.publish_period(period.start, period.end, job.as_of, period.anchor)
    notices: list[Notice] = []
    waivers: dict[str, Waiver] = {}
    for index, declared in enumerate(bundle.waivers):
        if declared.expires < job.as_of:
            notices.append(
                Notice(
                    code="waiver_expired",
                    message=text(
                        f"規則 {declared.rule} の免除は {declared.expires} に失効しているため"
                        "適用しなかった。",
                        f"The waiver for rule {declared.rule} expired on {declared.expires} and was ignored.",
                    ),
                    line=job.bundle.doc.position(("waivers", index)).line,
                )
            )
        else:
            waivers[declared.rule] = declared
    all_rules = list(job.library.rules())
    evaluated: dict[int, tuple[RuleResult, list[CheckResult]]] = {}
    rule_problems: dict[int, list[Diagnostic]] = {}
    locked = False
    for done, index in enumerate(_evaluation_order(all_rules, records), start=1):
        pack, rule = all_rules[index]
        if not locked and runs_pack_sql(rule):
            _finish_loading(job, records)
            locked = True
        if progress:
            progress(done, len(all_rules), rule.id)
        evaluated[index] = _evaluate_rule(job, pack, rule, records, rule_problems.setdefault(index, []))
    if not locked:
        _finish_loading(job, records)
    notices.extend(scope_notices(job.bundle, records))
    problems = [d for index in sorted(rule_problems) for d in rule_problems[index]]
    rule_results: list[RuleResult] = []
    findings = []
    subject = bundle.organisation.id
    excluded_nodes = {
        ref for ref, entry in job.library.nodes.items() if not node_applies(entry.node.applies_when, bundle)
    }
    for index, (_, rule) in enumerate(all_rules):
        result, checks = evaluated[index]
        if result.outcome is Outcome.FAIL:
            grade = _grade(rule, checks)
            waiver = waivers.get(rule.id)
            applicable = [ref for ref in rule.requirements if ref not in excluded_nodes] or list(
                rule.requirements
            )
            finding = build_finding(
                job.library, rule, subject, grade, checks, waived=waiver is not None, requirements=applicable
            )
            findings.append(finding)
            result = result.model_copy(
                update={
                    "grade": grade,
                    "finding_id": finding.id,
                    "waived": waiver is not None,
                    "waiver": WaiverApplied(
                        justification=waiver.justification,
                        approved_by=waiver.approved_by,
                        expires=waiver.expires,
                    )
                    if waiver
                    else None,
                }
            )
        rule_results.append(result)
    if problems:
        raise InputError(problems)
    standards = sorted({c for p in job.library.packs for c in p.model.pack.catalogues})
    requirements = requirement_results(job.library, bundle, rule_results, standards)
    return AssessmentResult(
        schema_version=1,
        tool_version=__version__,
        as_of=job.as_of,
        language=job.language,
        scope=ScopeSummary(
            organisation_id=bundle.organisation.id,
            organisation=bundle.organisation.name,
            role=bundle.role,
            sites=[s.name for s in bundle.sites],
            programs=[p.name for p in bundle.programs],
            channels=list(bundle.scope.channels),
            operations=list(bundle.scope.operations),
            period_start=bundle.audit_period.start,
            period_end=bundle.audit_period.end,
        ),
        catalogues=[
            Source(
                id=c.model.standard.id,
                version=f"{c.model.standard.edition} / {c.model.standard.version}",
                title=c.model.standard.title,
            )
            for c in job.library.catalogues
            if c.model.standard.id in standards
        ],
        packs=[
            Source(id=p.model.pack.id, version=p.model.pack.version, title=p.model.pack.title)
            for p in job.library.packs
        ],
        profile=job.profile_source,
        fingerprint=_fingerprint(job, all_rules),
        parameters=job.tailoring.settings,
        notices=notices,
        evidence_index=_evidence_index(job.bundle, rule_results),
        rules=rule_results,
        requirements=requirements,
        rollups=rollups(job.library, requirements),
        findings=findings,
        crosswalk=crosswalk_traces(job.library, requirements),
    )


def _fingerprint(job: Assessment, rules: list[tuple[LoadedPack, Rule]]) -> str:
    """What produced a result besides the bundle and the date (see ``AssessmentResult.fingerprint``)."""
    basis = {
        "catalogues": [c.doc.data for c in job.library.catalogues],
        "packs": [p.doc.data for p in job.library.packs],
        "profile": job.profile_source.id if job.profile_source else None,
        "selected": [rule.id for _, rule in rules if job.tailoring.selected(rule)],
        "presence_only": job.tailoring.presence_only,
        "parameters": [s.model_dump(mode="json") for s in job.tailoring.settings],
    }
    text = json.dumps(basis, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _evidence_index(bundle: LoadedBundle, rules: list[RuleResult]) -> list[EvidenceIndexEntry]:
    cited: dict[str, set[str]] = {}
    served: dict[str, set[str]] = {}
    for result in rules:
        for check in result.checks:
            for ref in check.evidence:
                cited.setdefault(f"{ref.kind}:{ref.id}", set()).add(result.rule_id)
                served.setdefault(f"{ref.kind}:{ref.id}", set()).update(result.requirements)
    entries = [
        EvidenceIndexEntry(
            kind="manifest", id="bundle.yaml", path="bundle.yaml", sha256=bundle.manifest_sha256
        )
    ]
    for document in bundle.model.documents:
        key = f"document:{document.id}"
        entries.append(
            EvidenceIndexEntry(
                kind="document",
                id=document.id,
                path=document.path,
                sha256=bundle.hashes[key],
                title=document.title,
                cited_by=sorted(cited.get(key, set())),
                requirements=sorted(served.get(key, set())),
                standards=_standards(served.get(key, set())),
            )
        )
    for name, spec in sorted(bundle.model.records.items()):
        key = f"records:{name}"
        entries.append(
            EvidenceIndexEntry(
                kind="records",
                id=name,
                path=spec.path,
                sha256=bundle.hashes[key],
                cited_by=sorted(cited.get(key, set())),
                requirements=sorted(served.get(key, set())),
                standards=_standards(served.get(key, set())),
            )
        )
    return entries


def _standards(requirements: set[str]) -> list[str]:
    """The catalogues the requirement refs belong to."""
    return sorted({ref.split(":", 1)[0] for ref in requirements})
