"""Report vocabulary of the engagement (cover, sign-off, narrative) and of paged output, ja and en."""

from __future__ import annotations

ENGAGEMENT_LABELS: dict[str, dict[str, str]] = {
    "title.client": {
        "ja": "顧客組織（委託元）適合性評価 ギャップ分析報告書（ISO 18295-2）",
        "en": "Client Organisation Conformity Assessment (ISO 18295-2): Gap Analysis Report",
    },
    "page": {"ja": "ページ", "en": "Page"},
    "report_id": {"ja": "報告書番号", "en": "Report number"},
    "confidential": {"ja": "社外秘", "en": "Confidential"},
    "confidentiality": {"ja": "機密区分", "en": "Confidentiality"},
    "assessors": {"ja": "評価者", "en": "Assessors"},
    "reviewer": {"ja": "レビュー担当者", "en": "Reviewer"},
    "sign_off": {"ja": "承認", "en": "Sign-off"},
    "signed_on": {"ja": "承認日", "en": "Signed on"},
    "engagement": {"ja": "評価の体制", "en": "Engagement"},
    "narrative.executive_summary": {"ja": "評価者による総括", "en": "Assessor's summary"},
    "narrative.opinion": {"ja": "評価者の意見", "en": "Assessor's opinion"},
    "narrative.readiness": {"ja": "認証審査への準備状況", "en": "Readiness for certification"},
    "readiness.ready": {"ja": "準備完了", "en": "Ready"},
    "readiness.ready_with_conditions": {"ja": "条件付きで準備完了", "en": "Ready with conditions"},
    "readiness.not_ready": {"ja": "準備未了", "en": "Not ready"},
    "criteria_assessed": {"ja": "評価した要求事項", "en": "Requirements assessed"},
}
"""Keys merged into :data:`ccc_audit.i18n.labels.LABELS`."""
