"""Safe YAML loading that keeps the position of every key and value.

Only the standard YAML tags are accepted, duplicate keys and merge keys are errors, aliases
may not expand past a fixed number of nodes (alias bombs), and files have a size limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import read_bounded

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_EXPANDED_NODES = 500_000
MAX_DEPTH = 100
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's composer when PyYAML was built with it (about ten times faster), else pure Python."""

YamlPath = tuple[str | int, ...]

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


@dataclass(frozen=True)
class Position:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass
class YamlDocument:
    """Plain data read from a YAML file, with the position of every value and key."""

    path: str
    data: Any
    values: dict[YamlPath, Position] = field(default_factory=dict)
    keys: dict[YamlPath, Position] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    """Value-level problems (bad tag, duplicate key, invalid date); the value reads as null."""

    def position(self, path: YamlPath, *, key: bool = False) -> Position:
        """Position of the value (or key) at ``path``, or of its nearest known ancestor."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Position(1, 1))

    def diagnostic(self, path: YamlPath, message: str, *, key: bool = False) -> Diagnostic:
        """A diagnostic located at ``path``."""
        pos = self.position(path, key=key)
        return Diagnostic(self.path, pos.line, pos.column, message)


def _mark(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node graph into plain data, recording positions and problems."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.constructor = SafeConstructor()
        self.expanded = 0
        self.problems: list[Diagnostic] = []

    def problem(self, node: yaml.Node, message: str) -> None:
        pos = _mark(node)
        self.problems.append(Diagnostic(self.doc.path, pos.line, pos.column, message))

    def build(self, node: yaml.Node, path: YamlPath) -> Any:
        self.expanded += 1
        if self.expanded > MAX_EXPANDED_NODES:
            raise _TooLargeError(node)
        if len(path) > MAX_DEPTH:
            self.problem(node, f"the data is nested more than {MAX_DEPTH} levels deep")
            return None
        self.doc.values.setdefault(path, _mark(node))
        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, f"the tag {node.tag!r} is not allowed; only plain YAML data is")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problem(node, f"unreadable value: {getattr(exc, 'problem', exc)}")
        except (ValueError, OverflowError, IndexError, KeyError, AttributeError, TypeError) as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            if kind == "timestamp":
                self.problem(node, f'"{node.value}" is not a valid date ({exc}); write dates as YYYY-MM-DD')
            else:
                self.problem(node, f'"{node.value}" cannot be read as {kind} (tag !!{kind})')
        return None

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<":
                self.problem(key_node, "merge keys ('<<') are not supported; write keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                self.problem(key_node, "a mapping key must be a plain scalar")
                continue
            key = str(key_node.value)
            if key in result:
                first = self.doc.keys[(*path, key)]
                self.problem(
                    key_node,
                    f"duplicate key {key!r} (first defined at line {first.line}); each key may appear once",
                )
                continue
            self.doc.keys[(*path, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*path, key))
        return result


class _TooLargeError(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _decode(raw: bytes, shown: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            [
                Diagnostic(
                    shown,
                    line,
                    column,
                    f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); "
                    "save it as UTF-8 (Shift_JIS / CP932 is not accepted for YAML files)",
                )
            ]
        ) from None


def _reader_problem(text: str, error: yaml.reader.ReaderError, shown: str) -> Diagnostic:
    """A character YAML does not allow (a NUL, a control character), at its line and column."""
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Diagnostic(
        shown,
        line,
        column,
        f"malformed YAML: the character U+{code:04X} is not allowed in YAML; remove it",
    )


def load_yaml(path: Path, shown: str | None = None) -> YamlDocument:
    """Read ``path`` as one YAML document of plain data.

    Syntax errors raise InputError at once; value-level problems are kept in
    ``YamlDocument.problems`` so that validation can report them with every other problem.
    """
    shown = shown or str(path)
    return parse_yaml(read_bounded(path, shown, "a YAML file", MAX_FILE_BYTES), shown)


def parse_yaml(raw: bytes, shown: str) -> YamlDocument:
    """Parse YAML bytes (see :func:`load_yaml`)."""
    text = _decode(raw, shown)
    if not text.strip():
        raise InputError([Diagnostic(shown, 1, 1, "the file is empty; expected a YAML mapping")])
    doc = YamlDocument(shown, None)
    try:
        nodes = list(yaml.compose_all(text, Loader=_COMPOSER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError([Diagnostic(shown, line, column, f"malformed YAML: {what}")]) from None
    except yaml.reader.ReaderError as exc:
        raise InputError([_reader_problem(text, exc, shown)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Diagnostic(shown, 0, 0, f"malformed YAML: {exc}")]) from None
    except RecursionError:
        raise InputError([Diagnostic(shown, 0, 0, "the YAML is nested too deeply to read")]) from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        raise InputError([Diagnostic(shown, 1, 1, "the file is empty; expected a YAML mapping")])
    if len(nodes) > 1:
        pos = _mark(nodes[1])
        raise InputError([Diagnostic(shown, pos.line, pos.column, "several YAML documents; expected one")])
    builder = _Builder(doc)
    try:
        doc.data = builder.build(nodes[0], ())
    except _TooLargeError as exc:
        pos = _mark(exc.node)
        raise InputError(
            [
                Diagnostic(
                    shown,
                    pos.line,
                    pos.column,
                    f"aliases expand to more than {MAX_EXPANDED_NODES} nodes "
                    "(an alias bomb?); write the data out plainly",
                )
            ]
        ) from None
    doc.problems = builder.problems
    if not isinstance(doc.data, dict):
        raise InputError([doc.diagnostic((), "expected a YAML mapping at the top level")])
    return doc
