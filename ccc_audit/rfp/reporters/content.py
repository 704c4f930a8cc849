"""What the evaluation report says, section by section, as format-neutral blocks."""

from __future__ import annotations

from collections.abc import Callable

from ccc_audit.rfp.reporters.document import Block, Bullets, Cell, Heading, Paragraph, Table, cells, number
from ccc_audit.rfp.reporters.labels import label
from ccc_audit.rfp.result import RfpResult, VendorResult


def ranked(result: RfpResult) -> list[VendorResult]:
    """Vendors still in the competition, in ranking order."""
    return [v for v in result.vendors if not v.excluded]


def _header(result: RfpResult, lang: str) -> list[Block]:
    evaluators = ", ".join(f"{e.name} ({e.id})" for e in result.evaluators)
    return [
        Heading(1, label("title", lang)),
        Bullets(
            [
                f"{label('rubric', lang)}: {result.rubric_title.get(lang)} ({result.rubric_id} "
                f"{result.rubric_version})",
                f"{label('as_of', lang)}: {result.as_of.isoformat()}",
                f"{label('aggregation', lang)}: {label(result.aggregation, lang)}; "
                f"{label('disagreement', lang)}: {result.disagreement_threshold:g}",
                f"{label('tie_margin', lang)}: {result.tie_margin:g}; "
                f"{label('tie_breakers', lang)}: {', '.join(result.tie_breakers) or '–'}",
                f"{label('evaluators', lang)}: {evaluators}",
            ]
        ),
    ]


def _ranking(result: RfpResult, lang: str) -> list[Block]:
    table = Table(
        [label(k, lang) for k in ("rank", "vendor", "total", "price")] + [label("p_first", lang) + " (%)"]
    )
    for v in ranked(result):
        chance = None if v.p_first is None else 100 * v.p_first
        table.rows.append(
            cells(str(v.rank), f"{v.name} ({v.id})", number(v.total), number(v.price, 0), number(chance, 1))
        )
    for v in result.vendors:
        if v.excluded:
            table.rows.append(
                cells("–", f"{v.name} ({v.id})", label("excluded", lang), number(v.price, 0), "–")
            )
    return [Heading(2, label("ranking", lang)), table]


def _flags(result: RfpResult, lang: str) -> list[Block]:
    items = [f.message.get(lang) for f in result.flags]
    return [Heading(2, label("flags", lang)), Bullets(items) if items else Paragraph(label("no_flags", lang))]


def _knockouts(result: RfpResult, lang: str) -> list[Block]:
    table = Table([label(k, lang) for k in ("vendor", "knockouts", "status", "reason", "evidence")])
    for v in result.vendors:
        for o in v.knockouts:
            table.rows.append(
                cells(
                    v.id, o.knockout, label(o.status.value, lang), o.reason.get(lang), "; ".join(o.evidence)
                )
            )
    return [Heading(2, label("knockouts", lang)), table]


def _price(result: RfpResult, lang: str) -> list[Block]:
    p = result.price
    if p is None:
        return []
    items = [
        f"{label('criterion', lang)}: {p.criterion}; {label(p.method, lang)} ({p.currency})",
        f"{label('lowest', lang)}: {p.lowest:,.0f}; {label('highest', lang)}: {p.highest:,.0f}",
        f"{label('reference_bids', lang)}: {', '.join(p.reference_bids)}",
        f"{label('left_out', lang)}: {', '.join(p.left_out) or '–'}",
    ]
    return [Heading(2, label("price_method", lang)), Bullets(items)]


def _ties(result: RfpResult, lang: str) -> list[Block]:
    if not result.ties:
        return [Heading(2, label("ties", lang)), Paragraph(label("no_ties", lang))]
    table = Table([label("vendor", lang), label("decided_by", lang)])
    table.rows += [cells(" > ".join(t.vendors), t.decided_by) for t in result.ties]
    return [Heading(2, label("ties", lang)), table]


