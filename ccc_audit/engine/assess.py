"""Run an assessment: every selected, applicable rule against one bundle."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ccc_audit import __version__
from ccc_audit.checks.base import CheckContext, with_designations
from ccc_audit.engine.applicability import node_applies, rule_applies
from ccc_audit.engine.conformity import requirement_results, rollups
from ccc_audit.engine.crosswalk import crosswalk_traces
from ccc_audit.engine.dependencies import record_sets_read, runs_pack_sql
from ccc_audit.engine.evidence_index import evidence_index
from ccc_audit.engine.findings import build_finding
from ccc_audit.engine.judging import judge_rule, rule_grade
from ccc_audit.engine.memo import MemoKeys, RuleMemo
from ccc_audit.engine.memo_plan import MemoPlan, note_reads, plan_run, remember
from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.cache_seal import seal_key
from ccc_audit.i18n.text import text
from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.loading.engagement import engagement_summary
from ccc_audit.loading.library import Library, LoadedPack
from ccc_audit.loading.profile import Tailoring
from ccc_audit.loading.record_types import builtin_record_types
from ccc_audit.models.bundle import Waiver
from ccc_audit.models.result import (
    AssessmentResult,
    CheckResult,
    Notice,
    Outcome,
    RuleResult,
    ScopeSummary,
    Source,
    WaiverApplied,
)
from ccc_audit.models.rulepack import Rule
from ccc_audit.records.errors import RecordDataError
from ccc_audit.records.parsed_cache import cache_notices
from ccc_audit.records.sql_engine import DUCKDB, SqlEngine, TableReader

if TYPE_CHECKING:  # DuckDB is imported only by a run that opens a record store
    from ccc_audit.records.duck_store import DuckRecordStore

EngineFactory = Callable[["DuckRecordStore"], SqlEngine]
"""Puts a run's loaded, typed record tables on another SQL engine (:mod:`ccc_audit.records.sql_engine`)."""
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
    memo: RuleMemo | None = None
    """Rule results remembered by the last run (None: every rule runs); filled for the next."""
    sql_engine: EngineFactory | None = None
    """The engine the checks' SQL runs on, given the loaded store (None: DuckDB itself)."""
    table_reader: TableReader | None = None
    """Reads ``table:`` record sets from the Spark catalog (None: a bundle of files only)."""
    engine_name: str = DUCKDB
    """The name of the engine ``sql_engine`` makes (part of every rule's memo key)."""


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
    parameters, undesignated = with_designations(
        job.tailoring.parameters.get(pack.model.pack.id, {}), pack.model.designations, job.bundle.model
    )
    ctx = CheckContext(job.bundle, job.as_of, parameters, records, rule.id, undesignated)
    outcome, reason, checks = judge_rule(rule, ctx, problems, job.tailoring.presence_only)
    return RuleResult(**base, outcome=outcome, reason=reason, checks=checks), checks


