"""Aligning text in terminal columns, where a full-width (Japanese) character takes two."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    """Terminal columns ``text`` takes."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def right(text: str, columns: int) -> str:
    """``text`` right-aligned in ``columns`` terminal columns."""
    return " " * max(0, columns - width(text)) + text


def left(text: str, columns: int) -> str:
    """``text`` left-aligned in ``columns`` terminal columns."""
    return text + " " * max(0, columns - width(text))
