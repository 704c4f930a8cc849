"""The HTML evaluation report: one self-contained file with inline SVG charts.

Every text is escaped; there is no script and no external reference.
"""

from __future__ import annotations

from html import escape

from ccc_audit.rfp.reporters.chart import bar_chart
from ccc_audit.rfp.reporters.content import ranked, report_blocks
from ccc_audit.rfp.reporters.document import Block, Bullets, Cell, Heading, Paragraph
from ccc_audit.rfp.reporters.labels import label
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
    charts = [
        bar_chart(label("chart_totals", lang), [(v.id, v.total or 0.0) for v in ranked(result)], 100.0, "")
    ]
    s = result.sensitivity
    if s is not None and s.monte_carlo is not None:
        bars = [(v, 100 * p) for v, p in s.monte_carlo.p_first.items()]
        charts.append(bar_chart(label("chart_p_first", lang), bars, 100.0, "%"))
    return '<div class="charts">\n' + "\n".join(charts) + "\n</div>"


def _cell(cell: Cell) -> str:
    text = "&nbsp;&nbsp;" * cell.indent + escape(cell.text)
    return f"<td><strong>{text}</strong></td>" if cell.strong else f"<td>{text}</td>"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>\n" + "".join(f"<li>{escape(item)}</li>\n" for item in block.items) + "</ul>"
    head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>\n" for row in block.rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>"


def render_html(result: RfpResult, lang: str) -> str:
    """The whole report as one HTML document; the charts follow the title."""
    blocks = [_block(b) for b in report_blocks(result, lang)]
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(label('title', lang))} — {escape(result.rubric_title.get(lang))}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n{blocks[0]}\n{_charts(result, lang)}\n"
        + "\n".join(blocks[1:])
        + "\n</body>\n</html>\n"
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
