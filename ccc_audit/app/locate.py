"""Where the bundle is: the bundle found when none is given, the repository root SARIF cites from.

``pre-commit try-repo`` cannot pass arguments to a hook, and a hook's default folder cannot
know where each repository keeps its bundle. So when ``check`` (or ``validate --find-bundle``)
is given no folder, the bundle is, in order: ``$CCC_AUDIT_BUNDLE``; the current folder when it
holds a ``bundle.yaml``; else the one ``bundle.yaml`` below the repository root (or below the
current folder outside git), skipping hidden folders and virtual environments. None or several
is an input error that lists what was found and says how to name the folder.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.loading.bundle import MANIFEST_NAME

BUNDLE_VARIABLE = "CCC_AUDIT_BUNDLE"
_SKIPPED = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
_SHOWN = 10


def repository_root(start: Path) -> Path | None:
    """The root of the git work tree holding ``start`` (None outside git or without git)."""
    folder = start if start.is_dir() else start.parent
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    top = found.stdout.strip()
    return Path(top) if found.returncode == 0 and top else None


def manifests_below(root: Path) -> list[Path]:
    """Every bundle.yaml below ``root`` (hidden folders and virtual environments skipped), sorted."""
    found: list[Path] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d not in _SKIPPED)
        if MANIFEST_NAME in names:
            found.append(Path(folder) / MANIFEST_NAME)
    return sorted(found)


def _shown(path: Path, cwd: Path) -> str:
    return Path(os.path.relpath(path.resolve(), cwd.resolve())).as_posix()


def find_bundle(cwd: Path | None = None) -> Path:
    """The bundle folder to use when none is given (see the module docstring)."""
    here = cwd or Path.cwd()
    named = os.environ.get(BUNDLE_VARIABLE, "").strip()
    if named:
        return Path(named)
    if (here / MANIFEST_NAME).is_file():
        return here
    root = repository_root(here) or here
    found = manifests_below(root)
    if len(found) == 1:
        return found[0].parent
    listed = ", ".join(_shown(p, here) for p in found[:_SHOWN]) + (", …" if len(found) > _SHOWN else "")
    how = (
        "name the bundle folder: `ccc-audit check FOLDER`, `args: [FOLDER]` for the pre-commit hook, "
        f"or ${BUNDLE_VARIABLE}=FOLDER"
    )
    if found:
        message = f"{len(found)} bundle manifests below {_shown(root, here)} ({listed}); {how}"
    else:
        message = (
            f"no {MANIFEST_NAME} in this folder nor below {_shown(root, here)}; {how}, "
            "or run `ccc-audit init FOLDER` to create one"
        )
    raise InputError([Diagnostic(here.as_posix(), 0, 0, message)])


def folder_from(base: Path, bundle: Path) -> str | None:
    """The bundle folder relative to ``base`` (POSIX; "." for the base itself), None if outside it."""
    folder = bundle.parent if bundle.suffix in (".yaml", ".yml") else bundle
    try:
        return folder.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return None


def sarif_folder(bundle: Path, base: Path | None) -> str | None:
    """The bundle folder relative to ``base`` (``--sarif-base``), else to the repository root.

    None when neither applies: SARIF then cites the folder as given.
    """
    root = base or repository_root(bundle.resolve() if bundle.exists() else Path.cwd())
    return folder_from(root, bundle) if root is not None else None


def bundle_language(folder: Path) -> str | None:
    """The ``language`` a bundle manifest in ``folder`` declares (None: no manifest, or none declared).

    Commands that read no bundle (``rules show``, ``diff``) speak the language of the bundle
    people work on; a manifest that does not parse is left to ``validate`` and gives None.
    """
    import yaml

    manifest = folder / MANIFEST_NAME
    if not manifest.is_file():
        return None
    try:
        data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    language = data.get("language") if isinstance(data, dict) else None
    return language if language in ("ja", "en") else None
