"""The demo manifests (``bundle.yaml``): attestations, waivers and the YAML text, written by hand."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ccc_audit.generate.demo.dates import iso
from ccc_audit.generate.demo.doc import Doc
from ccc_audit.generate.demo.engagement import CENTRE, engagement_lines
from ccc_audit.generate.demo.world import (
    CX_HEAD,
    DIRECTOR_OPS,
    FUKUOKA_HEAD,
    HR_HEAD,
    ORG_ID,
    ORG_NAME,
    PERIOD_END,
    PERIOD_START,
    PLANNING_HEAD,
    PROGRAMS,
    QA_HEAD,
    SAPPORO_HEAD,
    SITES,
    WFM_HEAD,
)


def q(text: str) -> str:
    """Return ``text`` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: Iterable[str]) -> str:
    """Return ``items`` as a YAML flow sequence of quoted strings."""
    return "[" + ", ".join(q(i) for i in items) + "]"


@dataclass(frozen=True)
class AttestationSpec:
    """A self-assessment answer written into the manifest."""

    id: str
    answer: str
    rationale: str
    evidence: tuple[str, ...]
    answered_by: str
    answered_on: dt.date


@dataclass(frozen=True)
class WaiverSpec:
    """A waiver written into the manifest."""

    rule: str
    justification: str
    approved_by: str
    expires: dt.date


ATTESTATIONS = (
    AttestationSpec(
        "copc.4.4.journey-performance",
        "yes",
        "主要4ジャーニーの完了率と所要日数を月次で集計し、四半期の事業レビューで目標と比べている。",
        ("kpi-schedule", "journey-analysis-2025"),
        CX_HEAD,
        dt.date(2025, 12, 10),
    ),
    AttestationSpec(
        "iso18295-1.6.r2.staffing",
        "yes",
        "要員管理課が必要人員と在籍人員を毎月比較し、不足が見込まれる月の前に採用を前倒ししている。",
        ("workforce-plan", "roster"),
        WFM_HEAD,
        dt.date(2025, 12, 8),
    ),
    AttestationSpec(
        "iso18295-1.6.r4.employee-information",
        "yes",
        "委託元からの変更通知はナレッジの更新通知と朝会で全員に伝え、既読を確認している。",
        ("content_items",),
        SAPPORO_HEAD,
        dt.date(2025, 12, 8),
    ),
    AttestationSpec(
        "iso18295-1.8.r1.work-environment",
        "yes",
        "両センターは年2回、在宅の作業場所は採用時と年1回、点検表で確認している。",
        ("home-working-risk-assessment",),
        FUKUOKA_HEAD,
        dt.date(2025, 12, 8),
    ),
    AttestationSpec(
        "iso18295-1.4.1.channel-consistency",
        "yes",
        "電話・メール・チャットで同一の評価シートとナレッジベースを用い、"
        "品質モニタリングで全チャネルを同じ基準で評価している。",
        ("qa-procedure",),
        QA_HEAD,
        dt.date(2025, 12, 5),
    ),
    AttestationSpec(
        "iso18295-1.4.2.information-accuracy",
        "yes",
        "お客様への案内はナレッジベースに基づき、改訂は品質保証部が承認している。",
        (),
        QA_HEAD,
        dt.date(2025, 12, 5),
    ),
    AttestationSpec(
        "copc.1.3.benchmarked-targets",
        "partial",
        "主要KPIの目標は事業計画で定めているが、業界ベンチマークとの比較は"
        "サービスレベルと顧客満足度に限られる。",
        ("business-plan-2025",),
        PLANNING_HEAD,
        dt.date(2025, 12, 10),
    ),
    AttestationSpec(
        "copc.2.1.legal-complaints-tracked",
        "yes",
        "法令違反の申し立てを含む苦情は台帳で識別し、調査と解決までを記録している。",
        ("complaints-procedure", "complaints"),
        QA_HEAD,
        dt.date(2025, 12, 10),
    ),
    AttestationSpec(
        "copc.ag-outbound.do-not-contact-qa",
        "yes",
        "あおば生命の発信業務では、架電禁止リストとの照合を品質評価の項目にしている。",
        ("qa-procedure",),
        QA_HEAD,
        dt.date(2024, 6, 10),
    ),
    *(
        AttestationSpec(rule, answer, rationale, evidence, owner, dt.date(2025, 12, 10))
        for rule, answer, rationale, evidence, owner in (
            (
                "copc.1.2.plan-inputs-and-departments",
                "yes",
                "全社計画と3プログラムの部門計画を同じ7項目の分析から作り、数値目標を置いている。",
                ("business-plan-2025",),
                PLANNING_HEAD,
            ),
            (
                "copc.2.7.rescoring-sample",
                "yes",
                "評価者ごとに毎月5件を基準評価者（ゲージ）が再評価し、一致率を品質会議で確認している。",
                ("calibration-procedure",),
                QA_HEAD,
            ),
            (
                "copc.2.7.item-level-calibration",
                "yes",
                "カリブレーションでは総合点に加えて評価項目ごとに基準点との一致率を記録している。",
                ("calibration-procedure", "calibration"),
                QA_HEAD,
            ),
            (
                "copc.3.5.kcrp-assignment",
                "yes",
                "CSSごとの担当取引種別を品質管理手順の付表に載せ、四半期の抽出計画はその付表から作っている。",
                ("qa-procedure", "monitoring"),
                QA_HEAD,
            ),
            (
                "copc.2.9.vendor-kcrp-audit",
                "yes",
                "通話基盤ベンダーが担う録音保存の手順は、ベンダー自身の年次監査報告を取り寄せて確認した。",
                ("kcrp-audit-2025", "vendor-contract-platform"),
                QA_HEAD,
            ),
            (
                "copc.2.13.milestone-per-element",
                "yes",
                "プログラムごとの変更案件を要素に分け、要素ごとの完了納期率を月次で目標と比べている。",
                ("kpi-schedule",),
                PLANNING_HEAD,
            ),
            (
                "copc.3.5.more-monitoring-after-fail",
                "yes",
                "不合格のCSSは翌月、通常の月1件に加えて2件を追加で評価すると品質管理手順に定めている。",
                ("qa-procedure", "monitoring"),
                QA_HEAD,
            ),
            (
                "copc.4.1.cx-by-channel-and-transaction",
                "yes",
                "四半期の顧客体験報告で、チャネル別にプログラム単位と取引種別単位の結果を示している。",
                ("cx-survey-2025-q4", "customer_surveys"),
                CX_HEAD,
            ),
            (
                "copc.4.1.attribute-analysis-quarterly",
                "yes",
                "総合評価への影響が大きい4要素を毎月測り、四半期報告で要素別に分析している。",
                ("cx-survey-2025-q4", "customer_surveys"),
                CX_HEAD,
            ),
            (
                "copc.4.2.level-and-trend-all-metrics",
                "partial",
                "電話の応答率と離職率・欠勤率は目標と推移の要求を満たしていない（4.3・4.5の指摘を参照）。",
                ("kpi-schedule", "kpi_observations"),
                PLANNING_HEAD,
            ),
        )
    ),
)


