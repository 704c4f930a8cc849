"""Use case ``map``: propose how an export maps onto a record type, and write it into bundle.yaml.

bundle.yaml is edited with ruamel.yaml's round-trip mode, so its comments, order and quoting
stay as the author wrote them; the result is validated as a bundle before it replaces the file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ccc_audit.errors import Diagnostic, InputError, did_you_mean
from ccc_audit.files.reading import MANIFEST_LIMIT, read_bounded
from ccc_audit.files.writing import write_atomic
from ccc_audit.loading.bundle_paths import UnsafePathError, resolve_in_bundle
from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.record_types import builtin_record_types
from ccc_audit.loading.yaml_source import parse_yaml
from ccc_audit.models.bundle import Bundle
from ccc_audit.models.records import RecordType
from ccc_audit.records.proposal import Proposal, propose
from ccc_audit.records.sample import read_sample

MAPPING_KEYS = (
    "encoding",
    "columns",
    "values",
    "date_format",
    "delimiter",
    "header_row",
    "skip_rows",
    "ignore_rows",
)
"""Keys of a record set that ``map --write`` replaces; the others (path, type, encoding, …) stay."""


@dataclass(frozen=True)
class MapRequest:
    """What ``ccc-audit map`` was asked."""

    file: Path
    record_type: str
    bundle: Path | None = None
    """Write the mapping into this bundle's bundle.yaml (None: only show it)."""
    record_set: str | None = None
    """The record set to write it under; the record type's name by default."""


def record_type_named(name: str) -> RecordType:
    """The built-in record type ``name``; a located error with a suggestion otherwise."""
    types = builtin_record_types()
    if name not in types:
        raise InputError(
            [Diagnostic("--type", 0, 0, f'unknown record type "{name}"{did_you_mean(name, types)}')]
        )
    return types[name]


def propose_mapping(request: MapRequest) -> Proposal:
    """The proposal for ``request.file``; written into bundle.yaml when a bundle is named."""
    proposal = propose(read_sample(request.file), record_type_named(request.record_type))
    if request.bundle is not None:
        write_mapping(request.bundle, request.record_set or request.record_type, request, proposal)
    return proposal


def _set_path(bundle: Path, file: Path) -> str:
    try:
        return file.resolve().relative_to(bundle.resolve()).as_posix()
    except ValueError:
        raise InputError(
            [
                Diagnostic(
                    str(file), 0, 0, f"the file is not inside the bundle folder {bundle}; copy it there first"
                )
            ]
        ) from None


def write_mapping(bundle: Path, name: str, request: MapRequest, proposal: Proposal) -> Path:
    """Put the proposal under ``records: NAME:`` of ``bundle/bundle.yaml``, keeping the rest as written."""
    manifest = bundle / "bundle.yaml"
    relative = _set_path(bundle, request.file)
    try:
        resolve_in_bundle(bundle, relative)
    except UnsafePathError as exc:
        raise InputError([Diagnostic(str(request.file), 0, 0, str(exc))]) from None
    source = read_bounded(manifest, str(manifest), "a bundle manifest", MANIFEST_LIMIT).decode("utf-8")
    editor = YAML()
    editor.preserve_quotes = True
    editor.width = 4096
    document: Any = editor.load(source)
    if not isinstance(document, CommentedMap):
        raise InputError([Diagnostic(str(manifest), 1, 0, "bundle.yaml is not a mapping")])
    records = document.setdefault("records", CommentedMap())
    entry = records.get(name)
    if not isinstance(entry, CommentedMap):
        entry = CommentedMap()
        records[name] = entry
    entry["path"] = relative
    if name != proposal.record_type:
        entry["type"] = proposal.record_type
    for key in MAPPING_KEYS:
        entry.pop(key, None)
    for key, value in proposal.mapping().items():
        entry[key] = value
    out = io.StringIO()
    editor.dump(document, out)
    text = out.getvalue()
    validate(parse_yaml(text.encode("utf-8"), str(manifest)), Bundle)  # never write one that does not load
    write_atomic(manifest, text.encode("utf-8"))
    return manifest
