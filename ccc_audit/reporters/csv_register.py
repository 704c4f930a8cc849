"""The corrective-action register as CSV (UTF-8 with BOM, cells neutralised)."""

from __future__ import annotations

from ccc_audit.register.csv_file import render_csv
from ccc_audit.register.merge import merge
from ccc_audit.register.model import Register
from ccc_audit.reporters.base import Report


class CsvRegisterReporter:
    """Writes ``corrective-actions.csv``: one row per finding, human columns left blank."""

    name = "csv"

    def filename(self, _lang: str) -> str:
        """Language-independent file name."""
        return "corrective-actions.csv"

    def render(self, report: Report, lang: str) -> bytes:
        """A fresh register: every finding open, first detected on the assessment date."""
        return render_csv(merge(Register(lang), report.result))
