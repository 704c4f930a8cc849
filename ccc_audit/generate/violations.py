"""The violation kinds the generator can plant, the rule each breaks, and the ground-truth entry."""

from __future__ import annotations

from dataclasses import dataclass

from ccc_audit.errors import Diagnostic, InputError

VIOLATIONS: dict[str, str] = {
    "monitoring_gap": "copc.3.5.monthly-monitoring",
    "new_hire_weekly_gap": "copc.3.5.new-css-weekly",
    "kcrp_gap": "copc.3.5.kcrp-quarterly",
    "method_gap": "copc.3.5.side-by-side-and-remote",
    "calibration_gap": "copc.2.7.evaluator-calibration",
    "coaching_missing": "copc.3.5.coaching-after-failed-evaluation",
    "legal_complaint_unresolved": "copc.2.1.legal-complaints-resolved",
    "annual_verification_missing": "copc.3.4.annual-reverification",
    "competence_review_missing": "iso18295-1.6.annual-competence-review",
    "schedule_interval_too_long": "copc.2.5.schedule-interval",
    "survey_month_missing": "copc.4.1.monthly-attribute-survey",
}
"""Every violation kind, mapped to the id of the rule it breaks (in planting order).

An evaluator without any calibration session in a quarter (``calibration_gap``) necessarily also
has no quantitative (reference or gauge) session there, so it breaks
``copc.2.7.quantitative-calibration`` as well; every other kind breaks only its own rule.
"""


@dataclass(frozen=True, order=True)
class Plant:
    """One planted violation, as listed in ``ground-truth.json``."""

    violation: str
    rule_id: str
    subject: str
    window: str | None

    def as_json(self) -> dict[str, str | None]:
        """The ground-truth entry, keys in their documented order."""
        return {
            "violation": self.violation,
            "rule_id": self.rule_id,
            "subject": self.subject,
            "window": self.window,
        }

    def sort_key(self) -> tuple[str, str, str, str]:
        """Order of entries in the ground truth (a missing window sorts first)."""
        return (self.violation, self.rule_id, self.subject, self.window or "")


def parse_violations(text: str) -> tuple[tuple[str, ...], bool]:
    """Kinds named by ``--violations`` (comma-separated kinds, ``all`` or ``none``).

    Returns the kinds in planting order and whether ``all`` was asked for (kinds that cannot be
    planted in a short period are then skipped rather than refused).
    """
    words = [w.strip() for w in text.split(",") if w.strip()]
    if words in ([], ["none"]):
        return (), False
    if words == ["all"]:
        return tuple(VIOLATIONS), True
    unknown = sorted({w for w in words if w not in VIOLATIONS})
    if unknown:
        raise InputError(
            [
                Diagnostic(
                    "--violations",
                    0,
                    0,
                    f"unknown violation kind(s) {', '.join(unknown)}; expected all, none or a "
                    f"comma-separated list of: {', '.join(VIOLATIONS)}",
                )
            ]
        )
    chosen = set(words)
    return tuple(k for k in VIOLATIONS if k in chosen), False