WAIVERS = (
    WaiverSpec(
        "iso18295-1.7.workforce-plan",
        "2026年4月の札幌センター移転に合わせて要員計画を全面的に改定中であり、"
        "改定版の承認まで現行計画（2025年9月見直し期限）を暫定的に運用する。",
        DIRECTOR_OPS,
        dt.date(2026, 3, 31),
    ),
    WaiverSpec(
        "copc.3.7.employee-survey",
        "2025年度の従業員満足度調査は、人事制度改定の周知後に実施するため例年の5月から9月に延期した。",
        HR_HEAD,
        dt.date(2025, 6, 30),
    ),
)


def manifest_header(org_id: str, org_name: str, role: str, fictional: str) -> list[str]:
    """The comment block and identity lines that open a manifest."""
    return [
        "# ccc-audit built-in demo evidence bundle.",
        f"# FICTIONAL: {fictional}",
        "# are invented for demonstration; any resemblance to real organisations is",
        "# coincidental. Generated by `ccc-audit generate demo --scenario demo`; do not edit.",
        "schema_version: 1",
        "organisation:",
        f"  id: {q(org_id)}",
        f"  name: {q(org_name)}",
        f"role: {q(role)}",
        "sites:",
    ]


def evidence_lines(
    documents: Sequence[Doc], record_sets: Sequence[str], attestations: Sequence[AttestationSpec]
) -> list[str]:
    """The documents, records and attestations blocks of a manifest."""
    out = ["documents:"]
    for doc in documents:
        out += [
            f"  - id: {q(doc.id)}",
            f"    path: {q(doc.path)}",
            f"    type: {q(doc.type)}",
            f"    title: {q(doc.title)}",
            f"    version: {q(doc.version)}",
            f"    owner: {q(doc.owner)}",
            f"    approved_by: {q(doc.approved_by)}",
            f"    approved_on: {iso(doc.approved_on)}",
            f"    effective_date: {iso(doc.effective_date)}",
        ]
        if doc.next_review_date:
            out.append(f"    next_review_date: {iso(doc.next_review_date)}")
        if doc.topics:
            out.append(f"    topics: {flow_list(doc.topics)}")
    out.append("records:")
    for name in record_sets:
        out += [
            f"  {name}:",
            f"    path: {q(f'records/{name}.csv')}",
            f"    format: {q('csv')}",
            f"    encoding: {q('utf-8')}",
        ]
    out.append("attestations:")
    for att in attestations:
        out += [
            f"  - id: {q(att.id)}",
            f"    answer: {q(att.answer)}",
            f"    rationale: {q(att.rationale)}",
        ]
        if att.evidence:
            out.append(f"    evidence: {flow_list(att.evidence)}")
        out += [
            f"    answered_by: {q(att.answered_by)}",
            f"    answered_on: {iso(att.answered_on)}",
        ]
    return out


