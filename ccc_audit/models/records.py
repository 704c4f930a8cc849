"""Record types: the operational record sets a bundle may hold, declared as data."""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from ccc_audit.models.common import Identifier, Localized, StrictModel

_DROPPED = str.maketrans("", "", " \t_-・･.()（）[]［］「」")


def normalise(text: str) -> str:
    """A header or label as compared: NFKC, case-folded, without spaces and punctuation."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_DROPPED)


class ColumnType(StrEnum):
    """Value types of record columns."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    DATE = "date"
    TIMESTAMP = "timestamp"
    BOOLEAN = "boolean"
    ENUM = "enum"


class Column(StrictModel):
    """One column of a record type."""

    name: Identifier = Field(description="Column name as written in the header row.")
    type: ColumnType = Field(description="Value type.")
    required: bool = Field(default=False, description="The column must be present in the file.")
    values: list[str] = Field(default_factory=list, description="Allowed values (enum only).")
    min: float | None = Field(
        default=None,
        description="Lowest valid value (integer and number only), e.g. 0 for counts and durations.",
    )
    planned: bool = Field(
        default=False,
        description="A date that may lie years after the audit period (a contract's planned end), "
        "so not reported as implausible.",
    )
    description: Localized = Field(description="What the column holds.")
    example: str = Field(description="An example value, as written in a file.")
    aliases: list[str] = Field(
        default_factory=list,
        description="Other headers that mean this column (Japanese and English), read without a mapping "
        "when only this column claims them; compared ignoring width, case, spaces and underscores.",
    )
    labels: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Per value (an enum value, or yes / no): the labels exports write for it, e.g. "
        "temporary: [契約社員, 有期].",
    )

    @model_validator(mode="after")
    def _enum_has_values(self) -> Column:
        if (self.type is ColumnType.ENUM) != bool(self.values):
            raise ValueError("values are required for an enum column and only for one")
        allowed = self.values if self.type is ColumnType.ENUM else ["yes", "no"]
        if self.labels and self.type not in (ColumnType.ENUM, ColumnType.BOOLEAN):
            raise ValueError("labels are for enum and boolean columns only")
        unknown = [v for v in self.labels if v not in allowed]
        if unknown:
            raise ValueError(f"labels for undeclared values: {', '.join(unknown)}")
        meaning: dict[str, str] = {v.lower(): v for v in self.values}
        for value, labels in self.labels.items():
            for label in labels:
                if meaning.setdefault(label.lower(), value) != value:
                    raise ValueError(
                        f'label "{label}" of {self.name} means both {meaning[label.lower()]} and {value}'
                    )
        return self


class RecordType(StrictModel):
    """A kind of record set (staff roster, monitoring evaluations, …)."""

    name: Identifier = Field(description="Record type name; a bundle's record set of this name uses it.")
    title: Localized = Field(description="Short name.")
    description: Localized = Field(description="What one row is.")
    key: list[Identifier] = Field(min_length=1, description="Columns identifying a row, cited in findings.")
    columns: list[Column] = Field(min_length=1, description="Columns in template order.")

    @model_validator(mode="after")
    def _key_columns_exist(self) -> RecordType:
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError("column names repeat")
        missing = [k for k in self.key if k not in names]
        if missing:
            raise ValueError(f"key columns not declared: {', '.join(missing)}")
        claimed: dict[str, str] = {normalise(c.name): c.name for c in self.columns}
        for column in self.columns:
            for alias in column.aliases:
                owner = claimed.setdefault(normalise(alias), column.name)
                if owner != column.name:
                    raise ValueError(f'alias "{alias}" of column {column.name} also names column {owner}')
        return self

    def column(self, name: str) -> Column | None:
        """The column called ``name``, if declared."""
        return next((c for c in self.columns if c.name == name), None)


class RecordTypeCatalogue(StrictModel):
    """The record-types file."""

    schema_version: Literal[1] = Field(description="Format version of this file.")
    record_types: list[RecordType] = Field(min_length=1, description="Record types.")
