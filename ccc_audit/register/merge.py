"""Merge an assessment into a register without ever losing what people wrote in it.

- a new finding is appended with its first-detected date;
- a recurring finding keeps its row, its id and every human-owned cell;
- a finding that is no longer raised, by a rule the assessment evaluated, is marked resolved by
  assessment (awaiting verification of effectiveness), never closed or deleted; when the rule
  was not evaluated (another profile or scope), the row is left as it was: nothing is known
  (``ccc_audit.results.comparison`` defines both);
- a finding that returns after its action was verified or closed is reopened: its status goes
  back to open, its verification and closure dates are cleared, and the status and dates it had
  are kept in the history column.
"""

from __future__ import annotations

import re

from ccc_audit.i18n.labels import label
from ccc_audit.i18n.vocabulary import term
from ccc_audit.models.common import Grade
from ccc_audit.models.result import AssessmentResult, Finding
from ccc_audit.register.columns import (
    STATE_LABELS,
    STATUS_LABELS,
    AssessmentState,
    Status,
    header,
    state_of,
    status_of,
)
from ccc_audit.register.model import Register
from ccc_audit.results.comparison import Change, Raised, change_of, evaluated_rules, no_longer_raised

_HISTORY = {
    "detected": {"ja": "検出", "en": "detected"},
    "resolved": {"ja": "評価で解消", "en": "resolved by assessment"},
    "recurred": {"ja": "再検出", "en": "recurred"},
    "regressed": {"ja": "悪化（{old} → {new}）", "en": "regressed ({old} → {new})"},
    "improved": {"ja": "改善（{old} → {new}）", "en": "improved ({old} → {new})"},
    "reopened": {
        "ja": "再発のため再オープン（直前の状況: {status}）",
        "en": "reopened (status was: {status})",
    },
    "was": {"ja": "、{column}: {value}", "en": ", {column} was: {value}"},
}

_CLOSURE_DATES = ("verification_date", "closure_date")
"""Dates of an action's verification and completion: no longer true once its finding recurs."""


_SOURCE = re.compile(r"^ccc-audit \S+ (?:(?P<org>\S+) )?\((?P<as_of>\d{4}-\d{2}-\d{2})\)$")


def source_text(result: AssessmentResult) -> str:
    """The register's source cell: tool version, organisation id and assessment date."""
    return f"ccc-audit {result.tool_version} {result.scope.organisation_id} ({result.as_of})"


def register_basis(register: Register) -> tuple[set[str], str | None]:
    """Organisation ids named in the register's source cells, and its latest assessment date.

    Rows written before the organisation was recorded name none; dates are ISO, so the largest
    string is the latest.
    """
    organisations: set[str] = set()
    dates: list[str] = []
    for row in register.rows:
        match = _SOURCE.match(row.get("source", "").strip())
        if match:
            dates.append(match["as_of"])
            if match["org"]:
                organisations.add(match["org"])
    return organisations, max(dates, default=None)


def register_id(finding_id: str) -> str:
    """The corrective-action id of a finding: stable because the finding id is."""
    return "CAR-" + finding_id.removeprefix("F-")


def _append(history: str, entry: str) -> str:
    return f"{history}; {entry}" if history else entry


def _tool_cells(finding: Finding, result: AssessmentResult, lang: str) -> dict[str, str]:
    state = AssessmentState.WAIVED if finding.waived else AssessmentState.DETECTED
    return {
        "id": register_id(finding.id),
        "finding_id": finding.id,
        "source": source_text(result),
        "requirement": " / ".join(finding.requirements),
        "rule_id": finding.rule_id,
        "statement": finding.statement.nonconformity.get(lang),
        "evidence": finding.statement.evidence.get(lang),
        "grade": label(f"grade.{finding.grade.value}", lang),
        "severity": term("severity", finding.severity.value, lang),
        "last_detected": result.as_of.isoformat(),
        "assessment": STATE_LABELS[state].get(lang),
    }


