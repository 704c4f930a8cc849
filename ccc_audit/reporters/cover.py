"""What every gap report's cover says: title for the role, names, report number, criteria assessed."""

from __future__ import annotations

from ccc_audit.i18n.labels import label
from ccc_audit.models.common import Role
from ccc_audit.models.engagement import default_report_id
from ccc_audit.models.result import AssessmentResult, Outcome


def report_title(result: AssessmentResult, lang: str) -> str:
    """The report's title: a client organisation's (ISO 18295-2) report is titled as such."""
    return label("title.client" if result.scope.role is Role.CLIENT else "title", lang)


def organisation_name(result: AssessmentResult, lang: str) -> str:
    """The organisation's name in ``lang`` when the engagement gives it, else the bundle's name."""
    engagement = result.engagement
    if engagement is not None and engagement.organisation_name is not None:
        return engagement.organisation_name.get(lang)
    return result.scope.organisation


def report_id(result: AssessmentResult) -> str:
    """The report number: the engagement's, else organisation id and assessment date."""
    if result.engagement is not None:
        return result.engagement.report_id
    return default_report_id(result.scope.organisation_id, result.as_of)


def assessed_standards(result: AssessmentResult) -> set[str]:
    """Catalogue ids of the standards actually assessed: the criteria a report lists.

    A standard counts when at least one of its assessable requirements is verified by a rule that
    was evaluated for this bundle: neither left out by the profile (excluded) nor ruled out by the
    scope (not applicable). ISO 18295-2 in a contact centre's assessment, or COPC under the ISO
    18295-1 self-assessment profile, is therefore not among the criteria.
    """
    outcomes = {rule.rule_id: rule.outcome for rule in result.rules}
    skipped = (Outcome.EXCLUDED, Outcome.NOT_APPLICABLE)
    return {
        q.standard
        for q in result.requirements
        if q.assessable and any(outcomes.get(rule, Outcome.EXCLUDED) not in skipped for rule in q.rules)
    }
