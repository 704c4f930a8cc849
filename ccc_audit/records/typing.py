"""SQL that types a record file's text columns by its record type and flags unreadable values."""

from __future__ import annotations

from dataclasses import dataclass

from ccc_audit.models.bundle import RecordSet
from ccc_audit.models.common import DATE_SYNTAX
from ccc_audit.models.records import ColumnType, RecordType
from ccc_audit.records.quoting import quote_ident, quote_text

TRUE_WORDS = ("yes", "y", "true", "t", "1", "はい", "有")
FALSE_WORDS = ("no", "n", "false", "f", "0", "いいえ", "無")
"""Boolean words; those outside the Japanese ones are exactly the words DuckDB's own reader accepts."""


@dataclass(frozen=True)
class TypedColumn:
    """A file column with its declared type (None: kept as text)."""

    name: str
    type: ColumnType | None
    values: tuple[str, ...] = ()
    min: float | None = None
    """Lowest valid value of a numeric column (a lower one is unreadable, like text in it)."""
    shown: str = ""
    """The export's header for the column, as messages quote it ("" when it is ``name``)."""
    mapped: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs bundle.yaml maps: tried before our own values."""
    labels: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs the record type knows: tried after our own values."""
    formats: tuple[str, ...] = ()
    """Declared strftime formats of a date or timestamp column, tried before the standard ones."""

    @property
    def header(self) -> str:
        """How messages name the column: the export's header, with ours when they differ."""
        quoted = f'"{self.shown or self.name}"'
        return f"{quoted} ({self.name})" if self.shown and self.shown != self.name else quoted


def _at_least(typed: str, column: TypedColumn) -> str:
    return typed if column.min is None else f"CASE WHEN {typed} >= {column.min!r} THEN {typed} END"


def _typed(value: str, column: TypedColumn) -> str:
    kind = column.type
    if kind is None or kind is ColumnType.STRING:
        return value
    if kind is ColumnType.INTEGER:
        return _at_least(f"TRY_CAST({value} AS BIGINT)", column)
    if kind is ColumnType.NUMBER:
        return _at_least(f"TRY_CAST({value} AS DOUBLE)", column)
    declared = [f"TRY_STRPTIME({value}, {quote_text(f)})" for f in column.formats]
    if kind is ColumnType.DATE:
        declared = [f"{d}::DATE" for d in declared]
        standard = [f"TRY_CAST({value} AS DATE)", f"TRY_STRPTIME({value}, '%Y/%m/%d')::DATE"]
        return f"COALESCE({', '.join([*declared, *standard])})"
    if kind is ColumnType.TIMESTAMP:
        standard = [
            f"TRY_CAST({value} AS TIMESTAMP)",
            f"TRY_STRPTIME({value}, '%Y/%m/%d %H:%M:%S')",
            f"TRY_STRPTIME({value}, '%Y/%m/%d %H:%M')",
        ]
        return f"COALESCE({', '.join([*declared, *standard])})"
    # A CASE of single values, not IN (…): DuckDB plans a long IN list as a join, which does
    # not keep the file's row order, and every row's line number is its position in the file.
    if kind is ColumnType.BOOLEAN:
        words = [(w, "true") for w in TRUE_WORDS] + [(w, "false") for w in FALSE_WORDS]
        pairs = [*column.mapped, *words, *column.labels]
        return (
            f"CASE lower({value}) "
            + " ".join(f"WHEN {quote_text(w.lower())} THEN {b}" for w, b in pairs)
            + " END"
        )
    # Enum values are matched ignoring case and stored in their declared spelling (css → CSS).
    pairs = [*column.mapped, *((v, v) for v in column.values), *column.labels]
    spellings = " ".join(f"WHEN {quote_text(w.lower())} THEN {quote_text(v)}" for w, v in pairs)
    return f"CASE lower({value}) {spellings} END"


