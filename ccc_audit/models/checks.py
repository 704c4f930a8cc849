"""Parts shared by every check spec; each kind's own spec lives in its module under ``ccc_audit/checks``.

The models layer cannot know the check kinds (they sit above it), so a rule pack's checks are typed
here as :class:`CheckSpecBase`; :mod:`ccc_audit.checks.registry` builds the concrete rule-pack
model whose checks are the registered kinds.
"""

from __future__ import annotations

from typing import Annotated, NamedTuple

from pydantic import Field, StringConstraints

from ccc_audit.models.common import StrictModel, Window

ParamRef = Annotated[str, StringConstraints(pattern=r"^\$[a-z][a-z0-9_]*$")]
"""A reference to a rule-pack parameter, written ``$name``."""

CountValue = Annotated[int, Field(ge=0)] | ParamRef
WindowValue = Window | ParamRef
MonthsValue = Annotated[int, Field(ge=1)] | ParamRef
NumberValue = float | ParamRef


class CheckSpecBase(StrictModel):
    """What every check spec has: its kind. Each kind's spec subclasses this with its own fields."""

    kind: str = Field(description="Check kind.")

    def document_sections(self) -> dict[str, set[str]]:
        """Document type → ids of the sections the check requires there (an auditor may cite them)."""
        return {}


class RowFilter(StrictModel):
    """Keep rows whose columns hold one of the listed values."""

    column: str = Field(min_length=1, description="Column name.")
    values: list[str] = Field(min_length=1, description="Accepted values.")
    keep_blank: bool = Field(default=False, description="Also keep rows whose cell is blank.")


class SpecProblem(NamedTuple):
    """A problem of a valid check spec that its model cannot see (e.g. an unknown metric)."""

    path: tuple[str | int, ...]
    """Where in the check, relative to the check itself (e.g. ``("metric",)``)."""
    message: str
    """The sentence reported to the user."""
