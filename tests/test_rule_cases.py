"""Data-driven pass and fail cases for every shipped rule (``tests/check_cases/rules/*.yaml``).

Each file holds ``cases`` (and optionally ``fixtures``, a place for YAML anchors shared by
cases). A case names a rule of the built-in packs, describes a tiny bundle as
``tests/bundle_factory.py`` does (manifest keys, documents with their text, record rows), an
as-of date, and the rule outcome expected. The test writes the bundle, loads it as the CLI does,
publishes the audit period and judges the real rule with its pack's default parameters and the
bundle's designated values, so a change to a rule's checks, thresholds or SQL shows up here.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from bundle_factory import TESTS, write_bundle

from ccc_audit.checks.base import CheckContext, with_designations
from ccc_audit.checks.registry import REGISTRY
from ccc_audit.engine.applicability import rule_applies
from ccc_audit.engine.assess import open_records
from ccc_audit.engine.judging import judge_rule
from ccc_audit.errors import Diagnostic
from ccc_audit.loading.bundle import load_bundle
from ccc_audit.loading.library import Library, load_library
from ccc_audit.loading.profile import tailor
from ccc_audit.models.result import Outcome
from ccc_audit.models.rulepack import Rule
from ccc_audit.resources import builtin_catalogues, builtin_packs

RULE_CASES_DIR = TESTS / "check_cases" / "rules"
DEFAULT_AS_OF = dt.date(2026, 1, 15)


@cache
def _library() -> Library:
    return load_library(builtin_catalogues(), builtin_packs(), REGISTRY)


def _rules() -> dict[str, tuple[str, Rule]]:
    return {rule.id: (pack.model.pack.id, rule) for pack, rule in _library().rules()}


def _load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(RULE_CASES_DIR.glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(loaded, dict) and set(loaded) <= {"fixtures", "cases"}, path.name
        for case in loaded["cases"]:
            case["file"] = path.name
            cases.append(case)
    return cases


CASES = _load_cases()


def judge_case(case: dict[str, Any], root: Path) -> tuple[Outcome, str, str]:
    """Write the case's bundle under ``root`` and judge its rule: outcome, reason and messages."""
    pack_id, rule = _rules()[case["rule"]]
    bundle = load_bundle(write_bundle(root, case.get("bundle", {})))
    if not rule_applies(rule.applies_to, bundle.model):
        return Outcome.NOT_APPLICABLE, "out_of_scope", ""
    as_of = case.get("as_of", DEFAULT_AS_OF)
    period = bundle.model.audit_period
    problems: list[Diagnostic] = []
    with open_records(bundle, None) as records:
        records.publish_period(period.start, period.end, as_of, period.anchor)
        pack = next(p for p in _library().packs if p.model.pack.id == pack_id)
        parameters, unset = with_designations(
            tailor(_library(), None).parameters.get(pack_id, {}), pack.model.designations, bundle.model
        )
        ctx = CheckContext(bundle, as_of, parameters, records, rule.id, unset)
        outcome, reason, checks = judge_rule(rule, ctx, problems)
    assert problems == []
    return outcome, reason, " | ".join(c.message.en for c in checks)


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    rules = _rules()
    unknown = sorted({c["rule"] for c in CASES} - set(rules))
    assert unknown == [], f"cases name rules that do not exist: {unknown}"
    missing = [
        f"{rule_id} ({outcome})"
        for rule_id in rules
        for outcome in ("pass", "fail")
        if not any(c["rule"] == rule_id and c["expect"]["outcome"] == outcome for c in CASES)
    ]
    assert missing == [], f"rules without a {', '.join(missing)} case"


def test_case_ids_are_unique_and_name_their_rule() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    for case in CASES:
        assert case["id"].startswith(case["rule"] + "_"), case["id"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_rule_case(case: dict[str, Any], tmp_path: Path) -> None:
    outcome, reason, messages = judge_case(case, tmp_path / "bundle")
    expect = case["expect"]
    assert outcome == Outcome(expect["outcome"]), messages
    if "reason" in expect:
        assert reason == expect["reason"], messages
    if "message_contains" in expect:
        assert expect["message_contains"] in messages
