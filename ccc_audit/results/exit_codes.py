"""Named exit codes and the one precedence rule between them.

Precedence, highest first: 2 (usage or input error: nothing was assessed) > 3 (an evaluation
error in at least one check: the result is incomplete) > 1 (findings that fail the gate: unwaived,
graded at or above the ``--fail-on`` threshold, default minor, and with a baseline only new or
regressed ones) > 0 (none of these).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ccc_audit.results.verdict import Verdict


class ExitCode(IntEnum):
    """Process exit codes."""

    OK = 0
    NONCONFORMITY = 1
    INPUT_ERROR = 2
    EVALUATION_ERROR = 3


def exit_code_for(verdict: Verdict) -> ExitCode:
    """Exit code of a completed assessment (input errors never reach a result)."""
    if verdict.errors:
        return ExitCode.EVALUATION_ERROR
    if verdict.blocking:
        return ExitCode.NONCONFORMITY
    return ExitCode.OK


_PRECEDENCE = (ExitCode.INPUT_ERROR, ExitCode.EVALUATION_ERROR, ExitCode.NONCONFORMITY, ExitCode.OK)


def most_severe(codes: Iterable[ExitCode]) -> ExitCode:
    """The code of several runs: the first of them in precedence order (OK when there are none)."""
    given = set(codes)
    return next((code for code in _PRECEDENCE if code in given), ExitCode.OK)
