"""The built-in record types (``rulepacks/records/record-types.yaml``)."""

from __future__ import annotations

import hashlib
from functools import cache

from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.yaml_source import load_yaml
from ccc_audit.models.records import RecordType, RecordTypeCatalogue
from ccc_audit.resources import data_dir


@cache
def builtin_record_types() -> dict[str, RecordType]:
    """Record types by name."""
    doc = load_yaml(data_dir("rulepacks") / "records" / "record-types.yaml")
    catalogue = validate(doc, RecordTypeCatalogue)
    return {t.name: t for t in catalogue.record_types}


def type_fingerprint(record_type: RecordType | None) -> str:
    """A short hash of a record type's definition, part of the parsed-records cache key."""
    text = record_type.model_dump_json() if record_type else "untyped"
    return hashlib.sha256(text.encode()).hexdigest()[:12]
