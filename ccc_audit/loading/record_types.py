"""The built-in record types (``rulepacks/records/record-types.yaml``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.yaml_source import load_yaml
from ccc_audit.models.records import RecordType, RecordTypeCatalogue
from ccc_audit.resources import data_dir

_KEPT: dict[str, dict[str, RecordType]] = {}
"""The built-in record types of this process, once read (or taken from the cached library)."""


def record_types_file() -> Path:
    """The file that defines the built-in record types."""
    return data_dir("rulepacks") / "records" / "record-types.yaml"


def builtin_record_types() -> dict[str, RecordType]:
    """Record types by name."""
    if "builtin" not in _KEPT:
        catalogue = validate(load_yaml(record_types_file()), RecordTypeCatalogue)
        _KEPT["builtin"] = {t.name: t for t in catalogue.record_types}
    return _KEPT["builtin"]


def learn_record_types(types: dict[str, RecordType]) -> None:
    """Take the built-in record types an earlier run read and kept (unless already read)."""
    if types:
        _KEPT.setdefault("builtin", types)


def type_fingerprint(record_type: RecordType | None) -> str:
    """A short hash of a record type's definition, part of the parsed-records cache key."""
    text = record_type.model_dump_json() if record_type else "untyped"
    return hashlib.sha256(text.encode()).hexdigest()[:12]
