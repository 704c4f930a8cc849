"""The one registry of reporters: format name → reporter."""

from __future__ import annotations

import importlib

from ccc_audit.reporters.assessment_json import JsonReporter
from ccc_audit.reporters.base import Report, Reporter
from ccc_audit.reporters.csv_register import CsvRegisterReporter
from ccc_audit.reporters.github import GithubReporter
from ccc_audit.reporters.gitlab import GitlabReporter
from ccc_audit.reporters.html_report import HtmlReporter
from ccc_audit.reporters.junit import JunitReporter
from ccc_audit.reporters.markdown_report import MarkdownReporter
from ccc_audit.reporters.oscal import OscalPoamReporter, OscalResultsReporter
from ccc_audit.reporters.sarif import SarifReporter
from ccc_audit.reporters.text_summary import TextReporter

REPORTERS: dict[str, Reporter] = {}


class DeferredReporter:
    """A reporter whose module is imported on first use (openpyxl alone costs 80 ms of start-up)."""

    def __init__(self, name: str, module: str, attribute: str) -> None:
        self.name = name
        self._where = (module, attribute)
        self._loaded: Reporter | None = None

    def _reporter(self) -> Reporter:
        if self._loaded is None:
            module, attribute = self._where
            loaded: Reporter = getattr(importlib.import_module(module), attribute)()
            self._loaded = loaded
        return self._loaded

    def filename(self, lang: str) -> str:
        """Name of the file written for ``lang``."""
        return self._reporter().filename(lang)

    def render(self, report: Report, lang: str) -> bytes:
        """The file content."""
        return self._reporter().render(report, lang)


def register(reporter: Reporter) -> None:
    """Add a reporter; a duplicate name is an error."""
    if reporter.name in REPORTERS:
        raise ValueError(f"reporter {reporter.name!r} is registered twice")
    REPORTERS[reporter.name] = reporter


register(JsonReporter())
register(MarkdownReporter())
register(CsvRegisterReporter())
register(HtmlReporter())
register(DeferredReporter("xlsx", "ccc_audit.reporters.xlsx_workbook", "XlsxReporter"))
register(OscalResultsReporter())
register(OscalPoamReporter())
register(TextReporter())
register(JunitReporter())
register(SarifReporter())
register(GithubReporter())
register(GitlabReporter())
register(DeferredReporter("pdf", "ccc_audit.reporters.pdf_report", "PdfReporter"))
