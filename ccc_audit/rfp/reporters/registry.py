"""The one registry of procurement reporters: format name → reporter."""

from __future__ import annotations

from typing import Protocol

from ccc_audit.rfp.reporters.report import HtmlReporter, MarkdownReporter
from ccc_audit.rfp.reporters.rfp_json import JsonReporter
from ccc_audit.rfp.reporters.xlsx import XlsxReporter
from ccc_audit.rfp.result import RfpResult


class RfpReporter(Protocol):
    """Turns a procurement result into the bytes of one output file."""

    name: str
    """Format name used on the command line."""

    def filename(self, lang: str) -> str:
        """Name of the file written for ``lang``."""
        ...

    def render(self, result: RfpResult, lang: str) -> bytes:
        """The file content."""
        ...


RFP_REPORTERS: dict[str, RfpReporter] = {}


def register(reporter: RfpReporter) -> None:
    """Add a reporter; a duplicate name is an error."""
    if reporter.name in RFP_REPORTERS:
        raise ValueError(f"reporter {reporter.name!r} is registered twice")
    RFP_REPORTERS[reporter.name] = reporter


register(JsonReporter())
register(MarkdownReporter())
register(HtmlReporter())
register(XlsxReporter())


def render_rfp(result: RfpResult, formats: list[str], languages: list[str]) -> dict[str, bytes]:
    """File name → content for each format and language."""
    files: dict[str, bytes] = {}
    for name in formats:
        reporter = RFP_REPORTERS[name]
        for lang in languages:
            files.setdefault(reporter.filename(lang), reporter.render(result, lang))
    return files
