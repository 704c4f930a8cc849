"""Procurement outputs a steering committee can defend (issue 17).

Evaluator comments, vendor answers, the per-evaluator scores behind a disagreement and the
reason for every evidence-derived score, flagged where it differs from the evaluators by 2 or
more, appear in every output: Markdown, HTML, the workbook and the JSON result.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ccc_audit.app.procurement import score_procurement
from ccc_audit.rfp.inputs import load_procurement
from ccc_audit.rfp.reporters.registry import render_rfp
from ccc_audit.rfp.reporters.xlsx import shown_share
from ccc_audit.rfp.result import FlagKind, ScoreSource, percent

FIXTURES = Path(__file__).parent / "fixtures"
AS_OF = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The worked tender with vendor a's evidence bundle scoring q1, and a disagreement on b's q2."""
    folder = tmp_path_factory.mktemp("tender") / "procurement"
    shutil.copytree(FIXTURES / "rfp" / "worked", folder)
    shutil.copytree(FIXTURES / "minimal", folder / "evidence" / "a")
    rubric = folder / "rubric.yaml"
    text = rubric.read_text(encoding="utf-8")
    text = text.replace(
        "  sensitivity:",
        "  evidence_scores: {compliant: 4, partially_compliant: 1, non_compliant: 0}\n  sensitivity:",
    )
    text = text.replace(
        "question: {ja: モニタリングの方法は。",
        'requirements: ["copc-cx-r7:3.5", "iso-18295-1:4.4"]\n        question: {ja: モニタリングの方法は。',
    )
    rubric.write_text(text, encoding="utf-8")
    vendor = folder / "vendors" / "a.yaml"
    vendor.write_text(vendor.read_text(encoding="utf-8") + "evidence_bundle: evidence/a\n", encoding="utf-8")
    sheet = folder / "evaluators" / "e1.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("b: {q1: 3, q2: 4}", "b: {q1: 3, q2: 1}"))
    result = score_procurement(load_procurement(folder), AS_OF)
    a = next(v for v in result.vendors if v.id == "a")
    q1 = next(s for s in a.scores if s.criterion == "q1")
    assert q1.source is ScoreSource.EVIDENCE and q1.evaluators_score == 4
    files = render_rfp(result, ["json", "md", "html", "xlsx"], ["ja", "en"])
    texts = {name: data.decode("utf-8") for name, data in files.items() if not name.endswith(".xlsx")}
    for name, data in files.items():
        if name.endswith(".xlsx"):
            book = load_workbook(io.BytesIO(data))
            texts[name] = "\n".join(
                str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r if c.value is not None
            )
    return texts


WORDS = {
    "en": [
        "Strong calibration routine.",
        "We monitor every agent monthly.",
        "weakest of the mapped requirements",
    ],
    "ja": ["Strong calibration routine.", "We monitor every agent monthly.", "最も低い結果から"],
}


@pytest.mark.parametrize("name", ["rfp-report.{}.md", "rfp-report.{}.html", "rfp-scores.{}.xlsx"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_comments_answers_and_evidence_reasons_are_in_every_output(
    outputs: dict[str, str], name: str, lang: str
) -> None:
    text = outputs[name.format(lang)]
    for word in WORDS[lang]:
        assert word in text, (name, word)
    assert "e1: 1, e2: 4, e3: 4" in text, "the scores behind b's q2 disagreement"
    differs = "2点以上異なる" if lang == "ja" else "differs by 2 or more"
    assert differs in text


def test_the_json_result_holds_them_as_data(outputs: dict[str, str]) -> None:
    result = json.loads(outputs["rfp-result.json"])
    a = next(v for v in result["vendors"] if v["id"] == "a")
    q1 = next(s for s in a["scores"] if s["criterion"] == "q1")
    assert q1["answer"] == "We monitor every agent monthly."
    assert q1["differs"] is True and q1["evaluators_score"] == 4 and q1["score"] <= 2
    assert "weakest" in q1["reason"]["en"]
    b = next(v for v in result["vendors"] if v["id"] == "b")
    assert next(s for s in b["scores"] if s["criterion"] == "q1")["comments"] == {
        "e3": "Strong calibration routine."
    }
    kinds = {f["kind"] for f in result["flags"]}
    assert {FlagKind.EVIDENCE_DIFFERS.value, FlagKind.DISAGREEMENT.value} <= kinds


@pytest.mark.parametrize(
    ("share", "text", "stored"),
    [
        (0.9996, "99.9", 0.999),
        (1.0, "100.0", 1.0),
        (0.0004, "0.1", 0.001),
        (0.0, "0.0", 0.0),
        (0.9169, "91.7", 0.917),
    ],
)
def test_a_percentage_never_rounds_to_certainty(share: float, text: str, stored: float) -> None:
    assert percent(share) == text
    assert shown_share(share) == stored
