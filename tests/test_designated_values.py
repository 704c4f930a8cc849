"""Values the standard leaves to the centre: declared in the bundle, checked, and missing ones reported.

The COPC handbook lets the centre set some values itself (the coaching deadline, L626; the
content review frequency, L407; …). A bundle declares them under ``designated_values``; a rule
reads the centre's value, and a value the centre never designated is itself a finding.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bundle_factory import write_bundle
from click.testing import CliRunner

from ccc_audit.cli.main import cli

POLICY = {
    "id": "qa-procedure",
    "type": "qa_procedure",
    "approved_by": "Quality manager",
    "approved_on": "2025-01-10",
    "next_review_date": "2026-12-31",
}
FAILED_EVALUATION = {
    "monitoring": {
        "columns": ["evaluation_id", "staff_id", "date", "passed"],
        "rows": [["EV1", "S1", "2025-02-03", "no"]],
    },
    "coaching": {
        "columns": ["staff_id", "coach_id", "date", "type", "related_evaluation_id"],
        "rows": [["S1", "T1", "2025-02-13", "one_to_one", "EV1"]],
    },
}


def _designated(value: object, document: str = "qa-procedure") -> dict[str, Any]:
    return {"coaching_deadline_days": {"value": value, "document": document, "owner": "Quality manager"}}


def _assess(root: Path, out: Path) -> dict[str, Any]:
    result = CliRunner().invoke(
        cli,
        ["assess", str(root), "--as-of", "2026-01-15", "--out", str(out), "--format", "json", "--lang", "en"],
    )
    assert result.exit_code in (0, 1), result.output
    loaded: dict[str, Any] = json.loads((out / "assessment.json").read_text(encoding="utf-8"))
    return loaded


def _rule(result: dict[str, Any], rule_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in result["rules"] if r["rule_id"] == rule_id)
    return found


def test_the_centres_own_deadline_decides(tmp_path: Path) -> None:
    """Coaching ten days after a failed evaluation meets a 14-day deadline and misses a 7-day one."""
    rule_id = "copc.3.5.coaching-after-failed-evaluation"
    outcomes = {}
    for days in (14, 7):
        root = write_bundle(
            tmp_path / f"b{days}",
            {"documents": [POLICY], "records": FAILED_EVALUATION, "designated_values": _designated(days)},
        )
        outcomes[days] = _rule(_assess(root, tmp_path / f"out{days}"), rule_id)["outcome"]
    assert outcomes == {14: "pass", 7: "fail"}


def test_no_designated_value_is_the_finding(tmp_path: Path) -> None:
    """Without the centre's deadline the rule fails as not designated, naming the value and bundle.yaml."""
    root = write_bundle(tmp_path / "b", {"documents": [POLICY], "records": FAILED_EVALUATION})
    rule = _rule(_assess(root, tmp_path / "out"), "copc.3.5.coaching-after-failed-evaluation")
    assert (rule["outcome"], rule["reason"]) == ("fail", "value_not_designated")
    check = rule["checks"][0]
    assert "coaching_deadline_days" in check["message"]["en"]
    assert "designated_values" in check["message"]["ja"]
    assert check["evidence"][0]["path"] == "bundle.yaml"


def test_a_designation_citing_an_undeclared_document_is_a_located_error(tmp_path: Path) -> None:
    root = write_bundle(
        tmp_path / "b",
        {"documents": [POLICY], "records": FAILED_EVALUATION, "designated_values": _designated(7, "qa-proc")},
    )
    result = CliRunner().invoke(cli, ["validate", str(root)])
    assert result.exit_code == 2
    assert "bundle.yaml:" in result.output
    assert 'document "qa-proc" is not declared' in result.output
    assert 'did you mean "qa-procedure"' in result.output


def test_a_designated_value_of_the_wrong_type_is_a_located_error(tmp_path: Path) -> None:
    root = write_bundle(
        tmp_path / "b",
        {"documents": [POLICY], "records": FAILED_EVALUATION, "designated_values": _designated("quarter")},
    )
    result = CliRunner().invoke(cli, ["validate", str(root)])
    assert result.exit_code == 2
    assert 'designated value "coaching_deadline_days" must be an integer' in result.output
    assert "Traceback" not in result.output


def test_a_misspelt_designation_is_reported(tmp_path: Path) -> None:
    designated = {"coaching_deadline_day": {"value": 7, "document": "qa-procedure", "owner": "QA"}}
    root = write_bundle(
        tmp_path / "b", {"documents": [POLICY], "records": FAILED_EVALUATION, "designated_values": designated}
    )
    result = CliRunner().invoke(cli, ["validate", str(root)])
    assert result.exit_code == 2
    assert 'unknown designated value "coaching_deadline_day"; did you mean "coaching_deadline_days"?' in (
        result.output
    )
