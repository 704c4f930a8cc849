"""Named exit codes and the one precedence rule between them.

Precedence, highest first: 2 (usage or input error: nothing was assessed) > 3 (an evaluation
error in at least one check: the result is incomplete) > 1 (nonconformities: an unwaived
finding graded major or minor) > 0 (none of these).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from ccc_audit.models.common import Grade
from ccc_audit.models.result import AssessmentResult, Outcome


class ExitCode(IntEnum):
    """Process exit codes."""

    OK = 0
    NONCONFORMITY = 1
    INPUT_ERROR = 2
    EVALUATION_ERROR = 3


def exit_code_for(result: AssessmentResult) -> ExitCode:
    """Exit code of a completed assessment (input errors never reach a result)."""
    if any(rule.outcome is Outcome.ERROR for rule in result.rules):
        return ExitCode.EVALUATION_ERROR
    if any(f.grade in (Grade.MAJOR, Grade.MINOR) and not f.waived for f in result.findings):
        return ExitCode.NONCONFORMITY
    return ExitCode.OK


_PRECEDENCE = (ExitCode.INPUT_ERROR, ExitCode.EVALUATION_ERROR, ExitCode.NONCONFORMITY, ExitCode.OK)


def most_severe(codes: Iterable[ExitCode]) -> ExitCode:
    """The code of several runs: the first of them in precedence order (OK when there are none)."""
    given = set(codes)
    return next((code for code in _PRECEDENCE if code in given), ExitCode.OK)