def open_records(bundle: LoadedBundle, cache_dir: Path | None) -> DuckRecordStore:
    """Read, type and check every record file of ``bundle``, then lock the store."""
    from ccc_audit.records.duck_store import DuckRecordStore

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
    With a memo (:mod:`ccc_audit.engine.memo`), rules whose inputs are unchanged are served from
    it and only the record sets the others read are loaded; when it serves every rule and the
    scope notices, no record store is opened at all (nor DuckDB imported).
    """
    memo = job.memo
    plan = plan_run(memo, _memo_keys(job), list(job.library.rules())) if memo is not None else None
    if plan is not None and _all_served(job, plan):
        return _run(job, None, progress, plan)
    from ccc_audit.records.duck_store import DuckRecordStore

    if memo is not None and plan is not None and plan.load is not None:
        with DuckRecordStore(job.bundle, builtin_record_types(), job.cache_dir) as records:
            _start_loading(job, records, plan.load)
            result = _run(job, records, progress, plan)
            if not records.unplanned and not plan.suspect:
                return result
        memo.served = 0  # nothing is served in the full run that follows
    with DuckRecordStore(job.bundle, builtin_record_types(), job.cache_dir) as records:
        _start_loading(job, records)
        return _run(job, records, progress, MemoPlan(_memo_keys(job)) if job.memo is not None else None)


def _all_served(job: Assessment, plan: MemoPlan) -> bool:
    """Whether the memo serves every rule and the scope notices, so the run reads no record.

    A store would add only a fault about the cache's sealing key, and a memo is served only when
    the key can be read; the fault is kept by opening a store whenever the key cannot be read.
    """
    return (
        plan.load == set()
        and plan.scope is not None
        and len(plan.served) == sum(1 for _ in job.library.rules())
        and job.sql_engine is None
        and job.table_reader is None
        and (job.cache_dir is None or seal_key(job.cache_dir) is not None)
    )


def _start_loading(job: Assessment, records: DuckRecordStore, only: set[str] | None = None) -> None:
    """Start reading the record files; another engine is handed the typed tables once all are read."""
    records.table_reader = job.table_reader
    records.start_loading(only)
    if job.sql_engine is not None:
        _finish_loading(job, records)
        records.engine = job.sql_engine(records)


def _memo_keys(job: Assessment) -> MemoKeys:
    engine = DUCKDB if job.sql_engine is None else job.engine_name
    return MemoKeys(job.bundle, job.tailoring, job.as_of, job.language, engine=engine)


def _evaluation_order(rules: list[tuple[LoadedPack, Rule]], records: DuckRecordStore | None) -> list[int]:
    """Rule indexes, those whose record sets load earliest first; rule-pack SQL last."""

    def ready_at(index: int) -> tuple[bool, int]:
        rule = rules[index][1]
        loading = records.load_position if records is not None else lambda _: -1
        positions = [loading(name) for name in record_sets_read(rule)]
        return runs_pack_sql(rule), max(positions, default=-1)

    return sorted(range(len(rules)), key=ready_at)


def _finish_loading(job: Assessment, records: DuckRecordStore | None) -> None:
    if records is None:
        job.bundle.settle()
        return
    try:
        records.finish_loading()
    except RecordDataError as exc:
        raise InputError(exc.diagnostics) from None
    job.bundle.settle()
    records.lock()


def _record_notices(job: Assessment, records: DuckRecordStore) -> list[Notice]:
    """Notices about the records themselves: scope contradicted, dates far off, unknown columns."""
    from ccc_audit.records.consistency import scope_notices
    from ccc_audit.records.outliers import date_outliers

    period = job.bundle.model.audit_period
    return [
        *scope_notices(job.bundle, records),
        *date_outliers(records, period.start, period.end),
        *records.unknown_columns(),
    ]


def _run(
    job: Assessment, records: DuckRecordStore | None, progress: OnRuleDone | None, plan: MemoPlan | None
) -> AssessmentResult:
    """Evaluate or serve every rule and build the result (``records`` None: the memo serves all)."""
    bundle = job.bundle.model
    period = bundle.audit_period
    if records is not None:
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
        served = plan.served.get(index) if plan else None
        if served is not None:
            evaluated[index] = served, served.checks
            continue
        if records is None:
            raise RuntimeError(f"rule {rule.id} is not remembered, yet no record store was opened")
        records.asked.clear()
        job.bundle.documents_read.clear()
        evaluated[index] = _evaluate_rule(job, pack, rule, records, rule_problems.setdefault(index, []))
        if plan is not None:
            note_reads(plan, index, rule, records.asked, job.bundle.documents_read)
        if plan is not None and any(c.reason == "check_crashed" for c in evaluated[index][1]):
            plan.suspect = True  # perhaps a set left unloaded: the run is done again in full
    if not locked:
        _finish_loading(job, records)
    notices.extend(cache_notices([*(records.cache_faults if records else []), *job.bundle.hasher.faults]))
    if plan is not None and plan.scope is not None:
        scope = plan.scope
    elif records is not None:
        scope = _record_notices(job, records)
    else:
        raise RuntimeError("the scope notices are not remembered, yet no record store was opened")
    notices.extend(scope)
    if plan is not None and job.memo is not None:
        remember(job.memo, plan, all_rules, evaluated, rule_problems, scope)
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
            grade = rule_grade(rule, checks)
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
        engine=records.engine.name if records is not None and records.engine else DUCKDB,
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
        evidence_index=evidence_index(job.bundle, rule_results),
        rules=rule_results,
        requirements=requirements,
        rollups=rollups(job.library, requirements),
        findings=findings,
        engagement=engagement_summary(bundle, job.bundle.logo, job.as_of),
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
