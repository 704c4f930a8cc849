"""The living review of quantified requirements (``docs/copc-review/*.md``): read it and count it.

Each review file holds one Markdown table, ``| # | Requirement (handbook line) | Rule ids |
Verdict | Reason |``: a numbered requirement, the rules that implement it (backticked ids
separated by ``, ``), and a verdict, ``correct`` (the records decide it) or ``attested`` (only a
self-assessment answer can: the reason says why and what evidence is expected).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

HEADER = ("#", "Requirement (handbook line)", "Rule ids", "Verdict", "Reason")
"""The table's column headings, exactly."""

VERDICTS = ("correct", "attested")
"""The verdicts a finished row may carry."""

_RULE_ID = re.compile(r"^`([a-z0-9][a-z0-9_\-]*(?:\.[a-z0-9_\-]+)+)`$")


@dataclass(frozen=True)
class ReviewRow:
    """One reviewed requirement."""

    path: Path
    line: int
    number: int
    requirement: str
    rules: tuple[str, ...]
    verdict: str
    reason: str
    problems: tuple[str, ...] = ()
    """What is malformed in the row itself (a rule cell that is not backticked ids)."""


@dataclass
class ReviewCounts:
    """Rows of the review by what decides them."""

    correct: list[int] = field(default_factory=list)
    """Rows whose verdict is correct and whose rules all exist: decided by the records."""
    attested: list[int] = field(default_factory=list)
    """Rows only a self-assessment answer can decide, with rules that all exist."""
    missing: list[int] = field(default_factory=list)
    """Rows with no rule, or naming a rule no loaded pack has."""
    other: list[int] = field(default_factory=list)
    """Rows with a verdict that is neither correct nor attested (still under review)."""


def review_files(folder: Path) -> list[Path]:
    """The review tables of ``folder``: every Markdown file but the README, by name."""
    return sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def read_review(path: Path) -> list[ReviewRow]:
    """The rows of the review table in ``path`` (ValueError when the file holds no such table)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if tuple(_cells(line)) == HEADER), None)
    if start is None:
        raise ValueError(f"{path}: no table headed | {' | '.join(HEADER)} |")
    rows: list[ReviewRow] = []
    for index in range(start + 2, len(lines)):
        text = lines[index]
        if not text.strip().startswith("|"):
            break
        cells = _cells(text)
        if len(cells) != len(HEADER) or not cells[0].isdigit():
            raise ValueError(f"{path}:{index + 1}: expected {len(HEADER)} cells starting with a row number")
        rules, problems = [], []
        for part in (p.strip() for p in cells[2].split(", ") if p.strip()):
            match = _RULE_ID.match(part)
            if match:
                rules.append(match[1])
            else:
                problems.append(f"rule cell part {part!r} is not a backticked rule id")
        rows.append(
            ReviewRow(
                path, index + 1, int(cells[0]), cells[1], tuple(rules), cells[3], cells[4], tuple(problems)
            )
        )
    return rows


def count_review(rows: list[ReviewRow], rule_ids: set[str]) -> ReviewCounts:
    """Count ``rows`` by what decides them, against the rule ids of the loaded packs."""
    counts = ReviewCounts()
    for row in rows:
        if not row.rules or row.problems or any(r not in rule_ids for r in row.rules):
            counts.missing.append(row.number)
        elif row.verdict == "correct":
            counts.correct.append(row.number)
        elif row.verdict == "attested":
            counts.attested.append(row.number)
        else:
            counts.other.append(row.number)
    return counts
