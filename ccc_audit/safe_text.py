"""User-supplied text made harmless to show: no bidi override, no control character, one line.

Organisation names, titles, waiver texts, file paths and values quoted in error messages come
from the people audited. Shown raw they can reorder what a reader sees (bidi controls such as
U+202E), start a new line where a CI runner reads commands (``::error``), or break a table row.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Marks, embeddings, overrides and isolates that change the order text is displayed in."""

_BIDI_RE = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f\u0085\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def strip_bidi(text: str) -> str:
    """``text`` without bidi controls."""
    return _BIDI_RE.sub("", text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group(0)
    return _NAMED.get(char) or f"\\u{ord(char):04x}"


def one_line(text: str) -> str:
    """``text`` on one line: CR, LF, other controls and bidi controls shown as escapes (a backslash and n)."""
    return _CONTROL_RE.sub(_escaped, text)


def single_line(text: str) -> str:
    """``text`` for a heading or table cell: line breaks become spaces, other controls vanish."""
    text = re.sub("[\r\n\u0085\u2028\u2029]+", " ", text)
    return _CONTROL_RE.sub("", text.replace("\t", " "))


def printable(text: str) -> str:
    """Multi-line ``text`` without bidi or control characters (line breaks and tabs kept)."""
    return _CONTROL_RE.sub(lambda m: m.group(0) if m.group(0) in "\n\t" else "", text.replace("\r\n", "\n"))


def inert_json(text: str) -> str:
    """Serialised JSON whose bidi controls are written as backslash-u escapes (same data, shown inert).

    Bidi controls can only occur inside JSON strings, where the escape means the same character.
    """
    return _BIDI_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
