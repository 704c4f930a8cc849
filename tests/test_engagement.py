"""Engagement metadata (``engagement:`` in bundle.yaml) reaches every report; its logo stays in the bundle."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bundle_factory import line_of, write_bundle
from click.testing import CliRunner
from demo_result import assess_demo
from openpyxl import load_workbook

from ccc_audit.app.render import render_all
from ccc_audit.cli.main import cli
from ccc_audit.models.result import AssessmentResult

ENGAGEMENT = {
    "report_id": "TCC-2026-007",
    "organisation_name": {"ja": "テスト・コンタクトセンター株式会社", "en": "Test Contact Centre Ltd."},
    "assessors": [{"name": "Aiko Tamura", "role": "Lead assessor"}],
    "reviewer": {"name": "Ken Ogawa"},
    "sign_off": {"name": "Yuki Mori", "role": "Partner", "date": "2026-01-20"},
    "logo": "brand/logo.png",
    "confidentiality": {"ja": "取扱注意", "en": "Restricted"},
    "narrative": {
        "executive_summary": {"ja": "総括<script>", "en": "Summary <script>alert(1)</script>"},
        "opinion": {"ja": "意見", "en": "Our opinion"},
        "readiness": {"verdict": "not_ready", "rationale": {"ja": "理由", "en": "Two majors open"}},
    },
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.fixture(scope="module")
def demo() -> AssessmentResult:
    return assess_demo()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_demo_reports_show_people_sign_off_narrative_and_logo(demo: AssessmentResult, lang: str) -> None:
    engagement = demo.engagement
    assert engagement is not None and engagement.logo is not None
    assert engagement.logo.startswith("data:image/svg+xml;base64,")
    files = render_all(demo, ["html", "md", "xlsx"], [lang])
    html = files[f"gap-report.{lang}.html"].decode("utf-8")
    markdown = files[f"gap-report.{lang}.md"].decode("utf-8")
    summary = engagement.narrative.executive_summary
    readiness = engagement.narrative.readiness
    assert summary is not None and readiness is not None
    for text in (html, markdown):
        assert "SCS-2026-001" in text
        assert "田村 彩" in text and "森 由紀" in text and "2026-01-20" in text
        assert summary.get(lang)[:20] in text
        assert ("準備未了" if lang == "ja" else "Not ready") in text
        assert ("社外秘" if lang == "ja" else "Confidential") in text
    assert f'<img class="logo" src="{engagement.logo}"' in html
    assert 'id="sign-off"' in html
    book = load_workbook(io.BytesIO(files[f"gap-analysis.{lang}.xlsx"]))
    sheet = book["評価の体制" if lang == "ja" else "Engagement"]
    values = {str(row[0]): row[1] for row in sheet.iter_rows(min_row=3, max_col=2, values_only=True)}
    assert values["報告書番号" if lang == "ja" else "Report number"] == "SCS-2026-001"
    assert "田村 彩" in str(values["評価者" if lang == "ja" else "Assessors"])


def _assess(bundle: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["assess", str(bundle), "--as-of", "2026-01-15", "--out", str(out), "--format", "json,md,html"]
    )
    return result.exit_code, result.output


def test_bundle_engagement_is_escaped_and_named_in_both_languages(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b", {"engagement": ENGAGEMENT})
    (bundle / "brand").mkdir()
    (bundle / "brand" / "logo.png").write_bytes(PNG)
    code, output = _assess(bundle, tmp_path / "out")
    assert code in (0, 1), output
    html = (tmp_path / "out" / "gap-report.en.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "Restricted" in html and "TCC-2026-007" in html and "Test Contact Centre Ltd." in html
    assert 'src="data:image/png;base64,' in html


@pytest.mark.parametrize(
    ("logo", "content", "message"),
    [
        ("../outside.png", PNG, 'contains ".."'),
        ("brand/logo.png", b"MZ not an image", "not a PNG, JPEG or SVG"),
        ("brand/missing.png", None, "not found"),
    ],
)
def test_a_logo_outside_the_bundle_or_not_an_image_is_a_located_error(
    tmp_path: Path, logo: str, content: bytes | None, message: str
) -> None:
    bundle = write_bundle(tmp_path / "b", {"engagement": {**ENGAGEMENT, "logo": logo}})
    (tmp_path / "outside.png").write_bytes(PNG)
    (bundle / "brand").mkdir()
    if content is not None:
        (bundle / "brand" / "logo.png").write_bytes(content)
    code, output = _assess(bundle, tmp_path / "out")
    assert code == 2, output
    line = line_of((bundle / "bundle.yaml").read_text(encoding="utf-8"), "logo:")
    assert f"bundle.yaml:{line}:" in output
    assert message in output
    assert "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_a_hostile_confidentiality_mark_cannot_leave_the_print_styles(demo: AssessmentResult) -> None:
    engagement = demo.engagement
    assert engagement is not None
    hostile = '"; } </style><script>alert(1)</script>'
    mark = (
        engagement.confidentiality.model_copy(update={"en": hostile}) if engagement.confidentiality else None
    )
    tampered = demo.model_copy(update={"engagement": engagement.model_copy(update={"confidentiality": mark})})
    html = render_all(tampered, ["html"], ["en"])["gap-report.en.html"].decode("utf-8")
    assert "<script>alert(1)" not in html
    assert html.count("</style>") == 1
    style = html.split("</style>", 1)[0]
    assert "\\22 \\3b  \\7d  \\3c /style\\3e " in style  # the mark, escaped inside the CSS string
