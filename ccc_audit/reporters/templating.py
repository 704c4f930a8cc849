"""The Jinja2 environment shared by text reporters."""

from __future__ import annotations

from functools import cache

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from ccc_audit.reporters.labels import label
from ccc_audit.resources import data_dir


def md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def md_text(value: object) -> str:
    """Plain text safe in Markdown prose (no raw HTML, no accidental emphasis or links)."""
    text = str(value)
    for char in "\\`*_[]<>#":
        text = text.replace(char, "\\" + char)
    return text


def _environment(autoescape: bool) -> jinja2.Environment:
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
def environment() -> jinja2.Environment:
    """Templates for Markdown output (no HTML escaping; filters make values Markdown-safe)."""
    env = _environment(autoescape=False)
    env.filters["cell"] = md_cell
    env.filters["mdtext"] = md_text
    return env


@cache
def _markdown() -> MarkdownIt:
    """CommonMark with raw HTML disabled: a pack's Markdown can never inject markup."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False})


def markdown_html(text: str) -> Markup:
    """Rule-pack Markdown rendered to safe HTML."""
    return Markup(_markdown().render(text))


@cache
def html_environment() -> jinja2.Environment:
    """Templates for HTML output: every value escaped unless marked safe."""
    env = _environment(autoescape=True)
    env.filters["markdown"] = markdown_html
    return env
