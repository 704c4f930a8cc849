"""The bilingual message helper."""

from __future__ import annotations

from ccc_audit.models.common import Localized


def text(ja: str, en: str) -> Localized:
    """A bilingual message."""
    return Localized(ja=ja, en=en)
