"""The error raised when a record file cannot be read as its record type requires."""

from __future__ import annotations

from ccc_audit.errors import Diagnostic


class RecordDataError(Exception):
    """A record file cannot be read as required (bad encoding, shape, column or value)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))
