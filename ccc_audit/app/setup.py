"""Assemble everything one run needs from command-line choices."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ccc_audit.checks.attestation import AttestationCheckSpec
from ccc_audit.checks.registry import REGISTRY
from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.loading.bundle import LoadedBundle, check_against_library, load_bundle
from ccc_audit.loading.bundle_paths import HashCache
from ccc_audit.loading.crosswalk import load_crosswalks
from ccc_audit.loading.library import Library, load_library
from ccc_audit.loading.library_cache import library_key, load_cached, store
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
    cache_faults: list[str] = field(default_factory=list)
    """Cache entries that could not be used or kept this run (each only cost time)."""


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


@dataclass
class _Validated:
    """The library with its crosswalks, the crosswalks' problems, and the cache's faults."""

    library: Library
    problems: list[Diagnostic]
    faults: list[str]


def _load(catalogues: list[Path], packs: list[Path]) -> tuple[Library, list[Diagnostic]]:
    library = load_library(catalogues, packs, REGISTRY)
    try:
        assessable = {ref: entry.node.assessable for ref, entry in library.nodes.items()}
        loaded_ids = {c.model.standard.id for c in library.catalogues}
        library.crosswalks = load_crosswalks(builtin_crosswalks(), assessable, loaded_ids)
    except InputError as exc:
        return library, exc.diagnostics
    return library, []


_LOADED: dict[tuple[tuple[Stamp, ...], tuple[Stamp, ...]], _Validated] = {}
"""Libraries loaded by this process, by the files they came from (unchanged on disk)."""


def _library(catalogues: tuple[Stamp, ...], packs: tuple[Stamp, ...], cache_dir: Path | None) -> _Validated:
    """The validated library, loaded once per process for the same files (unchanged on disk).

    With a cache folder it is also kept between runs, keyed by the files' content
    (:mod:`ccc_audit.loading.library_cache`); only a library loaded without a problem is kept.
    """
    if (catalogues, packs) in _LOADED:
        return _LOADED[catalogues, packs]
    catalogue_paths, pack_paths = [c[0] for c in catalogues], [p[0] for p in packs]
    key = library_key([*catalogue_paths, *pack_paths, *builtin_crosswalks()]) if cache_dir else None
    faults: list[str] = []
    validated = None
    if cache_dir is not None and key is not None:
        cached, fault = load_cached(cache_dir, key, REGISTRY)
        validated = _Validated(cached, [], []) if cached is not None else None
        faults.extend([fault] if fault else [])
    if validated is None:
        library, problems = _load(catalogue_paths, pack_paths)
        if cache_dir is not None and key is not None and not problems:
            fault = store(cache_dir, key, library, REGISTRY)
            faults.extend([fault] if fault else [])
        validated = _Validated(library, problems, [])
    if len(_LOADED) >= 8:
        _LOADED.pop(next(iter(_LOADED)))
    _LOADED[catalogues, packs] = validated
    return _Validated(validated.library, validated.problems, faults)


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
    validated = _library(
        tuple(_stamp(p) for p in catalogue_paths), tuple(_stamp(p) for p in pack_paths), cache_dir
    )
    library = validated.library
    problems: list[Diagnostic] = list(validated.problems)
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
    return Setup(library, tailoring, source, loaded_bundle, list(validated.faults))
