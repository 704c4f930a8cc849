"""Bad procurement inputs: located errors and exit code 2, or an explicit flagged result.

Every case copies the worked example (tests/fixtures/rfp/worked) and breaks it by one text edit.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from bundle_factory import line_of
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ccc_audit.app.procurement import bundle_conformities, score_procurement
from ccc_audit.cli.main import cli
from ccc_audit.errors import InputError
from ccc_audit.models.result import Conformity
from ccc_audit.rfp.inputs import load_procurement
from ccc_audit.rfp.models import PriceMethod
from ccc_audit.rfp.questionnaire import build_questionnaire, field_key, read_questionnaire
from ccc_audit.rfp.result import KnockoutStatus, ScoreSource
from ccc_audit.rfp.rubric import load_rubric
from ccc_audit.rfp.scoring import price_scores
from ccc_audit.spreadsheet.cells import neutralise

WORKED = Path(__file__).parent / "fixtures" / "rfp" / "worked"
AS_OF = dt.date(2026, 3, 1)


@dataclass(frozen=True)
class Case:
    """One broken input: the edit, the file the error must name, the line marker, the message."""

    id: str
    file: str
    old: str
    new: str
    marker: str
    message: str


CASES = [
    Case(
        "weights_not_summing",
        "rubric.yaml",
        "        weight: 50\n        question: {ja: 研修",
        "        weight: 45\n        question: {ja: 研修",
        "    children:",
        'the weights of the children of "quality" sum to 95 (q1 50 + q2 45); they must sum to 100',
    ),
    Case(
        "missing_evaluator_score",
        "evaluators/e2.yaml",
        "a: {q1: 3, q2: 3}",
        "a: {q1: 3}",
        "a: {q1: 3}",
        'evaluator "e2" gave no score for vendor "a" on q2',
    ),
    Case(
        "unknown_criterion_in_sheet",
        "evaluators/e1.yaml",
        "b: {q1: 3, q2: 4}",
        "b: {q1: 3, q3: 4}",
        "b: {q1: 3, q3: 4}",
        'unknown criterion "q3" (expected one of: q1, q2)',
    ),
    Case(
        "unknown_criterion_in_response",
        "vendors/a.yaml",
        "  q1: {answer:",
        "  qq1: {answer:",
        "qq1",
        'unknown criterion "qq1"; did you mean "q1"?',
    ),
    Case(
        "price_of_zero",
        "vendors/b.yaml",
        "amount: 125000000",
        "amount: 0",
        "amount: 0",
        "price.amount: expected greater than 0, got 0",
    ),
    Case(
        "price_infinite",
        "vendors/b.yaml",
        "amount: 125000000",
        "amount: .inf",
        "amount: .inf",
        "price.amount: expected a finite number, got inf",
    ),
    Case(
        "price_not_a_number",
        "vendors/b.yaml",
        "amount: 125000000",
        "amount: .nan",
        "amount: .nan",
        "price.amount: expected a finite number, got nan",
    ),
    Case(
        "price_negative",
        "vendors/b.yaml",
        "amount: 125000000",
        "amount: -125000000",
        "amount: -125000000",
        "price.amount: expected greater than 0, got -125000000",
    ),
    Case(
        "score_off_the_scale",
        "evaluators/e3.yaml",
        "a: {q1: 4, q2: 3}",
        "a: {q1: 7, q2: 3}",
        "a: {q1: 7",
        "score 7 is not on the scale [0, 1, 2, 3, 4]",
    ),
    Case(
        "unknown_vendor_in_sheet",
        "evaluators/e3.yaml",
        "  b: {q1: 4, q2: 4}",
        "  d: {q1: 4, q2: 4}",
        "  d: {",
        'unknown vendor "d"',
    ),
    Case(
        "unknown_tie_breaker",
        "rubric.yaml",
        "tie_breakers: [price]",
        "tie_breakers: [cost]",
        "tie_breakers",
        'unknown tie-breaker "cost"; expected "price" or a criterion id',
    ),
    Case(
        "unknown_key",
        "vendors/a.yaml",
        "vendor: {id: a,",
        "vendor: {ident: a,",
        "vendor:",
        'unknown key "ident" in vendor',
    ),
]


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "procurement"
    shutil.copytree(WORKED, folder)
    return folder


def _edit(folder: Path, file: str, old: str, new: str) -> str:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_with_its_location_and_exit_code_2(tmp_path: Path, case: Case) -> None:
    folder = _copy(tmp_path)
    text = _edit(folder, case.file, case.old, case.new)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["rfp", "score", str(folder), "--as-of", "2026-03-01", "--out", str(out)]
    )
    assert result.exit_code == 2, result.output
    line = line_of(text, case.marker)
    located = [e for e in result.stderr.splitlines() if e.startswith(f"error: {folder / case.file}:{line}:")]
    assert any(case.message in e for e in located), result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_knockout_answered_yes_without_evidence_is_an_explicit_flagged_exclusion(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder,
        "vendors/b.yaml",
        'ko1: {answer: yes, evidence: ["launch plan of Vendor B"]}',
        "ko1: {answer: yes}",
    )
    result = score_procurement(load_procurement(folder), AS_OF)
    b = next(v for v in result.vendors if v.id == "b")
    assert b.excluded and b.knockouts[0].status is KnockoutStatus.UNSUPPORTED
    assert any("b knocked out" in f.message.en and "no evidence" in f.message.en for f in result.flags)
    assert [v.id for v in result.vendors if not v.excluded] == ["a"]
    assert result.price is not None and result.price.left_out == ["b", "c"]


def test_unanswered_knockout_excludes_the_vendor(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "vendors/a.yaml", 'ko1: {answer: yes, evidence: ["launch plan of Vendor A"]}', "{}")
    text = (
        (folder / "vendors/a.yaml").read_text(encoding="utf-8").replace("knockouts:\n  {}", "knockouts: {}")
    )
    (folder / "vendors/a.yaml").write_text(text, encoding="utf-8")
    result = score_procurement(load_procurement(folder), AS_OF)
    a = next(v for v in result.vendors if v.id == "a")
    assert a.excluded and a.knockouts[0].status is KnockoutStatus.UNANSWERED


def _fill(raw: bytes, vendor: dict[str, str | int | float], answers: dict[str, tuple[str, str]]) -> bytes:
    """The questionnaire as a vendor returns it: fields and answers typed into their cells."""
    book = load_workbook(io.BytesIO(raw))
    sheet = book.worksheets[0]
    for number in range(2, sheet.max_row + 1):
        field = field_key(sheet.cell(row=number, column=1).value)
        if field in vendor:
            sheet.cell(row=number, column=2, value=vendor[field])
    for rows in book.worksheets[1:]:
        for number in range(2, rows.max_row + 1):
            ident = rows.cell(row=number, column=1).value
            if isinstance(ident, str) and ident in answers:
                answer, evidence = answers[ident]
                rows.cell(row=number, column=6, value=answer)
                rows.cell(row=number, column=7, value=evidence)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_returned_xlsx_questionnaire_is_scored_like_a_yaml_response(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    rubric = load_rubric(folder / "rubric.yaml")
    raw = build_questionnaire(rubric, "en")
    assert raw == build_questionnaire(rubric, "en")  # same rubric, same bytes
    (folder / "vendors" / "a.yaml").unlink()
    filled = _fill(
        raw,
        {"vendor_id": "a", "vendor_name": "Vendor A", "price_amount": 100_000_000},
        {"ko1": ("yes", "launch plan of Vendor A"), "q1": ("=SUM(A1:A9) is how we count", "")},
    )
    (folder / "vendors" / "a.xlsx").write_bytes(filled)
    result = score_procurement(load_procurement(folder), AS_OF)
    a = next(v for v in result.vendors if v.id == "a")
    assert a.source == "vendors/a.xlsx" and a.total == pytest.approx(92.5)


def test_a_bad_cell_of_a_questionnaire_is_located_by_sheet_and_cell(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    rubric = load_rubric(folder / "rubric.yaml")
    (folder / "vendors" / "a.yaml").unlink()
    filled = _fill(
        build_questionnaire(rubric, "ja"),
        {"vendor_id": "a", "vendor_name": "Vendor A", "price_amount": 0},
        {"ko1": ("maybe", "plan")},
    )
    (folder / "vendors" / "a.xlsx").write_bytes(filled)
    with pytest.raises(InputError) as raised:
        load_procurement(folder)
    messages = [str(d) for d in raised.value.diagnostics]
    shown = folder / "vendors" / "a.xlsx"
    assert f"{shown}: sheet vendor, cell B4: price.amount: expected greater than 0, got 0" in messages
    assert any(m.startswith(f"{shown}: sheet knockouts, cell F2: knockouts.ko1.answer") for m in messages), (
        messages
    )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
            lambda t: t.strip() == t and t.strip()
        ),
        min_size=1,
        max_size=3,
    )
)
def test_questionnaire_read_back_undoes_the_neutralisation_exactly_once(evidence: list[str]) -> None:
    rubric = load_rubric(WORKED / "rubric.yaml")
    book = load_workbook(io.BytesIO(build_questionnaire(rubric, "en")))
    rows = book["answers"]
    rows.cell(row=2, column=6, value=neutralise(evidence[0]))
    rows.cell(row=2, column=7, value="\n".join(neutralise(e) for e in evidence))
    raw = io.BytesIO()
    book.save(raw)
    path = Path(tempfile.mkdtemp()) / "q.xlsx"
    path.write_bytes(raw.getvalue())
    data = read_questionnaire(path, "q.xlsx").data
    answer = data["answers"]["price"]
    assert answer["answer"] == evidence[0]
    assert answer["evidence"][0] == evidence[0]


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.text(alphabet="abcdefgh", min_size=1, max_size=4),
        st.floats(min_value=1, max_value=1e12, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from(list(PriceMethod)),
)
def test_price_normalisation_is_bounded_monotone_and_best_for_the_cheapest(
    bids: dict[str, float], method: PriceMethod
) -> None:
    scores = price_scores(bids, method)
    assert set(scores) == set(bids)
    cheapest = min(bids.values())
    for vendor, value in scores.items():
        assert 0 <= value <= 1
        if bids[vendor] == cheapest:
            assert value == 1
    ordered = sorted(bids, key=lambda v: bids[v])
    for lower, higher in itertools.pairwise(ordered):
        assert scores[lower] >= scores[higher]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=99), min_size=2, max_size=5))
def test_rubric_loader_refuses_exactly_the_levels_that_do_not_sum_to_100(
    tmp_path_factory: pytest.TempPathFactory, weights: list[int]
) -> None:
    children = "".join(
        f"      - id: q{i}\n        title: {{ja: 項目, en: item}}\n        weight: {w}\n"
        f"        question: {{ja: 質問, en: question}}\n"
        for i, w in enumerate(weights)
    )
    text = (WORKED / "rubric.yaml").read_text(encoding="utf-8")
    start = text.index("      - id: q1")
    path = tmp_path_factory.mktemp("rubric") / "rubric.yaml"
    path.write_text(text[:start] + children, encoding="utf-8")
    if sum(weights) == 100:
        assert len(load_rubric(path).leaves) == len(weights) + 1
    else:
        with pytest.raises(InputError) as raised:
            load_rubric(path)
        assert f"sum to {sum(weights)}" in str(raised.value)
        assert raised.value.diagnostics[0].line == text[:start].count("\n")


def test_evidence_bundle_scores_mapped_criteria_and_says_so(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", folder / "evidence" / "a")
    rubric = folder / "rubric.yaml"
    text = rubric.read_text(encoding="utf-8")
    text = text.replace(
        "  sensitivity:",
        "  evidence_scores: {compliant: 4, partially_compliant: 2, non_compliant: 0}\n  sensitivity:",
    )
    text = text.replace(
        "question: {ja: モニタリングの方法は。",
        'requirements: ["copc-cx-r7:3.5", "iso-18295-1:4.4"]\n        question: {ja: モニタリングの方法は。',
    )
    rubric.write_text(text, encoding="utf-8")
    vendor = folder / "vendors" / "a.yaml"
    vendor.write_text(vendor.read_text(encoding="utf-8") + "evidence_bundle: evidence/a\n", encoding="utf-8")
    result = score_procurement(load_procurement(folder), AS_OF)
    a = next(v for v in result.vendors if v.id == "a")
    q1 = next(s for s in a.scores if s.criterion == "q1")
    found = bundle_conformities(folder / "evidence" / "a", AS_OF)
    table = {Conformity.COMPLIANT: 4, Conformity.PARTIALLY_COMPLIANT: 2, Conformity.NON_COMPLIANT: 0}
    assessed = [table[found[r]] for r in ("copc-cx-r7:3.5", "iso-18295-1:4.4") if found[r] in table]
    assert assessed, "the minimal bundle should assess at least one of the mapped requirements"
    assert q1.source is ScoreSource.EVIDENCE and q1.score == min(assessed)
    assert q1.evidence == [
        f"{r} {found[r].value}" for r in ("copc-cx-r7:3.5", "iso-18295-1:4.4") if found[r] in table
    ]
    assert q1.evaluator_scores == {"e1": 4, "e2": 3, "e3": 4}  # kept for the record, not used
    b = next(v for v in result.vendors if v.id == "b")
    assert {s.criterion: s.source for s in b.scores}["q1"] is ScoreSource.EVALUATORS


def test_evidence_bundle_outside_the_folder_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    vendor = folder / "vendors" / "a.yaml"
    vendor.write_text(
        vendor.read_text(encoding="utf-8") + "evidence_bundle: ../elsewhere\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as raised:
        load_procurement(folder)
    assert 'contains ".."; paths must stay inside the procurement folder' in str(raised.value)


@pytest.mark.parametrize("amount", [float("inf"), float("-inf"), float("nan"), "inf", "-1"])
def test_a_non_finite_or_negative_price_cell_is_located_by_sheet_and_cell(
    tmp_path: Path, amount: float | str
) -> None:
    folder = _copy(tmp_path)
    rubric = load_rubric(folder / "rubric.yaml")
    (folder / "vendors" / "a.yaml").unlink()
    filled = _fill(
        build_questionnaire(rubric, "en"), {"vendor_id": "a", "vendor_name": "A", "price_amount": amount}, {}
    )
    (folder / "vendors" / "a.xlsx").write_bytes(filled)
    with pytest.raises(InputError) as raised:
        load_procurement(folder)
    messages = [str(d) for d in raised.value.diagnostics]
    shown = folder / "vendors" / "a.xlsx"
    assert any(m.startswith(f"{shown}: sheet vendor, cell B4: price.amount: expected") for m in messages), (
        messages
    )
