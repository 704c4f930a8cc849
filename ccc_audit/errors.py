"""Domain errors that the CLI maps to exit codes; the library never prints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ccc_audit.safe_text import one_line


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in an input file, located by 1-based line and column (0 when unknown)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """Render as ``file:line:column: message`` on one line, the form editors and CI understand.

        Control and bidi characters of the path or message (values quoted from the input) are
        shown escaped (a line feed as backslash-n), so a quoted value can never start a line a CI
        runner reads as a command (``::error``).
        """
        path, message = one_line(self.path), one_line(self.message)
        if self.line and self.column:
            return f"{path}:{self.line}:{self.column}: {message}"
        if self.line:
            return f"{path}:{self.line}: {message}"
        return f"{path}: {message}"


def closest(word: str, known: Iterable[str], hints: Mapping[str, str] | None = None) -> str | None:
    """The known word ``word`` most likely stands for (ignoring case), or None.

    ``hints`` map words people often write for a term (``phone``) to the term (``voice``).
    """
    by_lower = {k.lower(): k for k in known}
    lowered = word.lower()
    if lowered in by_lower:
        return by_lower[lowered]
    hinted = (hints or {}).get(lowered.replace("-", "_").replace(" ", "_"))
    if hinted is not None and hinted in by_lower.values():
        return hinted
    close = difflib.get_close_matches(lowered, sorted(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


def did_you_mean(word: str, known: Iterable[str], hints: Mapping[str, str] | None = None) -> str:
    """``; did you mean "x"?`` for the closest known word (see :func:`closest`), or nothing."""
    found = closest(word, known, hints)
    return f'; did you mean "{found}"?' if found is not None else ""


class InputError(Exception):
    """Bad input (usage, file or content): every problem found, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class EvaluationError(Exception):
    """The engine itself failed in a way that invalidates the whole run."""
