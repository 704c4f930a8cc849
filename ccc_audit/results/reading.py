"""The one reader of ``assessment.json``: a result written earlier, or a located error."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import RESULT_LIMIT, read_bounded
from ccc_audit.models.result import AssessmentResult


def read_result(path: Path) -> AssessmentResult:
    """Load ``assessment.json``; a missing, unreadable or invalid file is an input error."""
    raw = read_bounded(path, str(path), "an assessment.json", RESULT_LIMIT)
    try:
        document = json.loads(raw)
    except RecursionError:
        raise InputError(
            [
                Diagnostic(
                    str(path),
                    1,
                    1,
                    "JSON nested too deeply; expected an assessment.json written by ccc-audit",
                )
            ]
        ) from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, an integer too long
        line, column = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (0, 0)
        raise InputError(
            [
                Diagnostic(
                    str(path), line, column, "not JSON; expected an assessment.json written by ccc-audit"
                )
            ]
        ) from None
    if not isinstance(document, dict) or "schema_version" not in document or "rules" not in document:
        raise InputError(
            [
                Diagnostic(
                    str(path),
                    1,
                    1,
                    "not an assessment result (no schema_version or rules); expected the assessment.json "
                    "that `ccc-audit assess` or `check --format json:PATH` writes",
                )
            ]
        )
    try:
        return AssessmentResult.model_validate(document)
    except ValidationError as exc:
        problems = []
        for error in exc.errors()[:20]:
            where = ".".join(str(part) for part in error["loc"]) or "(document)"
            problems.append(
                Diagnostic(
                    str(path), 0, 0, f"{where}: {error['msg']} (expected an assessment.json by ccc-audit)"
                )
            )
        raise InputError(problems) from None
