"""The corrective-action register as CSV (UTF-8 with BOM, cells neutralised)."""

from __future__ import annotations

from ccc_audit.models.result import AssessmentResult
from ccc_audit.progress import Progress
from ccc_audit.register.csv_file import render_csv
from ccc_audit.register.merge import merge
from ccc_audit.register.model import Register


class CsvRegisterReporter:
    """Writes ``corrective-actions.csv``: one row per finding, human columns left blank."""

    name = "csv"

    def filename(self, _lang: str) -> str:
        """Language-independent file name."""
        return "corrective-actions.csv"

    def render(self, result: AssessmentResult, lang: str, _progress: Progress | None = None) -> bytes:
        """A fresh register: every finding open, first detected on the assessment date."""
        return render_csv(merge(Register(lang), result))
