"""Building blocks shared by every input model."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

from ccc_audit.models.attribute_docs import attribute_docs


class StrictModel(BaseModel):
    """Base for every input model: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """Give each field its attribute docstring as description, before the schema is built.

        Building is deferred to first use, so a command pays only for the models it uses.
        """
        super().__pydantic_init_subclass__(**kwargs)
        docs = attribute_docs(cls)
        for name, field in cls.__pydantic_fields__.items():
            if field.description is None and name in docs:
                field.description = docs[name]


class Localized(StrictModel):
    """A user-facing text in Japanese and English; both are required."""

    ja: Annotated[str, StringConstraints(min_length=1)] = Field(description="Japanese text.")
    en: Annotated[str, StringConstraints(min_length=1)] = Field(description="English text.")

    def get(self, lang: str) -> str:
        """Return the text in ``lang`` ("ja" or "en")."""
        return self.ja if lang == "ja" else self.en


DATE_SYNTAX = "YYYY-MM-DD or YYYY/M/D (e.g. 2026-04-01 or 2026/4/1)"
"""How a date is written in bundle.yaml, the questionnaire and record files alike."""
_DATE = re.compile(r"^\s*(\d{4})([-/])(\d{1,2})\2(\d{1,2})\s*$")


def parse_date(value: object) -> dt.date | None:
    """A date written ``YYYY-MM-DD`` or ``YYYY/M/D`` (a date or midnight datetime as is); else None."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else None
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    except ValueError:
        return None


def _as_date(value: object) -> dt.date:
    found = parse_date(value)
    if found is None:
        raise ValueError(f"expected a date written {DATE_SYNTAX}")
    return found


Date = Annotated[
    dt.date,
    BeforeValidator(_as_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}(-\d{1,2}-|/\d{1,2}/)\d{1,2}$",
            "description": f"A date written {DATE_SYNTAX}.",
        }
    ),
]
"""A date in an input file: ``YYYY-MM-DD`` or ``YYYY/M/D``, anything else a located, friendly error."""

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$", min_length=1, max_length=120),
]
"""A stable machine identifier: letters, digits, dot, underscore and hyphen."""


class Language(StrEnum):
    """Report languages."""

    JA = "ja"
    EN = "en"


class Role(StrEnum):
    """Who is being assessed: the contact centre itself or the client organisation using it."""

    CONTACT_CENTRE = "contact_centre"
    CLIENT = "client"


class Window(StrEnum):
    """Calendar windows used by frequency checks, from shortest to longest."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def rank(self) -> int:
        """Order from shortest (0) to longest (3): a longer window is a looser cadence."""
        return list(Window).index(self)


class Grade(StrEnum):
    """Grade of a finding (ISO/IEC 17021-1 practice)."""

    MAJOR = "major"
    MINOR = "minor"
    OBSERVATION = "observation"

    @property
    def rank(self) -> int:
        """Higher is more serious."""
        return {"observation": 0, "minor": 1, "major": 2}[self.value]


class Severity(StrEnum):
    """Consequence of a failure, independent of its grade."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"
