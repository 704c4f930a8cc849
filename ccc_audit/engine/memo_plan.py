"""Plan a run with a memo: which rules are served, which record sets must be loaded; keep the rest.

See :mod:`ccc_audit.engine.memo` for what a rule's key holds and why a memo never changes a result.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ccc_audit.engine.memo import MemoKeys, RuleMemo, changed_sets, served_rule, served_scope
from ccc_audit.errors import Diagnostic
from ccc_audit.loading.library import LoadedPack
from ccc_audit.models.result import CheckResult, Notice, RuleResult
from ccc_audit.models.rulepack import Rule

KEPT_AT_MOST = 2000
"""Results kept per bundle folder: this run's, then the most recent of earlier runs (other profiles)."""


@dataclass
class MemoPlan:
    """One run's use of the memo."""

    keys: MemoKeys | None = None
    """The keys of this run (None: a run that neither serves nor keeps)."""
    served: dict[int, RuleResult] = field(default_factory=dict)
    """Rule index → its remembered result."""
    rule_keys: dict[int, str] = field(default_factory=dict)
    """Rule index → its key, where already computed."""
    load: set[str] | None = None
    """The record sets to load (None: every set)."""
    scope: list[Notice] | None = None
    """The remembered scope notices (None: computed from the records)."""
    documents: dict[int, dict[str, str]] = field(default_factory=dict)
    """Rule index → the documents it read (key → hash), as remembered or as noted in this run."""
    unsafe: set[int] = field(default_factory=set)
    """Rules that asked about a record set they do not declare: never remembered."""
    suspect: bool = False
    """A rule crashed in a run that left sets unloaded: the run is done again with every set."""


def plan_run(memo: RuleMemo, keys: MemoKeys, rules: list[tuple[LoadedPack, Rule]]) -> MemoPlan:
    """Serve what the memo holds for this run's keys; load what the other rules read and what changed."""
    plan = MemoPlan(keys)
    if not memo.rules:
        return plan  # nothing remembered: a full run, keyed at the end
    load = changed_sets(memo, keys)
    for index, (pack, rule) in enumerate(rules):
        key = plan.rule_keys[index] = keys.rule_key(pack, rule)
        served = served_rule(memo, key, keys)
        if served is not None and served[0].rule_id == rule.id:
            plan.served[index], plan.documents[index] = served
        else:
            load.update(keys.sets_read(rule))
    plan.scope = served_scope(memo, keys.scope_key())
    if plan.scope is None:
        load.update(keys.scope_sets())
    plan.load = load
    memo.served = len(plan.served)
    return plan


def note_reads(plan: MemoPlan, index: int, rule: Rule, asked: set[str], documents: set[str]) -> None:
    """Note the documents rule ``index`` read; mark it unsafe if it read an undeclared record set.

    The documents are kept with their hashes, to be compared at the next run. A record set the
    bundle does not supply is not a read: its absence is in the manifest, in every key.
    """
    if plan.keys is None:
        return
    bundle = plan.keys.bundle
    plan.documents[index] = {key: bundle.sha256(key) for key in sorted(documents) if key in bundle.files}
    supplied = {name for name in asked if name in plan.keys.bundle.model.records}
    if not supplied <= set(plan.keys.sets_read(rule)):
        plan.unsafe.add(index)


def remember(
    memo: RuleMemo,
    plan: MemoPlan,
    rules: list[tuple[LoadedPack, Rule]],
    evaluated: dict[int, tuple[RuleResult, list[CheckResult]]],
    problems: dict[int, list[Diagnostic]],
    scope: list[Notice],
) -> None:
    """Fill ``memo.fresh`` with this run's results, for the next run."""
    keys = plan.keys
    if keys is None:
        return
    kept: dict[str, Any] = {}
    for index, (pack, rule) in enumerate(rules):
        if problems.get(index) or index in plan.unsafe:
            continue
        key = plan.rule_keys.get(index) or keys.rule_key(pack, rule)
        served = index in plan.served and memo.rules.get(key)
        # a served entry is what the memo holds (validated from it): kept as read, not dumped again
        kept[key] = served or {
            "result": json.loads(evaluated[index][0].model_dump_json()),
            "documents": plan.documents.get(index, {}),
        }
    earlier = [(k, v) for k, v in memo.rules.items() if k not in kept]  # e.g. `check` beside `assess`
    kept = dict([*earlier[max(len(earlier) + len(kept) - KEPT_AT_MOST, 0) :], *kept.items()])
    memo.fresh = {
        "rules": kept,
        "records": {name: keys.record_hash(name) for name in sorted(keys.bundle.model.records)},
        "scope": {"key": keys.scope_key(), "notices": [json.loads(n.model_dump_json()) for n in scope]},
    }
