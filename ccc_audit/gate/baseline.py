"""Compare the findings of a run with those of an earlier result (the baseline)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import ValidationError

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.models.result import AssessmentResult, Finding


class Change(StrEnum):
    """How a finding compares with the baseline."""

    NEW = "new"
    """Not in the baseline (every finding is new when there is no baseline)."""
    REGRESSED = "regressed"
    """In the baseline, now graded higher, or no longer waived."""
    UNCHANGED = "unchanged"
    """In the baseline with the same grade and waiver."""
    IMPROVED = "improved"
    """In the baseline, now graded lower or newly waived."""


def compare(finding: Finding, before: Finding | None) -> Change:
    """How ``finding`` compares with the finding of the same id in the baseline."""
    if before is None:
        return Change.NEW
    if finding.grade.rank > before.grade.rank or (before.waived and not finding.waived):
        return Change.REGRESSED
    if finding.grade.rank < before.grade.rank or (finding.waived and not before.waived):
        return Change.IMPROVED
    return Change.UNCHANGED


def load_baseline(path: Path) -> AssessmentResult:
    """Read an ``assessment.json`` written by ``assess`` or ``check --format json``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Diagnostic(str(path), 0, 0, f"cannot read the baseline: {exc.strerror}")]) from None
    try:
        return AssessmentResult.model_validate_json(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors()[:20]:
            where = ".".join(str(part) for part in error["loc"]) or "(top level)"
            problems.append(
                Diagnostic(
                    str(path),
                    0,
                    0,
                    f"not a ccc-audit result (assessment.json): {where}: {error['msg']}",
                )
            )
        raise InputError(problems) from None
