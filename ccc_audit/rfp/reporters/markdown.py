"""The Markdown evaluation report (Japanese or English)."""

from __future__ import annotations

from ccc_audit.rfp.reporters.labels import label
from ccc_audit.rfp.result import RfpResult, VendorResult


def cell(value: object) -> str:
    """Text safe inside a Markdown table cell (no pipe, no line break, no markup)."""
    text = str(value).replace("\r", " ").replace("\n", " ")
    for char in "\\|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return text


def _row(values: list[object]) -> str:
    return "| " + " | ".join(cell(v) if not isinstance(v, _Raw) else v.text for v in values) + " |"


class _Raw:
    """A cell already formatted (numbers, our own labels)."""

    def __init__(self, text: str) -> None:
        self.text = text


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(" --- " for _ in header) + "|",
        *(_row(r) for r in rows),
        "",
    ]


def _num(value: float | None, digits: int = 2) -> _Raw:
    return _Raw("–" if value is None else f"{value:,.{digits}f}")


def _ranked(result: RfpResult) -> list[VendorResult]:
    return [v for v in result.vendors if not v.excluded]


def _header(result: RfpResult, lang: str) -> list[str]:
    how = label(result.aggregation, lang)
    breakers = ", ".join(result.tie_breakers) or "–"
    return [
        f"# {label('title', lang)}",
        "",
        f"- {label('rubric', lang)}: {cell(result.rubric_title.get(lang))} ({cell(result.rubric_id)} "
        f"{cell(result.rubric_version)})",
        f"- {label('as_of', lang)}: {result.as_of.isoformat()}",
        f"- {label('aggregation', lang)}: {how}; "
        f"{label('disagreement', lang)}: {result.disagreement_threshold:g}",
        f"- {label('tie_margin', lang)}: {result.tie_margin:g}; "
        f"{label('tie_breakers', lang)}: {cell(breakers)}",
        f"- {label('evaluators', lang)}: "
        + ", ".join(f"{cell(e.name)} ({cell(e.id)})" for e in result.evaluators),
        "",
    ]


def _ranking(result: RfpResult, lang: str) -> list[str]:
    rows: list[list[object]] = [
        [
            _Raw(str(v.rank)),
            f"{v.name} ({v.id})",
            _num(v.total),
            _num(v.price, 0),
            _num(None if v.p_first is None else 100 * v.p_first, 1),
        ]
        for v in _ranked(result)
    ]
    rows += [
        [_Raw("–"), f"{v.name} ({v.id})", _Raw(label("excluded", lang)), _num(v.price, 0), _num(None)]
        for v in result.vendors
        if v.excluded
    ]
    header = [
        label("rank", lang),
        label("vendor", lang),
        label("total", lang),
        label("price", lang),
        label("p_first", lang) + " (%)",
    ]
    return [f"## {label('ranking', lang)}", "", *_table(header, rows)]


def _flags(result: RfpResult, lang: str) -> list[str]:
    lines = [f"## {label('flags', lang)}", ""]
    lines += [f"- {cell(f.get(lang))}" for f in result.flags] or [label("no_flags", lang)]
    return [*lines, ""]


def _knockouts(result: RfpResult, lang: str) -> list[str]:
    rows: list[list[object]] = []
    for v in result.vendors:
        for o in v.knockouts:
            rows.append(
                [
                    v.id,
                    o.knockout,
                    _Raw(label(o.status.value, lang)),
                    o.reason.get(lang),
                    "; ".join(o.evidence),
                ]
            )
    header = [
        label("vendor", lang),
        label("knockouts", lang),
        label("status", lang),
        label("reason", lang),
        label("evidence", lang),
    ]
    return [f"## {label('knockouts', lang)}", "", *_table(header, rows)]


def _price(result: RfpResult, lang: str) -> list[str]:
    p = result.price
    if p is None:
        return []
    return [
        f"## {label('price_method', lang)}",
        "",
        f"- {label('criterion', lang)}: {cell(p.criterion)}; {label(p.method, lang)} ({cell(p.currency)})",
        f"- {label('lowest', lang)}: {p.lowest:,.0f}; {label('highest', lang)}: {p.highest:,.0f}",
        f"- {label('reference_bids', lang)}: {cell(', '.join(p.reference_bids))}",
        f"- {label('left_out', lang)}: {cell(', '.join(p.left_out) or '–')}",
        "",
    ]


