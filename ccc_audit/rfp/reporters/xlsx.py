"""The XLSX workbook: ranking, vendors × criteria matrix, knock-outs, one sheet per evaluator.

Every text cell is neutralised against formula injection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ccc_audit.reporters.spreadsheet_safety import neutralise
from ccc_audit.rfp.reporters.labels import label
from ccc_audit.rfp.reporters.workbook import stable_xlsx
from ccc_audit.rfp.result import RfpResult

Value = str | float | None


def _bold(sheet: WriteOnlyWorksheet, value: Value) -> Cell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def _put(sheet: WriteOnlyWorksheet, values: Sequence[Value], bold: bool = False) -> None:
    cells = [neutralise(v) if isinstance(v, str) else v for v in values]
    sheet.append([_bold(sheet, v) for v in cells] if bold else cells)


def _sheet_name(text: str) -> str:
    return re.sub(r"[\[\]:*?/\\']", "_", text)[:31]


def build_workbook(result: RfpResult, lang: str) -> Workbook:
    """The workbook of ``result`` with headings in ``lang``."""
    book = Workbook(write_only=True)  # streamed rows: several times faster for large matrices
    summary = book.create_sheet(_sheet_name(label("ranking", lang)))
    _put(
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
        _put(
            summary,
            [v.rank, v.id, v.name, v.total, v.price, v.p_first, label("yes" if v.excluded else "no", lang)],
        )
    ranked = [v for v in result.vendors if not v.excluded]
    by_vendor = {v.id: {s.criterion: s for s in v.scores} for v in ranked}
    matrix = book.create_sheet(_sheet_name(label("scores", lang)))
    _put(
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
        _put(
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
    _put(
        matrix,
        ["", label("total", lang), 100.0, *(None for _ in ranked), *(v.total for v in ranked)],
        bold=True,
    )
    knockouts = book.create_sheet(_sheet_name(label("knockouts", lang)))
    _put(
        knockouts,
        [label("vendor", lang), "id", label("status", lang), label("reason", lang), label("evidence", lang)],
        bold=True,
    )
    for v in result.vendors:
        for o in v.knockouts:
            _put(knockouts, [v.id, o.knockout, o.status.value, o.reason.get(lang), "\n".join(o.evidence)])
    leaves = [c for c in result.criteria if c.leaf]
    for evaluator in result.evaluators:
        sheet = book.create_sheet(_sheet_name(f"{label('evaluators', lang)} {evaluator.id}"))
        _put(sheet, [evaluator.name, evaluator.source], bold=True)
        _put(sheet, [label("criterion", lang), *(v.id for v in ranked)], bold=True)
        for c in leaves:
            row: list[Value] = [c.id]
            for v in ranked:
                row.append(by_vendor[v.id][c.id].evaluator_scores.get(evaluator.id))
            _put(sheet, row)
    return book


class XlsxReporter:
    """Writes ``rfp-scores.<lang>.xlsx``."""

    name = "xlsx"

    def filename(self, lang: str) -> str:
        """One file per language (headings differ)."""
        return f"rfp-scores.{lang}.xlsx"

    def render(self, result: RfpResult, lang: str) -> bytes:
        """The workbook's bytes (byte-identical for identical results)."""
        return stable_xlsx(build_workbook(result, lang), result.as_of)
