"""Advance warning: evidence that is current today but lapses within a horizon (``--warn-expiring``).

Three dates decide whether a bundle passes tomorrow without any commit: a document's next review
date (the ``document`` check fails it the day after), a waiver's expiry (the last day honoured)
and a self-assessment answer's date (the ``attestation`` check calls an answer stale once it is
older than its ``max_age_months``, 12 by default). Each that lapses on or before the last day of
the horizon is a warning: it never changes the exit code.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ccc_audit.checks.attestation import AttestationCheckSpec
from ccc_audit.i18n.text import text
from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.models.calendar import add_months
from ccc_audit.models.common import Localized

ANSWER_MAX_AGE_MONTHS = int(AttestationCheckSpec.model_fields["max_age_months"].default)
"""The attestation check's default staleness, in months."""

_HORIZON = re.compile(r"(\d+)([dw])")


def parse_horizon(value: str) -> int:
    """``30d`` or ``4w`` as a number of days (ValueError otherwise)."""
    match = _HORIZON.fullmatch(value.strip().lower())
    if match is None:
        raise ValueError(f'"{value}" is not a horizon; expected a number of days or weeks, e.g. 30d or 4w')
    return int(match[1]) * (7 if match[2] == "w" else 1)


@dataclass(frozen=True)
class Expiring:
    """One piece of evidence that is current today and lapses within the horizon."""

    kind: str
    """document, waiver or attestation."""
    subject: str
    """Document id, waived rule id or answered question id."""
    lapses_on: dt.date
    """The first day it no longer counts."""
    line: int | None
    """Its entry in bundle.yaml."""
    message: Localized


def _days(first: dt.date, as_of: dt.date) -> str:
    return str((first - as_of).days)


def expiring(bundle: LoadedBundle, as_of: dt.date, days: int) -> list[Expiring]:
    """Documents, waivers and answers that count on ``as_of`` but not ``days`` days later."""
    last = as_of + dt.timedelta(days=days)
    found: list[Expiring] = []
    model = bundle.model
    for document in model.documents:
        due = document.next_review_date
        if due is None or not as_of <= due < last:
            continue
        first = due + dt.timedelta(days=1)
        found.append(
            Expiring(
                "document",
                document.id,
                first,
                bundle.entry_line("document", document.id),
                text(
                    f"文書「{document.title}」（{document.id}）の次回見直し日は {due}: "
                    f"{_days(first, as_of)} 日後に期限切れになる。",
                    f'Document "{document.title}" ({document.id}) is due for review on {due}: '
                    f"it expires in {_days(first, as_of)} day(s).",
                ),
            )
        )
    for i, waiver in enumerate(model.waivers):
        if not as_of <= waiver.expires < last:
            continue
        first = waiver.expires + dt.timedelta(days=1)
        found.append(
            Expiring(
                "waiver",
                waiver.rule,
                first,
                bundle.doc.position(("waivers", i)).line,
                text(
                    f"規則 {waiver.rule} の免除は {waiver.expires} まで: "
                    f"{_days(first, as_of)} 日後に失効する。",
                    f"The waiver for {waiver.rule} is honoured until {waiver.expires}: "
                    f"it lapses in {_days(first, as_of)} day(s).",
                ),
            )
        )
    for answer in model.attestations:
        first = add_months(answer.answered_on, ANSWER_MAX_AGE_MONTHS) + dt.timedelta(days=1)
        if not as_of < first <= last:
            continue
        found.append(
            Expiring(
                "attestation",
                answer.id,
                first,
                bundle.entry_line("attestation", answer.id),
                text(
                    f"自己評価の回答 {answer.id}（{answer.answered_on}）は "
                    f"{_days(first, as_of)} 日後に {ANSWER_MAX_AGE_MONTHS} か月を超えて古くなる。",
                    f"The self-assessment answer {answer.id} ({answer.answered_on}) becomes older "
                    f"than {ANSWER_MAX_AGE_MONTHS} months in {_days(first, as_of)} day(s).",
                ),
            )
        )
    return sorted(found, key=lambda e: (e.lapses_on, e.kind, e.subject))
