"""Keep the parsed-records cache of every test run out of the user's home folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    cache = tmp_path_factory.mktemp("ccc-audit-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("CCC_AUDIT_CACHE_DIR", str(cache))
    yield cache
    patch.undo()
