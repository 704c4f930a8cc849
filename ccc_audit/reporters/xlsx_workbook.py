"""The XLSX workbook: summary, gap analysis, corrective actions (open / closed), evidence index."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ccc_audit.engine.conformity import earned_points
from ccc_audit.i18n.labels import label
from ccc_audit.i18n.vocabulary import term, terms
from ccc_audit.models.result import AssessmentResult, Conformity
from ccc_audit.register.merge import merge
from ccc_audit.register.model import Register
from ccc_audit.register.xlsx_file import write_register_sheets
from ccc_audit.reporters.base import Report
from ccc_audit.reporters.cover import assessed_standards, report_title
from ccc_audit.reporters.xlsx_engagement import engagement_sheet
from ccc_audit.results.comparison import Change, Comparison
from ccc_audit.spreadsheet.cells import Cell
from ccc_audit.spreadsheet.xlsx import fit_row_height, put, table, workbook_bytes


def _summary(workbook: Workbook, result: AssessmentResult, lang: str, progress: Comparison | None) -> None:
    sheet = workbook.create_sheet(label("summary_sheet", lang))
    assessed = assessed_standards(result)
    criteria = [c for c in result.catalogues if c.id in assessed]
    put(sheet, 1, 1, report_title(result, lang))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    facts: list[tuple[str, Cell]] = [
        (label("organisation", lang), result.scope.organisation),
        (label("role", lang), label(f"role.{result.scope.role.value}", lang)),
        (label("sites", lang), ", ".join(result.scope.sites)),
        (label("programs", lang), ", ".join(result.scope.programs)),
        (label("channels", lang), terms("channel", result.scope.channels, lang)),
        (label("operations", lang), terms("operation", result.scope.operations, lang)),
        (label("period", lang), f"{result.scope.period_start} – {result.scope.period_end}"),
        (label("as_of", lang), result.as_of),
        (label("criteria", lang), "; ".join(f"{c.title.get(lang)} ({c.version})" for c in criteria)),
        (label("packs", lang), ", ".join(f"{p.id} {p.version}" for p in result.packs)),
        (label("tool", lang), f"ccc-audit {result.tool_version}"),
    ]
    for offset, (name, value) in enumerate(facts, start=3):
        put(sheet, offset, 1, name)
        put(sheet, offset, 2, value)
    start = len(facts) + 4
    rows: list[list[Cell]] = []
    for roll in result.rollups:
        name = (
            roll.title.get(lang)
            if ":" not in roll.ref
            else f"  {roll.ref.split(':', 1)[1]} {roll.title.get(lang)}"
        )
        rows.append(
            [name, *[roll.counts.get(c, 0) for c in Conformity], roll.points_earned, roll.points_available]
        )
    grades: list[tuple[str, int]] = [
        (label(f"grade.{g}", lang), sum(1 for f in result.findings if f.grade.value == g and not f.waived))
        for g in ("major", "minor", "observation")
    ]
    headers = [
        f"{label('standard', lang)} / {label('category', lang)}",
        *[label(f"conformity.{c.value}", lang) for c in Conformity],
        label("points_earned", lang),
        label("points_available", lang),
    ]
    table(sheet, headers, rows, [48, 14, 14, 14, 14, 14, 12, 12], first_row=start)
    sheet.column_dimensions["B"].width = max(sheet.column_dimensions["B"].width or 0, 48)
    for offset in range(len(facts)):
        cell = sheet.cell(row=offset + 3, column=2)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        fit_row_height(sheet, offset + 3, str(cell.value or ""), 48)
    below = start + len(rows) + 2
    for offset, (name, count) in enumerate(grades):
        put(sheet, below + offset, 1, name)
        put(sheet, below + offset, 2, count)
    if progress is not None:
        row = below + len(grades) + 1
        put(sheet, row, 1, f"{label('progress', lang)} ({progress.old_as_of} → {progress.new_as_of})")
        sheet.cell(row=row, column=1).font = Font(bold=True)
        for offset, change in enumerate(Change, start=1):
            put(sheet, row + offset, 1, label(f"change.{change.value}", lang))
            put(sheet, row + offset, 2, progress.count(change))


def _gap(workbook: Workbook, result: AssessmentResult, lang: str) -> None:
    sheet = workbook.create_sheet(label("gap_sheet", lang))
    headers = [
        label("standard", lang),
        label("requirement_id", lang),
        label("requirement", lang),
        label("result", lang),
        label("points_available", lang),
        label("points_earned", lang),
        label("rules", lang),
        label("findings", lang),
    ]
    rows: list[list[Cell]] = [
        [
            q.standard,
            q.node_id,
            q.title.get(lang),
            label(f"conformity.{q.conformity.value}", lang),
            q.points,
            earned_points(q.points, q.conformity),
            ", ".join(q.rules),
            ", ".join(q.findings),
        ]
        for q in result.requirements
        if q.assessable
    ]
    table(sheet, headers, rows, [14, 10, 50, 16, 10, 10, 40, 30])


def _evidence(workbook: Workbook, result: AssessmentResult, lang: str) -> None:
    sheet = workbook.create_sheet(label("evidence_sheet", lang))
    headers = [
        "ID",
        label("path", lang),
        label("sha256", lang),
        label("cited_by", lang),
        label("evidence_kind", lang),
        label("evidence_title", lang),
    ]
    rows: list[list[Cell]] = [
        [e.id, e.path, e.sha256, len(e.cited_by), term("evidence_kind", e.kind, lang), e.title or ""]
        for e in result.evidence_index
    ]
    table(sheet, headers, rows, [30, 50, 66, 10, 12, 40])


def render_workbook(
    result: AssessmentResult, register: Register, lang: str, progress: Comparison | None = None
) -> bytes:
    """Every sheet of the workbook; the register sheets show ``register``."""
    workbook = Workbook()
    for blank in list(workbook.worksheets):
        workbook.remove(blank)
    _summary(workbook, result, lang, progress)
    _gap(workbook, result, lang)
    write_register_sheets(workbook, register)
    _evidence(workbook, result, lang)
    engagement_sheet(workbook, result, lang)
    return workbook_bytes(workbook, result.as_of)


class XlsxReporter:
    """Writes ``gap-analysis.<lang>.xlsx`` with a fresh corrective-action register."""

    name = "xlsx"

    def filename(self, lang: str) -> str:
        """One workbook per language."""
        return f"gap-analysis.{lang}.xlsx"

    def render(self, report: Report, lang: str) -> bytes:
        """The workbook, its register holding one open row per finding."""
        result = report.result
        return render_workbook(result, merge(Register(lang), result), lang, report.progress)
