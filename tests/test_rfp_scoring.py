"""Procurement scoring: a worked example computed by hand, sensitivity, and the command line."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from ccc_audit.app.procurement import score_procurement
from ccc_audit.cli.main import cli
from ccc_audit.i18n.rfp_labels import LABELS
from ccc_audit.rfp.inputs import load_procurement
from ccc_audit.rfp.result import KnockoutStatus, RfpResult, ScoreSource
from ccc_audit.rfp.rubric import builtin_rubrics, load_rubric

FIXTURES = Path(__file__).parent / "fixtures" / "rfp"
AS_OF = dt.date(2026, 3, 1)
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")

# The worked example (tests/fixtures/rfp/worked), scored by hand.
# Weights: price 40; quality 60 split q1 50 / q2 50, so q1 and q2 weigh 0.6 x 0.5 = 0.30 each.
# Scale 0-4: a score s counts s / 4.
# Vendor c answers "no" to the knock-out ko1: excluded, so its bid (80 M, the lowest of all)
# does not form the price reference. Reference bids: a 100 M and b 125 M; lowest 100 M.
#   price score a = 100 / 100 = 1.0        b = 100 / 125 = 0.8
# Medians of the three evaluators:
#   a q1 = median(4, 3, 4) = 4 -> 1.00      a q2 = median(2, 3, 3) = 3 -> 0.75
#   b q1 = median(3, 3, 4) = 3 -> 0.75      b q2 = median(4, 4, 4) = 4 -> 1.00
# Totals out of 100:
#   a = 100 x (0.40 x 1.0 + 0.30 x 1.00 + 0.30 x 0.75) = 40 + 30 + 22.5 = 92.5
#   b = 100 x (0.40 x 0.8 + 0.30 x 0.75 + 0.30 x 1.00) = 32 + 22.5 + 30 = 84.5
# Ranking: a first, b second; c knocked out. a's q2 scores spread 3 - 2 = 1, not above the
# threshold 1; b's q1 spread 4 - 3 = 1, not above either: no disagreement flagged.
HAND_PRICE_SCORES = {"a": 1.0, "b": 0.8}
HAND_TOTALS = {"a": 92.5, "b": 84.5}
HAND_RANKING = ["a", "b"]
HAND_MEDIANS = {("a", "q1"): 4.0, ("a", "q2"): 3.0, ("b", "q1"): 3.0, ("b", "q2"): 4.0}

# The flip example (tests/fixtures/rfp/flip): price 54 / quality 46, one evaluator, tie margin 0.5.
#   a: price 1.0, quality 2/4 = 0.50 -> 54 + 23.0 = 77.0
#   b: price 0.8, quality 3/4 = 0.75 -> 43.2 + 34.5 = 77.7   (b wins by 0.7 > 0.5)
# Price weight + 10 % = 59.4 (quality 40.6): a = 59.4 + 20.3 = 79.7, b = 47.52 + 30.45 = 77.97: a wins.
# Critical price weight p, where b's lead equals minus the margin:
#   (0.8p + 0.75(100 - p)) - (p + 0.5(100 - p)) + 0.5 = 0  ->  25.5 - 0.45p = 0  ->  p = 56.667
#   relative change (56.667 - 54) / 54 = +4.938 %
HAND_FLIP_TOTALS = {"b": 77.7, "a": 77.0}
HAND_CRITICAL_PRICE = 56.6667
HAND_CRITICAL_CHANGE = 4.9383


def scored(name: str) -> RfpResult:
    return score_procurement(load_procurement(FIXTURES / name), AS_OF)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_worked_example_matches_the_hand_computation() -> None:
    result = scored("worked")
    ranked = [v for v in result.vendors if not v.excluded]
    assert [v.id for v in ranked] == HAND_RANKING
    assert [v.rank for v in ranked] == [1, 2]
    for vendor in ranked:
        assert vendor.total == pytest.approx(HAND_TOTALS[vendor.id])
        price = next(s for s in vendor.scores if s.source is ScoreSource.PRICE)
        assert price.normalised == pytest.approx(HAND_PRICE_SCORES[vendor.id])
        for s in vendor.scores:
            if s.source is ScoreSource.EVALUATORS:
                assert s.score == HAND_MEDIANS[(vendor.id, s.criterion)]
                assert not s.disagreement
    excluded = next(v for v in result.vendors if v.excluded)
    assert excluded.id == "c" and excluded.total is None
    assert excluded.knockouts[0].status is KnockoutStatus.NOT_MET
    assert result.price is not None
    assert result.price.reference_bids == ["a", "b"] and result.price.left_out == ["c"]
    assert result.price.lowest == 100_000_000


def test_mean_aggregation_changes_the_scores_as_computed_by_hand(tmp_path: Path) -> None:
    # mean: a q1 = 11/3, a q2 = 8/3 -> a = 40 + 30 x (11/12) + 30 x (8/12) = 40 + 27.5 + 20 = 87.5
    #       b q1 = 10/3, b q2 = 4   -> b = 32 + 30 x (10/12) + 30 = 32 + 25 + 30 = 87.0
    # within the tie margin 0.5: the tie-breaker "price" puts a (100 M) before b (125 M).
    folder = tmp_path / "mean"
    shutil.copytree(FIXTURES / "worked", folder)
    rubric = folder / "rubric.yaml"
    rubric.write_text(rubric.read_text(encoding="utf-8").replace("aggregation: median", "aggregation: mean"))
    result = score_procurement(load_procurement(folder), AS_OF)
    totals = {v.id: v.total for v in result.vendors if not v.excluded}
    assert totals == {"a": pytest.approx(87.5), "b": pytest.approx(87.0)}
    assert [t.model_dump() for t in result.ties] == [{"vendors": ["a", "b"], "decided_by": "price"}]


def test_a_small_weight_change_that_flips_the_winner_is_detected_and_reported() -> None:
    result = scored("flip")
    assert {v.id: v.total for v in result.vendors} == {
        k: pytest.approx(t) for k, t in HAND_FLIP_TOTALS.items()
    }
    assert result.vendors[0].id == "b"
    assert result.sensitivity is not None and not result.sensitivity.stable
    flips = [(c.criterion, round(c.changed, 6), c.winner) for c in result.sensitivity.changes if c.flips]
    assert flips == [("price", 59.4, "a"), ("quality", 41.4, "a")]
    price = next(c for c in result.sensitivity.critical if c.criterion == "price")
    assert price.critical == pytest.approx(HAND_CRITICAL_PRICE, abs=1e-3)
    assert price.relative_change == pytest.approx(HAND_CRITICAL_CHANGE, abs=1e-3)
    assert price.overtaken_by == "a"
    assert any("price" in f.message.en and "makes a the winner" in f.message.en for f in result.flags)


def test_stable_winner_is_reported_stable() -> None:
    result = scored("worked")
    assert result.sensitivity is not None
    assert result.sensitivity.stable and not [c for c in result.sensitivity.changes if c.flips]
    # q1 at weight w (q2 = 100 - w): b - a = -8 + 0.6 x (0.25 (100 - w) - 0.25 w) = 7 - 0.3 w;
    # b leads a by more than the margin 0.5 once 7 - 0.3 w > 0.5, i.e. w < 21.667 (-56.67 %);
    # q2 mirrors it at 78.333 (+56.67 %). The price weight can go anywhere: a stays ahead.
    critical = [
        (c.criterion, round(c.critical, 3), round(c.relative_change, 3), c.overtaken_by)
        for c in result.sensitivity.critical
    ]
    assert critical == [("q1", 21.667, -56.667, "b"), ("q2", 78.333, 56.667, "b")]
    assert result.sensitivity.monte_carlo is not None
    assert result.sensitivity.monte_carlo.p_first == {"a": 1.0, "b": 0.0}


def test_monte_carlo_is_reproducible_for_a_seed_and_moves_with_it(tmp_path: Path) -> None:
    first, second = scored("flip"), scored("flip")
    assert first.sensitivity is not None and second.sensitivity is not None
    assert first.sensitivity.monte_carlo == second.sensitivity.monte_carlo
    carlo = first.sensitivity.monte_carlo
    assert carlo is not None and carlo.seed == 42 and carlo.draws == 2000
    assert sum(carlo.p_first.values()) == pytest.approx(1.0)
    assert 0 < carlo.p_first["a"] < 1
    folder = tmp_path / "other-seed"
    shutil.copytree(FIXTURES / "flip", folder)
    rubric = folder / "rubric.yaml"
    rubric.write_text(rubric.read_text(encoding="utf-8").replace("seed: 42", "seed: 43"))
    other = score_procurement(load_procurement(folder), AS_OF).sensitivity
    assert other is not None and other.monte_carlo is not None
    assert other.monte_carlo.p_first != carlo.p_first


def test_evaluator_disagreement_is_flagged(tmp_path: Path) -> None:
    folder = tmp_path / "disagree"
    shutil.copytree(FIXTURES / "worked", folder)
    sheet = folder / "evaluators" / "e1.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("b: {q1: 3, q2: 4}", "b: {q1: 0, q2: 4}"))
    result = score_procurement(load_procurement(folder), AS_OF)
    b = next(v for v in result.vendors if v.id == "b")
    q1 = next(s for s in b.scores if s.criterion == "q1")
    assert q1.disagreement and q1.spread == 4 and q1.score == 3
    assert any("b / q1" in f.message.en and "differ by 4" in f.message.en for f in result.flags)


def test_init_scaffolds_a_folder_that_scores_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "tender"
    code, out, _ = invoke("rfp", "init", str(folder))
    assert code == 0, out
    code, out, err = invoke("rfp", "score", str(folder), "--as-of", "2026-03-01")
    assert code == 0, err
    assert "足切りで除外" in out and "要確認:" in out and "出力: " in out
    names = sorted(p.name for p in (folder / "report").iterdir())
    assert names == [
        "rfp-report.en.html",
        "rfp-report.en.md",
        "rfp-report.ja.html",
        "rfp-report.ja.md",
        "rfp-result.json",
        "rfp-scores.en.xlsx",
        "rfp-scores.ja.xlsx",
    ]
    code, _, err = invoke("rfp", "init", str(folder))
    assert code == 2 and "not empty" in err


def test_two_runs_give_byte_identical_files(tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        code, _, err = invoke(
            "rfp", "score", str(FIXTURES / "worked"), "--as-of", "2026-03-01", "--out", str(tmp_path / name)
        )
        assert code == 0, err
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 7


def test_default_rubric_is_valid_bilingual_and_names_the_seven_criteria() -> None:
    paths = builtin_rubrics()
    assert [p.stem for p in paths] == ["default"]
    rubric = load_rubric(paths[0])
    top = [n.id for n in rubric.nodes if n.parent is None]
    assert top == ["cost", "location", "experience", "quality", "workforce", "people", "financial"]
    assert len(rubric.model.parts) == 7
    assert rubric.price_leaf is not None
    texts: list[dict[str, str]] = []

    def collect(value: object) -> None:
        if isinstance(value, dict):
            if set(value) == {"ja", "en"}:
                texts.append(value)
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(yaml.safe_load(paths[0].read_text(encoding="utf-8")))
    assert len(texts) > 90
    for text in texts:
        assert JAPANESE.search(text["ja"]), text
        assert re.search(r"[A-Za-z]", text["en"]) and not JAPANESE.search(text["en"]), text
    mapped = [rubric.nodes[i].criterion.requirements for i in rubric.leaves]
    assert any(r.startswith("copc-cx-r7:") for refs in mapped for r in refs)
    assert any(r.startswith("iso-18295-1:") for refs in mapped for r in refs)
    obligations = [r for n in rubric.nodes for r in n.criterion.client_obligations]
    assert obligations and all(r.startswith("iso-18295-2:") for r in obligations)


def test_every_report_label_exists_in_both_languages() -> None:
    for key, (ja, en) in LABELS.items():
        assert JAPANESE.search(ja) or ja.strip("{}% ").isascii(), key
        assert en and not JAPANESE.search(en), key


def test_shipped_schemas_accept_the_default_rubric_and_the_scaffolded_files(tmp_path: Path) -> None:
    shipped = Path(__file__).parent.parent / "ccc_audit" / "json_schemas"
    rubric = json.loads((shipped / "rfp-rubric.schema.json").read_text("utf-8"))
    jsonschema.validate(yaml.safe_load(builtin_rubrics()[0].read_text("utf-8")), rubric)
    code, _, _ = invoke("rfp", "init", str(tmp_path / "t"))
    assert code == 0
    for name, folder in (("rfp-response", "vendors"), ("rfp-scores", "evaluators")):
        schema = json.loads((shipped / f"{name}.schema.json").read_text("utf-8"))
        for path in sorted((tmp_path / "t" / folder).glob("*.yaml")):
            jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema)


def test_readme_walkthrough_output_is_what_the_scaffold_prints(tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    block = readme.split("4. **Score.**", 1)[1].split("```text\n", 1)[1].split("   ```", 1)[0]
    expected = [line[3:] for line in block.splitlines()]
    invoke("rfp", "init", str(tmp_path / "tender"))
    code, out, _ = invoke(
        "rfp", "score", str(tmp_path / "tender"), "--as-of", "2026-03-01", "--lang", "en,ja"
    )
    assert code == 0
    assert [line for line in out.splitlines() if not line.startswith("wrote ")] == expected


def test_questionnaire_command_writes_the_rubric_questions_in_the_chosen_language(tmp_path: Path) -> None:
    target = tmp_path / "q.xlsx"
    code, out, _ = invoke("rfp", "questionnaire", "--lang", "ja", "--out", str(target))
    assert code == 0 and str(target) in out
    book = load_workbook(target)
    assert book.sheetnames == ["回答者", "必須要件", "回答"]
    rubric = load_rubric(builtin_rubrics()[0])
    answers = [[c.value for c in row] for row in book["回答"].iter_rows(min_row=2)]
    assert [row[0] for row in answers] == [rubric.nodes[i].id for i in rubric.leaves]
    assert all(JAPANESE.search(str(row[3])) for row in answers)
    knockouts = [row[0].value for row in book["必須要件"].iter_rows(min_row=2)]
    assert knockouts == [k.id for k in rubric.model.knockouts]
