"""Cross-check each record set's mapping (``columns``, ``values``) against its record type."""

from __future__ import annotations

from ccc_audit.errors import Diagnostic, did_you_mean
from ccc_audit.loading.yaml_source import YamlDocument
from ccc_audit.models.bundle import Bundle
from ccc_audit.models.records import ColumnType, RecordType


def mapping_problems(
    model: Bundle, doc: YamlDocument, known_types: dict[str, RecordType]
) -> list[Diagnostic]:
    """Mapped columns the record type does not have, labels mapped to values it does not allow."""
    problems: list[Diagnostic] = []
    for name, spec in model.records.items():
        record_type = known_types.get(spec.type or name)
        if record_type is None:
            continue
        ours = [c.name for c in record_type.columns]
        for mapped in spec.columns:
            if record_type.column(mapped) is None:
                problems.append(
                    doc.diagnostic(
                        ("records", name, "columns", mapped),
                        f'"{mapped}" is not a column of record type "{record_type.name}"'
                        + (did_you_mean(mapped, ours) or f"; its columns: {', '.join(ours)}"),
                        key=True,
                    )
                )
        for column_name, labels in spec.values.items():
            column = record_type.column(column_name)
            where = ("records", name, "values", column_name)
            if column is None:
                problems.append(
                    doc.diagnostic(
                        where,
                        f'"{column_name}" is not a column of record type "{record_type.name}"'
                        + did_you_mean(column_name, ours),
                        key=True,
                    )
                )
                continue
            if column.type not in (ColumnType.ENUM, ColumnType.BOOLEAN):
                problems.append(
                    doc.diagnostic(
                        where,
                        f'column "{column_name}" is {column.type.value}; '
                        "only enum and yes/no columns map labels",
                        key=True,
                    )
                )
                continue
            allowed = column.values if column.type is ColumnType.ENUM else ["yes", "no"]
            for label, value in labels.items():
                if value not in allowed:
                    problems.append(
                        doc.diagnostic(
                            (*where, label),
                            f'"{label}" maps to "{value}", which is not one of {", ".join(allowed)}'
                            + did_you_mean(value, allowed),
                        )
                    )
    return problems
