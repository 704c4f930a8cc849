"""The demo assessment, shared by the report tests (assessed once per test process)."""

from __future__ import annotations

import datetime as dt
from functools import cache

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.models.result import AssessmentResult
from ccc_audit.resources import demo_bundle

AS_OF = dt.date(2026, 1, 15)


def assess_demo(as_of: dt.date = AS_OF) -> AssessmentResult:
    """Assess the built-in demo bundle as the README's demo does (a fresh copy for each caller)."""
    return _assessed(as_of).model_copy(deep=True)


@cache
def _assessed(as_of: dt.date) -> AssessmentResult:
    """The demo assessment, computed once per test process."""
    return assess(AssessOptions(demo_bundle(), as_of, language="ja")).result