def expected(column: TypedColumn) -> str:
    """What a valid value of the column looks like, for error messages."""
    kind = column.type
    formats = column.formats
    return (
        {
            ColumnType.INTEGER: "a whole number" + ("" if column.min is None else f" >= {column.min:g}"),
            ColumnType.NUMBER: "a number" + ("" if column.min is None else f" >= {column.min:g}"),
            ColumnType.DATE: f"a date (expected {', '.join([*formats, DATE_SYNTAX])})",
            ColumnType.TIMESTAMP: "a date and time (expected "
            + ", ".join([*formats, "YYYY-MM-DDTHH:MM:SS"])
            + ")",
            ColumnType.BOOLEAN: "yes or no",
            ColumnType.ENUM: "one of " + ", ".join(column.values),
        }.get(kind, "text")
        if kind
        else "text"
    )


def plan_columns(
    file_columns: list[str],
    record_type: RecordType | None,
    spec: RecordSet | None = None,
    shown: dict[str, str] | None = None,
) -> list[TypedColumn]:
    """Each file column with the type its record type declares and the labels and formats it takes."""
    planned: list[TypedColumn] = []
    for name in file_columns:
        declared = record_type.column(name) if record_type else None
        if declared is None:
            planned.append(TypedColumn(name, None, shown=(shown or {}).get(name, "")))
            continue
        mapped = (spec.values if spec else {}).get(name, {})
        labels = [(label, value) for value, found in declared.labels.items() for label in found]
        if declared.type is ColumnType.BOOLEAN:
            mapped = {k: "true" if v == "yes" else "false" for k, v in mapped.items()}
            labels = [(k, "true" if v == "yes" else "false") for k, v in labels]
        timed = declared.type in (ColumnType.DATE, ColumnType.TIMESTAMP)
        planned.append(
            TypedColumn(
                name,
                declared.type,
                tuple(declared.values),
                declared.min,
                shown=(shown or {}).get(name, ""),
                mapped=tuple(mapped.items()),
                labels=tuple(labels),
                formats=tuple(spec.date_formats(declared.type is ColumnType.TIMESTAMP))
                if spec and timed
                else (),
            )
        )
    return planned


def typed_select(source_clause: str, columns: list[TypedColumn], keep_line: bool) -> str:
    """A SELECT of typed columns plus ``__bad``, a bit mask of the checked columns that failed."""
    raw = ", ".join(
        f"NULLIF(trim({quote_ident(c.name)}), '') AS {quote_ident('r' + str(i))}"
        for i, c in enumerate(columns)
    )
    line = ", __line" if keep_line else ""
    typed = ", ".join(
        f"{_typed(quote_ident('r' + str(i)), c)} AS {quote_ident(c.name)}" for i, c in enumerate(columns)
    )
    raws = ", ".join(quote_ident("r" + str(i)) for i in range(len(columns)))
    checked = [i for i, c in enumerate(columns) if c.type not in (None, ColumnType.STRING)]
    mask = (
        " | ".join(
            f"(CASE WHEN {quote_ident('r' + str(i))} IS NOT NULL AND {quote_ident(c.name)} IS NULL "
            f"THEN {1 << n} ELSE 0 END)"
            for n, (i, c) in enumerate((i, columns[i]) for i in checked)
        )
        or "0"
    )
    names = ", ".join(quote_ident(c.name) for c in columns)
    return (
        f"SELECT {names}{line}, ({mask})::BIGINT AS __bad FROM ("
        f"SELECT {typed}, {raws}{line} FROM (SELECT {raw}{line} FROM {source_clause}))"
    )


def checked_columns(columns: list[TypedColumn]) -> list[TypedColumn]:
    """The columns whose bit is set in ``__bad`` when unreadable, in bit order."""
    return [c for c in columns if c.type not in (None, ColumnType.STRING)]


_NATIVE = {
    ColumnType.INTEGER: "BIGINT",
    ColumnType.NUMBER: "DOUBLE",
    ColumnType.DATE: "DATE",
    ColumnType.TIMESTAMP: "TIMESTAMP",
    ColumnType.BOOLEAN: "BOOLEAN",
}


def native_type(column: TypedColumn) -> str:
    """DuckDB's type for a column its CSV reader parses; an enum's values are the type's values.

    A value outside an enum's list, like any value DuckDB cannot parse, is a conversion error.
    """
    if column.type is ColumnType.ENUM:
        return "ENUM(" + ", ".join(quote_text(v) for v in column.values) + ")"
    return _NATIVE.get(column.type, "VARCHAR") if column.type else "VARCHAR"
