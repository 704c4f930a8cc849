"""Documents as centres keep them: the demo's documents as DOCX and PDF give the same section checks.

The DOCX and PDF files are written here with real libraries (python-docx, fpdf2 with a Japanese
font) from the demo's Markdown, so the readers meet the files Word and PDF tools produce.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from bundle_factory import write_bundle
from document_formats import IPA_GOTHIC, write_docx, write_pdf, write_pptx, write_xlsx

from ccc_audit.app.assess import AssessOptions, assess
from ccc_audit.app.setup import prepare
from ccc_audit.errors import InputError
from ccc_audit.files import outline
from ccc_audit.models.result import AssessmentResult, CheckResult, Outcome
from ccc_audit.resources import builtin_packs, demo_bundle

AS_OF = dt.date(2026, 1, 15)
Writer = Callable[[str, Path], None]


def _section_rules() -> tuple[str, ...]:
    """Ids of the built-in rules with a document check requiring sections."""
    ids: list[str] = []
    for pack in builtin_packs():
        for rule in yaml.safe_load(pack.read_text(encoding="utf-8")).get("rules", []):
            if any(c.get("kind") == "document" and c.get("sections") for c in rule.get("checks", [])):
                ids.append(rule["id"])
    return tuple(sorted(ids))


RULES = _section_rules()


def _converted(root: Path, suffix: str, write: Writer) -> Path:
    """A copy of the demo bundle whose Markdown documents are all rewritten as ``suffix`` files."""
    bundle = root / "bundle"
    shutil.copytree(demo_bundle(), bundle)
    for source in sorted((bundle / "documents").glob("*.md")):
        write(source.read_text(encoding="utf-8"), source.with_suffix(suffix))
        source.unlink()
    manifest = bundle / "bundle.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('.md"', f'{suffix}"'), encoding="utf-8")
    return bundle


def _assess(bundle: Path) -> AssessmentResult:
    return assess(AssessOptions(bundle, AS_OF, rules=RULES, language="ja")).result


def _document_checks(result: AssessmentResult) -> dict[str, list[tuple[Outcome, str, str | None]]]:
    return {
        r.rule_id: [(c.outcome, c.reason, c.measured) for c in r.checks if c.kind == "document"]
        for r in result.rules
    }


def _checks(result: AssessmentResult) -> list[CheckResult]:
    return [c for r in result.rules for c in r.checks if c.kind == "document"]


@pytest.fixture(scope="module")
def markdown_result(tmp_path_factory: pytest.TempPathFactory) -> AssessmentResult:
    bundle = tmp_path_factory.mktemp("md") / "bundle"
    shutil.copytree(demo_bundle(), bundle)
    return _assess(bundle)


FORMATS: dict[str, tuple[str, Writer]] = {
    "docx": (".docx", write_docx),
    "docx-japanese-styles": (".docx", lambda md, path: write_docx(md, path, japanese_styles=True)),
    "pdf-bookmarks": (".pdf", lambda md, path: write_pdf(md, path, bookmarks=True)),
    "pdf-numbered-text": (".pdf", lambda md, path: write_pdf(md, path, bookmarks=False)),
}


def test_the_japanese_font_for_the_pdfs_is_installed() -> None:
    assert IPA_GOTHIC.is_file(), "install fonts-ipafont-gothic (scripts/test does)"


def test_section_rules_are_found_and_located_in_markdown(markdown_result: AssessmentResult) -> None:
    checks = _checks(markdown_result)
    assert len(RULES) >= 10
    assert all(c.outcome != Outcome.WARN for c in checks), "Markdown sections are always checkable"
    located = [s for c in checks for ref in c.evidence for s in ref.sections]
    assert located, "passing section checks cite where each section is"
    assert all(s.unit == "line" and s.number > 0 for s in located)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_documents_in_other_formats_give_the_markdown_results(
    name: str, markdown_result: AssessmentResult, tmp_path: Path
) -> None:
    suffix, write = FORMATS[name]
    result = _assess(_converted(tmp_path, suffix, write))
    assert _document_checks(result) == _document_checks(markdown_result)
    md_sections = sorted(
        (s.section, s.heading.replace("#", "").strip())
        for c in _checks(markdown_result)
        for ref in c.evidence
        for s in ref.sections
    )
    sections = [s for c in _checks(result) for ref in c.evidence for s in ref.sections]
    assert len(sections) == len(md_sections)
    unit = "paragraph" if suffix == ".docx" else "page"
    assert all(s.unit == unit and s.number > 0 for s in sections)
    if name == "pdf-numbered-text":  # the heading carries the number written before it
        assert all(s.heading.split(". ", 1)[0].replace(".", "").isdigit() for s in sections)
    else:
        assert sorted((s.section, s.heading) for s in sections) == md_sections


@pytest.mark.parametrize("suffix, write", [(".pptx", write_pptx), (".xlsx", write_xlsx)])
def test_slides_and_workbooks_are_read_for_their_sections(
    suffix: str, write: Writer, markdown_result: AssessmentResult, tmp_path: Path
) -> None:
    result = _assess(_converted(tmp_path, suffix, write))
    assert _document_checks(result) == _document_checks(markdown_result)
    units = {s.unit for c in _checks(result) for ref in c.evidence for s in ref.sections}
    assert units == {"slide" if suffix == ".pptx" else "sheet"}


CONTINUITY = """# 事業継続計画

