"""An inline SVG bar chart (no script, no external reference); every text escaped."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

_BAR = 18
_GAP = 8
_LABEL = 160
_WIDTH = 520


def bar_chart(title: str, bars: list[tuple[str, float]], maximum: float, unit: str) -> Markup:
    """Horizontal bars of ``value / maximum``, labelled; one ``<svg>`` element."""
    height = 28 + len(bars) * (_BAR + _GAP)
    room = _WIDTH - _LABEL - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" aria-label="{escape(title)}">',
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (name, value) in enumerate(bars):
        y = 28 + index * (_BAR + _GAP)
        width = 0.0 if maximum <= 0 else max(0.0, min(value / maximum, 1.0)) * room
        parts += [
            f'<text x="{_LABEL - 6}" y="{y + 13}" font-size="12" text-anchor="end">{escape(name)}</text>',
            f'<rect x="{_LABEL}" y="{y}" width="{width:.1f}" height="{_BAR}" fill="#3b6ea5"/>',
            f'<text x="{_LABEL + width + 4:.1f}" y="{y + 13}" font-size="12">'
            f"{value:.1f}{escape(unit)}</text>",
        ]
    parts.append("</svg>")
    return Markup("\n".join(parts))
