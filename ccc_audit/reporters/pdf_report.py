"""The PDF gap report: the HTML report's paged variant laid out by WeasyPrint.

WeasyPrint implements CSS Paged Media (``@page`` margin boxes, ``counter(page)``, ``string-set``,
``target-counter`` for the table of contents, ``break-*``), so the running header and footer, page
numbers and the contents page come from the same template and report model as the HTML report,
with no browser involved. It needs Pango (a system library) at run time.

The bytes are deterministic: no creation or modification date is written and the PDF file
identifier is derived from the report itself (organisation, report id, date, language), so the same
inputs and ``--as-of`` give the same file. Nothing outside the document is ever fetched: the only
resources a report holds are inline SVG and the ``data:`` URI of the engagement logo.
"""

from __future__ import annotations

import hashlib

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.reporters.base import Report
from ccc_audit.reporters.html_report import render_html

MISSING_PANGO = (
    "the PDF report needs the Pango and HarfBuzz libraries, which WeasyPrint lays text out with; "
    "install them (Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
    "libharfbuzz-subset0; macOS: brew install pango) or choose another format"
)


def render_pdf(report: Report, lang: str) -> bytes:
    """The gap report as PDF bytes, identical for identical inputs and ``--as-of``."""
    try:  # Pango and WeasyPrint only when a PDF is asked for
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (OSError, ImportError) as exc:  # Pango is loaded with ctypes: a missing library is an OSError
        raise InputError([Diagnostic("--format pdf", 0, 0, f"{MISSING_PANGO} ({exc})")]) from None

    text = render_html(report, lang, paged=True)
    result = report.result
    identity = (
        f"{result.scope.organisation_id}|{result.as_of}|{lang}|{hashlib.sha256(text.encode()).hexdigest()}"
    )
    identifier = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = HTML(string=text, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    pdf: bytes = document.write_pdf(pdf_identifier=identifier)
    return pdf


class PdfReporter:
    """Writes ``gap-report.<lang>.pdf``: cover, contents with page numbers, running header and footer."""

    name = "pdf"

    def filename(self, lang: str) -> str:
        """One file per language."""
        return f"gap-report.{lang}.pdf"

    def render(self, report: Report, lang: str) -> bytes:
        """The PDF bytes."""
        return render_pdf(report, lang)
