"""The XLSX workbook: ranking, vendors × criteria matrix, basis of each score, knock-outs, evaluators.

Every sheet has widths, a frozen and filtered header row, wrapped text and a landscape
fit-to-width print setup; prices carry thousands separators, P(first) is a percentage that never
shows 100 % short of certainty, totals two decimals. Every text cell is neutralised against
formula injection with the invisible quote prefix.
"""

from __future__ import annotations

from openpyxl import Workbook

from ccc_audit.i18n.rfp_labels import label
from ccc_audit.rfp.reporters.report import comments_text, score_basis
from ccc_audit.rfp.result import RfpResult, VendorResult
from ccc_audit.spreadsheet.cells import Cell
from ccc_audit.spreadsheet.xlsx import MONEY_FORMAT, PERCENT_FORMAT, sheet_title, table, workbook_bytes

TWO_DECIMALS = "#,##0.00"


def shown_share(share: float | None) -> float | None:
    """P(first) as stored for a percentage cell: below 100 % unless certain (0.9996 → 0.999)."""
    if share is None or share in (0.0, 1.0):
        return share
    return min(max(round(share, 3), 0.001), 0.999)


def _source(value: str, lang: str) -> str:
    return label(f"{value}_src", lang)


def _ranking(book: Workbook, result: RfpResult, lang: str) -> None:
    sheet = book.create_sheet(sheet_title(label("ranking", lang)))
    headers = [
        label("rank", lang),
        "ID",
        label("vendor", lang),
        label("total", lang),
        label("price", lang),
        label("p_first", lang),
        label("excluded", lang),
    ]
    rows: list[list[Cell]] = [
        [
            v.rank,
            v.id,
            v.name,
            None if v.total is None else round(v.total, 2),
            v.price,
            shown_share(v.p_first),
            label("yes" if v.excluded else "no", lang),
        ]
        for v in result.vendors
    ]
    table(
        sheet,
        headers,
        rows,
        [8, 14, 32, 14, 18, 14, 12],
        formats={4: TWO_DECIMALS, 5: MONEY_FORMAT, 6: PERCENT_FORMAT},
    )


def _matrix(book: Workbook, result: RfpResult, ranked: list[VendorResult], lang: str) -> None:
    by_vendor = {v.id: {s.criterion: s for s in v.scores} for v in ranked}
    sheet = book.create_sheet(sheet_title(label("scores", lang)))
    headers = [
        "ID",
        label("criterion", lang),
        label("effective", lang),
        *(f"{v.id} {label('score', lang)}" for v in ranked),
        *(f"{v.id} {label('points', lang)}" for v in ranked),
        *(f"{v.id} {label('source', lang)}" for v in ranked),
    ]
    rows: list[list[Cell]] = []
    for c in result.criteria:
        if not c.leaf:
            continue
        scores = [by_vendor[v.id][c.id] for v in ranked]
        rows.append(
            [
                c.id,
                c.title.get(lang),
                round(c.effective_weight, 2),
                *(round(s.normalised if s.score is None else s.score, 2) for s in scores),
                *(round(s.points, 2) for s in scores),
                *(_source(s.source.value, lang) for s in scores),
            ]
        )
    rows.append(["", label("total", lang), 100.0, *(None for _ in ranked), *(v.total for v in ranked)])
    count = len(ranked)
    formats = {3: TWO_DECIMALS, **{4 + i: TWO_DECIMALS for i in range(2 * count)}}
    widths = [26, 36, 12, *([12] * count), *([12] * count), *([16] * count)]
    table(sheet, headers, rows, widths, formats=formats)


def _details(book: Workbook, result: RfpResult, ranked: list[VendorResult], lang: str) -> None:
    titles = {c.id: c.title.get(lang) for c in result.criteria}
    sheet = book.create_sheet(sheet_title(label("details", lang).split("（")[0]))
    headers = [
        label("vendor", lang),
        "ID",
        label("criterion", lang),
        label("score", lang),
        label("source", lang),
        label("answer", lang),
        label("evaluator_scores", lang),
        label("comments", lang),
    ]
    rows: list[list[Cell]] = [
        [
            v.id,
            s.criterion,
            titles[s.criterion],
            round(s.normalised if s.score is None else s.score, 2),
            _source(s.source.value, lang),
            "\n".join([s.answer, *s.answer_evidence]).strip(),
            score_basis(s, lang),
            comments_text(s),
        ]
        for v in ranked
        for s in v.scores
    ]
    table(sheet, headers, rows, [12, 24, 28, 8, 14, 50, 50, 40], formats={4: TWO_DECIMALS})


def _knockouts(book: Workbook, result: RfpResult, lang: str) -> None:
    sheet = book.create_sheet(sheet_title(label("knockouts", lang)))
    headers = [
        label("vendor", lang),
        "ID",
        label("status", lang),
        label("reason", lang),
        label("evidence", lang),
    ]
    rows: list[list[Cell]] = [
        [v.id, o.knockout, label(o.status.value, lang), o.reason.get(lang), "\n".join(o.evidence)]
        for v in result.vendors
        for o in v.knockouts
    ]
    table(sheet, headers, rows, [14, 20, 12, 50, 50])


def _evaluators(book: Workbook, result: RfpResult, ranked: list[VendorResult], lang: str) -> None:
    by_vendor = {v.id: {s.criterion: s for s in v.scores} for v in ranked}
    names = [e.name for e in result.evaluators]
    for evaluator in result.evaluators:
        name = evaluator.name if names.count(evaluator.name) == 1 else f"{evaluator.name} ({evaluator.id})"
        sheet = book.create_sheet(sheet_title(name))
        headers = [
            label("criterion", lang),
            *(v.id for v in ranked),
            *(f"{v.id} {label('comments', lang)}" for v in ranked),
        ]
        rows: list[list[Cell]] = []
        for c in result.criteria:
            if c.leaf:
                scores = [by_vendor[v.id][c.id] for v in ranked]
                rows.append(
                    [
                        c.id,
                        *(s.evaluator_scores.get(evaluator.id) for s in scores),
                        *(s.comments.get(evaluator.id, "") for s in scores),
                    ]
                )
        table(sheet, headers, rows, [26, *([10] * len(ranked)), *([40] * len(ranked))])


def build_workbook(result: RfpResult, lang: str) -> Workbook:
    """The workbook of ``result`` with headings and values in ``lang``."""
    book = Workbook()
    for blank in list(book.worksheets):
        book.remove(blank)
    ranked = [v for v in result.vendors if not v.excluded]
    _ranking(book, result, lang)
    _matrix(book, result, ranked, lang)
    _details(book, result, ranked, lang)
    _knockouts(book, result, lang)
    _evaluators(book, result, ranked, lang)
    return book


class XlsxReporter:
    """Writes ``rfp-scores.<lang>.xlsx``."""

    name = "xlsx"

    def filename(self, lang: str) -> str:
        """One file per language (headings differ)."""
        return f"rfp-scores.{lang}.xlsx"

    def render(self, result: RfpResult, lang: str) -> bytes:
        """The workbook's bytes (byte-identical for identical results)."""
        return workbook_bytes(build_workbook(result, lang), result.as_of)
