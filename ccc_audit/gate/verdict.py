"""Decide which findings fail a run: threshold (``--fail-on``), waivers and baseline."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ccc_audit.gate.baseline import Change, compare
from ccc_audit.models.common import Grade
from ccc_audit.models.result import AssessmentResult, Finding, Notice, Outcome, RuleResult


class FailOn(StrEnum):
    """The lowest grade that fails a run; ``error``: only evaluation errors fail it."""

    OBSERVATION = "observation"
    MINOR = "minor"
    MAJOR = "major"
    ERROR = "error"

    def reached_by(self, grade: Grade) -> bool:
        """Whether a finding of ``grade`` is at or above this threshold."""
        if self is FailOn.ERROR:
            return False
        return grade.rank >= Grade(self.value).rank


@dataclass(frozen=True)
class FindingStatus:
    """A finding of this run with its comparison to the baseline and its effect on the gate."""

    finding: Finding
    change: Change
    blocking: bool
    """Whether this finding fails the run."""
    why_not: str | None = None
    """Machine code of why a finding does not fail the run: waived, below_threshold, in_baseline."""


@dataclass(frozen=True)
class Verdict:
    """The gate's decision over one result."""

    result: AssessmentResult
    fail_on: FailOn
    has_baseline: bool
    statuses: list[FindingStatus]
    resolved: list[Finding] = field(default_factory=list)
    """Findings of the baseline that this run no longer raises."""

    @property
    def errors(self) -> list[RuleResult]:
        """Rules that could not be evaluated (they fail every run, baseline or not)."""
        return [r for r in self.result.rules if r.outcome is Outcome.ERROR]

    @property
    def blocking(self) -> list[FindingStatus]:
        """Findings that fail the run."""
        return [s for s in self.statuses if s.blocking]

    @property
    def expired_waivers(self) -> list[Notice]:
        """Waivers ignored because they expired."""
        return [n for n in self.result.notices if n.code == "waiver_expired"]

    def status(self, finding_id: str | None) -> FindingStatus | None:
        """The status of a finding by id."""
        return next((s for s in self.statuses if s.finding.id == finding_id), None)


def decide(
    result: AssessmentResult, fail_on: FailOn = FailOn.MINOR, baseline: AssessmentResult | None = None
) -> Verdict:
    """Which findings fail the run: unwaived, at or above ``fail_on``, new or regressed."""
    before = {f.id: f for f in baseline.findings} if baseline else {}
    statuses = []
    for finding in result.findings:
        change = compare(finding, before.get(finding.id)) if baseline else Change.NEW
        why_not = None
        if finding.waived:
            why_not = "waived"
        elif not fail_on.reached_by(finding.grade):
            why_not = "below_threshold"
        elif change not in (Change.NEW, Change.REGRESSED):
            why_not = "in_baseline"
        statuses.append(FindingStatus(finding, change, why_not is None, why_not))
    current = {f.id for f in result.findings}
    resolved = [f for f in baseline.findings if f.id not in current] if baseline else []
    return Verdict(result, fail_on, baseline is not None, statuses, sorted(resolved, key=lambda f: f.id))
