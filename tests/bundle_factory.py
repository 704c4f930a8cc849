"""Build small evidence bundles on disk from inline descriptions (shared by the test modules).

A description is a dict shaped like ``bundle.yaml`` with two conveniences:

* a document may carry ``content`` (the text of its file); its ``path`` defaults to
  ``documents/<id>.md`` and its ``title`` to its id;
* a record set is given as ``{columns: [...], rows: [[...], ...]}`` and written as a CSV file
  ``records/<name>.csv`` (cells are written with ``str``; ``None`` becomes an empty cell).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import yaml

TESTS = Path(__file__).resolve().parent
MINIMAL = TESTS / "fixtures" / "minimal"

BASE_MANIFEST: dict[str, Any] = {
    "schema_version": 1,
    "organisation": {"id": "test-cc", "name": "Test Contact Centre"},
    "role": "contact_centre",
    "scope": {"channels": ["voice"], "operations": ["inbound"]},
    "audit_period": {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)},
    "language": "en",
}


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def csv_text(columns: list[str], rows: list[list[object]]) -> str:
    """CSV text with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def write_bundle(root: Path, description: dict[str, Any]) -> Path:
    """Write the bundle described into ``root`` (created) and return ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {**BASE_MANIFEST}
    for key, value in description.items():
        if key not in ("documents", "records"):
            manifest[key] = value
    documents = []
    for entry in description.get("documents", []):
        document = dict(entry)
        content = str(document.pop("content", f"# {document.get('title', document['id'])}\n"))
        document.setdefault("path", f"documents/{document['id']}.md")
        document.setdefault("title", document["id"])
        target = root / document["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        documents.append(document)
    if documents:
        manifest["documents"] = documents
    records: dict[str, Any] = {}
    for name, table in description.get("records", {}).items():
        path = f"records/{name}.csv"
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(csv_text(list(table["columns"]), list(table.get("rows", []))), encoding="utf-8")
        records[name] = {"path": path, "encoding": "utf-8", **table.get("spec", {})}
    if records:
        manifest["records"] = records
    (root / "bundle.yaml").write_text(
        yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return root


def copy_minimal(target: Path) -> Path:
    """A fresh copy of the committed minimal valid bundle at ``target``."""
    shutil.copytree(MINIMAL, target)
    return target


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line of ``text`` containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")
