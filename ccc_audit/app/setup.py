"""Assemble everything one run needs from command-line choices."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ccc_audit.checks.attestation import AttestationCheckSpec
from ccc_audit.checks.registry import REGISTRY
from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.loading.bundle import LoadedBundle, check_against_library, load_bundle
from ccc_audit.loading.bundle_paths import HashCache
from ccc_audit.loading.crosswalk import load_crosswalks
from ccc_audit.loading.library import Library, load_library
from ccc_audit.loading.profile import Tailoring, load_profile, tailor
from ccc_audit.models.result import Source
from ccc_audit.resources import builtin_catalogues, builtin_crosswalks, builtin_packs, builtin_profiles


@dataclass
class Setup:
    """Library, tailoring and (optionally) bundle of one run."""

    library: Library
    tailoring: Tailoring
    profile_source: Source | None
    bundle: LoadedBundle | None = None


def _by_id(choice: str, builtin: list[Path], what: str) -> Path:
    path = Path(choice)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():  # a folder or device is refused, located, by the reader
            raise InputError([Diagnostic(choice, 0, 0, f"no such {what} file")])
        return path
    for candidate in builtin:
        if candidate.stem == choice:
            return candidate
    names = ", ".join(p.stem for p in builtin) or "none"
    raise InputError([Diagnostic(choice, 0, 0, f"unknown {what}; built-in {what}s: {names}")])


def question_ids(library: Library) -> set[str]:
    """Attestation keys declared with an explicit question_id."""
    return {
        check.question_id
        for _, rule in library.rules()
        for check in rule.checks
        if isinstance(check, AttestationCheckSpec) and check.question_id
    }


Stamp = tuple[Path, int, int]
"""A file with its modification time and size: what identifies its content cheaply."""


def _stamp(path: Path) -> Stamp:
    try:
        stat = path.stat()
    except OSError:
        return path, -1, -1  # the loader reports the missing file
    return path, stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _library(catalogues: tuple[Stamp, ...], packs: tuple[Stamp, ...]) -> Library:
    """The validated library, loaded once per process for the same files (unchanged on disk)."""
    return load_library([c[0] for c in catalogues], [p[0] for p in packs], REGISTRY)


def prepare(
    packs: tuple[str, ...] = (),
    catalogues: tuple[str, ...] = (),
    profile: str | None = None,
    bundle: Path | None = None,
    cache_dir: Path | None = None,
) -> Setup:
    """Load and cross-check packs, catalogues, profile and bundle; collect every problem."""
    pack_paths = [_by_id(p, builtin_packs(), "rule pack") for p in packs] or builtin_packs()
    catalogue_paths = builtin_catalogues() + [Path(c) for c in catalogues]
    library = _library(tuple(_stamp(p) for p in catalogue_paths), tuple(_stamp(p) for p in pack_paths))
    problems: list[Diagnostic] = []
    try:
        assessable = {ref: entry.node.assessable for ref, entry in library.nodes.items()}
        loaded_ids = {c.model.standard.id for c in library.catalogues}
        library.crosswalks = load_crosswalks(builtin_crosswalks(), assessable, loaded_ids)
    except InputError as exc:
        problems.extend(exc.diagnostics)
    loaded_profile = None
    try:
        loaded_profile = load_profile(_by_id(profile, builtin_profiles(), "profile")) if profile else None
        tailoring = tailor(library, loaded_profile)
    except InputError as exc:
        problems.extend(exc.diagnostics)
        tailoring = Tailoring()
    loaded_bundle = None
    if bundle is not None:
        try:
            hashes = HashCache(cache_dir / "file-hashes.json") if cache_dir else None
            loaded_bundle = load_bundle(bundle, hashes)
            problems.extend(check_against_library(loaded_bundle, library, question_ids(library)))
        except InputError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise InputError(problems)
    source = None
    if loaded_profile is not None:
        info = loaded_profile[0].profile
        source = Source(id=info.id, version="-", title=info.title)
    return Setup(library, tailoring, source, loaded_bundle)
