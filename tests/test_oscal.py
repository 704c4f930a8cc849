"""OSCAL exports load in compliance-trestle's OSCAL models and keep their item ids across runs."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from demo_result import assess_demo
from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.poam import PlanOfActionAndMilestones

from ccc_audit.app.render import render_all
from ccc_audit.models.result import AssessmentResult
from ccc_audit.reporters.oscal import token

NOW = assess_demo()


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return render_all(NOW, ["oscal-ar", "oscal-poam"], ["en", "ja"])


def test_assessment_results_load_in_trestle(files: dict[str, bytes]) -> None:
    document = json.loads(files["oscal-assessment-results.json"])["assessment-results"]
    model = AssessmentResults.model_validate(document)
    result = model.results[0]
    assert result.findings is not None and result.observations is not None
    states: dict[str, set[str]] = {}
    for f in result.findings:
        assert f.target.status is not None
        states.setdefault(f.target.target_id, set()).add(f.target.status.state.value)
    assert all(len(found) == 1 for found in states.values()), "an objective has one status"
    conformity = {token(q.ref): q.conformity.value for q in NOW.requirements}
    for target, (state,) in states.items():
        assert (state == "satisfied") == (conformity[target] == "compliant")
    assert len(result.observations) == len(NOW.findings)
    finding_of = {
        str(o.uuid): next(p.value for p in o.props or [] if p.name == "finding-id")
        for o in result.observations
    }
    under: dict[str, set[str]] = {}
    for f in result.findings:
        for related in f.related_observations or []:
            under.setdefault(finding_of[str(related.observation_uuid)], set()).add(f.target.target_id)
    for finding in NOW.findings:
        assert under[finding.id] == {token(ref) for ref in finding.requirements}, "under each requirement"
    assert model.metadata.title.startswith("Contact Centre Conformity Assessment")


def test_trestle_would_reject_a_malformed_document(files: dict[str, bytes]) -> None:
    document = json.loads(files["oscal-assessment-results.json"])["assessment-results"]
    document["results"][0]["findings"][0]["target"]["target-id"] = "copc-cx-r7:2.7"
    with pytest.raises(ValueError, match=r"target-id|target_id"):
        AssessmentResults.model_validate(document)
    document = json.loads(files["oscal-assessment-results.json"])["assessment-results"]
    document["unexpected"] = 1
    with pytest.raises(ValueError, match="unexpected"):
        AssessmentResults.model_validate(document)


def test_poam_loads_in_trestle(files: dict[str, bytes]) -> None:
    document = json.loads(files["oscal-poam.json"])["plan-of-action-and-milestones"]
    model = PlanOfActionAndMilestones.model_validate(document)
    assert len(model.poam_items) == len(NOW.findings)
    assert any(len(item.related_findings or []) > 1 for item in model.poam_items)
    finding_uuids = {str(f.uuid) for f in model.findings or []}
    for item in model.poam_items:
        assert item.related_findings is not None
        assert {str(r.finding_uuid) for r in item.related_findings} <= finding_uuids


def _items(result: AssessmentResult) -> dict[str, str]:
    poam = json.loads(render_all(result, ["oscal-poam"], ["en"])["oscal-poam.json"])
    return {
        next(p["value"] for p in item["props"] if p["name"] == "finding-id"): item["uuid"]
        for item in poam["plan-of-action-and-milestones"]["poam-items"]
    }


def test_item_ids_are_stable_across_assessments() -> None:
    later = NOW.model_copy(update={"as_of": dt.date(2026, 4, 15), "findings": NOW.findings[2:]})
    before, after = _items(NOW), _items(later)
    assert len(after) == len(before) - 2
    for finding_id, item_uuid in after.items():
        assert before[finding_id] == item_uuid
    assert render_all(NOW, ["oscal-poam"], ["en"]) == render_all(NOW, ["oscal-poam"], ["en"])
