"""The conformity of one requirement: what the assessment result and procurement scoring share."""

from __future__ import annotations

from enum import StrEnum


class Conformity(StrEnum):
    """Per-requirement result."""

    COMPLIANT = "compliant"
    PARTIALLY_COMPLIANT = "partially_compliant"
    NON_COMPLIANT = "non_compliant"
    NOT_APPLICABLE = "not_applicable"
    NOT_ASSESSED = "not_assessed"
