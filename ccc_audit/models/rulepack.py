"""Rule pack: how requirements are verified (``rulepacks/*.yaml``)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from ccc_audit.models.checks import CheckSpecBase
from ccc_audit.models.common import Grade, Identifier, Localized, Severity, StrictModel, Window

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_\-]*(\.[a-z0-9_\-]+)+$")]
"""A stable dotted rule id, e.g. ``copc.3.5.monthly-monitoring``."""

RequirementRef = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._\-]+:[^\s:]+$")]
"""A qualified requirement id ``catalogue:node``, e.g. ``copc-cx-r7:3.5``."""


class ParameterType(StrEnum):
    """Value types of rule-pack parameters."""

    INTEGER = "integer"
    NUMBER = "number"
    WINDOW = "window"


class Direction(StrEnum):
    """Which side of the floor is stricter."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Parameter(StrictModel):
    """A tunable value with a default and the loosest value the standard allows."""

    type: ParameterType = Field(description="integer, number or window.")
    description: Localized = Field(description="What the parameter controls.")
    default: int | float | Window = Field(description="Value used unless a profile sets one.")
    floor: int | float | Window = Field(description="Loosest value the standard allows.")
    direction: Direction = Field(
        default=Direction.AT_LEAST,
        description=(
            "at_least: values below the floor are looser; at_most: values above it are looser. "
            "Windows are always at_most (a longer window is a looser cadence)."
        ),
    )

    @model_validator(mode="after")
    def _values_match_type(self) -> Parameter:
        for name in ("default", "floor"):
            value = getattr(self, name)
            if self.type is ParameterType.WINDOW and not isinstance(value, Window):
                raise ValueError(f"{name} must be one of week, month, quarter, year")
            if self.type is ParameterType.INTEGER and (
                isinstance(value, Window) or not isinstance(value, int)
            ):
                raise ValueError(f"{name} must be an integer")
            if self.type is ParameterType.NUMBER and isinstance(value, Window):
                raise ValueError(f"{name} must be a number")
        if is_looser(self, self.default):
            raise ValueError("default is looser than the floor")
        return self


def is_looser(parameter: Parameter, value: int | float | Window) -> bool:
    """Whether ``value`` is looser than the parameter's floor."""
    floor = parameter.floor
    if isinstance(value, Window) and isinstance(floor, Window):
        return value.rank > floor.rank
    if isinstance(value, Window) or isinstance(floor, Window):
        return False
    if parameter.direction is Direction.AT_LEAST:
        return value < floor
    return value > floor


class Designation(StrictModel):
    """A value the standard leaves to the centre: each bundle declares its own (``designated_values``).

    Checks reference it as ``$name`` like a parameter. A profile cannot set it and there is no
    default: when the bundle does not declare it, every check that reads it fails with the reason
    ``value_not_designated``, the finding the standard implies when the centre has set no value.
    """

    type: ParameterType = Field(description="integer, number or window.")
    description: Localized = Field(
        description="What the value controls and the handbook line that leaves it to the centre."
    )
    suggestion: int | float | Window | None = Field(
        default=None,
        description="A starting value scaffolds may offer, labelled as a suggestion; never used by checks.",
    )

    @model_validator(mode="after")
    def _suggestion_matches_type(self) -> Designation:
        if self.suggestion is not None:
            problem = value_type_problem(self.type, self.suggestion)
            if problem:
                raise ValueError(f"suggestion {problem}")
        return self


def value_type_problem(kind: ParameterType, value: int | float | Window) -> str | None:
    """Why ``value`` does not fit a parameter or designation of type ``kind`` (None when it does)."""
    if kind is ParameterType.WINDOW:
        return None if isinstance(value, Window) else "must be one of week, month, quarter, year"
    if isinstance(value, (Window, bool)):
        return f"must be {'an integer' if kind is ParameterType.INTEGER else 'a number'}"
    if kind is ParameterType.INTEGER and not isinstance(value, int):
        return "must be an integer"
    return None


class RuleApplicability(StrictModel):
    """Scope conditions over the bundle; each non-empty list must match one declared value."""

    roles: list[Literal["contact_centre", "client"]] = Field(
        default_factory=list, description="Roles assessed by this rule; empty means any."
    )
    channels: list[Identifier] = Field(
        default_factory=list, description="Applies when the bundle declares any of these."
    )
    operations: list[Identifier] = Field(
        default_factory=list, description="Applies when the bundle declares any of these."
    )
    sites: list[Identifier] = Field(
        default_factory=list, description="Applies when the bundle has any of these sites."
    )


class Escalation(StrictModel):
    """Raise the grade when a large share of the population fails."""

    grade: Grade = Field(description="Grade after escalation.")
    when_failing_share_above: float = Field(
        ge=0, le=1, description="Escalate when failing entities ÷ population exceeds this."
    )


class Rule(StrictModel):
    """One verifiable rule."""

    id: RuleId = Field(description="Stable dotted id.")
    requirements: list[RequirementRef] = Field(
        min_length=1, description="Requirement ids verified, as catalogue:node."
    )
    title: Localized = Field(description="Short title.")
    rationale: Localized = Field(description="Why the rule exists (Markdown).")
    evidence: Localized = Field(description="Evidence an auditor asks for (Markdown).")
    corrective_action: Localized = Field(description="Guidance to correct a failure (Markdown).")
    applies_to: RuleApplicability = Field(
        default_factory=RuleApplicability, description="When the rule applies."
    )
    grade: Grade = Field(description="Grade a failure gets.")
    escalation: Escalation | None = Field(default=None, description="Optional escalation.")
    severity: Severity = Field(description="Consequence of a failure.")
    # Check kinds live above the models layer, so checks are typed by their common base here;
    # loading validates with the subclass ccc_audit.checks.registry derives, whose checks are the kinds.
    checks: Sequence[CheckSpecBase] = Field(min_length=1, description="Checks; all must pass.")


class PackInfo(StrictModel):
    """Identity of a rule pack."""

    id: Identifier = Field(description="Pack id.")
    version: str = Field(min_length=1, description="Pack version.")
    title: Localized = Field(description="Pack name.")
    catalogues: list[Identifier] = Field(min_length=1, description="Catalogues verified.")


class RulePack(StrictModel):
    """A rule-pack file."""

    schema_version: Literal[1] = Field(description="Format version of this file.")
    pack: PackInfo = Field(description="Identity of the pack.")
    parameters: dict[Identifier, Parameter] = Field(
        default_factory=dict, description="Tunable values, referenced in checks as $name."
    )
    designations: dict[Identifier, Designation] = Field(
        default_factory=dict,
        description="Values the standard leaves to the centre, read from the bundle's designated_values "
        "and referenced in checks as $name.",
    )
    rules: list[Rule] = Field(min_length=1, description="Rules of the pack.")

    @model_validator(mode="after")
    def _names_distinct(self) -> RulePack:
        both = sorted(set(self.parameters) & set(self.designations))
        if both:
            raise ValueError(f"{', '.join(both)}: declared both as parameter and as designation")
        return self
