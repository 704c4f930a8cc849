"""The HTML gap report: one self-contained file (inline CSS, script and SVG), Japanese or English."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ccc_audit.i18n.labels import label
from ccc_audit.models.common import Grade
from ccc_audit.models.result import AssessmentResult, Conformity, Finding, RequirementResult
from ccc_audit.reporters.base import Report, limitations
from ccc_audit.reporters.cover import assessed_standards, organisation_name, report_id, report_title
from ccc_audit.reporters.html_text import css_string, keep_ids
from ccc_audit.reporters.svg_charts import COLOURS, conformity_chart, points_chart, trend_chart
from ccc_audit.results.comparison import Change
from ccc_audit.templating import html_environment

FAILING_SHOWN = 20
"""Failing entities listed per finding; the rest are counted, so huge populations stay small."""

EVIDENCE_LINES_SHOWN = 10
"""Cited file lines and keys listed per evidence reference."""

TOP_RISKS = 5


@dataclass(frozen=True)
class RequirementRow:
    """A requirement with the worst grade among its findings, for the filterable table."""

    requirement: RequirementResult
    grade: str


def _worst_grade(requirement: RequirementResult, findings: dict[str, Finding]) -> str:
    grades = [findings[i].grade for i in requirement.findings if i in findings and not findings[i].waived]
    return max(grades, key=lambda g: g.rank).value if grades else "none"


def top_risks(result: AssessmentResult) -> list[Finding]:
    """The most serious unwaived substantive findings: grade first, then severity, then id.

    Evidence-quality findings (a stale answer, an expired document) are never top risks.
    """
    severities = ["info", "low", "medium", "high", "critical"]
    open_findings = [f for f in result.findings if not f.waived and f.nature == "substantive"]
    return sorted(
        open_findings,
        key=lambda f: (-f.grade.rank, -severities.index(f.severity.value), f.id),
    )[:TOP_RISKS]


class HtmlReporter:
    """Writes ``gap-report.<lang>.html`` from ``templates/report.html.j2``."""

    name = "html"

    def filename(self, lang: str) -> str:
        """One file per language."""
        return f"gap-report.{lang}.html"

    def render(self, report: Report, lang: str) -> bytes:
        """Render the template with its charts and table rows."""
        return render_html(report, lang).encode("utf-8")


def render_html(report: Report, lang: str, paged: bool = False) -> str:
    """The gap report as HTML; ``paged``: the variant WeasyPrint lays out as PDF pages.

    The paged variant has a cover page, a table of contents with page numbers, running headers and
    footers (organisation, report id, date, confidentiality) and no interactive filters.
    """
    result, progress = report.result, report.progress
    findings = {f.id: f for f in result.findings}
    assessed = assessed_standards(result)
    rows = [
        RequirementRow(q, _worst_grade(q, findings))
        for q in result.requirements
        if q.assessable and q.standard in assessed
    ]
    rollups = [roll for roll in result.rollups if roll.ref.split(":", 1)[0] in assessed]
    return (
        html_environment(label)
        .get_template("report.html.j2")
        .render(
            r=result,
            lang=lang,
            title=report_title(result, lang),
            org_name=organisation_name(result, lang),
            report_id=report_id(result),
            criteria=[c for c in result.catalogues if c.id in assessed],
            rollups=rollups,
            conformities=list(Conformity),
            colours={c.value: v for c, v in COLOURS.items()},
            grades=Counter((f.grade.value, f.waived) for f in result.findings),
            grade_names=[g.value for g in Grade],
            rows=rows,
            top=top_risks(result),
            deviations=[p for p in result.parameters if p.deviation],
            limitations=limitations(result),
            waived=[x for x in result.rules if x.waived],
            conformity_svg=conformity_chart(rollups, lang),
            points_svg=points_chart(rollups, lang),
            conformity_svg_narrow=conformity_chart(rollups, lang, narrow=True),
            points_svg_narrow=points_chart(rollups, lang, narrow=True),
            trend_svg=trend_chart(progress, lang) if progress else None,
            progress=progress,
            changes=list(Change),
            failing_shown=FAILING_SHOWN,
            lines_shown=EVIDENCE_LINES_SHOWN,
            paged=paged,
            keep_ids=keep_ids,
            css_string=css_string,
        )
    )
