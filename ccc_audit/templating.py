"""The Jinja2 environments of every text report (gap report and procurement report) and their escaping.

Templates live in the built-in ``templates`` folder. HTML output is autoescaped; Markdown output
escapes every value that no Markdown filter below has made safe (``finalize``), so organisation
names, titles or waiver texts can never become raw HTML, images or links. Both strip bidi and
control characters from every value. Each
report family brings its own ``label`` function (its label table), made a template global, beside
``term``/``terms``/``value_text`` of the one vocabulary table (codes such as channels or severities).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from ccc_audit.i18n.vocabulary import term, terms, value_text
from ccc_audit.resources import data_dir
from ccc_audit.safe_text import printable, single_line

Labeller = Callable[[str, str], str]
"""``label(key, lang)``: a fixed text of a report in a language."""

_MD_INLINE_SPECIAL = "\\`*_[]<#|!&"
_MD_TEXT_SPECIAL = "\\`*_[]<>#&"
_MD_PLAIN_SPECIAL = "\\`[]<&|"
"""Enough to keep any text inert in a line: no raw HTML, entity, code span, link, image or cell split."""


class MdSafe(str):
    """Text already made safe for the Markdown report by a filter (or a fixed label)."""


def md_cell(value: object) -> MdSafe:
    """Text safe inside a Markdown table cell: one line, no raw HTML, entity, link, image or cell split."""
    text = single_line(str(value))
    return MdSafe("".join("\\" + ch if ch in _MD_PLAIN_SPECIAL else ch for ch in text))


def md_text(value: object) -> MdSafe:
    """Plain text safe in Markdown prose (no raw HTML, no accidental emphasis, links or images)."""
    text = printable(str(value))
    return MdSafe("".join("\\" + ch if ch in _MD_TEXT_SPECIAL else ch for ch in text))


def md_inline(value: object) -> MdSafe:
    """Plain text that Markdown shows as it is anywhere in a line (no markup, entity or cell split)."""
    text = single_line(str(value))
    return MdSafe("".join("\\" + ch if ch in _MD_INLINE_SPECIAL else ch for ch in text))


def md_line(value: object) -> MdSafe:
    """:func:`md_inline` text that also cannot start a quote, list or heading underline at a line start."""
    text = md_inline(str(value).strip())
    numbered = re.match(r"^(\d+)([.)])", text)
    if numbered:
        return MdSafe(f"{numbered.group(1)}\\{text[len(numbered.group(1)) :]}")
    return MdSafe("\\" + text if text.startswith((">", "-", "+", "=")) else text)


def md_code(value: object, cell: bool = False) -> MdSafe:
    """A Markdown code span showing ``value`` as it is (in a table ``cell``, pipes escaped)."""
    text = single_line(str(value))
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`") or longest:
        text = f" {text} "
    if cell:
        text = text.replace("|", "\\|")
    return MdSafe(f"{fence}{text}{fence}")


def md_trusted(value: object) -> MdSafe:
    """Markup written in a template itself (never user text)."""
    return MdSafe(value)


def _md_finalize(value: object) -> object:
    """Every value printed in a Markdown template: filtered ones as they are, the rest escaped."""
    if isinstance(value, MdSafe):
        return value
    return md_cell("" if value is None else value)


def _html_finalize(value: object) -> object:
    """Every value printed in an HTML template, before autoescape: no bidi or control characters."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return printable(value)


def _environment(autoescape: bool, label: Labeller) -> jinja2.Environment:
    """Templates from the built-in ``templates`` folder; undefined names are errors."""
    env = jinja2.Environment(
        finalize=_html_finalize if autoescape else _md_finalize,
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["label"] = label
    env.globals["term"] = term
    env.globals["terms"] = terms
    env.globals["value_text"] = value_text
    return env


@cache
def environment(label: Labeller) -> jinja2.Environment:
    """Templates for Markdown output (no HTML escaping; filters make values Markdown-safe)."""
    env = _environment(False, lambda key, lang: MdSafe(label(key, lang)))
    env.filters["cell"] = md_cell
    env.filters["code"] = md_code
    env.filters["trusted"] = md_trusted
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
