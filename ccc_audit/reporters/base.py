"""The interface every reporter implements."""

from __future__ import annotations

from typing import Protocol

from ccc_audit.models.result import AssessmentResult
from ccc_audit.progress import Progress


class Reporter(Protocol):
    """Turns the canonical result into the bytes of one output file."""

    name: str
    """Format name used on the command line."""

    def filename(self, lang: str) -> str:
        """Name of the file written for ``lang``."""
        ...

    def render(self, result: AssessmentResult, lang: str, progress: Progress | None = None) -> bytes:
        """The file content; ``progress`` (when an earlier result was given) adds a progress section."""
        ...
