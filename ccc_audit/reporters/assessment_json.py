"""The canonical JSON result."""

from __future__ import annotations

from ccc_audit.models.result import AssessmentResult
from ccc_audit.reporters.base import Report
from ccc_audit.safe_text import inert_json


class JsonReporter:
    """Writes ``assessment.json``."""

    name = "json"

    def filename(self, _lang: str) -> str:
        """Language-independent file name."""
        return "assessment.json"

    def render(self, report: Report, _lang: str) -> bytes:
        """Indented, key order fixed by the schema."""
        return inert_json(report.result.model_dump_json(indent=2)).encode("utf-8") + b"\n"


def load_result(raw: bytes) -> AssessmentResult:
    """Read a result written by :class:`JsonReporter`."""
    return AssessmentResult.model_validate_json(raw)
