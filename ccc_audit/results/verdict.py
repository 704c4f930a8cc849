"""Decide which findings fail a run: threshold (``--fail-on``), waivers and baseline."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ccc_audit.models.common import Grade
from ccc_audit.models.result import AssessmentResult, Finding, Notice, Outcome, RuleResult
from ccc_audit.results.comparison import Change, compare


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
    """Findings of the baseline whose rule this run evaluated without raising them."""
    not_reassessed: list[Finding] = field(default_factory=list)
    """Findings of the baseline whose rule this run did not evaluate: neither resolved nor raised."""

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
    """Which findings fail the run: unwaived, at or above ``fail_on``, and not already known.

    With a baseline, a finding fails only when it is new, first assessed or regressed
    (``ccc_audit.results.comparison`` defines each); without one, every finding is new.
    """
    comparison = compare(baseline, result) if baseline else None
    statuses = []
    for finding in result.findings:
        change = (comparison.change_of(finding.id) if comparison else None) or Change.NEW
        why_not = None
        if finding.waived:
            why_not = "waived"
        elif not fail_on.reached_by(finding.grade):
            why_not = "below_threshold"
        elif change not in (Change.NEW, Change.FIRST_ASSESSED, Change.REGRESSED):
            why_not = "in_baseline"
        statuses.append(FindingStatus(finding, change, why_not is None, why_not))
    resolved = [c.before for c in comparison.of(Change.RESOLVED)] if comparison else []
    unknown = [c.before for c in comparison.of(Change.NOT_REASSESSED)] if comparison else []
    return Verdict(
        result,
        fail_on,
        baseline is not None,
        statuses,
        [f for f in resolved if f is not None],
        [f for f in unknown if f is not None],
    )
