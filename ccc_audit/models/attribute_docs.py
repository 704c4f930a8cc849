"""Field descriptions from attribute docstrings, read with one parse per module.

A model field documented the way this package documents them::

    name: str
    \"\"\"What the name is for.\"\"\"

gets that text as its description (the JSON Schemas and the rule reference show it). pydantic
can do this itself (``use_attribute_docstrings``), but on Python < 3.13 it finds each class's
source by walking the interpreter's frames and tokenising the class again: about half of the
time it takes to import the models. Here each module's source is parsed once, the docstrings of
every class are read from that tree, and they are applied exactly where pydantic applies them:
to the collected fields whose description is still unset, before any schema is built (the models
defer building until first use).
"""

from __future__ import annotations

import ast
import inspect
import sys
from functools import cache
from pathlib import Path
from typing import Any


def _class_docs(node: ast.ClassDef) -> dict[str, str]:
    """The attribute docstrings of one class body: a string statement right after ``name: type``."""
    docs: dict[str, str] = {}
    previous: ast.stmt | None = None
    for stmt in node.body:
        if (
            isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
            and isinstance(previous, ast.AnnAssign)
            and isinstance(previous.target, ast.Name)
        ):
            docs[previous.target.id] = inspect.cleandoc(stmt.value.value)
        previous = stmt
    return docs


def _collect(body: list[ast.stmt], prefix: str, into: dict[str, dict[str, str]]) -> None:
    for stmt in body:
        if isinstance(stmt, ast.ClassDef):
            qualname = f"{prefix}{stmt.name}"
            into.setdefault(qualname, _class_docs(stmt))  # the first definition, as a reader sees it
            _collect(stmt.body, f"{qualname}.", into)


@cache
def _module_docs(filename: str) -> dict[str, dict[str, str]]:
    """Qualified class name → attribute docstrings, for every class defined at class level in a file."""
    try:
        tree = ast.parse(Path(filename).read_text(encoding="utf-8"), filename)
    except (OSError, SyntaxError, ValueError):
        return {}
    docs: dict[str, dict[str, str]] = {}
    _collect(tree.body, "", docs)
    return docs


def attribute_docs(cls: type[Any]) -> dict[str, str]:
    """The attribute docstrings written in ``cls``'s own body (empty when its source is unknown)."""
    module = sys.modules.get(cls.__module__)
    filename = getattr(module, "__file__", None)
    if not filename or "<locals>" in cls.__qualname__:
        return {}
    return _module_docs(filename).get(cls.__qualname__, {})
