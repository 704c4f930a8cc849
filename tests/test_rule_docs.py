"""The generated rule reference (docs/rules) and ``ccc-audit rules coverage``."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ccc_audit.app.rule_coverage import coverage
from ccc_audit.app.rule_docs import DOCS, pages, write
from ccc_audit.app.setup import prepare
from ccc_audit.cli.main import cli


def test_committed_rule_pages_are_current() -> None:
    wanted = pages(prepare().library)
    committed = {p.relative_to(DOCS).as_posix(): p.read_text("utf-8") for p in DOCS.glob("*/*.md")}
    assert sorted(committed) == sorted(wanted), "run: python -m ccc_audit.app.rule_docs"
    stale = [name for name, text in wanted.items() if committed[name] != text]
    assert stale == [], "run: python -m ccc_audit.app.rule_docs"


def test_every_rule_has_a_section_in_both_languages() -> None:
    library = prepare().library
    generated = pages(library)
    for pack, rule in library.rules():
        for lang in ("ja", "en"):
            page = generated[f"{lang}/{pack.model.pack.id}.md"]
            assert f'<a id="{rule.id}"></a>' in page
            assert rule.corrective_action.get(lang).strip() in page
            assert f"({pack.model.pack.id}.md#{rule.id})" in generated[f"{lang}/index.md"]


def test_write_removes_pages_of_packs_that_are_gone(tmp_path: Path) -> None:
    stale = tmp_path / "en" / "old-pack.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("# old\n", encoding="utf-8")
    written = write(tmp_path, prepare().library)
    assert not stale.exists()
    assert {p.relative_to(tmp_path).as_posix() for p in written} == set(pages(prepare().library))


def test_coverage_command_prints_the_figures_of_every_standard() -> None:
    result = CliRunner().invoke(cli, ["rules", "coverage"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "standard",
        "nodes",
        "assessable",
        "with",
        "rules",
        "decided",
        "by",
        "records",
        "attested",
        "only",
        "no",
        "rule",
    ]
    for figures in coverage(prepare().library):
        row = next(line.split() for line in lines if line.startswith(figures.standard + " "))
        assert row[1:7] == [
            str(figures.nodes),
            str(len(figures.assessable)),
            str(len(figures.with_rules)),
            str(len(figures.automated)),
            str(len(figures.attestation_only)),
            str(len(figures.without_rules)),
        ]
        assert figures.without_rules == []
        assert len(figures.with_rules) == len(figures.assessable)


def test_coverage_command_speaks_japanese() -> None:
    result = CliRunner().invoke(cli, ["rules", "coverage", "--lang", "ja"])
    assert result.exit_code == 0 and result.output.startswith("規格")
    assert "自己評価のみ" in result.output
