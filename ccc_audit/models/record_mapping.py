"""How a centre's own export maps onto a record type: headers, labels, dates, delimiter, title rows."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from ccc_audit.models.common import Identifier, StrictModel

DATE_DIRECTIVES = frozenset("YymdHMSIpbBfj%")
"""strftime directives a date or timestamp format may use (``%-d`` etc. allowed: no padding)."""
_DIRECTIVE = re.compile(r"%(-?)(.)")


def format_problem(text: str) -> str | None:
    """Why ``text`` is not a usable strftime-style date format, or None."""
    found = _DIRECTIVE.findall(text)
    if not any(d in "Ymd" for _, d in found):
        return f'"{text}" names no year, month or day (%Y, %m, %d)'
    unknown = sorted({d for _, d in found if d not in DATE_DIRECTIVES})
    if unknown:
        return f'"{text}" uses %{", %".join(unknown)}; expected %Y %y %m %d %H %M %S %b and literal text'
    return None


class IgnoreRows(StrictModel):
    """Rows of a report-style export that are not records (a totals row, a footer)."""

    column: str = Field(
        min_length=1,
        description="The export's header (or our column name) whose cell decides, e.g. 社員番号.",
    )
    equals: str | list[str] = Field(
        default_factory=list,
        description='Cell text(s) that mark a row to ignore, e.g. 合計 or ["合計", "Total"].',
    )
    starts_with: str | list[str] = Field(
        default_factory=list, description='Cell prefix(es) that mark a row to ignore, e.g. "※".'
    )
    blank: bool = Field(default=False, description="Ignore the row when this cell is blank.")

    @model_validator(mode="after")
    def _says_which(self) -> IgnoreRows:
        if not (self.equals or self.starts_with or self.blank):
            raise ValueError("say which rows to ignore: equals, starts_with or blank: true")
        return self

    def matches(self, cell: str) -> bool:
        """Whether a row whose decisive cell reads ``cell`` is ignored."""
        text = cell.strip()
        equals = [self.equals] if isinstance(self.equals, str) else self.equals
        prefixes = [self.starts_with] if isinstance(self.starts_with, str) else self.starts_with
        return text in equals or any(text.startswith(p) for p in prefixes) or (self.blank and not text)


DateFormats = str | list[str]


class ExportShape(StrictModel):
    """The shape of a record file as the centre's tool writes it, mapped onto our record type."""

    columns: dict[Identifier, str] = Field(
        default_factory=dict,
        description="Our column name → the export's header for it, e.g. staff_id: 社員番号. Wins over the "
        "record type's aliases.",
    )
    values: dict[Identifier, dict[str, str]] = Field(
        default_factory=dict,
        description="Per column (our name): the export's label → our value, e.g. employment_type: "
        "{契約社員: temporary}. Yes/no columns take yes or no. Wins over the record type's labels.",
    )
    date_format: DateFormats | None = Field(
        default=None,
        description='strftime-style format(s) of date columns, tried in order, e.g. "%d.%m.%Y", '
        '"%m%d%Y", "%Y%m%d"; YYYY-MM-DD and YYYY/MM/DD stay accepted.',
    )
    timestamp_format: DateFormats | None = Field(
        default=None,
        description='strftime-style format(s) of timestamp columns, tried in order, e.g. "%m%d%Y %H:%M".',
    )
    delimiter: Literal[",", "|", "\t", ";"] = Field(
        default=",", description="Cell separator of a CSV file: comma, pipe, tab or semicolon."
    )
    header_row: int | None = Field(
        default=None,
        ge=1,
        description="Line (CSV) or sheet row (XLSX) of the header, for exports with title rows above "
        "it; 1 by default.",
    )
    skip_rows: int | None = Field(
        default=None, ge=0, description="Title rows above the header (header_row minus one); 0 by default."
    )
    ignore_rows: list[IgnoreRows] = Field(
        default_factory=list,
        description="Rows that are not records, e.g. a totals row; any rule matching ignores.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> ExportShape:
        if self.header_row is not None and self.skip_rows is not None:
            raise ValueError("give header_row or skip_rows, not both")
        for formats in (self.date_format, self.timestamp_format):
            for text in [formats] if isinstance(formats, str) else formats or []:
                problem = format_problem(text)
                if problem:
                    raise ValueError(problem)
        exports = list(self.columns.values())
        repeated = sorted({e for e in exports if exports.count(e) > 1})
        if repeated:
            raise ValueError(f"columns map several of our columns to the same header: {', '.join(repeated)}")
        return self

    @property
    def header_line(self) -> int:
        """The 1-based line / sheet row holding the header."""
        if self.header_row is not None:
            return self.header_row
        return (self.skip_rows or 0) + 1

    def date_formats(self, timestamp: bool) -> list[str]:
        """The declared formats for date (or timestamp) columns, in the order to try them."""
        formats = self.timestamp_format if timestamp else self.date_format
        return [formats] if isinstance(formats, str) else list(formats or [])

    def read_by_row(self) -> bool:
        """Whether a CSV file is copied row by row before DuckDB reads it (rows to ignore)."""
        return bool(self.ignore_rows)
