"""The client organisation's bundle (あおば生命, ISO 18295-2): documents, records and manifest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from ccc_audit.generate.demo.dates import iso
from ccc_audit.generate.demo.doc import Doc, render
from ccc_audit.generate.demo.engagement import CLIENT, engagement_lines
from ccc_audit.generate.demo.manifest import (
    AttestationSpec,
    DesignatedSpec,
    designated_lines,
    evidence_lines,
    flow_list,
    manifest_header,
    q,
)
from ccc_audit.generate.demo.records import header, write, write_records
from ccc_audit.generate.demo.reports import QUARTER_REPORT_DAYS, dated_report
from ccc_audit.generate.demo.world import INSURANCE, ORG_NAME, PERIOD_END, PERIOD_START, YEAR
from ccc_audit.models.records import RecordType

CLIENT_ORG_ID = "aoba-life"


CLIENT_ORG_NAME = "あおば生命保険株式会社"


CLIENT_DIRECTOR = "取締役 お客さまサービス本部長 森 直子"


CLIENT_MANAGER = "お客さまサービス部長 岡田 光"


CLIENT_PRODUCT = "商品企画部長 前田 健"


CLIENT_INFO_GAP_MONTH = 8
"""Planted gap (rule iso18295-2.p2-r5.information-provision): no information provision log in
August, when the client's policy administration system was being replaced (the same changeover
that paused the SMS survey of あおば生命 in the centre's bundle)."""


CLIENT_FEEDBACK_REVIEW_DUE = dt.date(2025, 10, 31)
"""Planted gap (rule iso18295-2.p2-r10.feedback-process): the feedback and complaints process was
due for review on this date and has not been reviewed."""


PROVIDERS = (
    ("sakura-cs", ORG_NAME, dt.date(2022, 4, 1), "yes"),
    ("hikari-bpo", "ひかりBPO株式会社", dt.date(2025, 4, 1), "yes"),
)
"""Centres the client uses: id, name, contract start, ISO 18295-1 certified."""


def _client_doc(
    doc_id: str, kind: str, title: str, english: str, approved_on: dt.date, review: dt.date | None, body: str
) -> Doc:
    return Doc(
        doc_id,
        kind,
        title,
        english,
        f"AOBA-{doc_id.upper()}",
        "1.0",
        "お客さまサービス部",
        CLIENT_DIRECTOR if review else CLIENT_MANAGER,
        approved_on,
        approved_on,
        review,
        body,
        topics=("complaints", "redress") if kind == "responsibility_matrix" else (),
        control_block=review is not None,
    )


def client_documents() -> list[Doc]:
    """The client's strategy, requirements, agreement, logs and review minutes."""
    standing = [
        ("cx-strategy", "cx_strategy", "お客さま体験戦略", "Customer experience strategy"),
        (
            "requirements-definition",
            "requirements_definition",
            "コンタクトセンター業務要件定義書",
            "Contact centre business requirements",
        ),
        ("contact-strategy", "contact_strategy", "接点戦略", "Contact strategy"),
        ("kpi-schedule", "kpi_schedule", "委託先KPI一覧", "KPI schedule for the centres"),
        ("responsibility-matrix", "responsibility_matrix", "責任分担表", "Responsibility matrix"),
        (
            "service-agreement",
            "client_agreement",
            "業務委託契約 付属書（SLA）",
            "Service agreement schedule (SLA)",
        ),
    ]
    docs = [
        _client_doc(i, k, t, e, dt.date(2025, 1, 20), dt.date(2026, 6, 30), render(f"client/{i}.md"))
        for i, k, t, e in standing
    ]
    docs.append(
        _client_doc(
            "feedback-process",
            "feedback_process",
            "お客さまの声・苦情の収集手順",
            "Customer feedback and complaints process",
            dt.date(2024, 10, 15),
            CLIENT_FEEDBACK_REVIEW_DUE,
            render("client/feedback-process.md"),
        )
    )
    for month in range(1, 13):
        if month == CLIENT_INFO_GAP_MONTH:
            continue
        day = dt.date(YEAR, month, 25)
        docs.append(
            dated_report(
                f"info-log-{YEAR}-{month:02d}",
                "information_provision_log",
                f"委託先への情報提供記録 {YEAR}年{month}月",
                f"Information provided to the centres {YEAR}-{month:02d}",
                f"AOBA-INFO-{YEAR}{month:02d}",
                "商品企画部",
                CLIENT_PRODUCT,
                day,
                render("client/info-log.md"),
            )
        )
    for quarter, day in QUARTER_REPORT_DAYS.items():
        docs.append(
            dated_report(
                f"provider-review-{YEAR}-q{quarter}",
                "business_review_minutes",
                f"委託先業績レビュー議事録 {YEAR}年第{quarter}四半期",
                f"Provider performance review {YEAR}-Q{quarter}",
                f"AOBA-REV-{YEAR}Q{quarter}",
                "お客さまサービス部",
                CLIENT_MANAGER,
                day,
                render("client/provider-review.md"),
            )
        )
    return docs


