"""What every gap report's cover says: title for the role, names, report number, criteria assessed."""

from __future__ import annotations

from ccc_audit.i18n.labels import label
from ccc_audit.models.common import Role
from ccc_audit.models.engagement import default_report_id
from ccc_audit.models.result import AssessmentResult, Conformity


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
    """Catalogue ids with at least one assessable requirement the scope did not rule out.

    A standard whose every requirement is not applicable (ISO 18295-2 in a contact centre's
    assessment, a standard the profile leaves out) is not among the criteria actually assessed.
    """
    return {
        q.standard
        for q in result.requirements
        if q.assessable and q.conformity is not Conformity.NOT_APPLICABLE
    }
