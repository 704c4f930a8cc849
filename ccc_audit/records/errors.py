"""The error raised when a record file cannot be read as its record type requires."""

from __future__ import annotations

from ccc_audit.errors import Diagnostic


class MissingColumnsError(Exception):
    """A record set lacks optional columns that one check needs: that check cannot decide."""

    def __init__(self, records: str, path: str, columns: list[str]) -> None:
        self.records = records
        self.path = path
        self.columns = columns
        super().__init__(f"{path} lacks column(s) {', '.join(columns)}")


class RecordDataError(Exception):
    """A record file cannot be read as required (bad encoding, shape, column or value)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


class QueryTimeoutError(Exception):
    """A rule pack's SQL ran longer than the time limit and was stopped."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the query ran longer than {seconds:g} s and was stopped")
