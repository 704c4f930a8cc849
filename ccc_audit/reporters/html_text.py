"""Prose for the HTML report in which ids, refs, dates and file names never break across lines."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

ID_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-:._][A-Za-z0-9]+)+")
"""An id-like token: letters and digits joined by - : . _ (F-1A2B, copc-cx-r7:2.1, 2026-01-15).

A path may still break at its slashes, so that a long path never widens the page."""

KIND_PREFIX = re.compile(r"^(attestation|document|records|manifest):(?=.)")
"""The kind in front of a cited id (``attestation:copc.1.2``): a line may break after it."""


def keep_ids(text: str) -> Markup:
    """``text`` escaped, each id-like token wrapped in ``<span class="id">``.

    The span does not wrap (CSS ``white-space: nowrap``), so a reader never sees an id split over
    two lines; prose around it wraps as usual.
    """
    parts: list[str] = []
    last = 0
    for match in ID_TOKEN.finditer(text):
        parts.append(str(escape(text[last : match.start()])))
        token = match.group(0)
        kind = KIND_PREFIX.match(token)
        if kind:
            parts.append(f'<span class="id">{kind.group(0)}</span>')
            token = token[kind.end() :]
        parts.append(f'<span class="id">{escape(token)}</span>')
        last = match.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))


def css_string(text: str) -> Markup:
    """``text`` as a CSS string literal (for ``content:`` in the print styles), safe inside ``<style>``.

    Every character but letters, digits, space and a few marks is written as a CSS escape, so no
    value can end the string, the rule or the style element.
    """
    safe = "".join(ch if ch.isalnum() or ch in " ·-_.:/()" else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{safe}"')
