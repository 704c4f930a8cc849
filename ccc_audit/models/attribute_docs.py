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

Parsing every module that defines models still cost a warm ``check`` 35-55 ms for descriptions
only the JSON Schemas show. The docstrings of the modules that define models are therefore
shipped in ``field_docs.json``, each module's with the SHA-256 of the source they were read
from: a module whose source matches is not parsed; one edited since (or unknown) is parsed as
before, so the table can cost time when stale, never change a description.
``python -m ccc_audit.app.schemas`` writes it again, and a test keeps it current.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import json
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


PACKAGE = Path(__file__).resolve().parents[1]
DOCS_FILE = Path(__file__).with_name("field_docs.json")
"""The shipped table: package-relative module path → ``sha256`` of its source and its ``classes``."""


def _parsed(source: bytes, filename: str) -> dict[str, dict[str, str]]:
    try:
        tree = ast.parse(source.decode("utf-8"), filename)
    except (SyntaxError, ValueError):
        return {}
    docs: dict[str, dict[str, str]] = {}
    _collect(tree.body, "", docs)
    return docs


@cache
def _shipped() -> dict[str, Any]:
    try:
        table = json.loads(DOCS_FILE.read_bytes())
    except (OSError, ValueError):
        return {}
    return table if isinstance(table, dict) else {}


@cache
def _module_docs(filename: str) -> dict[str, dict[str, str]]:
    """Qualified class name → attribute docstrings, for every class defined at class level in a file."""
    try:
        source = Path(filename).read_bytes()
    except OSError:
        return {}
    path = Path(filename).resolve()
    entry = _shipped().get(path.relative_to(PACKAGE).as_posix()) if path.is_relative_to(PACKAGE) else None
    if isinstance(entry, dict) and entry.get("sha256") == hashlib.sha256(source).hexdigest():
        classes: dict[str, dict[str, str]] = entry["classes"]
        return classes
    return _parsed(source, filename)


def _model_modules() -> list[Path]:
    """The package's modules that define a pydantic model: a class based, at any remove, on BaseModel.

    Read from the sources alone (base classes by name), so the table does not depend on what a
    process happens to have imported; only these modules ever ask for attribute docstrings.
    """
    trees = {module: ast.parse(module.read_bytes(), str(module)) for module in sorted(PACKAGE.rglob("*.py"))}
    models = {"BaseModel"}
    found: set[Path] = set()
    while True:
        before = len(models)
        for module, tree in trees.items():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and any(
                    (base.id if isinstance(base, ast.Name) else getattr(base, "attr", None)) in models
                    for base in node.bases
                ):
                    models.add(node.name)
                    found.add(module)
        if len(models) == before:
            return sorted(found)


def docs_table_text() -> str:
    """The table of every package module that defines a model (what DOCS_FILE holds)."""
    table: dict[str, Any] = {}
    for module in _model_modules():
        source = module.read_bytes()
        relative = module.relative_to(PACKAGE).as_posix()
        classes = _parsed(source, str(module))
        table[relative] = {"sha256": hashlib.sha256(source).hexdigest(), "classes": classes}
    return json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def attribute_docs(cls: type[Any]) -> dict[str, str]:
    """The attribute docstrings written in ``cls``'s own body (empty when its source is unknown)."""
    module = sys.modules.get(cls.__module__)
    filename = getattr(module, "__file__", None)
    if not filename or "<locals>" in cls.__qualname__:
        return {}
    return _module_docs(filename).get(cls.__qualname__, {})
