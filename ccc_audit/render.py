"""Render a result into the requested output formats (in memory, before anything is written)."""

from __future__ import annotations

from ccc_audit.models.result import AssessmentResult
from ccc_audit.progress import compare
from ccc_audit.reporters.registry import REPORTERS


def render_all(
    result: AssessmentResult,
    formats: list[str],
    languages: list[str],
    previous: AssessmentResult | None = None,
) -> dict[str, bytes]:
    """File name → content for each format (and each language where the name depends on it).

    With ``previous`` (an earlier result of the same organisation) every report gains a
    progress section.
    """
    progress = compare(previous, result) if previous is not None else None
    files: dict[str, bytes] = {}
    for name in formats:
        reporter = REPORTERS[name]
        for lang in languages:
            files.setdefault(reporter.filename(lang), reporter.render(result, lang, progress))
    return files
