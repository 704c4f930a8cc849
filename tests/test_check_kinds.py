"""Data-driven pass/fail cases for every check kind (``tests/check_cases/*.yaml``).

Each case describes a check as written in a rule pack, the parameters it may reference, a tiny
bundle (documents, attestations and record rows inline) and the as-of date. The test writes the
bundle to a temporary folder, loads it as the CLI would, and calls the registered evaluator.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from bundle_factory import TESTS, write_bundle

from ccc_audit.checks.base import CheckContext
from ccc_audit.checks.registry import CHECK_SPEC, REGISTRY
from ccc_audit.engine.assess import open_records
from ccc_audit.engine.judging import evaluate_check
from ccc_audit.loading.bundle import load_bundle
from ccc_audit.models.common import Window
from ccc_audit.models.result import CheckResult, Outcome

CASES_DIR = TESTS / "check_cases"
RULE_ID = "test.4.1.channel-consistency"
KINDS = tuple(REGISTRY.names())
"""Every registered kind; each has a case file ``tests/check_cases/<kind>.yaml``."""


def _load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for kind in KINDS:
        loaded = yaml.safe_load((CASES_DIR / f"{kind}.yaml").read_text(encoding="utf-8"))
        assert isinstance(loaded, list), f"{kind}.yaml must hold a list of cases"
        for case in loaded:
            assert case["check"]["kind"] == kind, f"{case['id']} is in {kind}.yaml"
            cases.append(case)
    return cases


CASES = _load_cases()


def _parameters(raw: dict[str, Any]) -> dict[str, int | float | Window]:
    values: dict[str, int | float | Window] = {}
    for name, value in raw.items():
        values[name] = Window(value) if isinstance(value, str) else value
    return values


def evaluate_case(case: dict[str, Any], root: Path) -> CheckResult:
    """Write the case's bundle under ``root`` and evaluate its check."""
    bundle = load_bundle(write_bundle(root, case.get("bundle", {})))
    spec = CHECK_SPEC.validate_python(case["check"])
    as_of = case["as_of"]
    assert isinstance(as_of, dt.date)
    with open_records(bundle, None) as records:
        period = bundle.model.audit_period
        records.publish_period(period.start, period.end, as_of, period.anchor)
        ctx = CheckContext(
            bundle=bundle,
            as_of=as_of,
            parameters=_parameters(case.get("parameters", {})),
            records=records,
            rule_id=case.get("rule_id", RULE_ID),
        )
        return evaluate_check(spec, ctx, [])


def test_case_ids_are_unique_and_every_kind_is_covered() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    kinds = {c["check"]["kind"] for c in CASES}
    assert kinds == set(KINDS)
    for kind in KINDS:
        outcomes = {c["expect"]["outcome"] for c in CASES if c["check"]["kind"] == kind}
        assert {"pass", "fail"} <= outcomes, f"{kind} needs both passing and failing cases"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_check_case(case: dict[str, Any], tmp_path: Path) -> None:
    result = evaluate_case(case, tmp_path / "bundle")
    expect = case["expect"]

    assert result.kind == case["check"]["kind"]
    assert (result.outcome, result.reason) == (Outcome(expect["outcome"]), expect["reason"]), (
        result.message.en
    )
    for name in ("measured", "required", "population", "failing_count"):
        if name in expect:
            assert getattr(result, name) == expect[name], f"{name}: {result.message.en}"
    if "failing" in expect:
        assert [item.subject for item in result.failing] == [str(f["subject"]) for f in expect["failing"]]
        for item, wanted in zip(result.failing, expect["failing"], strict=True):
            if "detail_is" in wanted:
                assert item.detail.en == wanted["detail_is"]
            if "detail" in wanted:
                assert wanted["detail"] in item.detail.en
            assert item.detail.ja, "every failing item is explained in Japanese too"
    elif result.outcome is Outcome.PASS:
        assert result.failing == []
    if "message_contains" in expect:
        assert expect["message_contains"] in result.message.en
    if "evidence_ids" in expect:
        assert [ref.id for ref in result.evidence] == expect["evidence_ids"]
    for name, rows in expect.get("evidence_rows", {}).items():
        cited = next(ref for ref in result.evidence if ref.id == name)
        assert cited.rows == rows
    assert result.message.ja and result.message.en


def test_failing_periodic_result_names_every_short_window_in_its_message(tmp_path: Path) -> None:
    case = next(c for c in CASES if c["id"] == "periodic_fail_window_from_parameter_quarter")
    result = evaluate_case(case, tmp_path / "bundle")
    assert "2025-Q1, 2025-Q2, 2025-Q3" in result.message.en
    assert "2025-Q4" not in result.message.en
    assert result.population == 4
    assert result.failing_count == 3


def test_document_evidence_carries_the_file_hash(tmp_path: Path) -> None:
    case = next(c for c in CASES if c["id"] == "document_pass")
    result = evaluate_case(case, tmp_path / "bundle")
    (ref,) = result.evidence
    assert ref.kind == "document"
    assert ref.path == "documents/privacy.md"
    assert ref.sha256 is not None and len(ref.sha256) == 64
