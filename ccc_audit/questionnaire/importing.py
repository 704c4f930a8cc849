"""Read the answers of a filled-in questionnaire and write them into the bundle manifest."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from openpyxl.utils import get_column_letter

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import FORM_LIMIT, FORM_XLSX_UNCOMPRESSED_LIMIT, check_regular
from ccc_audit.files.workbook import open_workbook
from ccc_audit.models.bundle import Attestation, Bundle
from ccc_audit.models.common import DATE_SYNTAX, parse_date
from ccc_audit.questionnaire.questions import ANSWER_LABELS, COLUMNS, SHEET, Question, answer_of
from ccc_audit.spreadsheet.cells import cell_text

_SPLIT = re.compile(r"[,、，\n]+")


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return parse_date(value if isinstance(value, dt.date) else cell_text(value))


def read_answers(path: Path, items: list[Question], bundle: Bundle) -> list[Attestation]:
    """Every answered row as an attestation; every invalid cell reported by sheet and cell."""
    check_regular(path, str(path), "a questionnaire", FORM_LIMIT)
    workbook = open_workbook(path, str(path), FORM_XLSX_UNCOMPRESSED_LIMIT)
    name = next((n for n in (SHEET.ja, SHEET.en) if n in workbook.sheetnames), None)
    if name is None:
        raise InputError([Diagnostic(str(path), 0, 0, f'no sheet "{SHEET.ja}" or "{SHEET.en}"')])
    sheet = workbook[name]
    grid = list(sheet.iter_rows(values_only=True))
    headers = [cell_text(c).strip() for c in (grid[0] if grid else ())]
    where: dict[str, int] = {}
    problems: list[Diagnostic] = []
    for key, names, _ in COLUMNS:
        found = [i for i, h in enumerate(headers) if h in (names.ja, names.en, key)]
        if found:
            where[key] = found[0]
        elif key in ("id", "answer", "rationale", "evidence", "answered_by", "answered_on"):
            problems.append(Diagnostic(str(path), 0, 0, f'sheet "{name}", row 1: no "{names.en}" column'))
    if problems:
        raise InputError(problems)
    known = {item.key for item in items}
    evidence_ids = {d.id for d in bundle.documents} | set(bundle.records)
    expected = ", ".join(f"{n.ja} / {n.en}" for n in ANSWER_LABELS.values())
    answers: list[Attestation] = []
    for number, cells in enumerate(grid[1:], start=2):

        def cell(key: str, row: tuple[object, ...] = cells) -> object:
            index = where[key]
            return row[index] if index < len(row) else None

        def at(key: str, row_number: int = number) -> str:
            return f'sheet "{name}", cell {get_column_letter(where[key] + 1)}{row_number}'

        key = cell_text(cell("id")).strip()
        given = cell_text(cell("answer")).strip()
        if not key and not given:
            continue
        if key not in known:
            problems.append(Diagnostic(str(path), 0, 0, f'{at("id")}: unknown question id "{key}"'))
            continue
        if not given:
            continue
        answer = answer_of(given)
        if answer is None:
            problems.append(
                Diagnostic(
                    str(path), 0, 0, f'{at("answer")}: "{given}" is not an answer; expected {expected}'
                )
            )
        who = cell_text(cell("answered_by")).strip()
        if not who:
            problems.append(Diagnostic(str(path), 0, 0, f"{at('answered_by')}: who answered is missing"))
        when = _date(cell("answered_on"))
        if when is None:
            shown = cell_text(cell("answered_on"))
            problems.append(
                Diagnostic(
                    str(path), 0, 0, f'{at("answered_on")}: "{shown}" is not a date (expected {DATE_SYNTAX})'
                )
            )
        refs = [r.strip() for r in _SPLIT.split(cell_text(cell("evidence"))) if r.strip()]
        for ref in refs:
            if ref not in evidence_ids:
                problems.append(
                    Diagnostic(
                        str(path),
                        0,
                        0,
                        f'{at("evidence")}: "{ref}" is neither a document id nor a record set of the bundle',
                    )
                )
        if answer is None or not who or when is None:
            continue
        rationale = cell_text(cell("rationale"))
        answers.append(
            Attestation(
                id=key,
                answer=answer,
                rationale=rationale or None,
                evidence=refs,
                answered_by=who,
                answered_on=when,
            )
        )
    if problems:
        raise InputError(problems)
    return answers


def _entry(answer: Attestation) -> str:
    lines = [f"  - id: {json.dumps(answer.id)}", f"    answer: {json.dumps(answer.answer.value)}"]
    if answer.rationale is not None:
        lines.append(f"    rationale: {json.dumps(answer.rationale, ensure_ascii=False)}")
    if answer.evidence:
        lines.append(f"    evidence: {json.dumps(answer.evidence, ensure_ascii=False)}")
    lines.append(f"    answered_by: {json.dumps(answer.answered_by, ensure_ascii=False)}")
    lines.append(f"    answered_on: {answer.answered_on.isoformat()}")
    return "\n".join(lines) + "\n"


def merged(existing: list[Attestation], imported: list[Attestation]) -> list[Attestation]:
    """The bundle's answers with the imported ones replacing or following them."""
    fresh = {a.id: a for a in imported}
    kept = [fresh.pop(a.id, a) for a in existing]
    return kept + [a for a in imported if a.id in fresh]


def rewrite_attestations(text: str, answers: list[Attestation]) -> str:
    """The manifest with its top-level ``attestations`` block replaced; every other line kept."""
    lines = text.splitlines(keepends=True)
    block = "attestations:\n" + "".join(_entry(a) for a in answers) if answers else "attestations: []\n"
    start = next((i for i, line in enumerate(lines) if re.match(r"attestations\s*:", line)), None)
    if start is None:
        tail = "" if not lines or lines[-1].endswith("\n") else "\n"
        return text + tail + block
    end = start + 1
    while end < len(lines) and not re.match(r"[^\s#]", lines[end]):
        end += 1
    while end > start + 1 and (lines[end - 1].startswith("#") or not lines[end - 1].strip()):
        end -= 1
    return "".join(lines[:start]) + block + "".join(lines[end:])
