"""Engine behaviours: conformity, escalation, waivers, stable findings, crashes and exit codes."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from bundle_factory import write_bundle
from click.testing import CliRunner

from ccc_audit.app.assess import AssessOptions
from ccc_audit.app.assess import assess as run_assessment
from ccc_audit.checks.registry import CHECK_KINDS
from ccc_audit.cli.main import cli
from ccc_audit.models.common import Grade
from ccc_audit.models.result import AssessmentResult, Conformity, Outcome, RequirementResult, RuleResult
from ccc_audit.results.exit_codes import ExitCode, exit_code_for
from ccc_audit.results.verdict import decide

AS_OF = dt.date(2026, 1, 15)
PERIOD = {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 6, 30)}
MONTHS = [f"2025-{m:02d}-10" for m in range(1, 7)]


def rule(rule_id: str, requirement: str, grade: str, check: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A rule of the test pack, with boilerplate texts filled in."""
    text = {"ja": rule_id, "en": rule_id}
    return {
        "id": rule_id,
        "requirements": [f"iso-18295-1:{requirement}"],
        "title": text,
        "rationale": text,
        "evidence": text,
        "corrective_action": text,
        "grade": grade,
        "severity": "medium",
        "checks": [check],
        **extra,
    }


def document_check(doc_type: str) -> dict[str, Any]:
    return {"kind": "document", "types": [doc_type]}


def attestation_check() -> dict[str, Any]:
    return {"kind": "attestation", "question": {"ja": "質問", "en": "Question?"}}


MONITORING_CHECK: dict[str, Any] = {
    "kind": "per_entity_frequency",
    "activity": {"ja": "品質モニタリング評価", "en": "quality monitoring evaluations"},
    "population": {
        "records": "roster",
        "id_column": "staff_id",
        "where": [{"column": "role", "values": ["CSS"]}],
        "start_column": "production_start",
        "end_column": "exit_date",
    },
    "events": {"records": "monitoring", "entity_column": "staff_id", "date_column": "date"},
    "window": "month",
    "min_count": 1,
}

PRIVACY_POLICY: dict[str, Any] = {
    "id": "privacy",
    "type": "privacy_policy",
    "title": "Privacy policy",
    "approved_by": "Managing Director",
    "approved_on": dt.date(2025, 2, 1),
    "next_review_date": dt.date(2026, 12, 31),
}


def write_pack(folder: Path, rules: list[dict[str, Any]]) -> Path:
    """A rule pack file for the iso-18295-1 catalogue holding ``rules``."""
    pack = {
        "schema_version": 1,
        "pack": {
            "id": "engine-test",
            "version": "0.0.1",
            "title": {"ja": "エンジン試験", "en": "Engine test"},
            "catalogues": ["iso-18295-1"],
        },
        "rules": rules,
    }
    path = folder / "pack.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def monitoring_records(css: int, short: int) -> dict[str, Any]:
    """``css`` CSS on the roster; the first ``short`` of them have no evaluation in March."""
    roster = [[f"S{i:03d}", "CSS", "2024-01-01", ""] for i in range(1, css + 1)]
    roster.append(["T001", "supervisor", "2024-01-01", ""])
    events = [
        [f"EV{i:03d}{m}", f"S{i:03d}", day]
        for i in range(1, css + 1)
        for m, day in enumerate(MONTHS)
        if not (i <= short and day.startswith("2025-03"))
    ]
    return {
        "roster": {"columns": ["staff_id", "role", "production_start", "exit_date"], "rows": roster},
        "monitoring": {"columns": ["evaluation_id", "staff_id", "date"], "rows": events},
    }


