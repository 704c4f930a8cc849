"""The XLSX questionnaire vendors fill in, generated from a rubric and read back as a response.

Every text cell written is neutralised against formula injection; reading back undoes that
exactly once. Problems in a returned workbook are located by sheet and cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.i18n.rfp_labels import label
from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.yaml_source import Position, YamlDocument, YamlPath
from ccc_audit.rfp.models import VendorResponse
from ccc_audit.rfp.rubric import LoadedRubric
from ccc_audit.spreadsheet.cells import neutralise, restore, safe

VENDOR_SHEET = "vendor"
KNOCKOUT_SHEET = "knockouts"
ANSWER_SHEET = "answers"
_SHEETS = (VENDOR_SHEET, KNOCKOUT_SHEET, ANSWER_SHEET)
_VENDOR_FIELDS = ("vendor_id", "vendor_name", "price_amount", "price_currency", "evidence_bundle")
_QUESTION_COLUMNS = ("id", "part", "title", "question", "evidence_expected", "answer", "evidence")
_ROW_STRIDE = 1_000_000
QUESTIONNAIRE_DATE = dt.date(2000, 1, 1)
"""Document date inside the workbook, fixed so that the same rubric gives the same bytes."""
_YES = {"yes", "y", "true", "はい", "有", "1"}
_NO = {"no", "n", "false", "いいえ", "無", "0"}


def build_questionnaire(rubric: LoadedRubric, lang: str) -> bytes:
    """The questionnaire workbook for ``rubric`` with texts in ``lang``."""
    from openpyxl import Workbook  # only the commands that touch a workbook pay for openpyxl
    from openpyxl.styles import Alignment, Font

    from ccc_audit.spreadsheet.xlsx import set_widths, workbook_bytes

    book = Workbook()
    vendor = book.active
    assert vendor is not None
    vendor.title = VENDOR_SHEET
    vendor.append(["field", "value", neutralise(rubric.model.rubric.title.get(lang))])
    for name in _VENDOR_FIELDS:
        vendor.append([name, None, neutralise(label(f"q_{name}", lang))])
    vendor.append([None, None, neutralise(label("q_answer_hint", lang))])
    price = rubric.nodes[rubric.price_leaf].criterion.price if rubric.price_leaf is not None else None
    vendor["B5"] = price.currency if price else "JPY"
    knockouts = book.create_sheet(KNOCKOUT_SHEET)
    knockouts.append(list(_QUESTION_COLUMNS))
    for ko in rubric.model.knockouts:
        knockouts.append(
            [
                safe(v)
                for v in (
                    ko.id,
                    ko.part,
                    ko.title.get(lang),
                    ko.question.get(lang),
                    ko.evidence_expected.get(lang),
                    None,
                    None,
                )
            ]
        )
    answers = book.create_sheet(ANSWER_SHEET)
    answers.append(list(_QUESTION_COLUMNS))
    for index in rubric.leaves:
        c = rubric.nodes[index].criterion
        answers.append(
            [
                safe(v)
                for v in (
                    c.id,
                    c.part or "",
                    c.title.get(lang),
                    c.question.get(lang) if c.question else "",
                    c.evidence_expected.get(lang) if c.evidence_expected else "",
                    None,
                    None,
                )
            ]
        )
    for sheet in (vendor, knockouts, answers):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        set_widths(sheet, (22, 16, 28, 60, 40, 40, 40))
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(book, QUESTIONNAIRE_DATE)


@dataclass(frozen=True, order=True)
class CellDiagnostic(Diagnostic):
    """A problem in a workbook, shown as ``file: sheet S, cell C: message``.

    ``line`` and ``column`` keep the encoded position so that problems in different cells stay
    apart; only the text names the sheet and the cell.
    """

    where: str = ""

    def __str__(self) -> str:
        """Render as ``file: sheet S, cell C: message``."""
        return f"{self.path}: {self.where}: {self.message}"


@dataclass
class SheetDocument(YamlDocument):
    """Data read from a workbook; positions encode sheet and cell, diagnostics name them."""

    def diagnostic(self, path: YamlPath, message: str, *, key: bool = False) -> Diagnostic:
        """A diagnostic naming the sheet and cell of the value at ``path``."""
        from openpyxl.utils import get_column_letter

        pos = self.position(path, key=key)
        sheet = _SHEETS[min(pos.line // _ROW_STRIDE, len(_SHEETS) - 1)]
        row = pos.line % _ROW_STRIDE
        where = f"sheet {sheet}, cell {get_column_letter(pos.column)}{row}" if row else f"sheet {sheet}"
        return CellDiagnostic(self.path, pos.line, pos.column, message, where)


def _text(value: object) -> str:
    if value is None:
        return ""
    return restore(value).strip() if isinstance(value, str) else str(value)


def _header(rows: list[tuple[Any, ...]], doc: SheetDocument, sheet: int, name: str) -> dict[str, int]:
    found = {str(v): i for i, v in enumerate(rows[0] if rows else ()) if v is not None}
    missing = [c for c in ("id", "answer", "evidence") if c not in found]
    if missing:
        doc.values[("header", name)] = Position(sheet * _ROW_STRIDE + 1, 1)
        raise InputError(
            [doc.diagnostic(("header", name), f"missing column(s) {', '.join(missing)} in row 1")]
        )
    return found


def _question_rows(book: Any, doc: SheetDocument, sheet: int, name: str) -> dict[str, dict[str, Any]]:
    rows = list(book[name].iter_rows(values_only=True))
    columns = _header(rows, doc, sheet, name)
    out: dict[str, dict[str, Any]] = {}
    for number, row in enumerate(rows[1:], start=2):
        ident = _text(row[columns["id"]])
        answer = row[columns["answer"]] if columns["answer"] < len(row) else None
        evidence = _text(row[columns["evidence"]]) if columns["evidence"] < len(row) else ""
        if not ident or (_text(answer) == "" and not evidence):
            continue
        key = "knockouts" if name == KNOCKOUT_SHEET else "answers"
        base: YamlPath = (key, ident)
        line = sheet * _ROW_STRIDE + number
        doc.keys[base] = Position(line, columns["id"] + 1)
        doc.values[base] = Position(line, columns["id"] + 1)
        doc.values[(*base, "answer")] = Position(line, columns["answer"] + 1)
        doc.values[(*base, "evidence")] = Position(line, columns["evidence"] + 1)
        value: object = _text(answer)
        if name == KNOCKOUT_SHEET:
            lowered = str(value).lower()
            value = True if lowered in _YES else False if lowered in _NO else value
        out[ident] = {"answer": value, "evidence": [e.strip() for e in evidence.splitlines() if e.strip()]}
    return out


def read_questionnaire(path: Path, shown: str) -> SheetDocument:
    """Read a filled-in questionnaire into response data (validated as a VendorResponse later)."""
    from openpyxl import load_workbook

    doc = SheetDocument(shown, None)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise InputError([Diagnostic(shown, 0, 0, f"cannot read the workbook: {exc}")]) from None
    missing = [s for s in _SHEETS if s not in book.sheetnames]
    if missing:
        raise InputError(
            [
                Diagnostic(
                    shown,
                    0,
                    0,
                    f"missing sheet(s) {', '.join(missing)}; "
                    "use the questionnaire from `ccc-audit rfp questionnaire`",
                )
            ]
        )
    fields: dict[str, Any] = {}
    for number, row in enumerate(book[VENDOR_SHEET].iter_rows(values_only=True), start=1):
        if row and row[0] in _VENDOR_FIELDS:
            raw = row[1] if len(row) > 1 else None
            fields[str(row[0])] = raw if isinstance(raw, int | float) else _text(raw) or None
            doc.values[("field", str(row[0]))] = Position(number, 2)
    for name, target in (
        ("vendor_id", ("vendor", "id")),
        ("vendor_name", ("vendor", "name")),
        ("price_amount", ("price", "amount")),
        ("price_currency", ("price", "currency")),
        ("evidence_bundle", ("evidence_bundle",)),
    ):
        if ("field", name) in doc.values:
            doc.values[target] = doc.values[("field", name)]
    amount = fields.get("price_amount")
    data: dict[str, Any] = {
        "schema_version": 1,
        "vendor": {"id": fields.get("vendor_id"), "name": fields.get("vendor_name")},
        "price": {
            "amount": amount,
            "currency": fields.get("price_currency") or "JPY",
        },
        "knockouts": _question_rows(book, doc, 1, KNOCKOUT_SHEET),
        "answers": _question_rows(book, doc, 2, ANSWER_SHEET),
    }
    if fields.get("evidence_bundle"):
        data["evidence_bundle"] = fields["evidence_bundle"]
    book.close()
    doc.data = data
    return doc


def load_questionnaire(path: Path, shown: str) -> tuple[VendorResponse, SheetDocument]:
    """A filled-in questionnaire as a validated response, with its cell positions."""
    doc = read_questionnaire(path, shown)
    return validate(doc, VendorResponse), doc
