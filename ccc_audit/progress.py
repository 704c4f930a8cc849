"""Progress between two assessments: which findings are new, resolved, regressed or unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ccc_audit.models.common import Localized
from ccc_audit.models.result import AssessmentResult, Conformity, Finding


class Change(StrEnum):
    """How a finding changed from the earlier assessment to the later one."""

    NEW = "new"
    RESOLVED = "resolved"
    REGRESSED = "regressed"
    IMPROVED = "improved"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class FindingChange:
    """One finding id and what happened to it."""

    id: str
    rule_id: str
    title: Localized
    change: Change
    old_grade: str | None
    new_grade: str | None


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
class Progress:
    """Everything that changed between ``old_as_of`` and ``new_as_of``."""

    old_as_of: str
    new_as_of: str
    findings: list[FindingChange]
    rollups: list[RollupChange]

    def count(self, change: Change) -> int:
        """How many findings changed in this way."""
        return sum(1 for f in self.findings if f.change is change)

    def of(self, change: Change) -> list[FindingChange]:
        """The findings that changed in this way."""
        return [f for f in self.findings if f.change is change]


_ASSESSED = (Conformity.COMPLIANT, Conformity.PARTIALLY_COMPLIANT, Conformity.NON_COMPLIANT)


def _classify(old: Finding | None, new: Finding | None) -> Change:
    if old is None:
        return Change.NEW
    if new is None:
        return Change.RESOLVED
    old_rank = -1 if old.waived else old.grade.rank
    new_rank = -1 if new.waived else new.grade.rank
    if new_rank > old_rank:
        return Change.REGRESSED
    if new_rank < old_rank:
        return Change.IMPROVED
    return Change.UNCHANGED


def compare(old: AssessmentResult, new: AssessmentResult) -> Progress:
    """Compare two results by finding id (ids are stable from one run to the next)."""
    before = {f.id: f for f in old.findings}
    after = {f.id: f for f in new.findings}
    changes = []
    for ident in sorted(before.keys() | after.keys()):
        was, now = before.get(ident), after.get(ident)
        shown = now or was
        assert shown is not None
        changes.append(
            FindingChange(
                id=ident,
                rule_id=shown.rule_id,
                title=shown.title,
                change=_classify(was, now),
                old_grade=was.grade.value if was else None,
                new_grade=now.grade.value if now else None,
            )
        )
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
    return Progress(old.as_of.isoformat(), new.as_of.isoformat(), changes, rollups)
