"""Japanese outputs speak Japanese: no vocabulary code or English header left (issue 17).

The demo bundle, the client demo bundle and the procurement scaffold are run as a user runs them;
every Japanese output (Markdown, HTML, workbook cells, console) is scanned with ``ja_scan``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from ja_scan import codes, console_problems, html_problems, md_problems, xlsx_problems

from ccc_audit.cli.main import cli
from ccc_audit.i18n.vocabulary import term, value_text, vocabulary_labels
from ccc_audit.loading.vocabulary import builtin_vocabulary


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "out"
    run = CliRunner().invoke(
        cli, ["demo", "--out", str(out), "--format", "json,md,html,xlsx", "--lang", "ja"]
    )
    assert run.exit_code == 1, run.output  # the demo has findings that fail the gate
    return out, run.output


def test_every_manifest_word_has_a_label_in_both_languages() -> None:
    vocabulary = builtin_vocabulary()
    table = vocabulary_labels()
    for group, words in (
        ("channel", vocabulary.channels),
        ("operation", vocabulary.operations),
        ("document_type", vocabulary.document_types),
        ("topic", vocabulary.topics),
    ):
        assert sorted(words) == sorted(table[group]), group
    assert all(text["ja"] and text["en"] for entries in table.values() for text in entries.values())
    assert "voice" in codes() and "workforce_plan" in codes()


def test_measured_and_required_values_read_in_japanese() -> None:
    assert value_text("3/4 quarters", "ja") == "3/4 四半期"
    assert value_text(">= 1 per quarter", "ja") == ">= 1 回/四半期"
    assert value_text("partial", "ja") == "一部"
    assert value_text("3/4 quarters", "en") == "3/4 quarters"
    assert term("channel", "voice", "ja") == "音声"
    assert term("severity", "critical", "en") == "critical"


@pytest.mark.parametrize("sub", ["", "client"])
def test_the_demo_reports_in_japanese_hold_no_code_and_no_english_header(
    demo: tuple[Path, str], sub: str
) -> None:
    folder = demo[0] / sub
    problems = (
        md_problems(folder / "gap-report.ja.md")
        + html_problems(folder / "gap-report.ja.html")
        + xlsx_problems(folder / "gap-analysis.ja.xlsx")
    )
    assert problems == []
    markdown = (folder / "gap-report.ja.md").read_text(encoding="utf-8")
    if not sub:
        assert "| チャネル | 音声、メール、チャット |" in markdown
        assert "実測 3/4 四半期（要求 \\>= 1 回/四半期）" in markdown  # the statement of nonconformity


def test_the_console_of_a_japanese_run_is_japanese(demo: tuple[Path, str]) -> None:
    assert console_problems(demo[1]) == []
    assert "出力: " in demo[1]


def test_the_scan_finds_what_it_is_for(tmp_path: Path) -> None:
    report = tmp_path / "gap-report.ja.md"
    report.write_text("| チャネル | voice, email |\n\n| kind | title |\n|---|---|\n", encoding="utf-8")
    assert md_problems(report) == [
        "gap-report.ja.md: voice",
        "gap-report.ja.md: email",
        "gap-report.ja.md: header 'kind'",
        "gap-report.ja.md: header 'title'",
    ]


def test_diff_and_rules_show_speak_the_bundles_language(demo: tuple[Path, str]) -> None:
    result = str(demo[0] / "assessment.json")
    runner = CliRunner()
    assert "前回評価からの進捗" in runner.invoke(cli, ["diff", result, result]).output
    assert "Progress since" in runner.invoke(cli, ["diff", result, result, "--lang", "en"]).output
    bundle = Path(__file__).parents[1] / "demo" / "bundle"
    shown = runner.invoke(cli, ["rules", "show", "copc.1.1.policy-statement", "--bundle", str(bundle)])
    assert "顧客体験を含む方針声明がある" in shown.output


def test_the_procurement_scaffold_in_japanese_holds_no_code_and_no_english_header(tmp_path: Path) -> None:
    """``rfp init``, then ``rfp score`` and ``rfp questionnaire`` in Japanese, as the README says."""
    from ccc_audit.rfp.rubric import load_rubric

    tender = tmp_path / "tender"
    runner = CliRunner()
    assert runner.invoke(cli, ["rfp", "init", str(tender)]).exit_code == 0
    scored = runner.invoke(cli, ["rfp", "score", str(tender), "--as-of", "2026-03-01", "--lang", "ja"])
    assert scored.exit_code == 0, scored.output
    asked = runner.invoke(cli, ["rfp", "questionnaire", str(tender), "--out", str(tmp_path / "q.xlsx")])
    assert asked.exit_code == 0, asked.output
    rubric = load_rubric(tender / "rubric.yaml")
    names = {n.id for n in rubric.nodes} | {"alpha", "beta", "gamma"}
    names |= {f"Evaluator {n}" for n in ("One", "Two", "Three")}
    report = tender / "report"
    problems = (
        md_problems(report / "rfp-report.ja.md", names)
        + html_problems(report / "rfp-report.ja.html", names)
        + xlsx_problems(report / "rfp-scores.ja.xlsx", names)
        + xlsx_problems(tmp_path / "q.xlsx", names)
        + console_problems(scored.output + asked.output, names)
    )
    assert problems == []


def test_the_check_verdict_of_a_japanese_bundle_is_japanese() -> None:
    bundle = Path(__file__).parents[1] / "demo" / "bundle"
    run = CliRunner().invoke(cli, ["check", str(bundle), "--as-of", "2026-01-15"])
    assert run.exit_code == 1, run.output
    assert console_problems(run.output) == []
    assert ": 軽微な不適合 F-" in run.output


def test_the_self_assessment_questionnaire_of_a_japanese_bundle_is_japanese(tmp_path: Path) -> None:
    from ccc_audit.loading.bundle import load_bundle

    bundle = Path(__file__).parents[1] / "demo" / "bundle"
    out = tmp_path / "q.xlsx"
    run = CliRunner().invoke(cli, ["questionnaire", "export", str(bundle), "--out", str(out)])
    assert run.exit_code == 0, run.output
    model = load_bundle(bundle).model
    names = {d.id for d in model.documents} | set(model.records)  # the evidence column cites these
    assert xlsx_problems(out, names) + console_problems(run.output) == []
