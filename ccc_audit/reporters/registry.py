"""The one registry of reporters: format name → reporter."""

from __future__ import annotations

from ccc_audit.reporters.base import Reporter
from ccc_audit.reporters.csv_register import CsvRegisterReporter
from ccc_audit.reporters.github import GithubReporter
from ccc_audit.reporters.gitlab import GitlabReporter
from ccc_audit.reporters.html_report import HtmlReporter
from ccc_audit.reporters.json_result import JsonReporter
from ccc_audit.reporters.junit import JunitReporter
from ccc_audit.reporters.markdown_report import MarkdownReporter
from ccc_audit.reporters.oscal import OscalPoamReporter, OscalResultsReporter
from ccc_audit.reporters.sarif import SarifReporter
from ccc_audit.reporters.text_summary import TextReporter
from ccc_audit.reporters.xlsx_workbook import XlsxReporter

REPORTERS: dict[str, Reporter] = {}


def register(reporter: Reporter) -> None:
    """Add a reporter; a duplicate name is an error."""
    if reporter.name in REPORTERS:
        raise ValueError(f"reporter {reporter.name!r} is registered twice")
    REPORTERS[reporter.name] = reporter


register(JsonReporter())
register(MarkdownReporter())
register(CsvRegisterReporter())
register(HtmlReporter())
register(XlsxReporter())
register(OscalResultsReporter())
register(OscalPoamReporter())
register(TextReporter())
register(JunitReporter())
register(SarifReporter())
register(GithubReporter())
register(GitlabReporter())
