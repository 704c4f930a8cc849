"""Property tests of the gate's merge of a run's findings with a baseline's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_reports import AS_OF

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.models.common import Grade
from ccc_audit.models.result import AssessmentResult, Finding
from ccc_audit.resources import demo_bundle
from ccc_audit.results.comparison import Change
from ccc_audit.results.verdict import FailOn, decide


@pytest.fixture(scope="module")
def demo_findings() -> AssessmentResult:
    return assess(AssessOptions(demo_bundle(), AS_OF, language="en")).result


def _variant(findings: list[Finding], picks: list[tuple[bool, Grade, bool]]) -> list[Finding]:
    """Keep some findings, each with a chosen grade and waiver."""
    return [
        f.model_copy(update={"grade": grade, "waived": waived})
        for f, (keep, grade, waived) in zip(findings, picks, strict=False)
        if keep
    ]


picks = st.lists(
    st.tuples(st.booleans(), st.sampled_from(list(Grade)), st.booleans()), min_size=30, max_size=30
)


@settings(max_examples=60, deadline=None)
@given(now=picks, before=picks, fail_on=st.sampled_from(list(FailOn)), with_baseline=st.booleans())
def test_gate_merge_properties(
    demo_findings: AssessmentResult,
    now: list[tuple[bool, Grade, bool]],
    before: list[tuple[bool, Grade, bool]],
    fail_on: FailOn,
    with_baseline: bool,
) -> None:
    current = demo_findings.model_copy(update={"findings": _variant(demo_findings.findings, now)})
    earlier = demo_findings.model_copy(update={"findings": _variant(demo_findings.findings, before)})
    verdict = decide(current, fail_on, earlier if with_baseline else None)

    assert [s.finding.id for s in verdict.statuses] == [f.id for f in current.findings]
    previous = {f.id: f for f in earlier.findings}
    for status in verdict.statuses:
        finding = status.finding
        assert status.blocking == (status.why_not is None)
        if status.blocking:
            assert not finding.waived and fail_on.reached_by(finding.grade)
            assert status.change in (Change.NEW, Change.REGRESSED)
        if not with_baseline or finding.id not in previous:
            assert status.change is Change.NEW
    current_ids = {f.id for f in current.findings}
    resolved = {f.id for f in verdict.resolved}
    assert resolved == ((set(previous) - current_ids) if with_baseline else set())
    if fail_on is FailOn.ERROR:
        assert not verdict.blocking


@given(fail_on=st.sampled_from(list(FailOn)))
def test_a_run_compared_with_itself_blocks_nothing(demo_findings: AssessmentResult, fail_on: FailOn) -> None:
    verdict = decide(demo_findings, fail_on, demo_findings)

    assert not verdict.blocking and not verdict.resolved
    assert {s.change for s in verdict.statuses} == {Change.UNCHANGED}
