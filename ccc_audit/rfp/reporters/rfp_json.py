"""The canonical JSON result of a procurement."""

from __future__ import annotations

from ccc_audit.rfp.result import RfpResult
from ccc_audit.safe_text import inert_json


class JsonReporter:
    """Writes ``rfp-result.json``."""

    name = "json"

    def filename(self, _lang: str) -> str:
        """Language-independent file name."""
        return "rfp-result.json"

    def render(self, result: RfpResult, _lang: str) -> bytes:
        """Indented, key order fixed by the model."""
        return inert_json(result.model_dump_json(indent=2)).encode("utf-8") + b"\n"
