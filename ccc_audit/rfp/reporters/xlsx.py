"""The XLSX workbook: ranking, vendors × criteria matrix, knock-outs, one sheet per evaluator.

Every text cell is neutralised against formula injection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccc_audit.i18n.rfp_labels import label
from ccc_audit.rfp.result import RfpResult
from ccc_audit.spreadsheet.cells import Cell

if TYPE_CHECKING:
    from openpyxl import Workbook


def build_workbook(result: RfpResult, lang: str) -> Workbook:
    """The workbook of ``result`` with headings in ``lang``."""
    from openpyxl import Workbook  # only a run that writes XLSX pays for openpyxl

    from ccc_audit.spreadsheet.xlsx import append_row, sheet_title

    book = Workbook(write_only=True)  # streamed rows: several times faster for large matrices
    summary = book.create_sheet(sheet_title(label("ranking", lang)))
    append_row(
        summary,
        [
            label("rank", lang),
            "id",
            label("vendor", lang),
            label("total", lang),
            label("price", lang),
            label("p_first", lang),
            label("excluded", lang),
        ],
        bold=True,
    )
    for v in result.vendors:
        append_row(
            summary,
            [v.rank, v.id, v.name, v.total, v.price, v.p_first, label("yes" if v.excluded else "no", lang)],
        )
    ranked = [v for v in result.vendors if not v.excluded]
    by_vendor = {v.id: {s.criterion: s for s in v.scores} for v in ranked}
    matrix = book.create_sheet(sheet_title(label("scores", lang)))
    append_row(
        matrix,
        [
            "id",
            label("criterion", lang),
            label("effective", lang),
            *(f"{v.id} {label('score', lang)}" for v in ranked),
            *(f"{v.id} {label('points', lang)}" for v in ranked),
            *(f"{v.id} {label('source', lang)}" for v in ranked),
        ],
        bold=True,
    )
    for c in result.criteria:
        if not c.leaf:
            continue
        scores = [by_vendor[v.id][c.id] for v in ranked]
        append_row(
            matrix,
            [
                c.id,
                c.title.get(lang),
                c.effective_weight,
                *(s.normalised if s.score is None else s.score for s in scores),
                *(s.points for s in scores),
                *(s.source.value for s in scores),
            ],
        )
    append_row(
        matrix,
        ["", label("total", lang), 100.0, *(None for _ in ranked), *(v.total for v in ranked)],
        bold=True,
    )
    knockouts = book.create_sheet(sheet_title(label("knockouts", lang)))
    append_row(
        knockouts,
        [label("vendor", lang), "id", label("status", lang), label("reason", lang), label("evidence", lang)],
        bold=True,
    )
    for v in result.vendors:
        for o in v.knockouts:
            append_row(
                knockouts, [v.id, o.knockout, o.status.value, o.reason.get(lang), "\n".join(o.evidence)]
            )
    leaves = [c for c in result.criteria if c.leaf]
    for evaluator in result.evaluators:
        sheet = book.create_sheet(sheet_title(f"{label('evaluators', lang)} {evaluator.id}"))
        append_row(sheet, [evaluator.name, evaluator.source], bold=True)
        append_row(sheet, [label("criterion", lang), *(v.id for v in ranked)], bold=True)
        for c in leaves:
            row: list[Cell] = [c.id]
            for v in ranked:
                row.append(by_vendor[v.id][c.id].evaluator_scores.get(evaluator.id))
            append_row(sheet, row)
    return book


class XlsxReporter:
    """Writes ``rfp-scores.<lang>.xlsx``."""

    name = "xlsx"

    def filename(self, lang: str) -> str:
        """One file per language (headings differ)."""
        return f"rfp-scores.{lang}.xlsx"

    def render(self, result: RfpResult, lang: str) -> bytes:
        """The workbook's bytes (byte-identical for identical results)."""
        from ccc_audit.spreadsheet.xlsx import workbook_bytes

        return workbook_bytes(build_workbook(result, lang), result.as_of)
