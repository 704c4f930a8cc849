"""The demo assessment, shared by the report tests (assessed once per test module)."""

from __future__ import annotations

import datetime as dt

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.models.result import AssessmentResult
from ccc_audit.resources import demo_bundle

AS_OF = dt.date(2026, 1, 15)


def assess_demo(as_of: dt.date = AS_OF) -> AssessmentResult:
    """Assess the built-in demo bundle as the README's demo does."""
    return assess(AssessOptions(demo_bundle(), as_of, language="ja")).result