@dataclass(frozen=True)
class DesignatedSpec:
    """A value the standard leaves to the centre, as the demo centre has set it."""

    name: str
    value: str
    document: str
    owner: str


DESIGNATED = (
    DesignatedSpec("business_review_window", "quarter", "business-plan-2025", DIRECTOR_OPS),
    DesignatedSpec("sampling_margin_of_error", "0.05", "qa-procedure", QA_HEAD),
    DesignatedSpec("legal_complaint_resolution_days", "14", "complaints-procedure", CX_HEAD),
    DesignatedSpec("acceptance_test_window", "year", "infrastructure", PLANNING_HEAD),
    DesignatedSpec("capacity_forecast_window", "quarter", "infrastructure", PLANNING_HEAD),
    DesignatedSpec("content_review_months", "12", "qa-procedure", QA_HEAD),
    DesignatedSpec("coaching_deadline_days", "7", "qa-procedure", QA_HEAD),
    DesignatedSpec("repeat_critical_error_days", "30", "qa-procedure", QA_HEAD),
    DesignatedSpec("css_evaluation_window", "quarter", "qa-procedure", QA_HEAD),
    DesignatedSpec("performance_review_window", "quarter", "business-plan-2025", DIRECTOR_OPS),
    DesignatedSpec("client_reporting_window", "quarter", "client-agreement", CX_HEAD),
)
"""The demo centre's own values, each set in one of its documents (the rules check against them)."""


def designated_lines(designated: Sequence[DesignatedSpec]) -> list[str]:
    """The designated_values block of a manifest."""
    out = ["designated_values:"]
    for d in designated:
        out += [
            f"  {d.name}:",
            f"    value: {d.value}",
            f"    document: {q(d.document)}",
            f"    owner: {q(d.owner)}",
        ]
    return out


def manifest(documents: Sequence[Doc], record_sets: Sequence[str]) -> str:
    """Return the text of ``bundle.yaml``."""
    out = manifest_header(ORG_ID, ORG_NAME, "contact_centre", f"{ORG_NAME}, its clients, staff and figures")
    for site_id, site_name in SITES:
        out += [f"  - id: {q(site_id)}", f"    name: {q(site_name)}", f"    country: {q('JP')}"]
    out.append("programs:")
    for program in PROGRAMS:
        out += [
            f"  - id: {q(program.id)}",
            f"    name: {q(program.name)}",
            f"    client: {q(program.client)}",
            f"    channels: {flow_list(program.channels)}",
        ]
    out += [
        "scope:",
        f"  channels: {flow_list(['voice', 'email', 'chat'])}",
        f"  operations: {flow_list(['inbound', 'outbound', 'work_at_home'])}",
        f"  sites: {flow_list(s for s, _ in SITES)}",
        "audit_period:",
        f"  start: {iso(PERIOD_START)}",
        f"  end: {iso(PERIOD_END)}",
        f"language: {q('ja')}",
    ]
    out += evidence_lines(documents, record_sets, ATTESTATIONS)
    out += designated_lines(DESIGNATED)
    out.append("waivers:")
    for waiver in WAIVERS:
        out += [
            f"  - rule: {q(waiver.rule)}",
            f"    justification: {q(waiver.justification)}",
            f"    approved_by: {q(waiver.approved_by)}",
            f"    expires: {iso(waiver.expires)}",
        ]
    out += engagement_lines(CENTRE)
    return "\n".join(out) + "\n"
