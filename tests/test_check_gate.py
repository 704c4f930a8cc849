"""``ccc-audit check``: exit codes (every row of the README's precedence table), waivers, baseline."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bundle_factory import write_bundle
from click.testing import CliRunner
from test_engine import (
    AS_OF,
    PERIOD,
    PRIVACY_POLICY,
    _boom,
    _waiver,
    attestation_check,
    document_check,
    rule,
    write_pack,
)

from ccc_audit.checks.registry import CHECK_KINDS
from ccc_audit.cli.main import cli

RULES = [
    rule("gatetest.4-1.continuity", "4.1", "major", document_check("continuity_plan")),
    rule("enginetest.4-2.workforce-plan", "4.2", "minor", document_check("workforce_plan")),
    rule("gatetest.4-3.privacy", "4.3", "observation", document_check("privacy_policy")),
    rule("gatetest.4-4.answered", "4.4", "minor", attestation_check()),
]


def _document(doc_id: str, doc_type: str) -> dict[str, Any]:
    return {**PRIVACY_POLICY, "id": doc_id, "type": doc_type, "title": doc_id}


ALL_DOCUMENTS = {
    "continuity": _document("continuity", "continuity_plan"),
    "workforce": _document("workforce", "workforce_plan"),
    "privacy": _document("privacy", "privacy_policy"),
    "policy": _document("policy", "policy_statement"),
}
ANSWER = {
    "id": "gatetest.4-4.answered",
    "answer": "yes",
    "evidence": ["policy"],
    "answered_by": "Head of Quality",
    "answered_on": dt.date(2025, 12, 1),
}


def make_bundle(root: Path, missing: tuple[str, ...] = (), **extra: Any) -> Path:
    documents = [d for key, d in ALL_DOCUMENTS.items() if key not in missing]
    return write_bundle(
        root, {"audit_period": PERIOD, "documents": documents, "attestations": [ANSWER], **extra}
    )


def check(root: Path, pack: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["check", str(root), "--pack", str(pack), "--as-of", str(AS_OF), "--lang", "en", *options]
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.output


# (id, documents missing, bundle extras, options, crash, expected exit code)
CASES: list[tuple[str, tuple[str, ...], dict[str, Any], tuple[str, ...], bool, int]] = [
    ("clean_bundle_0", (), {}, (), False, 0),
    ("minor_gap_1", ("workforce",), {}, (), False, 1),
    ("major_gap_1", ("continuity",), {}, (), False, 1),
    ("observation_below_default_threshold_0", ("privacy",), {}, (), False, 0),
    ("observation_with_fail_on_observation_1", ("privacy",), {}, ("--fail-on", "observation"), False, 1),
    ("minor_gap_with_fail_on_major_0", ("workforce",), {}, ("--fail-on", "major"), False, 0),
    ("major_gap_with_fail_on_major_1", ("continuity",), {}, ("--fail-on", "major"), False, 1),
    ("major_gap_with_fail_on_error_0", ("continuity",), {}, ("--fail-on", "error"), False, 0),
    ("valid_waiver_0", ("workforce",), {"waivers": [_waiver(dt.date(2026, 6, 30))]}, (), False, 0),
    (
        "expired_waiver_is_ignored_1",
        ("workforce",),
        {"waivers": [_waiver(dt.date(2025, 6, 30))]},
        (),
        False,
        1,
    ),
    ("evaluation_error_3", (), {}, (), True, 3),
    ("evaluation_error_beats_findings_3", ("continuity",), {}, (), True, 3),
    ("evaluation_error_with_fail_on_error_3", (), {}, ("--fail-on", "error"), True, 3),
    ("unknown_format_2", ("continuity",), {}, ("--format", "yaml"), True, 2),
    ("bad_fail_on_2", (), {}, ("--fail-on", "critical"), False, 2),
    ("missing_baseline_file_2", ("continuity",), {}, ("--baseline", "no-such.json"), True, 2),
]


@pytest.mark.parametrize(
    ("missing", "extra", "options", "crash", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_exit_code_precedence(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    missing: tuple[str, ...],
    extra: dict[str, Any],
    options: tuple[str, ...],
    crash: bool,
    expected: int,
) -> None:
    if crash:
        monkeypatch.setitem(CHECK_KINDS, "attestation", replace(CHECK_KINDS["attestation"], evaluate=_boom))
    root = make_bundle(tmp_path / "bundle", missing, **extra)

    code, output = check(root, write_pack(tmp_path, RULES), *options)

    assert code == expected, output


def test_input_error_beats_evaluation_error_and_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(CHECK_KINDS, "attestation", replace(CHECK_KINDS["attestation"], evaluate=_boom))
    root = make_bundle(tmp_path / "bundle", ("continuity",))
    manifest = root / "bundle.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "aproved_by: nobody\n", encoding="utf-8")
    out = tmp_path / "out.sarif"

    code, output = check(root, write_pack(tmp_path, RULES), "--format", f"sarif:{out}")

    assert code == 2
    assert "bundle.yaml:" in output and '"aproved_by"' in output
    assert not out.exists()


def test_expired_waiver_is_reported_and_its_finding_fails(tmp_path: Path) -> None:
    root = make_bundle(tmp_path / "bundle", ("workforce",), waivers=[_waiver(dt.date(2025, 6, 30))])
    lines = (root / "bundle.yaml").read_text(encoding="utf-8").splitlines()
    waiver_line = next(
        i for i, text in enumerate(lines, 1) if "- rule: enginetest.4-2.workforce-plan" in text
    )

    code, output = check(root, write_pack(tmp_path, RULES), "--format", "text", "--format", "github")

    assert code == 1
    assert "Expired waivers (ignored) (1):" in output
    assert (
        f"bundle.yaml:{waiver_line}: The waiver for rule enginetest.4-2.workforce-plan expired on 2025-06-30"
        in output
    )
    manifest = (root / "bundle.yaml").as_posix()
    assert (
        f"::warning file={manifest},line={waiver_line},title=Expired waivers (ignored)::The waiver" in output
    )
    assert (
        "[F-" in output and "enginetest.4-2.workforce-plan" in output.split("Findings that fail the check")[1]
    )


def test_valid_waiver_keeps_the_finding_visible_but_not_failing(tmp_path: Path) -> None:
    root = make_bundle(tmp_path / "bundle", ("workforce",), waivers=[_waiver(dt.date(2026, 6, 30))])

    code, output = check(root, write_pack(tmp_path, RULES))

    assert code == 0
    assert "Findings that do not fail the check (1):" in output
    assert "enginetest.4-2.workforce-plan [waived]" in output


def _baseline(tmp_path: Path, root: Path, pack: Path) -> Path:
    path = tmp_path / "baseline.json"
    code, output = check(root, pack, "--format", f"json:{path}")
    assert code == 1, output
    return path


def test_baseline_only_new_or_regressed_findings_fail(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, RULES)
    root = make_bundle(tmp_path / "bundle", ("workforce",))
    baseline = _baseline(tmp_path, root, pack)

    code, output = check(root, pack, "--baseline", str(baseline))
    assert code == 0, output
    assert "workforce" not in output
    assert "1 finding(s) already in the baseline not shown (1 minor; --show all lists them)" in output
    code, output = check(root, pack, "--baseline", str(baseline), "--show", "all")
    assert code == 0, output
    assert "enginetest.4-2.workforce-plan [unchanged, already in the baseline]" in output

    make_bundle(tmp_path / "bundle", ("workforce", "continuity"))
    code, output = check(root, pack, "--baseline", str(baseline))
    assert code == 1, output
    blocking = output.split("Findings that fail the check (1):")[1].split("\n\n")[0]
    assert "gatetest.4-1.continuity [new]" in blocking
    assert "workforce" not in blocking


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"grade": "observation"}, "regressed"),
        ({"waived": True}, "regressed"),
        ({"grade": "major"}, "improved"),
    ],
    ids=["graded_higher_than_before", "no_longer_waived", "graded_lower_than_before"],
)
def test_baseline_grade_and_waiver_changes(tmp_path: Path, edit: dict[str, Any], expected: str) -> None:
    pack = write_pack(tmp_path, RULES)
    root = make_bundle(tmp_path / "bundle", ("workforce",))
    baseline = _baseline(tmp_path, root, pack)
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["findings"][0].update(edit)
    baseline.write_text(json.dumps(data), encoding="utf-8")

    code, output = check(root, pack, "--baseline", str(baseline), "--show", "all")

    assert f"enginetest.4-2.workforce-plan [{expected}" in output
    assert code == (1 if expected == "regressed" else 0), output


def test_resolved_findings_are_reported(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, RULES)
    root = make_bundle(tmp_path / "bundle", ("workforce",))
    baseline = _baseline(tmp_path, root, pack)
    make_bundle(tmp_path / "bundle")
    sarif = tmp_path / "out.sarif"

    code, output = check(
        root,
        pack,
        "--baseline",
        str(baseline),
        "--format",
        "text",
        "--format",
        f"sarif:{sarif}",
        "--sarif-all",
    )

    assert code == 0, output
    assert "Resolved since the baseline (1):" in output
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    absent = [r for r in results if r.get("baselineState") == "absent"]
    assert [r["ruleId"] for r in absent] == ["enginetest.4-2.workforce-plan"]


def test_a_baseline_that_is_not_a_result_is_an_input_error(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"findings": []}', encoding="utf-8")

    code, output = check(
        make_bundle(tmp_path / "bundle"), write_pack(tmp_path, RULES), "--baseline", str(baseline)
    )

    assert code == 2
    assert f"{baseline}:1:1: not an assessment result" in output


def test_annotations_with_a_baseline_are_exactly_the_new_findings(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, RULES)
    root = make_bundle(tmp_path / "bundle", ("workforce", "privacy"))
    baseline = _baseline(tmp_path, root, pack)
    make_bundle(tmp_path / "bundle", ("workforce", "privacy", "continuity"))

    code, output = check(root, pack, "--baseline", str(baseline), "--format", "github")

    assert code == 1, output
    lines = output.splitlines()
    assert len(lines) == 1, output
    assert (
        lines[0].startswith("::error file=")
        and "title=Major nonconformity%3A gatetest.4-1.continuity" in lines[0]
    )

    code, output = check(root, pack, "--baseline", str(baseline), "--format", "github", "--show", "all")
    assert code == 1, output
    annotated = sorted(
        line.split("title=")[1].split("::")[0].split("%3A ")[1] for line in output.splitlines()
    )
    assert annotated == ["enginetest.4-2.workforce-plan", "gatetest.4-1.continuity", "gatetest.4-3.privacy"]

    code, output = check(root, pack, "--baseline", str(baseline))
    assert "2 finding(s) already in the baseline not shown (1 minor, 1 observation;" in output
    assert "workforce" not in output and "privacy" not in output


@pytest.mark.parametrize(("horizon", "warned"), [("30d", True), ("2w", True), ("1w", False)])
def test_a_document_due_in_ten_days_is_a_warning_with_exit_code_0(
    tmp_path: Path, horizon: str, warned: bool
) -> None:
    pack = write_pack(tmp_path, RULES)
    due = AS_OF + dt.timedelta(days=10)
    documents = [
        {**d, "next_review_date": due} if d["id"] == "workforce" else d for d in ALL_DOCUMENTS.values()
    ]
    root = write_bundle(
        tmp_path / "bundle", {"audit_period": PERIOD, "documents": documents, "attestations": [ANSWER]}
    )
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    code, output = check(
        root,
        pack,
        "--warn-expiring",
        horizon,
        "--format",
        "text",
        "--format",
        "github",
        "--format",
        f"sarif:{sarif}",
        "--format",
        f"junit:{junit}",
    )

    assert code == 0, output
    assert "result: pass (exit code 0)" in output
    manifest = (root / "bundle.yaml").read_text(encoding="utf-8").splitlines()
    warnings = [line for line in output.splitlines() if line.startswith("::warning")]
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    if not warned:
        assert warnings == [] and results == [] and "expiring" not in output
        return
    days = {"30d": 30, "2w": 14}[horizon]
    assert f"Warning: evidence expiring within {days} days (1):" in output
    assert f'"workforce" (workforce) is due for review on {due}: it expires in 11 day(s).' in output
    assert len(warnings) == 1 and "title=Expires soon%3A document workforce" in warnings[0]
    line = int(warnings[0].split(",line=")[1].split(",")[0])
    assert manifest[line - 1].strip() == "- id: workforce"
    assert [(r["ruleId"], r["level"], r["kind"]) for r in results] == [("ccc-audit/expiring", "note", "fail")]
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    assert "is due for review on" in junit.read_text(encoding="utf-8").split("<system-out>")[1]


def test_waivers_and_answers_that_lapse_within_the_horizon_are_warnings(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, RULES)
    answer = {**ANSWER, "answered_on": dt.date(2025, 1, 20)}  # stale from 2026-01-21
    root = make_bundle(
        tmp_path / "bundle",
        ("workforce",),
        attestations=[answer],
        waivers=[_waiver(AS_OF + dt.timedelta(days=3))],
    )
    code, output = check(root, pack, "--warn-expiring", "7d")

    assert code == 0, output
    assert "Warning: evidence expiring within 7 days (2):" in output
    assert (
        "The waiver for enginetest.4-2.workforce-plan is honoured until 2026-01-18: it lapses in 4 day(s)."
        in output
    )
    assert "becomes older than 12 months in 6 day(s)." in output


def test_a_bad_horizon_is_a_usage_error(tmp_path: Path) -> None:
    code, output = check(
        make_bundle(tmp_path / "bundle"), write_pack(tmp_path, RULES), "--warn-expiring", "soon"
    )
    assert code == 2 and "expected a number of days or weeks" in output


def _git_init(folder: Path) -> None:
    subprocess.run(["git", "init", "-q", str(folder)], check=True, capture_output=True)


def test_without_a_folder_check_uses_the_one_bundle_below_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = write_pack(tmp_path, RULES)
    repo = tmp_path / "repo"
    make_bundle(repo / "evidence", ("continuity",))
    _git_init(repo)
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    monkeypatch.delenv("CCC_AUDIT_BUNDLE", raising=False)

    result = CliRunner().invoke(cli, ["check", "--pack", str(pack), "--as-of", str(AS_OF), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert f"{(repo / 'evidence').as_posix()}/bundle.yaml:" in result.output

    make_bundle(repo / "other")
    result = CliRunner().invoke(cli, ["check", "--pack", str(pack), "--as-of", str(AS_OF)])
    assert result.exit_code == 2, result.output
    assert "2 bundle manifests below .. (../evidence/bundle.yaml, ../other/bundle.yaml)" in result.output
    assert "args: [FOLDER]" in result.output and "CCC_AUDIT_BUNDLE" in result.output

    monkeypatch.setenv("CCC_AUDIT_BUNDLE", str(repo / "other"))
    result = CliRunner().invoke(cli, ["check", "--pack", str(pack), "--as-of", str(AS_OF)])
    assert result.exit_code == 0, result.output


def test_a_folder_without_a_manifest_is_named_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    code, output = check(tmp_path / "repo", write_pack(tmp_path, RULES))
    assert code == 2
    assert f"no bundle.yaml in the folder {(tmp_path / 'repo').as_posix()}" in output
    assert "`ccc-audit check evidence`" in output and "args: [evidence]" in output
