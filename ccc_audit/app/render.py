"""Render a report into the requested output formats (in memory, before anything is written)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ccc_audit.models.result import AssessmentResult
from ccc_audit.reporters.base import Report
from ccc_audit.reporters.registry import REPORTERS
from ccc_audit.reporters.template_cache import keep_compiled_templates
from ccc_audit.results.comparison import compare


def render_all(
    report: Report | AssessmentResult,
    formats: list[str],
    languages: list[str],
    previous: AssessmentResult | None = None,
    cache_dir: Path | None = None,
) -> dict[str, bytes]:
    """File name → content for each format (and each language where the name depends on it).

    A bare result is reported with the gate's default verdict. With ``previous`` (an earlier
    result of the same organisation) every report gains a progress section. With ``cache_dir``
    the compiled report templates are kept there for the next run.
    """
    keep_compiled_templates(cache_dir)
    if isinstance(report, AssessmentResult):
        report = Report.of(report)
    if previous is not None:
        report = replace(report, progress=compare(previous, report.result))
    files: dict[str, bytes] = {}
    for name in formats:
        reporter = REPORTERS[name]
        for lang in languages:
            files.setdefault(reporter.filename(lang), reporter.render(report, lang))
    return files
