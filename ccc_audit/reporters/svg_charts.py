"""Inline SVG charts for the HTML report: no script, no network, scales with the page."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from ccc_audit.i18n.labels import label
from ccc_audit.models.result import Conformity, Rollup
from ccc_audit.results.comparison import Comparison

COLOURS: dict[Conformity, str] = {
    Conformity.COMPLIANT: "#2e7d32",
    Conformity.PARTIALLY_COMPLIANT: "#f9a825",
    Conformity.NON_COMPLIANT: "#c62828",
    Conformity.NOT_APPLICABLE: "#9e9e9e",
    Conformity.NOT_ASSESSED: "#cfd8dc",
}
"""Fill colour of each conformity in every chart and legend."""

_WIDTH = 640
_LABEL = 220
_BAR = 18
_GAP = 8
_NARROW = 340
"""Width of the phone variant: drawn about 1:1 on a 390 px screen, so its 12-unit text stays 12 px."""


def _svg(height: int, title: str, body: list[str], width: int = _WIDTH) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _advance(ch: str) -> float:
    """Approximate width at 12 units of font size, bold: wide (CJK) characters 13, others 7.5."""
    return 13.0 if ord(ch) > 0x2E7F else 7.5


def _name(roll: Rollup, lang: str, room: float = _LABEL - 10) -> str:
    """The row's name, cut with an ellipsis where it would run into the bars (``room`` units)."""
    prefix = roll.ref.split(":", 1)[1] + " " if ":" in roll.ref else ""
    text = prefix + roll.title.get(lang)
    if sum(_advance(ch) for ch in text) <= room:
        return text
    kept, used = "", _advance("…")
    for ch in text:
        if used + _advance(ch) > room:
            break
        kept, used = kept + ch, used + _advance(ch)
    return kept + "…"


def conformity_chart(rollups: list[Rollup], lang: str, narrow: bool = False) -> Markup:
    """One stacked bar per standard and category: how many requirements have each conformity.

    ``narrow``: the phone variant, each name on its own line above a full-width bar.
    """
    shown = [r for r in rollups if sum(r.counts.values())]
    body: list[str] = []
    width, left = (_NARROW, 0) if narrow else (_WIDTH, _LABEL)
    span = width - left - 40
    step = _BAR + _GAP + (16 if narrow else 0)
    for row, roll in enumerate(shown):
        y = row * step + (16 if narrow else 0)
        total = sum(roll.counts.values())
        weight = "bold" if ":" not in roll.ref else "normal"
        name = escape(_name(roll, lang, _NARROW - 10 if narrow else _LABEL - 10))
        top = y - 4 if narrow else y + 13
        body.append(f'<text x="0" y="{top}" font-size="12" font-weight="{weight}">{name}</text>')
        x = float(left)
        for conformity in Conformity:
            count = roll.counts.get(conformity, 0)
            if not count:
                continue
            bar = span * count / total
            tip = f"{label('conformity.' + conformity.value, lang)}: {count}"
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{bar:.1f}" height="{_BAR}" '
                f'fill="{COLOURS[conformity]}"><title>{escape(tip)}</title></rect>'
            )
            x += bar
        body.append(f'<text x="{width - 34}" y="{y + 13}" font-size="12">{total}</text>')
    legend_y = len(shown) * step + 6
    x = 0.0
    for index, conformity in enumerate(Conformity):
        name = label("conformity." + conformity.value, lang)
        if narrow:  # two columns of legend
            x, legend_y = (index % 2) * 170.0, len(shown) * step + 6 + (index // 2) * 18
        body.append(
            f'<rect x="{x}" y="{legend_y}" width="12" height="12" fill="{COLOURS[conformity]}"/>'
            f'<text x="{x + 16}" y="{legend_y + 11}" font-size="12">{escape(name)}</text>'
        )
        x += max(110, 28 + sum(12 if ord(ch) > 0x2E7F else 7 for ch in name))
    return _svg(legend_y + 20, label("chart.conformity", lang), body, width)


def points_chart(rollups: list[Rollup], lang: str, narrow: bool = False) -> Markup | None:
    """Points earned out of points available per scored category (COPC); None when unscored.

    ``narrow``: the phone variant, each name on its own line above its bar.
    """
    shown = [r for r in rollups if ":" in r.ref and r.points_available]
    if not shown:
        return None
    body: list[str] = []
    width, left = (_NARROW, 0) if narrow else (_WIDTH, _LABEL)
    span = width - left - 90
    step = _BAR + _GAP + (16 if narrow else 0)
    for row, roll in enumerate(shown):
        y = row * step + (16 if narrow else 0)
        name = escape(_name(roll, lang, _NARROW - 10 if narrow else _LABEL - 10))
        available = roll.points_available or 1
        earned = roll.points_earned or 0.0
        body.append(f'<text x="0" y="{y - 4 if narrow else y + 13}" font-size="12">{name}</text>')
        body.append(f'<rect x="{left}" y="{y}" width="{span}" height="{_BAR}" fill="#eceff1"/>')
        body.append(
            f'<rect x="{left}" y="{y}" width="{span * earned / available:.1f}" height="{_BAR}" '
            f'fill="#1565c0"/>'
        )
        body.append(
            f'<text x="{left + span + 6}" y="{y + 13}" font-size="12">{earned:.0f} / {available}</text>'
        )
    return _svg(len(shown) * step, label("chart.points", lang), body, width)


def trend_chart(progress: Comparison, lang: str) -> Markup:
    """Compliance rate of each standard before and now, one line per standard."""
    shown = [r for r in progress.rollups if ":" not in r.ref and r.new_assessed]
    height = 200
    top, bottom, left, right = 20, 160, 60, _WIDTH - 220
    body = [
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#607d8b"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#607d8b"/>',
        f'<text x="{left - 8}" y="{top + 4}" font-size="11" text-anchor="end">100%</text>',
        f'<text x="{left - 8}" y="{bottom + 4}" font-size="11" text-anchor="end">0%</text>',
        f'<text x="{left}" y="{bottom + 18}" font-size="11" text-anchor="middle">'
        f"{escape(progress.old_as_of)}</text>",
        f'<text x="{right}" y="{bottom + 18}" font-size="11" text-anchor="middle">'
        f"{escape(progress.new_as_of)}</text>",
    ]
    palette = ["#1565c0", "#6a1b9a", "#00838f", "#ef6c00"]
    for index, roll in enumerate(shown):
        colour = palette[index % len(palette)]
        old = roll.old_rate or 0.0
        new = roll.new_rate or 0.0
        y1 = bottom - (bottom - top) * old
        y2 = bottom - (bottom - top) * new
        legend_y = top + 4 + index * 20
        body.append(
            f'<line x1="{left}" y1="{y1:.1f}" x2="{right}" y2="{y2:.1f}" stroke="{colour}" stroke-width="3"/>'
            f'<circle cx="{left}" cy="{y1:.1f}" r="4" fill="{colour}"/>'
            f'<circle cx="{right}" cy="{y2:.1f}" r="4" fill="{colour}"/>'
            f'<rect x="{right + 24}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{right + 42}" y="{legend_y}" font-size="11">'
            f"{escape(roll.ref)} {old:.0%} → {new:.0%}</text>"
        )
    return _svg(height, label("chart.trend", lang), body)
