"""The Jinja2 environments of every text report (gap report and procurement report) and their escaping.

Templates live in the built-in ``templates`` folder. HTML output is autoescaped; Markdown output
has no autoescape, so templates pass every value through one of the Markdown filters below. Each
report family brings its own ``label`` function (its label table), made a template global.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from ccc_audit.resources import data_dir

Labeller = Callable[[str, str], str]
"""``label(key, lang)``: a fixed text of a report in a language."""

_MD_INLINE_SPECIAL = "\\`*_[]<#|!&"


def md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def md_text(value: object) -> str:
    """Plain text safe in Markdown prose (no raw HTML, no accidental emphasis or links)."""
    text = str(value)
    for char in "\\`*_[]<>#":
        text = text.replace(char, "\\" + char)
    return text


def md_inline(value: object) -> str:
    """Plain text that Markdown shows as it is anywhere in a line (no markup, entity or cell split)."""
    text = str(value).replace("\r", " ").replace("\n", " ")
    return "".join("\\" + ch if ch in _MD_INLINE_SPECIAL else ch for ch in text)


def md_line(value: object) -> str:
    """:func:`md_inline` text that also cannot start a quote, list or heading underline at a line start."""
    text = md_inline(str(value).strip())
    numbered = re.match(r"^(\d+)([.)])", text)
    if numbered:
        return f"{numbered.group(1)}\\{text[len(numbered.group(1)) :]}"
    return "\\" + text if text.startswith((">", "-", "+", "=")) else text


def _environment(autoescape: bool, label: Labeller) -> jinja2.Environment:
    """Templates from the built-in ``templates`` folder; undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["label"] = label
    return env


@cache
def environment(label: Labeller) -> jinja2.Environment:
    """Templates for Markdown output (no HTML escaping; filters make values Markdown-safe)."""
    env = _environment(False, label)
    env.filters["cell"] = md_cell
    env.filters["mdtext"] = md_text
    env.filters["mdinline"] = md_inline
    env.filters["mdline"] = md_line
    return env


@cache
def _markdown() -> MarkdownIt:
    """CommonMark with raw HTML disabled: a pack's Markdown can never inject markup."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False})


def markdown_html(text: str) -> Markup:
    """Rule-pack Markdown rendered to safe HTML."""
    return Markup(_markdown().render(text))


@cache
def html_environment(label: Labeller) -> jinja2.Environment:
    """Templates for HTML output: every value escaped unless marked safe."""
    env = _environment(True, label)
    env.filters["markdown"] = markdown_html
    return env
