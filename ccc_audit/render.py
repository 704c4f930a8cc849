"""Render a report into the requested output formats (in memory, before anything is written)."""

from __future__ import annotations

from ccc_audit.reporters.base import Report
from ccc_audit.reporters.registry import REPORTERS


def render_all(report: Report, formats: list[str], languages: list[str]) -> dict[str, bytes]:
    """File name → content for each format (and each language where the name depends on it)."""
    files: dict[str, bytes] = {}
    for name in formats:
        reporter = REPORTERS[name]
        for lang in languages:
            files.setdefault(reporter.filename(lang), reporter.render(report, lang))
    return files
