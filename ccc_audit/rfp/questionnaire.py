"""The XLSX questionnaire vendors fill in, generated from a rubric and read back as a response.

Every text cell written is neutralised against formula injection; reading back undoes that
exactly once. Problems in a returned workbook are located by sheet and cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import FORM_LIMIT, FORM_XLSX_UNCOMPRESSED_LIMIT, check_regular
from ccc_audit.files.workbook import read_workbook
from ccc_audit.i18n.rfp_labels import label
from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.yaml_source import Position, YamlDocument, YamlPath
from ccc_audit.rfp.models import VendorResponse
from ccc_audit.rfp.rubric import LoadedRubric
from ccc_audit.spreadsheet.cells import neutralise, restore, safe
from ccc_audit.spreadsheet.xlsx import MONEY_FORMAT, choice_list, print_setup, set_widths, workbook_bytes

VENDOR_SHEET = "vendor"
KNOCKOUT_SHEET = "knockouts"
ANSWER_SHEET = "answers"
_SHEETS = (VENDOR_SHEET, KNOCKOUT_SHEET, ANSWER_SHEET)
_VENDOR_FIELDS = ("vendor_id", "vendor_name", "price_amount", "price_currency", "evidence_bundle")
_STAMP_FIELDS = ("rubric_id", "rubric_version", "rubric_sha256")
_QUESTION_COLUMNS = ("id", "part", "title", "question", "evidence_expected", "answer", "evidence")
_ROW_STRIDE = 1_000_000
QUESTIONNAIRE_DATE = dt.date(2000, 1, 1)
"""Document date inside the workbook, fixed so that the same rubric gives the same bytes."""
_YES = {"yes", "y", "true", "はい", "有", "1"}
_NO = {"no", "n", "false", "いいえ", "無", "0"}


def _names(prefix: str, key: str) -> set[str]:
    """Every text a key is written as (Japanese, English, and the key itself)."""
    return {label(f"{prefix}.{key}", lang) for lang in ("ja", "en")} | {key}


def field_key(text: object) -> str | None:
    """The vendor-sheet field a column-A text names, in either language (None: not a field)."""
    return next((k for k in (*_VENDOR_FIELDS, *_STAMP_FIELDS) if str(text) in _names("q_field", k)), None)


def _question_sheet(book: Workbook, key: str, rows: list[list[object]], lang: str) -> Worksheet:
    sheet = book.create_sheet(label(f"q_sheet.{key}", lang))
    assert isinstance(sheet, Worksheet)
    sheet.append([label(f"q_col.{c}", lang) for c in _QUESTION_COLUMNS])
    for row in rows:
        sheet.append([safe(v) if isinstance(v, str) else v for v in row])
    sheet.freeze_panes = "A2"
    return sheet


def build_questionnaire(rubric: LoadedRubric, lang: str) -> bytes:
    """The questionnaire workbook for ``rubric`` with texts in ``lang``, stamped with the rubric.

    The vendor sheet records the rubric's id, version and SHA-256, so that ``rfp score`` can refuse
    a response made from another rubric; the knock-out answers are a yes/no list that refuses
    anything else.
    """
    book = Workbook()
    vendor = book.active
    assert vendor is not None
    vendor.title = label("q_sheet.vendor", lang)
    vendor.append(
        [
            label("q_col.field", lang),
            label("q_col.value", lang),
            neutralise(rubric.model.rubric.title.get(lang)),
        ]
    )
    for name in _VENDOR_FIELDS:
        vendor.append([label(f"q_field.{name}", lang), None, neutralise(label(f"q_{name}", lang))])
    vendor.append([None, None, neutralise(label("q_answer_hint", lang))])
    info = rubric.model.rubric
    for name, value in zip(_STAMP_FIELDS, (info.id, info.version, rubric.digest), strict=True):
        vendor.append([label(f"q_field.{name}", lang), safe(value), label("q_stamp", lang)])
    price = rubric.nodes[rubric.price_leaf].criterion.price if rubric.price_leaf is not None else None
    vendor["B5"] = price.currency if price else "JPY"
    vendor["B4"].number_format = MONEY_FORMAT
    knockouts = _question_sheet(
        book,
        KNOCKOUT_SHEET,
        [
            [
                ko.id,
                ko.part,
                ko.title.get(lang),
                ko.question.get(lang),
                ko.evidence_expected.get(lang),
                None,
                None,
            ]
            for ko in rubric.model.knockouts
        ],
        lang,
    )
    yes_no = [label("yes", lang), label("no", lang)]
    last = max(len(rubric.model.knockouts), 1) + 1
    knockouts.add_data_validation(choice_list(yes_no, f"F2:F{last}", label("q_yes_no_error", lang)))
    answers = _question_sheet(
        book,
        ANSWER_SHEET,
        [
            [
                c.id,
                c.part or "",
                c.title.get(lang),
                c.question.get(lang) if c.question else "",
                c.evidence_expected.get(lang) if c.evidence_expected else "",
                None,
                None,
            ]
            for c in (rubric.nodes[i].criterion for i in rubric.leaves)
        ],
        lang,
    )
    for sheet in (vendor, knockouts, answers):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        set_widths(sheet, (22, 16, 28, 60, 40, 40, 40))
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        print_setup(sheet)
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


def _sheet_name(book: Any, key: str) -> str:
    """The name a questionnaire sheet has in ``book`` (either language; the English one if absent)."""
    return next((n for n in book.sheetnames if n in _names("q_sheet", key)), key)


@dataclass
class SheetDocument(YamlDocument):
    """Data read from a workbook; positions encode sheet and cell, diagnostics name them."""

    stamp: tuple[str, ...] | None = None
    """Id, version and SHA-256 of the rubric the questionnaire was made from (None: not stamped)."""

    def diagnostic(self, path: YamlPath, message: str, *, key: bool = False) -> Diagnostic:
        """A diagnostic naming the sheet and cell of the value at ``path``."""
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
    found: dict[str, int] = {}
    for i, v in enumerate(rows[0] if rows else ()):
        key = next((k for k in _QUESTION_COLUMNS if v is not None and str(v) in _names("q_col", k)), None)
        if key is not None:
            found.setdefault(key, i)
    missing = [c for c in ("id", "answer", "evidence") if c not in found]
    if missing:
        doc.values[("header", name)] = Position(sheet * _ROW_STRIDE + 1, 1)
        raise InputError(
            [doc.diagnostic(("header", name), f"missing column(s) {', '.join(missing)} in row 1")]
        )
    return found


def _question_rows(book: Any, doc: SheetDocument, sheet: int, name: str) -> dict[str, dict[str, Any]]:
    rows = list(book[_sheet_name(book, name)].iter_rows(values_only=True))
    columns = _header(rows, doc, sheet, name)
    out: dict[str, dict[str, Any]] = {}
    for number, row in enumerate(rows[1:], start=2):
        ident = _text(row[columns["id"]]) if columns["id"] < len(row) else ""
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
    """Read a filled-in questionnaire into response data (validated as a VendorResponse later).

    A file that is no workbook, or a damaged one, is an input error naming the file.
    """
    doc = SheetDocument(shown, None)
    check_regular(path, shown, "a questionnaire", FORM_LIMIT)
    return read_workbook(path, shown, FORM_XLSX_UNCOMPRESSED_LIMIT, lambda book: _read_book(book, doc))


def _read_book(book: Any, doc: SheetDocument) -> SheetDocument:
    missing = [s for s in _SHEETS if _sheet_name(book, s) not in book.sheetnames]
    if missing:
        raise InputError(
            [
                Diagnostic(
                    doc.path,
                    0,
                    0,
                    f"missing sheet(s) {', '.join(missing)}; "
                    "use the questionnaire from `ccc-audit rfp questionnaire`",
                )
            ]
        )
    fields: dict[str, Any] = {}
    for number, row in enumerate(book[_sheet_name(book, VENDOR_SHEET)].iter_rows(values_only=True), start=1):
        key = field_key(row[0]) if row and row[0] is not None else None
        if key is not None:
            raw = row[1] if len(row) > 1 else None
            fields[key] = raw if isinstance(raw, int | float) else _text(raw) or None
            doc.values[("field", key)] = Position(number, 2)
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
    doc.data = data
    if fields.get("rubric_id"):
        doc.stamp = tuple(str(fields.get(k) or "") for k in _STAMP_FIELDS)
    return doc


def load_questionnaire(path: Path, shown: str) -> tuple[VendorResponse, SheetDocument]:
    """A filled-in questionnaire as a validated response, with its cell positions."""
    doc = read_questionnaire(path, shown)
    return validate(doc, VendorResponse), doc
