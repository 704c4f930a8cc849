"""JSON Schemas generated from the models; the shipped copies live in ``ccc_audit/schemas/``."""

from __future__ import annotations

import json

from pydantic import BaseModel

from ccc_audit.models.bundle import Bundle
from ccc_audit.models.catalogue import Catalogue
from ccc_audit.models.profile import Profile
from ccc_audit.models.result import AssessmentResult
from ccc_audit.models.rulepack import RulePack

MODELS: dict[str, type[BaseModel]] = {
    "catalogue": Catalogue,
    "rulepack": RulePack,
    "bundle": Bundle,
    "profile": Profile,
    "result": AssessmentResult,
}


def schema_text(name: str) -> str:
    """The JSON Schema of format ``name`` as indented JSON text."""
    schema = MODELS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://ccc-audit.invalid/schemas/{name}.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
