"""The validated library kept between runs, keyed by the content of every file it was built from.

Loading the built-in catalogues, packs and crosswalks (safe YAML with positions, validation,
the checks' own load-time problems such as SQL parsing) costs several tenths of a second; every
command that assesses pays it. A library that loaded without a problem is therefore kept in the
cache folder as a pickle, named by a SHA-256 of the files' paths and bytes, the package version
and a fingerprint of the installed code, and sealed (:mod:`ccc_audit.files.cache_seal`) like
every other cache entry. A later run with the same files serves it only when its seal holds and
only classes of ccc-audit itself are named in it; anything else (corrupt, altered, unreadable,
from another version) is a fault: the library is loaded from the YAML again and the caller
reports a ``cache_unusable`` notice. A cache can cost time, never change a result.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import typing
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import ccc_audit
from ccc_audit.errors import InputError
from ccc_audit.files.cache_seal import matches, seal_bytes, seal_key
from ccc_audit.files.reading import MANIFEST_LIMIT, read_bounded
from ccc_audit.loading.library import Library
from ccc_audit.models.rulepack import RulePack

CACHE_FORMAT = "1"
_PACKAGE = Path(ccc_audit.__file__).resolve().parent
_AGAIN = "the library was loaded again"
_ALLOWED_MODULES = ("ccc_audit.", "datetime", "pathlib", "decimal", "collections")
"""The only modules whose classes an entry may name (defence in depth behind the seal)."""


class RulePackModel(Protocol):
    """What the cache needs from the check registry: the rule-pack model built from the kinds."""

    @property
    def rule_pack(self) -> type[RulePack]:
        """The rule-pack model whose checks are the registered kinds' specs."""
        ...


@cache
def code_fingerprint() -> str:
    """Path, size and modification time of every module of the package: a changed install is a new key."""
    digest = hashlib.sha256()
    for module in sorted(_PACKAGE.rglob("*.py")):
        stat = module.stat()
        digest.update(f"{module}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def library_key(paths: list[Path]) -> str | None:
    """The cache key of the library built from ``paths`` (None when a file cannot be read).

    An unreadable file is never cached around: the loader reads it and reports it, located.
    """
    digest = hashlib.sha256(f"{CACHE_FORMAT}\n{ccc_audit.__version__}\n{sys.version}\n".encode())
    digest.update(code_fingerprint().encode())
    for path in paths:
        try:
            content = read_bounded(path, str(path), "a YAML file", MANIFEST_LIMIT)
        except (OSError, InputError):  # a device, FIFO or oversized file: the loader reports it
            return None
        digest.update(f"\n{path.resolve()}\n{len(content)}\n".encode())
        digest.update(content)
    return digest.hexdigest()


def _entry(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"library-{key}.pickle"


def _dynamic_classes(kinds: RulePackModel) -> dict[str, type[Any]]:
    """The rule and rule-pack models the registry builds at run time (pickled by name, not path)."""
    rule = typing.get_args(kinds.rule_pack.model_fields["rules"].annotation)[0]
    return {"rule_pack": kinds.rule_pack, "rule": rule}


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, classes: dict[str, type[Any]]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.names = {id(cls): name for name, cls in classes.items()}

    def persistent_id(self, obj: Any) -> str | None:
        return self.names.get(id(obj)) if isinstance(obj, type) else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, classes: dict[str, type[Any]]) -> None:
        super().__init__(file)
        self.classes = classes

    def persistent_load(self, pid: Any) -> Any:
        if pid not in self.classes:
            raise pickle.UnpicklingError(f"unknown class {pid!r}")
        return self.classes[pid]

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" or not module.startswith(_ALLOWED_MODULES):
            raise pickle.UnpicklingError(f"{module}.{name} is not a class of ccc-audit")
        return super().find_class(module, name)


def load_cached(cache_dir: Path, key: str, kinds: RulePackModel) -> tuple[Library | None, str | None]:
    """The cached library for ``key``, or None and why not (None, None: simply not cached yet)."""
    entry = _entry(cache_dir, key)
    seal_file = entry.with_name(entry.name + ".seal")
    try:
        data = entry.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"{entry}: cannot be read ({type(exc).__name__}); {_AGAIN}"
    seal = seal_key(cache_dir)
    try:
        expected = seal_file.read_text("ascii").strip()
    except (OSError, ValueError) as exc:
        return None, f"{entry}: its seal cannot be checked ({type(exc).__name__}); {_AGAIN}"
    if seal is None or not matches(expected, seal_bytes(seal, data)):
        return None, f"{entry}: its content does not match the seal written with it; {_AGAIN}"
    try:
        library = _Unpickler(io.BytesIO(data), _dynamic_classes(kinds)).load()
    except Exception as exc:  # any unpickling failure is a fault of the entry, never of the run
        return None, f"{entry}: cannot be read back ({type(exc).__name__}); {_AGAIN}"
    if not isinstance(library, Library):
        return None, f"{entry}: does not hold a library; {_AGAIN}"
    return library, None


def store(cache_dir: Path, key: str, library: Library, kinds: RulePackModel) -> str | None:
    """Keep ``library`` under ``key``, sealed; why it could not be kept (a fault only costs time)."""
    entry = _entry(cache_dir, key)
    seal_file = entry.with_name(entry.name + ".seal")
    partial = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, _dynamic_classes(kinds)).dump(library)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        return f"{entry}: the library cannot be kept ({type(exc).__name__}); the next run loads it again"
    data = buffer.getvalue()
    seal = seal_key(cache_dir)
    if seal is None:
        return f"{cache_dir}: no sealing key can be made; the next run loads the library again"
    try:
        seal_file.unlink(missing_ok=True)  # never a new entry under an old seal, nor the reverse
        partial.write_bytes(data)
        partial.replace(entry)
        seal_file.write_text(seal_bytes(seal, data), "ascii")
    except OSError as exc:
        partial.unlink(missing_ok=True)
        return f"{entry}: cannot be written ({type(exc).__name__}); the next run loads the library again"
    return None