def _new_row(finding: Finding, result: AssessmentResult, lang: str) -> dict[str, str]:
    row = _tool_cells(finding, result, lang)
    row["first_detected"] = result.as_of.isoformat()
    row["history"] = f"{result.as_of} {_HISTORY['detected'][lang]} ({row['grade']})"
    row["status"] = STATUS_LABELS[Status.OPEN].get(lang)
    return row


def raised_in_row(row: dict[str, str]) -> Raised | None:
    """The grade and waiver a row recorded at the last assessment (None if unreadable)."""
    grade = next(
        (
            g
            for g in Grade
            if row.get("grade", "").strip()
            in (label(f"grade.{g.value}", "ja"), label(f"grade.{g.value}", "en"))
        ),
        None,
    )
    if grade is None:
        return None
    return Raised(grade, state_of(row.get("assessment", "")) is AssessmentState.WAIVED)


def row_change(row: dict[str, str], finding: Finding) -> Change:
    """How a recurring finding compares with what its row recorded (``results.comparison``)."""
    return change_of(raised_in_row(row), Raised(finding.grade, finding.waived), True, True)


def _recurring(row: dict[str, str], finding: Finding, result: AssessmentResult, lang: str) -> dict[str, str]:
    updated = dict(row)
    change = row_change(row, finding) if raised_in_row(row) else Change.UNCHANGED
    updated.update(_tool_cells(finding, result, lang))
    if change in (Change.REGRESSED, Change.IMPROVED):
        entry = _HISTORY[change.value][lang].format(old=row.get("grade", ""), new=updated["grade"])
        updated["history"] = _append(row.get("history", ""), f"{result.as_of} {entry}")
        row = {**row, "history": updated["history"]}
    if not updated.get("first_detected"):
        updated["first_detected"] = result.as_of.isoformat()
    history = row.get("history", "")
    status = status_of(row.get("status", ""))
    if status in (Status.VERIFIED_EFFECTIVE, Status.CLOSED):
        entry = _HISTORY["reopened"][lang].format(status=row.get("status", ""))
        for key in _CLOSURE_DATES:
            if updated.get(key):
                was = _HISTORY["was"][lang].format(column=header(key, lang).lower(), value=updated.pop(key))
                entry = entry[:-1] + was + entry[-1]
        updated["history"] = _append(history, f"{result.as_of} {entry}")
        updated["status"] = STATUS_LABELS[Status.OPEN].get(lang)
        updated["assessment"] = STATE_LABELS[AssessmentState.REOPENED].get(lang)
    elif state_of(row.get("assessment", "")) is AssessmentState.RESOLVED:
        updated["history"] = _append(history, f"{result.as_of} {_HISTORY['recurred'][lang]}")
    elif state_of(row.get("assessment", "")) is AssessmentState.REOPENED:
        updated["assessment"] = row["assessment"]
    return updated


def _resolved(row: dict[str, str], result: AssessmentResult, lang: str) -> dict[str, str]:
    if state_of(row.get("assessment", "")) is AssessmentState.RESOLVED:
        return row
    updated = dict(row)
    updated["assessment"] = STATE_LABELS[AssessmentState.RESOLVED].get(lang)
    updated["history"] = _append(row.get("history", ""), f"{result.as_of} {_HISTORY['resolved'][lang]}")
    return updated


def _resolved_now(row: dict[str, str], evaluated: frozenset[str]) -> bool:
    return no_longer_raised(row.get("rule_id", "") in evaluated) is Change.RESOLVED


def merge(register: Register, result: AssessmentResult) -> Register:
    """The register after ``result``: existing rows in place, new findings appended by id."""
    lang = register.lang
    findings = {f.id: f for f in result.findings}
    evaluated = evaluated_rules(result)
    seen: set[str] = set()
    rows: list[dict[str, str]] = []
    for row in register.rows:
        ident = row.get("finding_id", "")
        if ident in findings and ident not in seen:
            rows.append(_recurring(row, findings[ident], result, lang))
        elif ident and ident not in seen and _resolved_now(row, evaluated):
            rows.append(_resolved(row, result, lang))
        else:
            rows.append(row)
        seen.add(ident)
    for ident in sorted(findings.keys() - seen):
        rows.append(_new_row(findings[ident], result, lang))
    return Register(lang, rows, list(register.extra), dict(register.titles))