def _scores(result: RfpResult, lang: str) -> list[Block]:
    vendors = ranked(result)
    if not vendors:
        return []
    table = Table([label("criterion", lang), label("effective", lang), *(v.id for v in vendors)])
    by_vendor = [{s.criterion: s for s in v.scores} for v in vendors]
    for c in result.criteria:
        if not c.leaf:
            continue
        row = cells(f"{c.id} {c.title.get(lang)}", number(c.effective_weight))
        for scores in by_vendor:
            s = scores[c.id]
            shown = f"{s.normalised:.2f}" if s.score is None else f"{s.score:g}"
            mark = {"evidence": " (E)", "price": " (P)"}.get(s.source.value, "")
            flag = " ⚠" if s.disagreement else ""
            row.append(Cell(f"{shown}{mark}{flag} → {s.points:.2f}"))
        table.rows.append(row)
    table.rows.append(
        [Cell(label("total", lang), strong=True), Cell(number(100.0))]
        + [Cell(number(v.total), strong=True) for v in vendors]
    )
    legend = (
        f"{label('score', lang)} → {label('points', lang)}. (E) {label('evidence_src', lang)}; "
        f"(P) {label('price_src', lang)}; ⚠ {label('spread', lang)} > {result.disagreement_threshold:g}."
    )
    return [
        Heading(2, label("scores", lang)),
        table,
        Paragraph(legend),
        Paragraph(label("evidence_note", lang)),
    ]


def _sensitivity(result: RfpResult, lang: str) -> list[Block]:
    s = result.sensitivity
    if s is None:
        return []
    blocks: list[Block] = [
        Heading(2, label("sensitivity", lang)),
        Heading(3, label("one_at_a_time", lang)),
        Paragraph(label("stable" if s.stable else "unstable", lang).format(step=f"{s.step_percent:g}")),
    ]
    flips = [c for c in s.changes if c.flips]
    if flips:
        table = Table([label(k, lang) for k in ("criterion", "declared", "changed", "winner")])
        table.rows += [cells(c.criterion, number(c.declared), number(c.changed), c.winner) for c in flips]
        blocks.append(table)
    blocks.append(Heading(3, label("critical", lang)))
    if s.critical:
        keys = ("criterion", "declared", "critical_weight", "relative_change", "overtaken_by")
        table = Table([label(k, lang) for k in keys])
        table.rows += [
            cells(
                c.criterion,
                number(c.declared),
                number(c.critical),
                number(c.relative_change, 1),
                c.overtaken_by,
            )
            for c in s.critical
        ]
        blocks.append(table)
    else:
        blocks.append(Paragraph(label("no_critical", lang)))
    if s.monte_carlo is not None:
        m = s.monte_carlo
        how = label("monte_carlo_how", lang).format(
            spread=f"{m.spread_percent:g}", draws=f"{m.draws:,}", seed=m.seed
        )
        table = Table([label("vendor", lang), label("p_first", lang) + " (%)"])
        table.rows += [cells(v, number(100 * p, 1)) for v, p in m.p_first.items()]
        blocks += [Heading(3, label("monte_carlo", lang)), Paragraph(how), table]
    return blocks


def _criteria(result: RfpResult, lang: str) -> list[Block]:
    table = Table([label("criterion", lang), "", label("weight", lang), label("effective", lang)])
    table.rows += [
        [
            Cell(c.id, indent=c.depth),
            Cell(c.title.get(lang)),
            Cell(number(c.weight)),
            Cell(number(c.effective_weight)),
        ]
        for c in result.criteria
    ]
    return [Heading(2, label("criteria", lang)), table]


SECTIONS: list[Callable[[RfpResult, str], list[Block]]] = [
    _header,
    _ranking,
    _flags,
    _knockouts,
    _price,
    _ties,
    _scores,
    _sensitivity,
    _criteria,
]


def report_blocks(result: RfpResult, lang: str) -> list[Block]:
    """Every block of the report, in order."""
    return [block for section in SECTIONS for block in section(result, lang)]
