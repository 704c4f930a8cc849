"""The engagement metadata of a bundle, with its logo checked and embedded as a ``data:`` URI."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

from ccc_audit.errors import InputError
from ccc_audit.files.reading import read_bounded
from ccc_audit.loading.bundle_paths import UnsafePathError, resolve_in_bundle
from ccc_audit.loading.yaml_source import YamlDocument
from ccc_audit.models.bundle import Bundle
from ccc_audit.models.engagement import EngagementSummary, default_report_id

LOGO_LIMIT = 512 * 1024
"""Largest logo file embedded in the reports (bytes)."""


def _media_type(content: bytes) -> str | None:
    """PNG, JPEG or SVG by content, never by file name (None: none of the three)."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in content[:4096]:
        return "image/svg+xml"
    return None


def embed_logo(root: Path, doc: YamlDocument, relative: str) -> str:
    """The logo as a data: URI; InputError located at ``engagement.logo`` when unusable."""
    where = ("engagement", "logo")
    try:
        path = resolve_in_bundle(root, relative)
        content = read_bounded(path, relative, "the logo", LOGO_LIMIT)
    except UnsafePathError as exc:
        raise InputError([doc.diagnostic(where, str(exc))]) from None
    except InputError as exc:
        raise InputError([doc.diagnostic(where, exc.diagnostics[0].message)]) from None
    media = _media_type(content)
    if media is None:
        message = f'"{relative}" is not a PNG, JPEG or SVG image; give the logo as one of those'
        raise InputError([doc.diagnostic(where, message)])
    return f"data:{media};base64,{base64.b64encode(content).decode('ascii')}"


def engagement_summary(model: Bundle, logo: str | None, as_of: dt.date) -> EngagementSummary | None:
    """The bundle's engagement as reports show it, with ``logo`` (from :func:`embed_logo`)."""
    declared = model.engagement
    if declared is None:
        return None
    return EngagementSummary(
        report_id=declared.report_id or default_report_id(model.organisation.id, as_of),
        organisation_name=declared.organisation_name,
        assessors=declared.assessors,
        reviewer=declared.reviewer,
        sign_off=declared.sign_off,
        logo=logo,
        confidentiality=declared.confidentiality,
        narrative=declared.narrative,
    )
