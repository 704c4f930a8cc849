"""Register columns, who owns each, and the status lifecycle."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from ccc_audit.models.common import Localized

L = Localized
E = TypeVar("E", bound=StrEnum)

COLUMNS: list[tuple[str, Localized]] = [
    ("id", L(ja="管理番号", en="ID")),
    ("finding_id", L(ja="所見ID", en="Finding id")),
    ("source", L(ja="出典", en="Source")),
    ("requirement", L(ja="要求事項・条項", en="Requirement / clause")),
    ("rule_id", L(ja="規則", en="Rule")),
    ("statement", L(ja="不適合の記述", en="Finding statement")),
    ("evidence", L(ja="客観的証拠", en="Objective evidence")),
    ("grade", L(ja="等級", en="Grade")),
    ("severity", L(ja="重要度", en="Severity")),
    ("first_detected", L(ja="初回検出日", en="First detected")),
    ("last_detected", L(ja="最終検出日", en="Last detected")),
    ("assessment", L(ja="評価での状態", en="Assessment state")),
    ("history", L(ja="履歴", en="History")),
    ("containment", L(ja="修正（応急処置）", en="Containment")),
    ("root_cause", L(ja="根本原因", en="Root cause")),
    ("root_cause_method", L(ja="原因分析手法", en="Root-cause method")),
    ("corrective_action", L(ja="是正処置", en="Corrective action")),
    ("owner", L(ja="担当者", en="Owner")),
    ("due_date", L(ja="期限", en="Due date")),
    ("status", L(ja="状況", en="Status")),
    ("verification_date", L(ja="有効性確認日", en="Verification date")),
    ("verification_method", L(ja="有効性確認方法", en="Verification method")),
    ("verifier", L(ja="確認者", en="Verifier")),
    ("closure_date", L(ja="完了日", en="Closure date")),
    ("remarks", L(ja="備考", en="Remarks")),
]
"""Every register column in file order: key and header in both languages."""

KEYS = [key for key, _ in COLUMNS]

HUMAN_COLUMNS = frozenset(KEYS[KEYS.index("containment") :])
"""Columns people fill in; the tool never overwrites them (status only when reopening)."""

DATE_COLUMNS = frozenset({"first_detected", "last_detected", "due_date", "verification_date", "closure_date"})
"""Columns holding dates (real dates in XLSX, ISO dates in CSV)."""


class Status(StrEnum):
    """Workflow status of a corrective action (closure only after verified effectiveness)."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    VERIFIED_EFFECTIVE = "verified_effective"
    CLOSED = "closed"


STATUS_LABELS: dict[Status, Localized] = {
    Status.OPEN: L(ja="未着手", en="open"),
    Status.IN_PROGRESS: L(ja="対応中", en="in progress"),
    Status.IMPLEMENTED: L(ja="実施済み", en="implemented"),
    Status.VERIFIED_EFFECTIVE: L(ja="有効性確認済み", en="verified effective"),
    Status.CLOSED: L(ja="完了", en="closed"),
}


class AssessmentState(StrEnum):
    """What the latest assessment says about the finding behind a register row."""

    DETECTED = "detected"
    WAIVED = "waived"
    RESOLVED = "resolved_by_assessment"
    REOPENED = "reopened"


STATE_LABELS: dict[AssessmentState, Localized] = {
    AssessmentState.DETECTED: L(ja="検出", en="detected"),
    AssessmentState.WAIVED: L(ja="免除", en="waived"),
    AssessmentState.RESOLVED: L(
        ja="評価で解消（有効性確認待ち）", en="resolved by assessment, awaiting verification"
    ),
    AssessmentState.REOPENED: L(ja="再発（再オープン）", en="recurred, reopened"),
}


def header(key: str, lang: str) -> str:
    """The header of column ``key`` in ``lang`` (a column people added keeps its own header)."""
    names = dict(COLUMNS).get(key)
    return names.get(lang) if names else key


def key_for_header(text: str) -> str | None:
    """The column key of a header in either language (or the key itself), None if unknown."""
    for key, names in COLUMNS:
        if text.strip() in (key, names.ja, names.en):
            return key
    return None


def column_keys(texts: list[str]) -> tuple[list[str], dict[str, str]]:
    """Keys of a header row, and the header text of each column that repeats an earlier one.

    A repeated header (two "Remarks") gets its own key, ``remarks#2``, so both columns are read
    and written back; the returned titles map such keys to the header as it was typed.
    """
    keys: list[str] = []
    titles: dict[str, str] = {}
    for text in texts:
        base = key_for_header(text) or text
        key, number = base, 1
        while base and key in keys:
            number += 1
            key = f"{base}#{number}"
        if key != base:
            titles[key] = text
        keys.append(key)
    return keys, titles


def _named(text: str, labels: dict[E, Localized]) -> E | None:
    for member, names in labels.items():
        if text.strip() in (member.value, names.ja, names.en):
            return member
    return None


def status_of(text: str) -> Status | None:
    """The status a cell names (a label in either language or the key), None if other text."""
    return _named(text, STATUS_LABELS)


def state_of(text: str) -> AssessmentState | None:
    """The assessment state a cell names, None if empty or unknown."""
    return _named(text, STATE_LABELS)
