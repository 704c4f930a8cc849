"""The Jinja2 environment shared by text reporters."""

from __future__ import annotations

from functools import cache

import jinja2

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


@cache
def environment() -> jinja2.Environment:
    """Templates from the built-in ``templates`` folder; undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = md_cell
    env.filters["mdtext"] = md_text
    env.globals["label"] = label
    return env
