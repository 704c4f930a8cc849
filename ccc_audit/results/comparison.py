"""Compare two assessment results: one meaning of each change, for every consumer.

The CI gate (``check --baseline``), the progress section of every report (``assess
--previous``), ``ccc-audit diff`` and ``register update`` all classify findings here. Findings
are matched by id (ids are stable from one run to the next). A rule counts as *evaluated* in a
run when its outcome there is pass, fail or warn; excluded, not applicable, manual and error
outcomes decide nothing about the finding, so a run in which the rule was not evaluated can
neither resolve its finding nor raise it as new:

- ``new``: raised now by a rule that the earlier run evaluated without raising it;
- ``first_assessed``: raised now by a rule that the earlier run did not evaluate (another
  profile, scope or pack): a gap, but not one that appeared since;
- ``resolved``: raised before, and the rule was evaluated now without raising it;
- ``not_reassessed``: raised before, and the rule was not evaluated now: nothing is known;
- ``regressed``: raised in both, now graded higher, or the same grade and no longer waived;
- ``improved``: raised in both, now graded lower, or the same grade and newly waived;
- ``unchanged``: raised in both with the same grade and waiver.

The grade comes first: a minor finding that becomes a waived major one has regressed (the gap
is worse; the waiver only accepts it for a time).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ccc_audit.models.common import Grade, Localized
from ccc_audit.models.result import AssessmentResult, Conformity, Finding, Outcome


class Change(StrEnum):
    """How a finding changed from the earlier assessment to the later one."""

    NEW = "new"
    FIRST_ASSESSED = "first_assessed"
    RESOLVED = "resolved"
    NOT_REASSESSED = "not_reassessed"
    REGRESSED = "regressed"
    IMPROVED = "improved"
    UNCHANGED = "unchanged"


EVALUATED = frozenset({Outcome.PASS, Outcome.FAIL, Outcome.WARN})
"""Rule outcomes that decide whether a finding is raised."""


def evaluated_rules(result: AssessmentResult) -> frozenset[str]:
    """Ids of the rules ``result`` evaluated (see the module docstring)."""
    return frozenset(r.rule_id for r in result.rules if r.outcome in EVALUATED)


def no_longer_raised(evaluated_now: bool) -> Change:
    """The change of a finding the later run does not raise: resolved only if its rule was evaluated."""
    return Change.RESOLVED if evaluated_now else Change.NOT_REASSESSED


@dataclass(frozen=True)
class Raised:
    """What decides how a raised finding compares: its grade and whether a waiver covers it."""

    grade: Grade
    waived: bool


def change_of(
    before: Raised | None, after: Raised | None, evaluated_before: bool, evaluated_now: bool
) -> Change:
    """The change of one finding id; ``before`` or ``after`` is None where it was not raised."""
    if before is None and after is None:
        raise ValueError("a finding must be raised in at least one of the two runs")
    if before is None:
        return Change.NEW if evaluated_before else Change.FIRST_ASSESSED
    if after is None:
        return no_longer_raised(evaluated_now)
    if after.grade.rank != before.grade.rank:
        return Change.REGRESSED if after.grade.rank > before.grade.rank else Change.IMPROVED
    if before.waived and not after.waived:
        return Change.REGRESSED
    if after.waived and not before.waived:
        return Change.IMPROVED
    return Change.UNCHANGED


def classify(
    before: Finding | None, after: Finding | None, evaluated_before: bool, evaluated_now: bool
) -> Change:
    """The change of one finding between two results (see ``change_of``)."""
    return change_of(
        Raised(before.grade, before.waived) if before else None,
        Raised(after.grade, after.waived) if after else None,
        evaluated_before,
        evaluated_now,
    )


@dataclass(frozen=True)
class FindingChange:
    """One finding id and what happened to it."""

    id: str
    rule_id: str
    title: Localized
    change: Change
    before: Finding | None
    after: Finding | None

    @property
    def old_grade(self) -> str | None:
        """Grade in the earlier run (None when it was not raised)."""
        return self.before.grade.value if self.before else None

    @property
    def new_grade(self) -> str | None:
        """Grade in the later run (None when it is not raised)."""
        return self.after.grade.value if self.after else None


@dataclass(frozen=True)
class RollupChange:
    """Conformity of one standard or category in both assessments."""

    ref: str
    title: Localized
    old_compliant: int
    new_compliant: int
    old_assessed: int
    new_assessed: int
    old_points: float | None
    new_points: float | None
    points_available: int | None

    @property
    def old_rate(self) -> float | None:
        """Share of assessed requirements that were compliant before (0-1)."""
        return self.old_compliant / self.old_assessed if self.old_assessed else None

    @property
    def new_rate(self) -> float | None:
        """Share of assessed requirements that are compliant now (0-1)."""
        return self.new_compliant / self.new_assessed if self.new_assessed else None


@dataclass(frozen=True)
class Comparison:
    """Everything that changed between ``old_as_of`` and ``new_as_of``."""

    old_as_of: str
    new_as_of: str
    findings: list[FindingChange]
    rollups: list[RollupChange]
    same_basis: bool = True
    """Whether both results were produced by the same catalogues, packs, profile and parameters
    (their fingerprints match); when not, only rules evaluated in both are compared."""

    def count(self, change: Change) -> int:
        """How many findings changed in this way."""
        return sum(1 for f in self.findings if f.change is change)

    def of(self, change: Change) -> list[FindingChange]:
        """The findings that changed in this way."""
        return [f for f in self.findings if f.change is change]

    def change_of(self, finding_id: str) -> Change | None:
        """The change of one finding id (None when neither run raised it)."""
        return next((f.change for f in self.findings if f.id == finding_id), None)


_ASSESSED = (Conformity.COMPLIANT, Conformity.PARTIALLY_COMPLIANT, Conformity.NON_COMPLIANT)


def _rollups(old: AssessmentResult, new: AssessmentResult) -> list[RollupChange]:
    old_rolls = {r.ref: r for r in old.rollups}
    rollups = []
    for roll in new.rollups:
        prior = old_rolls.get(roll.ref)
        rollups.append(
            RollupChange(
                ref=roll.ref,
                title=roll.title,
                old_compliant=prior.counts.get(Conformity.COMPLIANT, 0) if prior else 0,
                new_compliant=roll.counts.get(Conformity.COMPLIANT, 0),
                old_assessed=sum(prior.counts.get(c, 0) for c in _ASSESSED) if prior else 0,
                new_assessed=sum(roll.counts.get(c, 0) for c in _ASSESSED),
                old_points=prior.points_earned if prior else None,
                new_points=roll.points_earned,
                points_available=roll.points_available,
            )
        )
    return rollups


def compare(old: AssessmentResult, new: AssessmentResult) -> Comparison:
    """Compare two results finding by finding, and standard by standard."""
    before = {f.id: f for f in old.findings}
    after = {f.id: f for f in new.findings}
    evaluated_before, evaluated_now = evaluated_rules(old), evaluated_rules(new)
    changes = []
    for ident in sorted(before.keys() | after.keys()):
        was, now = before.get(ident), after.get(ident)
        shown = now or was
        assert shown is not None
        change = classify(was, now, shown.rule_id in evaluated_before, shown.rule_id in evaluated_now)
        changes.append(FindingChange(ident, shown.rule_id, shown.title, change, was, now))
    same = old.fingerprint == new.fingerprint
    return Comparison(old.as_of.isoformat(), new.as_of.isoformat(), changes, _rollups(old, new), same)
