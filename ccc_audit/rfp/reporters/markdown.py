"""The Markdown evaluation report (Japanese or English)."""

from __future__ import annotations

import re

from ccc_audit.rfp.reporters.content import report_blocks
from ccc_audit.rfp.reporters.document import Block, Bullets, Cell, Heading, Paragraph
from ccc_audit.rfp.result import RfpResult

_SPECIAL = "\\`*_[]<#|!&"


def escape(value: str) -> str:
    """Plain text that Markdown shows as it is (no markup, no line break, no table cell split)."""
    text = value.replace("\r", " ").replace("\n", " ")
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def plain_line(value: str) -> str:
    """Escaped text that also cannot start a quote, list or heading underline at a line start."""
    text = escape(value.strip())
    numbered = re.match(r"^(\d+)([.)])", text)
    if numbered:
        return f"{numbered.group(1)}\\{text[len(numbered.group(1)) :]}"
    return "\\" + text if text.startswith((">", "-", "+", "=")) else text


def _cell(cell: Cell) -> str:
    text = "&nbsp;&nbsp;" * cell.indent + escape(cell.text)
    return f"**{text}**" if cell.strong and cell.text else text


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + escape(block.text)]
    if isinstance(block, Paragraph):
        return [plain_line(block.text)]
    if isinstance(block, Bullets):
        return [f"- {plain_line(item)}" for item in block.items]
    return [
        "| " + " | ".join(escape(h) for h in block.header) + " |",
        "|" + "|".join(" --- " for _ in block.header) + "|",
        *("| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows),
    ]


def render_markdown(result: RfpResult, lang: str) -> str:
    """The whole report as Markdown text."""
    return "\n\n".join("\n".join(_block(b)) for b in report_blocks(result, lang)) + "\n"


class MarkdownReporter:
    """Writes ``rfp-report.<lang>.md``."""

    name = "md"

    def filename(self, lang: str) -> str:
        """One file per language."""
        return f"rfp-report.{lang}.md"

    def render(self, result: RfpResult, lang: str) -> bytes:
        """The report."""
        return render_markdown(result, lang).encode("utf-8")
