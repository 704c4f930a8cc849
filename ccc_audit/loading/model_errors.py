"""Validate YAML data against a pydantic model and turn errors into located sentences."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.loading.yaml_source import YamlDocument, YamlPath

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate(doc: YamlDocument, model: type[ModelT]) -> ModelT:
    """Validate ``doc.data`` as ``model``; raise InputError listing every problem located."""
    seen = {(d.line, d.column) for d in doc.problems}
    try:
        validated = model.model_validate(doc.data)
    except ValidationError as exc:
        merged: dict[tuple[int, int, str], Diagnostic] = {}
        for err in exc.errors():
            found = _diagnostic(doc, model, err)
            if (found.line, found.column) in seen:
                continue  # the YAML reader already explained this value
            structural = err["type"] in ("missing", "extra_forbidden")
            key = (found.line, found.column, found.message if structural else "")
            if key in merged:  # alternatives of a union failing on the same value
                alternative = found.message.split(": ", 1)[-1]
                found = Diagnostic(
                    found.path, found.line, found.column, f"{merged[key].message}; or {alternative}"
                )
            merged[key] = found
        raise InputError([*doc.problems, *merged.values()]) from None
    if doc.problems:
        raise InputError(doc.problems)
    return validated


def _unwrap(annotation: Any) -> list[Any]:
    """Concrete alternatives of an annotation (through Annotated, Optional and unions)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    return [annotation]


def _models_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[type[BaseModel]]:
    """The model classes that could sit at ``loc`` (used to suggest known keys)."""
    current: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for candidate in current:
            for alt in _unwrap(candidate):
                origin = typing.get_origin(alt)
                if isinstance(alt, type) and issubclass(alt, BaseModel):
                    if isinstance(part, str) and part in alt.model_fields:
                        following.append(alt.model_fields[part].annotation)
                    elif isinstance(part, str) and _has_tag(alt, part):
                        following.append(alt)  # a union tag in the location: stay here
                elif origin is list and isinstance(part, int):
                    following.append(typing.get_args(alt)[0])
                elif origin is dict and isinstance(part, str):
                    following.append(typing.get_args(alt)[1])
        current = following
    found: list[type[BaseModel]] = []
    for candidate in current:
        for alt in _unwrap(candidate):
            if isinstance(alt, type) and issubclass(alt, BaseModel) and alt not in found:
                found.append(alt)
    return found


def _has_tag(model: type[BaseModel], tag: str) -> bool:
    """Whether a field of ``model`` is a Literal admitting ``tag`` (a discriminator)."""
    for info in model.model_fields.values():
        if typing.get_origin(info.annotation) is typing.Literal and tag in typing.get_args(info.annotation):
            return True
    return False


def _data_path(doc: YamlDocument, loc: tuple[int | str, ...]) -> YamlPath:
    """Drop location parts that are not in the data (union tags, validator names)."""
    path: YamlPath = ()
    node: Any = doc.data
    for index, part in enumerate(loc):
        inside_map = isinstance(node, dict) and isinstance(part, str) and part in node
        inside_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if inside_map or inside_list:
            node = node[part]  # type checked just above
            path = (*path, part)
        elif isinstance(node, dict) and isinstance(part, str) and index == len(loc) - 1:
            return (*path, part)  # a missing or unknown key: keep it so the message names it
    return path


_PATTERN_WORDS = {
    r"^\$[a-z][a-z0-9_]*$": "expected a parameter reference such as $name",
    r"^[A-Za-z0-9][A-Za-z0-9._\-]*$": "expected an identifier (letters, digits, '.', '_', '-')",
    r"^[a-z0-9][a-z0-9_\-]*(\.[a-z0-9_\-]+)+$": "expected a dotted lower-case rule id",
    r"^[A-Za-z0-9._\-]+:[^\s:]+$": "expected a requirement reference catalogue:node",
}


def _where(path: YamlPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _diagnostic(doc: YamlDocument, model: type[BaseModel], err: ErrorDetails) -> Diagnostic:
    loc = tuple(err["loc"])
    path = _data_path(doc, loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(path[-1])
        known = sorted({name for m in _models_at(model, loc[:-1]) for name in m.model_fields})
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        expected = f" (expected one of: {', '.join(known)})" if known else ""
        return doc.diagnostic(path, f'unknown key "{key}" in {_where(path[:-1])}{hint}{expected}', key=True)
    if kind == "missing":
        return doc.diagnostic(path[:-1], f'missing required key "{path[-1]}" in {_where(path[:-1])}')
    message = str(err["msg"]).replace("Input should be", "expected").replace("Value error, ", "")
    if kind == "string_pattern_mismatch":
        pattern = str((err.get("ctx") or {}).get("pattern", ""))
        message = _PATTERN_WORDS.get(pattern, f"expected text matching {pattern}")
    given = err.get("input")
    shown = "" if isinstance(given, dict | list) or given is None else f", got {given!r}"
    return doc.diagnostic(path, f"{_where(path)}: {message}{shown}")
