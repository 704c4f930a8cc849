"""A report as plain blocks (headings, paragraphs, lists, tables) that each format renders.

Texts in blocks are plain: every renderer escapes them for its own format, so vendor-supplied
text never becomes markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    """A table cell: plain text, optionally indented (tree levels) or strong (totals)."""

    text: str
    indent: int = 0
    strong: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading of level 1-3."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A bulleted list of plain texts."""

    items: list[str]


@dataclass
class Table:
    """A table with a header row."""

    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


Block = Heading | Paragraph | Bullets | Table


def cells(*values: str | Cell) -> list[Cell]:
    """A table row from texts and cells."""
    return [v if isinstance(v, Cell) else Cell(v) for v in values]


def number(value: float | None, digits: int = 2) -> str:
    """A number with thousands separators, or a dash for none."""
    return "–" if value is None else f"{value:,.{digits}f}"
