"""How a date is written in every input, and reading it: no pydantic, so the command line can use it.

``ccc_audit.models.common`` re-exports both names for the models; ``--as-of`` and the other date
options read dates here so that ``ccc-audit --help`` does not import pydantic.
"""

from __future__ import annotations

import datetime as dt
import re

DATE_SYNTAX = "YYYY-MM-DD or YYYY/M/D (e.g. 2026-04-01 or 2026/4/1)"
"""How a date is written in bundle.yaml, the questionnaire and record files alike."""
_DATE = re.compile(r"^\s*(\d{4})([-/])(\d{1,2})\2(\d{1,2})\s*$")


def parse_date(value: object) -> dt.date | None:
    """A date written ``YYYY-MM-DD`` or ``YYYY/M/D`` (a date or midnight datetime as is); else None."""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else None
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    except ValueError:
        return None
