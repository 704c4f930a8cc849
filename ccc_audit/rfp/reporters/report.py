"""The evaluation report in Markdown and HTML, rendered from ``templates/rfp-report.*.j2``.

The templates hold the structure; this module gives them the numbers and composite texts both
formats show, so the two always say the same thing. Vendor-supplied text is escaped by the
templating module: Markdown filters in the Markdown template, autoescape in the HTML one.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ccc_audit.i18n.rfp_labels import label
from ccc_audit.rfp.reporters.chart import bar_chart
from ccc_audit.rfp.result import CriterionScore, RfpResult, VendorResult, percent
from ccc_audit.templating import environment, html_environment


def number(value: float | None, digits: int = 2) -> str:
    """A number with thousands separators, or a dash for none."""
    return "–" if value is None else f"{value:,.{digits}f}"


def score_cell(score: CriterionScore) -> str:
    """A vendor's score on a leaf and the points it earns, with its source and disagreement marks."""
    shown = f"{score.normalised:.2f}" if score.score is None else f"{score.score:g}"
    mark = {"evidence": " (E)", "price": " (P)"}.get(score.source.value, "")
    flag = " ⚠" if score.disagreement else ""
    return f"{shown}{mark}{flag} → {score.points:.2f}"


def score_basis(score: CriterionScore, lang: str) -> str:
    """Why a score is what it is.

    The evaluators' scores (marked where they disagree), and for an evidence-derived score its
    reason, flagged where it differs from the evaluators' aggregate by 2 or more.
    """
    parts = []
    if score.evaluator_scores:
        parts.append(", ".join(f"{who}: {value}" for who, value in score.evaluator_scores.items()))
    if score.disagreement:
        parts.append(label("disagree_mark", lang))
    if score.reason is not None:
        parts.append(score.reason.get(lang))
    if score.differs and score.evaluators_score is not None:
        parts.append(label("differs", lang).format(panel=f"{score.evaluators_score:g}"))
    return " ".join(parts)


def comments_text(score: CriterionScore) -> str:
    """The evaluators' remarks on a score, each with its author."""
    return " / ".join(f"{who}: {said}" for who, said in score.comments.items())


def breaker(name: str, lang: str) -> str:
    """A tie-breaker as read: the price, the vendor id, or a criterion (its id)."""
    return {"price": label("price", lang), "vendor_id": label("tie_vendor_id", lang)}.get(name, name)


def ranked(result: RfpResult) -> list[VendorResult]:
    """Vendors still in the competition, in ranking order."""
    return [v for v in result.vendors if not v.excluded]


def _facts(result: RfpResult, lang: str) -> list[str]:
    evaluators = ", ".join(f"{e.name} ({e.id})" for e in result.evaluators)
    return [
        f"{label('rubric', lang)}: {result.rubric_title.get(lang)} "
        f"({result.rubric_id} {result.rubric_version})",
        f"{label('as_of', lang)}: {result.as_of.isoformat()}",
        f"{label('aggregation', lang)}: {label(result.aggregation, lang)}; "
        f"{label('disagreement', lang)}: {result.disagreement_threshold:g}",
        f"{label('tie_margin', lang)}: {result.tie_margin:g}; "
        f"{label('tie_breakers', lang)}: {', '.join(breaker(b, lang) for b in result.tie_breakers) or '–'}",
        f"{label('evaluators', lang)}: {evaluators}",
    ]


def _price(result: RfpResult, lang: str) -> list[str]:
    p = result.price
    if p is None:
        return []
    return [
        f"{label('criterion', lang)}: {p.criterion}; {label(p.method, lang)} ({p.currency})",
        f"{label('lowest', lang)}: {p.lowest:,.0f}; {label('highest', lang)}: {p.highest:,.0f}",
        f"{label('reference_bids', lang)}: {', '.join(p.reference_bids)}",
        f"{label('left_out', lang)}: {', '.join(p.left_out) or '–'}",
    ]


def _context(result: RfpResult, lang: str) -> dict[str, Any]:
    """What both templates read."""
    vendors = ranked(result)
    s = result.sensitivity
    context: dict[str, Any] = {
        "r": result,
        "lang": lang,
        "facts": _facts(result, lang),
        "ranked": vendors,
        "excluded": [v for v in result.vendors if v.excluded],
        "price": _price(result, lang),
        "leaves": [c for c in result.criteria if c.leaf],
        "scores": [{x.criterion: x for x in v.scores} for v in vendors],
        "legend": f"{label('score', lang)} → {label('points', lang)}. (E) {label('evidence_src', lang)}; "
        f"(P) {label('price_src', lang)}; ⚠ {label('spread', lang)} > {result.disagreement_threshold:g}.",
        "s": s,
        "number": number,
        "percent": percent,
        "score_cell": score_cell,
        "score_basis": score_basis,
        "comments_text": comments_text,
        "breaker": breaker,
        "titles": {c.id: c.title.get(lang) for c in result.criteria},
    }
    if s is not None:
        context["stability"] = label("stable" if s.stable else "unstable", lang).format(
            step=f"{s.step_percent:g}"
        )
        context["flips"] = [c for c in s.changes if c.flips]
        m = s.monte_carlo
        context["monte_carlo_how"] = (
            ""
            if m is None
            else label("monte_carlo_how", lang).format(
                spread=f"{m.spread_percent:g}", draws=f"{m.draws:,}", seed=m.seed
            )
        )
    return context


def _charts(result: RfpResult, lang: str) -> Markup:
    charts = [
        bar_chart(label("chart_totals", lang), [(v.id, v.total or 0.0) for v in ranked(result)], 100.0, "")
    ]
    s = result.sensitivity
    if s is not None and s.monte_carlo is not None:
        bars = [(v, 100 * p) for v, p in s.monte_carlo.p_first.items()]
        charts.append(bar_chart(label("chart_p_first", lang), bars, 100.0, "%"))
    return Markup("\n").join(charts)


def render_markdown(result: RfpResult, lang: str) -> str:
    """The whole report as Markdown text."""
    return environment(label).get_template("rfp-report.md.j2").render(_context(result, lang))


def render_html(result: RfpResult, lang: str) -> str:
    """The whole report as one self-contained HTML document; the charts follow the title."""
    template = html_environment(label).get_template("rfp-report.html.j2")
    return template.render(_context(result, lang), charts=_charts(result, lang))


class MarkdownReporter:
    """Writes ``rfp-report.<lang>.md``."""

    name = "md"

    def filename(self, lang: str) -> str:
        """One file per language."""
        return f"rfp-report.{lang}.md"

    def render(self, result: RfpResult, lang: str) -> bytes:
        """The report."""
        return render_markdown(result, lang).encode("utf-8")


class HtmlReporter:
    """Writes ``rfp-report.<lang>.html``."""

    name = "html"

    def filename(self, lang: str) -> str:
        """One file per language."""
        return f"rfp-report.{lang}.html"

    def render(self, result: RfpResult, lang: str) -> bytes:
        """The report."""
        return render_html(result, lang).encode("utf-8")
