"""The demo's engagement metadata: fictional assessors, reviewer, sign-off, logo and narrative."""

from __future__ import annotations

import json
from dataclasses import dataclass

LOGO_PATH = "logo.svg"
"""The demo centre's (invented) logo, inside the bundle."""

LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 64" width="240" height="64">\n'
    '  <circle cx="32" cy="32" r="26" fill="#e91e63"/>\n'
    '  <circle cx="32" cy="32" r="10" fill="#fff"/>\n'
    '  <text x="70" y="41" font-family="sans-serif" font-size="24" fill="#1f2933">SAKURA CS</text>\n'
    "</svg>\n"
)
"""A plain SVG logo: a blossom-coloured disc and the initials (no script, no external reference)."""


@dataclass(frozen=True)
class DemoEngagement:
    """What differs between the centre's and the client's engagement."""

    report_id: str
    name_ja: str
    name_en: str
    logo: str | None
    summary: tuple[str, str]
    opinion: tuple[str, str]
    readiness: str
    rationale: tuple[str, str]


def q(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def _pair(key: str, texts: tuple[str, str], indent: str) -> list[str]:
    return [f"{indent}{key}:", f"{indent}  ja: {q(texts[0])}", f"{indent}  en: {q(texts[1])}"]


def engagement_lines(e: DemoEngagement) -> list[str]:
    """The ``engagement:`` block of a demo manifest (every person is invented)."""
    return [
        "engagement:",
        f"  report_id: {q(e.report_id)}",
        f"  organisation_name: {{ja: {q(e.name_ja)}, en: {q(e.name_en)}}}",
        "  assessors:",
        f"    - {{name: {q('田村 彩')}, role: {q('主任評価者 / Lead assessor')}}}",
        f"    - {{name: {q('小川 健')}, role: {q('評価者 / Assessor')}}}",
        f"  reviewer: {{name: {q('森 由紀')}, role: {q('品質レビュー / Quality reviewer')}}}",
        f"  sign_off: {{name: {q('森 由紀')}, role: {q('パートナー / Partner')}, date: 2026-01-20}}",
        *([f"  logo: {q(e.logo)}"] if e.logo else []),
        f"  confidentiality: {{ja: {q('社外秘')}, en: {q('Confidential')}}}",
        "  narrative:",
        *_pair("executive_summary", e.summary, "    "),
        *_pair("opinion", e.opinion, "    "),
        "    readiness:",
        f"      verdict: {q(e.readiness)}",
        *_pair("rationale", e.rationale, "      "),
    ]


CENTRE = DemoEngagement(
    report_id="SCS-2026-001",
    name_ja="株式会社さくらカスタマーサービス",
    name_en="Sakura Customer Service Co., Ltd.",
    logo=LOGO_PATH,
    summary=(
        "2025年度の記録と文書を対象に、COPC CX規格と ISO 18295-1 の要求事項ごとに適合状況を確認した。"
        "品質モニタリングとコーチング、法令違反を訴える苦情の追跡、発信業務の連絡禁止の管理に重大な課題がある。",
        "We checked conformity with COPC CX and ISO 18295-1, requirement by requirement, against the 2025 "
        "records and documents. Quality monitoring and coaching, tracking of complaints alleging a legal "
        "breach, and do-not-contact control in outbound work need the most attention.",
    ),
    opinion=(
        "重大な不適合を是正し、その効果を3か月分の記録で示すまでは、認証審査の申請を見送ることを勧める。",
        "We advise postponing the certification audit until the major nonconformities are corrected "
        "and three months of records show the correction works.",
    ),
    readiness="not_ready",
    rationale=("重大な不適合が3件残っている。", "Three major nonconformities remain open."),
)
"""The centre's engagement (``demo/bundle``)."""

CLIENT = DemoEngagement(
    report_id="AOBA-2026-001",
    name_ja="あおば生命保険株式会社",
    name_en="Aoba Life Insurance Co., Ltd.",
    logo=None,
    summary=(
        "委託元としての管理（委託先の選定、情報提供、報告の確認、苦情の連携）を"
        " ISO 18295-2 の要求事項ごとに確認した。",
        "We checked the client's management of its outsourced contact centre (selection, information "
        "provided, review of reports, complaint hand-over) against each ISO 18295-2 requirement.",
    ),
    opinion=(
        "委託先への情報提供の記録と、苦情連携手順の見直しを優先して整えることを勧める。",
        "We advise putting the record of information given to the centre and the review of the "
        "complaint hand-over procedure in order first.",
    ),
    readiness="ready_with_conditions",
    rationale=(
        "軽微な不適合の是正計画が確認できることが条件。",
        "Subject to a corrective-action plan for the minor nonconformities.",
    ),
)
"""The client's engagement (``demo/client-bundle``)."""
