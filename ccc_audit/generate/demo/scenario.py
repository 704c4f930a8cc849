"""Entry point of the demo scenario: both bundles into one output folder."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ccc_audit.generate.demo.centre import generate
from ccc_audit.generate.demo.client import generate_client
from ccc_audit.models.records import RecordType

BUNDLE = "bundle"
"""Sub-folder of the centre's bundle (``demo/bundle`` in the repository)."""

CLIENT_BUNDLE = "client-bundle"
"""Sub-folder of the client organisation's bundle (``demo/client-bundle`` in the repository)."""


def write_demo(out: Path, record_types: Mapping[str, RecordType]) -> list[str]:
    """Write ``out/bundle`` and ``out/client-bundle``; return the planted gaps, one per line.

    ``record_types`` (by name, as ``builtin_record_types()`` loads them from
    ``rulepacks/records/record-types.yaml``) give every CSV file its header.
    """
    gaps = generate(out / BUNDLE, record_types)
    gaps += generate_client(out / CLIENT_BUNDLE, record_types)
    return gaps
