"""The Markdown gap report (Japanese or English)."""

from __future__ import annotations

from collections import Counter

from ccc_audit.i18n.labels import label
from ccc_audit.models.result import Conformity
from ccc_audit.reporters.base import Report, limitations
from ccc_audit.reporters.cover import assessed_standards, organisation_name, report_id, report_title
from ccc_audit.results.comparison import Change

FAILING_SHOWN = 20


class MarkdownReporter:
    """Writes ``gap-report.<lang>.md`` from ``templates/report.md.j2``."""

    name = "md"

    def filename(self, lang: str) -> str:
        """One file per language."""
        return f"gap-report.{lang}.md"

    def render(self, report: Report, lang: str) -> bytes:
        """Render the template."""
        from ccc_audit.templating import environment  # Jinja2 only when Markdown is asked for

        result, progress = report.result, report.progress
        grades = Counter((f.grade.value, f.waived) for f in result.findings)
        assessed = assessed_standards(result)
        text = (
            environment(label)
            .get_template("report.md.j2")
            .render(
                r=result,
                lang=lang,
                title=report_title(result, lang),
                org_name=organisation_name(result, lang),
                report_id=report_id(result),
                criteria=[c for c in result.catalogues if c.id in assessed],
                rollups=[roll for roll in result.rollups if roll.ref.split(":", 1)[0] in assessed],
                conformities=list(Conformity),
                grades=grades,
                standards={c.id: c for c in result.catalogues},
                deviations=[p for p in result.parameters if p.deviation],
                limitations=limitations(result),
                waived=[x for x in result.rules if x.waived],
                failing_shown=FAILING_SHOWN,
                progress=progress,
                changes=list(Change),
            )
        )
        return text.encode("utf-8")