def _ties(result: RfpResult, lang: str) -> list[str]:
    lines = [f"## {label('ties', lang)}", ""]
    if not result.ties:
        return [*lines, label("no_ties", lang), ""]
    rows: list[list[object]] = [[" > ".join(t.vendors), t.decided_by] for t in result.ties]
    return [*lines, *_table([label("vendor", lang), label("decided_by", lang)], rows)]


def _scores(result: RfpResult, lang: str) -> list[str]:
    ranked = _ranked(result)
    if not ranked:
        return []
    header = [label("criterion", lang), label("effective", lang), *(cell(v.id) for v in ranked)]
    rows: list[list[object]] = []
    for c in result.criteria:
        if not c.leaf:
            continue
        row: list[object] = [f"{c.id} {c.title.get(lang)}", _num(c.effective_weight)]
        for v in ranked:
            s = next(x for x in v.scores if x.criterion == c.id)
            shown = f"{s.normalised:.2f}" if s.score is None else f"{s.score:g}"
            mark = {"evidence": " (E)", "price": " (P)"}.get(s.source.value, "")
            flag = " ⚠" if s.disagreement else ""
            row.append(_Raw(f"{shown}{mark}{flag} → {s.points:.2f}"))
        rows.append(row)
    rows.append([_Raw(f"**{label('total', lang)}**"), _num(100.0), *(_num(v.total) for v in ranked)])
    legend = (
        f"{label('score', lang)} → {label('points', lang)}. (E) {label('evidence_src', lang)}; "
        f"(P) {label('price_src', lang)}; ⚠ {label('spread', lang)} > {result.disagreement_threshold:g}."
    )
    return [
        f"## {label('scores', lang)}",
        "",
        *_table(header, rows),
        legend,
        "",
        label("evidence_note", lang),
        "",
    ]


def _sensitivity(result: RfpResult, lang: str) -> list[str]:
    s = result.sensitivity
    if s is None:
        return []
    lines = [f"## {label('sensitivity', lang)}", "", f"### {label('one_at_a_time', lang)}", ""]
    lines += [label("stable" if s.stable else "unstable", lang).format(step=f"{s.step_percent:g}"), ""]
    flips = [c for c in s.changes if c.flips]
    if flips:
        header = [
            label("criterion", lang),
            label("declared", lang),
            label("changed", lang),
            label("winner", lang),
        ]
        lines += _table(header, [[c.criterion, _num(c.declared), _num(c.changed), c.winner] for c in flips])
    lines += [f"### {label('critical', lang)}", ""]
    if s.critical:
        header = [
            label("criterion", lang),
            label("declared", lang),
            label("critical_weight", lang),
            label("relative_change", lang),
            label("overtaken_by", lang),
        ]
        lines += _table(
            header,
            [
                [c.criterion, _num(c.declared), _num(c.critical), _num(c.relative_change, 1), c.overtaken_by]
                for c in s.critical
            ],
        )
    else:
        lines += [label("no_critical", lang), ""]
    if s.monte_carlo is not None:
        m = s.monte_carlo
        lines += [
            f"### {label('monte_carlo', lang)}",
            "",
            label("monte_carlo_how", lang).format(
                spread=f"{m.spread_percent:g}", draws=f"{m.draws:,}", seed=m.seed
            ),
            "",
        ]
        lines += _table(
            [label("vendor", lang), label("p_first", lang) + " (%)"],
            [[v, _num(100 * p, 1)] for v, p in m.p_first.items()],
        )
    return lines


def _criteria(result: RfpResult, lang: str) -> list[str]:
    rows: list[list[object]] = [
        [
            _Raw("&nbsp;&nbsp;" * c.depth + cell(c.id)),
            c.title.get(lang),
            _num(c.weight),
            _num(c.effective_weight),
        ]
        for c in result.criteria
    ]
    header = [label("criterion", lang), "", label("weight", lang), label("effective", lang)]
    return [f"## {label('criteria', lang)}", "", *_table(header, rows)]


def render_markdown(result: RfpResult, lang: str) -> str:
    """The whole report as Markdown text."""
    parts = [_header, _ranking, _flags, _knockouts, _price, _ties, _scores, _sensitivity, _criteria]
    lines: list[str] = []
    for part in parts:
        lines += part(result, lang)
    return "\n".join(lines).rstrip("\n") + "\n"


class MarkdownReporter:
    """Writes ``rfp-report.<lang>.md``."""

    name = "md"

    def filename(self, lang: str) -> str:
        """One file per language."""
        return f"rfp-report.{lang}.md"

    def render(self, result: RfpResult, lang: str) -> bytes:
        """The report."""
        return render_markdown(result, lang).encode("utf-8")
