"""Write the questionnaire workbook, pre-filled with the bundle's current answers."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ccc_audit.models.bundle import Answer, Bundle
from ccc_audit.questionnaire.questions import ANSWER_LABELS, COLUMNS, SHEET, Question
from ccc_audit.spreadsheet.cells import Cell
from ccc_audit.spreadsheet.xlsx import choice_list, table, workbook_bytes


def export_questionnaire(items: list[Question], bundle: Bundle, lang: str) -> bytes:
    """The questionnaire as XLSX bytes (stable for the same packs, bundle and language)."""
    answers = {a.id: a for a in bundle.attestations}
    rows: list[list[Cell]] = []
    for item in items:
        given = answers.get(item.key)
        rows.append(
            [
                item.key,
                item.rule_id,
                ", ".join(item.requirements),
                item.question.get(lang),
                item.guidance.get(lang).strip(),
                item.evidence.get(lang).strip(),
                ANSWER_LABELS[given.answer].get(lang) if given else "",
                (given.rationale or "") if given else "",
                ", ".join(given.evidence) if given else "",
                given.answered_by if given else "",
                given.answered_on if given else None,
            ]
        )
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET.get(lang)
    table(sheet, [h.get(lang) for _, h, _ in COLUMNS], rows, [w for _, _, w in COLUMNS])
    letter = get_column_letter([k for k, _, _ in COLUMNS].index("answer") + 1)
    choices = [ANSWER_LABELS[a].get(lang) for a in Answer]
    sheet.add_data_validation(choice_list(choices, f"{letter}2:{letter}{len(rows) + 1}"))
    return workbook_bytes(workbook, bundle.audit_period.end)