def assess(
    tmp_path: Path, rules: list[dict[str, Any]], bundle: dict[str, Any], as_of: dt.date = AS_OF
) -> AssessmentResult:
    """Run the engine on a pack of ``rules`` and a bundle described inline."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    pack = write_pack(tmp_path, rules)
    root = write_bundle(tmp_path / "bundle", {"audit_period": PERIOD, **bundle})
    return run_assessment(AssessOptions(root, as_of, packs=(str(pack),), language="en")).result


def rule_result(result: AssessmentResult, rule_id: str) -> RuleResult:
    return next(r for r in result.rules if r.rule_id == rule_id)


def requirement(result: AssessmentResult, node: str) -> RequirementResult:
    return next(r for r in result.requirements if r.ref == f"iso-18295-1:{node}")


# --- conformity ------------------------------------------------------------------------------

CONFORMITY_RULES = [
    rule("enginetest.4-1.major-fail", "4.1", "major", document_check("continuity_plan")),
    rule("enginetest.4-2.minor-fail", "4.2", "minor", document_check("workforce_plan")),
    rule("enginetest.9-r1.missing-evidence", "9.R1", "minor", document_check("continuity_plan")),
    rule("enginetest.4-3.pass", "4.3", "minor", document_check("privacy_policy")),
    rule("enginetest.4-4.manual", "4.4", "minor", attestation_check()),
    rule(
        "enginetest.4-5.client-only",
        "4.5",
        "major",
        document_check("client_agreement"),
        applies_to={"roles": ["client"]},
    ),
    rule("enginetest.5-1.observation", "5.1", "observation", document_check("cx_strategy")),
    rule("enginetest.5-2.attested-no", "5.2", "minor", attestation_check()),
]
CONFORMITY_BUNDLE: dict[str, Any] = {
    "documents": [
        PRIVACY_POLICY,
        {
            **PRIVACY_POLICY,
            "id": "plan",
            "type": "workforce_plan",
            "title": "Workforce plan",
            "approved_on": None,
        },
    ],
    "attestations": [
        {
            "id": "enginetest.5-2.attested-no",
            "answer": "no",
            "rationale": "Not done yet.",
            "answered_by": "Head of Quality",
            "answered_on": dt.date(2025, 12, 1),
        }
    ],
}


@pytest.fixture(scope="module")
def conformity_result(tmp_path_factory: pytest.TempPathFactory) -> AssessmentResult:
    return assess(tmp_path_factory.mktemp("conformity"), CONFORMITY_RULES, CONFORMITY_BUNDLE)


@pytest.mark.parametrize(
    ("node", "rule_id", "outcome", "conformity"),
    [
        ("4.1", "enginetest.4-1.major-fail", Outcome.FAIL, Conformity.NON_COMPLIANT),
        ("4.2", "enginetest.4-2.minor-fail", Outcome.FAIL, Conformity.PARTIALLY_COMPLIANT),
        ("9.R1", "enginetest.9-r1.missing-evidence", Outcome.FAIL, Conformity.NON_COMPLIANT),
        ("4.3", "enginetest.4-3.pass", Outcome.PASS, Conformity.COMPLIANT),
        ("4.4", "enginetest.4-4.manual", Outcome.MANUAL, Conformity.NOT_ASSESSED),
        ("4.5", "enginetest.4-5.client-only", Outcome.NOT_APPLICABLE, Conformity.NOT_APPLICABLE),
        ("5.1", "enginetest.5-1.observation", Outcome.FAIL, Conformity.COMPLIANT),
        ("5.2", "enginetest.5-2.attested-no", Outcome.FAIL, Conformity.NON_COMPLIANT),
    ],
    ids=[
        "major_fail",
        "minor_fail",
        "minor_fail_on_evidence_not_supplied",
        "all_pass",
        "manual_only",
        "out_of_scope_role",
        "observation",
        "attested_no",
    ],
)
def test_conformity_of_a_requirement_follows_its_rules(
    conformity_result: AssessmentResult, node: str, rule_id: str, outcome: Outcome, conformity: Conformity
) -> None:
    assert rule_result(conformity_result, rule_id).outcome is outcome
    entry = requirement(conformity_result, node)
    assert entry.conformity is conformity
    assert entry.rules == [rule_id]


def test_out_of_scope_rule_says_why_and_raises_no_finding(conformity_result: AssessmentResult) -> None:
    result = rule_result(conformity_result, "enginetest.4-5.client-only")
    assert result.reason == "out_of_scope"
    assert result.checks == []
    assert result.finding_id is None
    assert "enginetest.4-5.client-only" not in {f.rule_id for f in conformity_result.findings}


def test_requirements_without_rules_are_not_assessed_and_groups_roll_up(
    conformity_result: AssessmentResult,
) -> None:
    assert requirement(conformity_result, "5.R1").conformity is Conformity.NOT_ASSESSED
    assert requirement(conformity_result, "5.R1").rules == []
    # Clause 4 mixes compliant, partially and non-compliant children: partially compliant overall.
    assert requirement(conformity_result, "4").conformity is Conformity.PARTIALLY_COMPLIANT
    # Clause 6 has no rules at all in this pack.
    assert requirement(conformity_result, "6").conformity is Conformity.NOT_ASSESSED


def test_findings_are_raised_for_failed_rules_only_with_their_grades(
    conformity_result: AssessmentResult,
) -> None:
    grades = {f.rule_id: f.grade for f in conformity_result.findings}
    assert grades == {
        "enginetest.4-1.major-fail": Grade.MAJOR,
        "enginetest.4-2.minor-fail": Grade.MINOR,
        "enginetest.5-1.observation": Grade.OBSERVATION,
        "enginetest.5-2.attested-no": Grade.MINOR,
        "enginetest.9-r1.missing-evidence": Grade.MINOR,
    }
    for finding in conformity_result.findings:
        assert rule_result(conformity_result, finding.rule_id).finding_id == finding.id
        assert finding.subject == "test-cc"
        assert finding.requirements == rule_result(conformity_result, finding.rule_id).requirements
    assert requirement(conformity_result, "4.1").findings == [
        rule_result(conformity_result, "enginetest.4-1.major-fail").finding_id
    ]
    assert exit_code_for(decide(conformity_result)) is ExitCode.NONCONFORMITY


def test_all_rules_passing_is_compliant_with_exit_code_zero(tmp_path: Path) -> None:
    result = assess(
        tmp_path,
        [rule("enginetest.4-5.privacy", "4.5", "major", document_check("privacy_policy"))],
        {"documents": [PRIVACY_POLICY]},
    )
    assert requirement(result, "4.5").conformity is Conformity.COMPLIANT
    assert result.findings == []
    assert exit_code_for(decide(result)) is ExitCode.OK


# --- escalation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("short", "grade", "conformity"),
    [
        (1, Grade.MINOR, Conformity.PARTIALLY_COMPLIANT),  # 1/4 = 25 %
        (2, Grade.MINOR, Conformity.PARTIALLY_COMPLIANT),  # 2/4 = 50 %: not above the threshold
        (3, Grade.MAJOR, Conformity.NON_COMPLIANT),  # 3/4 = 75 %
    ],
    ids=["quarter_failing_stays_minor", "half_failing_at_threshold_stays_minor", "most_failing_escalates"],
)
def test_escalation_to_major_when_failing_share_above_threshold(
    tmp_path: Path, short: int, grade: Grade, conformity: Conformity
) -> None:
    rules = [
        rule(
            "enginetest.6-r3.monitoring",
            "6.R3",
            "minor",
            MONITORING_CHECK,
            escalation={"grade": "major", "when_failing_share_above": 0.5},
        )
    ]
    result = assess(tmp_path, rules, {"records": monitoring_records(css=4, short=short)})

    outcome = rule_result(result, "enginetest.6-r3.monitoring")
    assert outcome.outcome is Outcome.FAIL
    assert outcome.grade is grade
    (finding,) = result.findings
    assert finding.grade is grade
    assert [item.subject for item in finding.failing] == [f"S{i:03d}" for i in range(1, short + 1)]
    assert finding.measured == f"{4 - short}/4 met"
    assert requirement(result, "6.R3").conformity is conformity


# --- waivers ---------------------------------------------------------------------------------

WAIVED_RULES = [rule("enginetest.4-2.workforce-plan", "4.2", "major", document_check("workforce_plan"))]


def _waiver(expires: dt.date) -> dict[str, Any]:
    return {
        "rule": "enginetest.4-2.workforce-plan",
        "justification": "The plan is being rewritten for the new site.",
        "approved_by": "Operations Director",
        "expires": expires,
    }


def test_waiver_keeps_the_failure_but_marks_it_waived_and_exit_code_ignores_it(tmp_path: Path) -> None:
    result = assess(tmp_path, WAIVED_RULES, {"waivers": [_waiver(dt.date(2026, 3, 31))]})

    outcome = rule_result(result, "enginetest.4-2.workforce-plan")
    assert outcome.outcome is Outcome.FAIL
    assert outcome.grade is Grade.MAJOR
    assert outcome.waived is True
    assert outcome.waiver is not None
    assert outcome.waiver.approved_by == "Operations Director"
    assert outcome.waiver.expires == dt.date(2026, 3, 31)
    (finding,) = result.findings
    assert finding.waived is True
    assert finding.grade is Grade.MAJOR
    assert result.notices == []
    assert exit_code_for(decide(result)) is ExitCode.OK


def test_waiver_is_honoured_on_its_last_day(tmp_path: Path) -> None:
    result = assess(tmp_path, WAIVED_RULES, {"waivers": [_waiver(AS_OF)]})
    assert rule_result(result, "enginetest.4-2.workforce-plan").waived is True
    assert exit_code_for(decide(result)) is ExitCode.OK


def test_expired_waiver_is_ignored_with_a_notice(tmp_path: Path) -> None:
    result = assess(tmp_path, WAIVED_RULES, {"waivers": [_waiver(AS_OF - dt.timedelta(days=1))]})
    outcome = rule_result(result, "enginetest.4-2.workforce-plan")
    assert outcome.outcome is Outcome.FAIL
    assert outcome.waived is False
    assert outcome.waiver is None
    assert [n.code for n in result.notices] == ["waiver_expired"]
    assert "enginetest.4-2.workforce-plan" in result.notices[0].message.en
    assert exit_code_for(decide(result)) is ExitCode.NONCONFORMITY


def test_cli_waiver_does_not_change_exit_code(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, WAIVED_RULES)
    root = write_bundle(tmp_path / "bundle", {"waivers": [_waiver(dt.date(2026, 3, 31))]})
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["assess", str(root), "--pack", str(pack), "--as-of", str(AS_OF), "--out", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads((out / "assessment.json").read_text(encoding="utf-8"))
    assert data["findings"][0]["waived"] is True
    assert data["rules"][0]["outcome"] == "fail"


# --- stable finding ids ----------------------------------------------------------------------

STABLE_RULES = [
    rule("enginetest.6-r3.monitoring", "6.R3", "minor", MONITORING_CHECK),
    rule("enginetest.4-1.continuity", "4.1", "major", document_check("continuity_plan")),
]


def _shuffled(records: dict[str, Any], seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    out: dict[str, Any] = {}
    for name, table in records.items():
        rows = list(table["rows"])
        rng.shuffle(rows)
        out[name] = {"columns": table["columns"], "rows": rows}
    return out


def _finding_summary(result: AssessmentResult) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    return [
        (f.id, f.rule_id, f.grade.value, [(i.subject, i.detail.en) for i in f.failing])
        for f in result.findings
    ]


def test_finding_ids_are_stable_across_runs_and_independent_of_row_order(tmp_path: Path) -> None:
    records = monitoring_records(css=5, short=2)
    first = assess(tmp_path / "a", STABLE_RULES, {"records": records})
    again = assess(tmp_path / "b", STABLE_RULES, {"records": records})
    shuffled = [
        assess(tmp_path / f"shuffled-{seed}", STABLE_RULES, {"records": _shuffled(records, seed)})
        for seed in (1, 2, 3)
    ]

    assert len(first.findings) == 2
    ids = [f.id for f in first.findings]
    assert len(set(ids)) == 2
    assert all(i.startswith("F-") for i in ids)
    assert _finding_summary(again) == _finding_summary(first)
    for other in shuffled:
        assert _finding_summary(other) == _finding_summary(first)
        assert [r.finding_id for r in other.rules] == [r.finding_id for r in first.rules]


def test_same_bundle_gives_byte_identical_json_twice(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, STABLE_RULES)
    root = write_bundle(tmp_path / "bundle", {"audit_period": PERIOD, "records": monitoring_records(3, 1)})
    outputs = []
    for name in ("one", "two"):
        out = tmp_path / name
        result = CliRunner().invoke(
            cli, ["assess", str(root), "--pack", str(pack), "--as-of", str(AS_OF), "--out", str(out)]
        )
        assert result.exit_code == 1, result.stderr
        outputs.append((out / "assessment.json").read_bytes())
    assert outputs[0] == outputs[1]


# --- crashing checks -------------------------------------------------------------------------

CRASH_RULES = [
    rule("enginetest.4-3.privacy", "4.3", "minor", document_check("privacy_policy")),
    rule("enginetest.4-4.answered", "4.4", "minor", attestation_check()),
    rule("enginetest.6-r3.monitoring", "6.R3", "minor", MONITORING_CHECK),
]
CRASH_BUNDLE: dict[str, Any] = {
    "documents": [PRIVACY_POLICY],
    "attestations": [
        {
            "id": "enginetest.4-4.answered",
            "answer": "yes",
            "evidence": ["privacy"],
            "answered_by": "Head of Quality",
            "answered_on": dt.date(2025, 12, 1),
        }
    ],
    "records": monitoring_records(css=2, short=1),
}


def _boom(_spec: object, _ctx: object) -> Any:
    raise RuntimeError("boom")


def test_crashing_check_gives_error_outcome_and_other_rules_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(CHECK_KINDS, "document", replace(CHECK_KINDS["document"], evaluate=_boom))

    result = assess(tmp_path, CRASH_RULES, CRASH_BUNDLE)

    crashed = rule_result(result, "enginetest.4-3.privacy")
    assert crashed.outcome is Outcome.ERROR
    assert crashed.reason == "check_crashed"
    assert "RuntimeError: boom" in crashed.checks[0].message.en
    assert crashed.finding_id is None
    assert requirement(result, "4.3").conformity is Conformity.NOT_ASSESSED
    assert rule_result(result, "enginetest.4-4.answered").outcome is Outcome.PASS
    monitoring = rule_result(result, "enginetest.6-r3.monitoring")
    assert monitoring.outcome is Outcome.FAIL
    assert [f.rule_id for f in result.findings] == ["enginetest.6-r3.monitoring"]
    assert exit_code_for(decide(result)) is ExitCode.EVALUATION_ERROR


def test_cli_exit_code_3_when_a_check_crashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(CHECK_KINDS, "document", replace(CHECK_KINDS["document"], evaluate=_boom))
    pack = write_pack(tmp_path, CRASH_RULES)
    root = write_bundle(tmp_path / "bundle", {"audit_period": PERIOD, **CRASH_BUNDLE})
    out = tmp_path / "out"

    result = CliRunner().invoke(
        cli, ["assess", str(root), "--pack", str(pack), "--as-of", str(AS_OF), "--out", str(out)]
    )

    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    data = json.loads((out / "assessment.json").read_text(encoding="utf-8"))
    outcomes = {r["rule_id"]: r["outcome"] for r in data["rules"]}
    assert outcomes == {
        "enginetest.4-3.privacy": "error",
        "enginetest.4-4.answered": "pass",
        "enginetest.6-r3.monitoring": "fail",
    }


# --- exit-code precedence --------------------------------------------------------------------


def test_exit_code_values_are_fixed() -> None:
    assert [
        int(c) for c in (ExitCode.OK, ExitCode.NONCONFORMITY, ExitCode.INPUT_ERROR, ExitCode.EVALUATION_ERROR)
    ] == [
        0,
        1,
        2,
        3,
    ]


def _with(
    result: AssessmentResult, *, error: bool, grade: Grade | None, waived: bool = False
) -> AssessmentResult:
    """``result`` reduced to one rule outcome (error or not) and at most one finding."""
    base = result.findings[0]
    findings = [] if grade is None else [base.model_copy(update={"grade": grade, "waived": waived})]
    rules = [
        r.model_copy(update={"outcome": Outcome.ERROR if error else Outcome.PASS}) for r in result.rules[:1]
    ]
    return result.model_copy(update={"rules": rules, "findings": findings})


@pytest.mark.parametrize(
    ("error", "grade", "waived", "expected"),
    [
        (True, Grade.MAJOR, False, ExitCode.EVALUATION_ERROR),
        (True, None, False, ExitCode.EVALUATION_ERROR),
        (False, Grade.MAJOR, False, ExitCode.NONCONFORMITY),
        (False, Grade.MINOR, False, ExitCode.NONCONFORMITY),
        (False, Grade.MAJOR, True, ExitCode.OK),
        (False, Grade.OBSERVATION, False, ExitCode.OK),
        (False, None, False, ExitCode.OK),
    ],
    ids=[
        "error_beats_major",
        "error_alone",
        "major",
        "minor",
        "waived_major_ignored",
        "observation_ignored",
        "nothing",
    ],
)
def test_exit_code_precedence(
    conformity_result: AssessmentResult, error: bool, grade: Grade | None, waived: bool, expected: ExitCode
) -> None:
    assert (
        exit_code_for(decide(_with(conformity_result, error=error, grade=grade, waived=waived))) is expected
    )


def test_input_error_beats_evaluation_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(CHECK_KINDS, "document", replace(CHECK_KINDS["document"], evaluate=_boom))
    records = monitoring_records(css=2, short=0)
    records["monitoring"]["rows"][0][2] = "2025-02-30"
    pack = write_pack(tmp_path, CRASH_RULES)
    root = write_bundle(tmp_path / "bundle", {**CRASH_BUNDLE, "audit_period": PERIOD, "records": records})
    out = tmp_path / "out"

    result = CliRunner().invoke(
        cli, ["assess", str(root), "--pack", str(pack), "--as-of", str(AS_OF), "--out", str(out)]
    )

    assert result.exit_code == 2, result.output
    assert "monitoring.csv:2:" in result.stderr
    assert '"2025-02-30" is not a date' in result.stderr
    assert not out.exists()


def test_cli_observation_only_exits_zero(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path, [rule("enginetest.5-1.observation", "5.1", "observation", document_check("cx_strategy"))]
    )
    root = write_bundle(tmp_path / "bundle", {})
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["assess", str(root), "--pack", str(pack), "--as-of", str(AS_OF), "--out", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads((out / "assessment.json").read_text(encoding="utf-8"))
    assert [f["grade"] for f in data["findings"]] == ["observation"]