## 1. 目的

顧客対応を止めない。

## 2. 短期の中断（6時間以内）

代替拠点へ呼を振り分ける。

## 3. 長時間停止時の対応

全面停止時の対応。
"""
VENDOR = """# 基盤サービス契約

## サポートの種類

24時間の障害受付。

## 業務量

月2万件。
"""
WRITERS: dict[str, tuple[str, Writer]] = {
    "md": (".md", lambda md, path: _write_text(md, path)),
    "docx": (".docx", write_docx),
    "docx-japanese-styles": (".docx", lambda md, path: write_docx(md, path, japanese_styles=True)),
    "pdf-bookmarks": (".pdf", lambda md, path: write_pdf(md, path, bookmarks=True)),
    "pdf-numbered-text": (".pdf", lambda md, path: write_pdf(md, path, bookmarks=False)),
}


def _write_text(markdown: str, target: Path) -> None:
    target.write_text(markdown, encoding="utf-8")


SHORT_AND_SCOPE = (
    "copc.2.12.continuity-plan",
    "copc.2.11.vendor-contract-elements",
)


def _small_bundle(root: Path, documents: dict[str, tuple[str, str, bytes | None]]) -> Path:
    """The test bundle with documents ``id: (type, file name, bytes)`` (bytes None: keep as written)."""
    bundle = write_bundle(
        root,
        {
            "documents": [
                {
                    "id": ident,
                    "type": kind,
                    "title": ident,
                    "path": f"documents/{name}",
                    "approved_by": "センター長",
                    "approved_on": dt.date(2025, 4, 1),
                    "next_review_date": dt.date(2026, 12, 31),
                    "content": "-",
                }
                for ident, (kind, name, _) in documents.items()
            ]
        },
    )
    for _ident, (_kind, name, data) in documents.items():
        if data is not None:
            (bundle / "documents" / name).write_bytes(data)
    return bundle


def _rendered(name: str, markdown: str, folder: Path, stem: str) -> tuple[str, bytes]:
    suffix, write = WRITERS[name]
    target = folder / f"{stem}{suffix}"
    write(markdown, target)
    return target.name, target.read_bytes()


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_short_interruption_and_scope_of_support_headings_are_recognised(name: str, tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    bcp_file, bcp = _rendered(name, CONTINUITY, scratch, "bcp")
    vendor_file, vendor = _rendered(name, VENDOR, scratch, "vendor")
    bundle = _small_bundle(
        tmp_path / "bundle",
        {"bcp": ("continuity_plan", bcp_file, bcp), "vendor": ("vendor_contract", vendor_file, vendor)},
    )
    result = assess(AssessOptions(bundle, AS_OF, rules=SHORT_AND_SCOPE)).result
    checks = {r.rule_id: r.checks[0] for r in result.rules if r.checks}
    continuity = checks["copc.2.12.continuity-plan"]
    assert (continuity.outcome, continuity.reason) == (Outcome.PASS, "evidence_sufficient"), (
        continuity.message.en
    )
    found = {s.section: s for ref in continuity.evidence for s in ref.sections}
    assert "短期の中断（6時間以内）" in found["short_interruption"].heading
    assert "長時間停止時の対応" in found["long_outage"].heading
    assert "place unknown" not in continuity.message.en
    vendor_check = checks["copc.2.11.vendor-contract-elements"]
    scope = {s.section: s for ref in vendor_check.evidence for s in ref.sections}
    assert scope["type_of_support"].heading.endswith("サポートの種類")
    assert vendor_check.reason == "sections_missing"  # KPIs, continuity, compliance are absent
    assert [f.subject for f in vendor_check.failing] == [
        "KPIs and targets",
        "business continuity",
        "legal and regulatory compliance",
    ]


def test_a_cited_heading_in_a_docx_is_found_and_marked_as_cited(tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    markdown = CONTINUITY.replace("長時間停止時の対応", "大規模障害への備え")
    file_name, data = _rendered("docx", markdown, scratch, "bcp")
    bundle = _small_bundle(tmp_path / "bundle", {"bcp": ("continuity_plan", file_name, data)})
    manifest = bundle / "bundle.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "  type: continuity_plan",
            '  type: continuity_plan\n  sections: {long_outage: "3. 大規模障害への備え"}',
        ),
        encoding="utf-8",
    )
    result = assess(AssessOptions(bundle, AS_OF, rules=SHORT_AND_SCOPE[:1])).result
    check = next(r for r in result.rules if r.checks).checks[0]
    assert check.outcome == Outcome.PASS, check.message.en
    cited = [s for ref in check.evidence for s in ref.sections if s.cited]
    assert [(s.section, s.heading, s.unit) for s in cited] == [
        ("long_outage", "3. 大規模障害への備え", "paragraph")
    ]
    index = next(e for e in result.evidence_index if e.id == "bcp")
    assert {s.section for s in index.sections} == {"short_interruption", "long_outage"}


@pytest.mark.parametrize(
    "file_name, data",
    [
        ("bcp.docx", b"PK\x03\x04 truncated zip"),
        ("bcp.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"),
        ("bcp.pptx", b"not a presentation"),
        ("bcp.xlsx", b"PK\x05\x06" + b"\0" * 18),
    ],
)
def test_a_damaged_document_gives_a_located_finding_not_a_traceback(
    file_name: str, data: bytes, tmp_path: Path
) -> None:
    bundle = _small_bundle(tmp_path / "bundle", {"bcp": ("continuity_plan", file_name, data)})
    result = assess(AssessOptions(bundle, AS_OF, rules=SHORT_AND_SCOPE[:1])).result
    check = next(r for r in result.rules if r.checks).checks[0]
    assert (check.outcome, check.reason) == (Outcome.NOT_ASSESSED, "document_unreadable")
    assert f"documents/{file_name}" in check.failing[0].detail.en
    assert "cannot be read" in check.failing[0].detail.en and check.failing[0].detail.ja


def test_a_cited_section_id_no_rule_requires_is_a_located_error(tmp_path: Path) -> None:
    bundle = _small_bundle(tmp_path / "bundle", {"bcp": ("continuity_plan", "bcp.md", CONTINUITY.encode())})
    manifest = bundle / "bundle.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "  type: continuity_plan",
            '  type: continuity_plan\n  sections: {long_outgae: "3. 長時間停止時の対応"}',
        ),
        encoding="utf-8",
    )
    line = (
        manifest.read_text(encoding="utf-8")
        .splitlines()
        .index('  sections: {long_outgae: "3. 長時間停止時の対応"}')
    )
    with pytest.raises(InputError) as caught:
        prepare((), (), None, bundle)
    [problem] = caught.value.diagnostics
    assert (problem.line, problem.column) == (line + 1, 14)
    assert 'unknown section "long_outgae" for a document of type continuity_plan' in problem.message
    assert 'did you mean "long_outage"?' in problem.message


def test_a_document_that_unpacks_too_large_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    file_name, data = _rendered("docx", CONTINUITY + "\n" + "本文。" * 20000, scratch, "bcp")
    monkeypatch.setattr(outline, "DOCUMENT_UNCOMPRESSED_LIMIT", 64 * 1024)
    bundle = _small_bundle(tmp_path / "bundle", {"bcp": ("continuity_plan", file_name, data)})
    result = assess(AssessOptions(bundle, AS_OF, rules=SHORT_AND_SCOPE[:1])).result
    check = next(r for r in result.rules if r.checks).checks[0]
    assert (check.outcome, check.reason) == (Outcome.NOT_ASSESSED, "document_unreadable")
    assert "expands to" in check.failing[0].detail.en and "zip bomb" in check.failing[0].detail.en
