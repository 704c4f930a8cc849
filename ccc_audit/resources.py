"""Where the built-in catalogues, rule packs, templates and demo bundle live.

In a wheel they are copied under ``ccc_audit/_data``; in a source checkout they are the
top-level folders of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Folder of built-in data ``name`` (requirements, rulepacks, templates or demo)."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def builtin_catalogues() -> list[Path]:
    """Catalogue files shipped with ccc-audit, in name order."""
    return sorted(data_dir("requirements").glob("*.yaml"))


def builtin_crosswalks() -> list[Path]:
    """Crosswalk files shipped with ccc-audit (``requirements/crosswalk/``), in name order."""
    return sorted((data_dir("requirements") / "crosswalk").glob("*.yaml"))


def builtin_packs() -> list[Path]:
    """Rule-pack files shipped with ccc-audit, in name order."""
    return sorted(data_dir("rulepacks").glob("*.yaml"))


def builtin_profiles() -> list[Path]:
    """Profile files shipped with ccc-audit, in name order."""
    return sorted((data_dir("rulepacks") / "profiles").glob("*.yaml"))


def demo_bundle() -> Path:
    """The demo evidence bundle folder."""
    return data_dir("demo") / "bundle"


def demo_client_bundle() -> Path:
    """The demo client organisation's evidence bundle folder (ISO 18295-2)."""
    return data_dir("demo") / "client-bundle"
