"""The one registry of reporters: format name → reporter."""

from __future__ import annotations

import importlib

from ccc_audit.reporters.base import Report, Reporter

REPORTERS: dict[str, Reporter] = {}


class DeferredReporter:
    """A reporter whose module is imported on first use.

    openpyxl alone costs 80 ms of start-up; a ``check`` that writes text and SARIF need not build
    the HTML, JUnit or CSV reporters' modules either (~20 ms together).
    """

    def __init__(self, name: str, module: str, attribute: str) -> None:
        self.name = name
        self._where = (module, attribute)
        self._loaded: Reporter | None = None

    def _reporter(self) -> Reporter:
        if self._loaded is None:
            module, attribute = self._where
            loaded: Reporter = getattr(importlib.import_module(module), attribute)()
            if loaded.name != self.name:
                raise ValueError(f"{module}.{attribute} is {loaded.name!r}, registered as {self.name!r}")
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


register(DeferredReporter("json", "ccc_audit.reporters.assessment_json", "JsonReporter"))
register(DeferredReporter("md", "ccc_audit.reporters.markdown_report", "MarkdownReporter"))
register(DeferredReporter("csv", "ccc_audit.reporters.csv_register", "CsvRegisterReporter"))
register(DeferredReporter("html", "ccc_audit.reporters.html_report", "HtmlReporter"))
register(DeferredReporter("xlsx", "ccc_audit.reporters.xlsx_workbook", "XlsxReporter"))
register(DeferredReporter("oscal-ar", "ccc_audit.reporters.oscal", "OscalResultsReporter"))
register(DeferredReporter("oscal-poam", "ccc_audit.reporters.oscal", "OscalPoamReporter"))
register(DeferredReporter("text", "ccc_audit.reporters.text_summary", "TextReporter"))
register(DeferredReporter("junit", "ccc_audit.reporters.junit", "JunitReporter"))
register(DeferredReporter("sarif", "ccc_audit.reporters.sarif", "SarifReporter"))
register(DeferredReporter("github", "ccc_audit.reporters.github", "GithubReporter"))
register(DeferredReporter("gitlab", "ccc_audit.reporters.gitlab", "GitlabReporter"))
register(DeferredReporter("pdf", "ccc_audit.reporters.pdf_report", "PdfReporter"))
