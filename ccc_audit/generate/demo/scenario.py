"""Entry point of the demo scenario: both bundles into one output folder."""

from __future__ import annotations

from pathlib import Path

from ccc_audit.generate.demo.script import generate, generate_client

BUNDLE = "bundle"
"""Sub-folder of the centre's bundle (``demo/bundle`` in the repository)."""

CLIENT_BUNDLE = "client-bundle"
"""Sub-folder of the client organisation's bundle (``demo/client-bundle`` in the repository)."""


def write_demo(out: Path) -> list[str]:
    """Write ``out/bundle`` and ``out/client-bundle``; return the planted gaps, one per line."""
    gaps = generate(out / BUNDLE)
    gaps += generate_client(out / CLIENT_BUNDLE)
    return gaps
