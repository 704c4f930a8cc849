"""JSON Schemas generated from the models; shipped copies live in ``ccc_audit/json_schemas/``.

Regenerate the shipped copies with ``python -m ccc_audit.app.schemas`` (which also writes the
models' field docstrings, :data:`~ccc_audit.models.attribute_docs.DOCS_FILE`); tests keep them current.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from ccc_audit.checks.registry import RULE_PACK
from ccc_audit.models.attribute_docs import DOCS_FILE, docs_table_text
from ccc_audit.models.bundle import Bundle
from ccc_audit.models.catalogue import Catalogue
from ccc_audit.models.crosswalk import Crosswalk
from ccc_audit.models.profile import Profile
from ccc_audit.models.result import AssessmentResult
from ccc_audit.rfp.models import Rubric, ScoreSheet, VendorResponse
from ccc_audit.rfp.result import RfpResult

MODELS: dict[str, type[BaseModel]] = {
    "catalogue": Catalogue,
    "crosswalk": Crosswalk,
    "rulepack": RULE_PACK,
    "bundle": Bundle,
    "profile": Profile,
    "result": AssessmentResult,
    "rfp-rubric": Rubric,
    "rfp-response": VendorResponse,
    "rfp-scores": ScoreSheet,
    "rfp-result": RfpResult,
}


def schema_text(name: str) -> str:
    """The JSON Schema of format ``name`` as indented JSON text."""
    schema = MODELS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://ccc-audit.invalid/schemas/{name}.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


SHIPPED = Path(__file__).resolve().parent.parent / "json_schemas"


def record_types_text() -> str:
    """Every built-in record type (name, titles, key, columns with types) as indented JSON."""
    from ccc_audit.loading.record_types import builtin_record_types

    types = [t.model_dump(mode="json") for t in builtin_record_types().values()]
    return json.dumps({"record_types": types}, ensure_ascii=False, indent=2) + "\n"


def write_shipped() -> list[Path]:
    """Write every schema into :data:`SHIPPED`, and the models' field docstrings (``DOCS_FILE``)."""
    DOCS_FILE.write_text(docs_table_text(), encoding="utf-8")
    written = [DOCS_FILE]
    for name in MODELS:
        target = SHIPPED / f"{name}.schema.json"
        target.write_text(schema_text(name), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    write_shipped()
