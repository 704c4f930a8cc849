"""ISO 18295-2: a client organisation's bundle assessed with the client pack, every check kind."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ccc_audit.cli.main import cli

CLIENT = Path(__file__).parent / "fixtures" / "client"


def test_client_bundle_exercises_every_check_kind_with_explained_results(tmp_path: Path) -> None:
    args = [
        "assess",
        str(CLIENT),
        "--pack",
        "iso-18295-2-client",
        "--as-of",
        "2026-01-15",
        "--out",
        str(tmp_path),
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.stderr
    data = json.loads((tmp_path / "assessment.json").read_text("utf-8"))
    outcomes = {r["rule_id"]: (r["outcome"], r["reason"]) for r in data["rules"]}
    assert outcomes == {
        "iso18295-2.p2-r1.conforming-centre": ("pass", "attested"),
        "iso18295-2.p2-r2.cx-strategy": ("pass", "evidence_sufficient"),
        "iso18295-2.p2-r3.requirements-communicated": ("fail", "sections_missing"),
        "iso18295-2.p2-r5.information-provision": ("fail", "missing_windows"),
        "iso18295-2.p2-r6.contact-strategy": ("pass", "evidence_sufficient"),
        "iso18295-2.p2-r8.performance-measures": ("pass", "evidence_sufficient"),
        "iso18295-2.p2-r4.service-agreement": ("pass", "evidence_sufficient"),
        "iso18295-2.p2-r8.provider-reviews": ("fail", "threshold_breached"),
        "iso18295-2.p2-r9.responsibilities": ("fail", "topics_missing"),
        "iso18295-2.p2-r10.feedback-process": ("fail", "evidence_missing"),
    }
    kinds = {c["kind"] for r in data["rules"] for c in r["checks"]}
    assert kinds == {"document", "attestation", "periodic", "per_entity_frequency"}
    findings = {f["rule_id"]: f for f in data["findings"]}
    reviews = findings["iso18295-2.p2-r8.provider-reviews"]
    # cc-south's contract began on 2025-04-01: Q2, Q3 and Q4 are due; Q3 has no review.
    assert [(i["subject"], i["detail"]["en"]) for i in reviews["failing"]] == [
        ("cc-south", "short in 2025-Q3 (0/1)")
    ]
    assert reviews["grade"] == "minor"  # 1 of 2 providers is not above the 50 % escalation share
    sections = findings["iso18295-2.p2-r3.requirements-communicated"]
    assert "operational processes" in sections["statement"]["nonconformity"]["en"]
    conformity = {r["node_id"]: r["conformity"] for r in data["requirements"]}
    assert conformity["P2-R8"] == "partially_compliant"
    assert conformity["P2-R1"] == "compliant"
    assert conformity["P2-R9"] == "non_compliant"


def test_client_rules_do_not_apply_to_a_contact_centre(tmp_path: Path) -> None:
    minimal = Path(__file__).parent / "fixtures" / "minimal"
    args = [
        "assess",
        str(minimal),
        "--pack",
        "iso-18295-2-client",
        "--as-of",
        "2026-01-15",
        "--out",
        str(tmp_path),
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    data = json.loads((tmp_path / "assessment.json").read_text("utf-8"))
    assert {r["outcome"] for r in data["rules"]} == {"not_applicable"}
    assert {r["conformity"] for r in data["requirements"] if r["assessable"]} == {"not_applicable"}


def test_client_assessment_profile_selects_the_client_pack_only(tmp_path: Path) -> None:
    args = ["assess", str(CLIENT), "--profile", "iso-18295-2-client-assessment", "--as-of", "2026-01-15"]
    result = CliRunner().invoke(cli, [*args, "--out", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1, result.stderr
    data = json.loads((tmp_path / "assessment.json").read_text("utf-8"))
    selected = {r["rule_id"] for r in data["rules"] if r["outcome"] != "excluded"}
    excluded = {r["rule_id"] for r in data["rules"] if r["outcome"] == "excluded"}
    assert selected and all(rule.startswith("iso18295-2.") for rule in selected)
    assert excluded and not any(rule.startswith("iso18295-2.") for rule in excluded)
    assert data["profile"]["id"] == "iso-18295-2-client-assessment"
