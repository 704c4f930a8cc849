"""The workbook's engagement sheet: report number, people, sign-off and the assessor's narrative."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from ccc_audit.i18n.labels import label
from ccc_audit.models.result import AssessmentResult
from ccc_audit.reporters.cover import organisation_name, report_id, report_title
from ccc_audit.spreadsheet.cells import Cell
from ccc_audit.spreadsheet.xlsx import put, table


def engagement_sheet(workbook: Workbook, result: AssessmentResult, lang: str) -> None:
    """Add the sheet (last, after the evidence index) when the bundle declares an engagement."""
    engagement = result.engagement
    if engagement is None:
        return
    sheet = workbook.create_sheet(label("engagement", lang))
    put(sheet, 1, 1, report_title(result, lang))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    mark = engagement.confidentiality.get(lang) if engagement.confidentiality else label("confidential", lang)
    facts: list[tuple[str, Cell]] = [
        (label("confidentiality", lang), mark),
        (label("report_id", lang), report_id(result)),
        (label("organisation", lang), organisation_name(result, lang)),
        (label("assessors", lang), "; ".join(_person(p.name, p.role) for p in engagement.assessors)),
    ]
    if engagement.reviewer:
        facts.append((label("reviewer", lang), _person(engagement.reviewer.name, engagement.reviewer.role)))
    if engagement.sign_off:
        facts.append((label("sign_off", lang), _person(engagement.sign_off.name, engagement.sign_off.role)))
        facts.append((label("signed_on", lang), engagement.sign_off.date))
    narrative = engagement.narrative
    if narrative.readiness:
        verdict = label(f"readiness.{narrative.readiness.verdict.value}", lang)
        why = narrative.readiness.rationale.get(lang) if narrative.readiness.rationale else ""
        facts.append((label("narrative.readiness", lang), f"{verdict}: {why}" if why else verdict))
    if narrative.executive_summary:
        facts.append((label("narrative.executive_summary", lang), narrative.executive_summary.get(lang)))
    if narrative.opinion:
        facts.append((label("narrative.opinion", lang), narrative.opinion.get(lang)))
    rows: list[list[Cell]] = [[name, value] for name, value in facts]
    table(sheet, [label("item", lang), label("value", lang)], rows, [28, 90], first_row=3)
    for row in range(4, 4 + len(rows)):
        sheet.cell(row=row, column=1).font = Font(bold=True)


def _person(name: str, role: str | None) -> str:
    return f"{name} ({role})" if role else name