def client_records() -> dict[str, list[list[str]]]:
    """The providers and the quarterly reviews held with each since its contract began."""
    providers = [[pid, name, iso(start), "", certified] for pid, name, start, certified in PROVIDERS]
    reviews = []
    for pid, _, start, _ in PROVIDERS:
        for quarter, day in QUARTER_REPORT_DAYS.items():
            if day >= start:
                reviews.append(
                    [f"PR-{YEAR}Q{quarter}-{pid}", pid, iso(day), "サービスレベル; 放棄率; 顧客満足度; 苦情"]
                )
    return {
        "service_providers": providers,
        "provider_reviews": reviews,
    }


CLIENT_DESIGNATED = (
    DesignatedSpec("information_provision_window", "month", "service-agreement", CLIENT_MANAGER),
    DesignatedSpec("client_review_window", "quarter", "service-agreement", CLIENT_MANAGER),
)
"""The frequencies the client agreed with the centre (ISO 18295-2 leaves them to the agreement)."""

CLIENT_ATTESTATIONS = (
    AttestationSpec(
        "iso18295-2.p2-r1.conforming-centre",
        "yes",
        "両委託先ともISO 18295-1の認証を保有しており、選定時と更新時に認証書を確認している。",
        ("service_providers",),
        CLIENT_MANAGER,
        dt.date(2025, 12, 12),
    ),
)


def client_manifest(documents: Sequence[Doc], record_sets: Sequence[str]) -> str:
    """Return the text of the client bundle's ``bundle.yaml``."""
    out = manifest_header(
        CLIENT_ORG_ID, CLIENT_ORG_NAME, "client", f"{CLIENT_ORG_NAME}, its people and figures"
    )
    out += [
        f"  - id: {q('hq')}",
        f"    name: {q('本社 お客さまサービス部')}",
        f"    country: {q('JP')}",
        "programs:",
        f"  - id: {q(INSURANCE)}",
        f"    name: {q('契約者サービス（委託）')}",
        f"    channels: {flow_list(['voice', 'email'])}",
        "scope:",
        f"  channels: {flow_list(['voice', 'email'])}",
        f"  operations: {flow_list(['inbound', 'outbound'])}",
        "audit_period:",
        f"  start: {iso(PERIOD_START)}",
        f"  end: {iso(PERIOD_END)}",
        f"language: {q('ja')}",
    ]
    out += evidence_lines(documents, record_sets, CLIENT_ATTESTATIONS)
    out += engagement_lines(CLIENT)
    out += designated_lines(CLIENT_DESIGNATED)
    return "\n".join(out) + "\n"


def generate_client(output: Path, record_types: Mapping[str, RecordType]) -> list[str]:
    """Write the client bundle into ``output``; return its planted gaps."""
    documents = client_documents()
    for folder, suffix in (("documents", ".md"), ("records", ".csv")):
        target = output / folder
        if target.is_dir():
            for stale in sorted(target.glob(f"*{suffix}")):
                stale.unlink()
    files = client_records()
    for name, rows in files.items():
        write_records(output / "records" / f"{name}.csv", header(record_types, name), rows)
    for doc in documents:
        write(output / doc.path, doc.markdown())
    write(output / "bundle.yaml", client_manifest(documents, list(files)))
    return [
        f"client gap: no information provision log in {YEAR}-{CLIENT_INFO_GAP_MONTH:02d}",
        f"client gap: feedback process was due for review on {iso(CLIENT_FEEDBACK_REVIEW_DUE)}",
    ]
