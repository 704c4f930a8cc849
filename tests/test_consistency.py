"""One story per report: over every output of the demo and of generated bundles, no requirement
is not applicable while carrying a finding, every finding appears under each of its requirements,
and every OSCAL objective has exactly one status."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.app.render import render_all
from ccc_audit.cli.main import cli
from ccc_audit.models.result import AssessmentResult, Conformity
from ccc_audit.reporters.oscal import token
from ccc_audit.resources import demo_bundle, demo_client_bundle

DEMO_AS_OF = dt.date(2026, 1, 15)
FORMATS = ["json", "md", "html", "oscal-ar", "oscal-poam"]


def _generated(root: Path, seed: int) -> tuple[Path, dt.date]:
    bundle = root / f"seed{seed}"
    options = ["--seats", "24", "--months", "12", "--seed", str(seed), "--violations", "all"]
    done = CliRunner().invoke(cli, ["generate", str(bundle), *options])
    assert done.exit_code == 0, done.output
    period = yaml.safe_load((bundle / "bundle.yaml").read_text(encoding="utf-8"))["audit_period"]
    return bundle, period["end"] + dt.timedelta(days=15)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, AssessmentResult]]:
    root = tmp_path_factory.mktemp("consistency")
    bundles = {"demo": (demo_bundle(), DEMO_AS_OF), "client": (demo_client_bundle(), DEMO_AS_OF)}
    for seed in (11, 12):
        bundles[f"generated-{seed}"] = _generated(root, seed)
    yield {
        name: assess(AssessOptions(path, as_of, language="en")).result
        for name, (path, as_of) in bundles.items()
    }


CASES = ["demo", "client", "generated-11", "generated-12"]


@pytest.mark.parametrize("name", CASES)
def test_no_requirement_is_not_applicable_and_carries_a_finding(
    results: dict[str, AssessmentResult], name: str
) -> None:
    result = results[name]
    not_applicable = {q.ref for q in result.requirements if q.conformity is Conformity.NOT_APPLICABLE}
    for q in result.requirements:
        if q.conformity is Conformity.NOT_APPLICABLE:
            assert q.findings == [], q.ref
    for finding in result.findings:
        assert not set(finding.requirements) & not_applicable, finding.id
        listed = {q.ref for q in result.requirements if finding.id in q.findings}
        assert listed == set(finding.requirements), f"{finding.id} appears under each of its requirements"
    markdown = render_all(result, ["md"], ["en"])["gap-report.en.md"].decode("utf-8")
    for line in markdown.splitlines():
        if line.startswith("| ") and "| Not applicable |" in line:
            assert "F-" not in line.split("| Not applicable |", 1)[1], line


@pytest.mark.parametrize("name", CASES)
def test_every_oscal_objective_has_one_status_and_every_finding_its_requirements(
    results: dict[str, AssessmentResult], name: str
) -> None:
    result = results[name]
    files = render_all(result, FORMATS, ["en"])
    document = json.loads(files["oscal-assessment-results.json"])["assessment-results"]
    oscal = document["results"][0].get("findings", [])
    states: dict[str, set[str]] = {}
    for entry in oscal:
        states.setdefault(entry["target"]["target-id"], set()).add(entry["target"]["status"]["state"])
    assert all(len(found) == 1 for found in states.values()), states
    conformity = {token(q.ref): q.conformity for q in result.requirements}
    for target, (state,) in states.items():
        assert (state == "satisfied") == (conformity[target] is Conformity.COMPLIANT), target
        assert conformity[target] is not Conformity.NOT_APPLICABLE, target
    for finding in result.findings:
        for ref in finding.requirements:
            assert token(ref) in states, f"{finding.id} under {ref}"
    saved = json.loads(files["assessment.json"])
    assert saved["fingerprint"] == result.fingerprint


@pytest.mark.parametrize("name", CASES)
def test_numbers_beside_every_displayed_value(results: dict[str, AssessmentResult], name: str) -> None:
    result = results[name]
    numeric_kinds = {"metric", "periodic", "per_entity_frequency", "coverage", "sample_validity", "sql"}
    for rule in result.rules:
        for check in rule.checks:
            if check.kind in numeric_kinds and check.measured and check.reason != "evidence_missing":
                assert check.values, f"{rule.rule_id}: {check.measured} has no number"
                assert all(isinstance(q.value, float) and q.unit for q in check.values)
    for finding in result.findings:
        if finding.measured and finding.values:
            assert finding.bound is None or finding.bound.unit
