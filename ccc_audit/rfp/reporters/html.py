"""The HTML evaluation report: one self-contained file with inline SVG charts.

The body is the Markdown report rendered with raw HTML disabled, so every vendor-supplied text
is escaped; the charts are built with escaped labels; there is no script and no external link.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from ccc_audit.rfp.reporters.chart import bar_chart
from ccc_audit.rfp.reporters.labels import label
from ccc_audit.rfp.reporters.markdown import render_markdown
from ccc_audit.rfp.result import RfpResult

_STYLE = """
body { font-family: system-ui, "Hiragino Sans", "Yu Gothic", sans-serif; margin: 2rem auto; max-width: 72rem;
       padding: 0 1rem; color: #1d1d1f; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #c8c8cc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f3; }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; }
"""


def _charts(result: RfpResult, lang: str) -> str:
    ranked = [v for v in result.vendors if not v.excluded]
    charts = [bar_chart(label("chart_totals", lang), [(v.id, v.total or 0.0) for v in ranked], 100.0, "")]
    s = result.sensitivity
    if s is not None and s.monte_carlo is not None:
        bars = [(v, 100 * p) for v, p in s.monte_carlo.p_first.items()]
        charts.append(bar_chart(label("chart_p_first", lang), bars, 100.0, "%"))
    return '<div class="charts">\n' + "\n".join(charts) + "\n</div>"


def render_html(result: RfpResult, lang: str) -> str:
    """The whole report as one HTML document."""
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    body = markdown.render(render_markdown(result, lang))
    heading_end = body.index("</h1>") + len("</h1>")
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(label('title', lang))} — {escape(result.rubric_title.get(lang))}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"{body[:heading_end]}\n{_charts(result, lang)}\n{body[heading_end:]}</body>\n</html>\n"
    )


class HtmlReporter:
    """Writes ``rfp-report.<lang>.html``."""

    name = "html"

    def filename(self, lang: str) -> str:
        """One file per language."""
        return f"rfp-report.{lang}.html"

    def render(self, result: RfpResult, lang: str) -> bytes:
        """The report."""
        return render_html(result, lang).encode("utf-8")
