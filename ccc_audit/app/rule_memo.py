"""The rule memo on disk: one sealed JSON file per bundle folder in the cache folder.

The engine decides what a remembered result may be used for (:mod:`ccc_audit.engine.memo`);
this module only reads the last run's entries and writes this run's, sealed like every cache
entry (:mod:`ccc_audit.files.cache_seal`). A file whose seal does not hold, or that cannot be
read, is not used: every rule runs, and the run says so in a ``cache_unusable`` notice.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ccc_audit.engine.memo import FORMAT, RuleMemo
from ccc_audit.files.cache_seal import matches, seal_bytes, seal_key

_AGAIN = "every rule was run"


def memo_file(cache_dir: Path, bundle_root: Path) -> Path:
    """Where the memo of ``bundle_root`` is kept."""
    name = hashlib.sha256(str(bundle_root.resolve()).encode("utf-8")).hexdigest()[:32]
    return cache_dir / "rules" / f"{name}.json"


def load_memo(cache_dir: Path, bundle_root: Path) -> tuple[RuleMemo, str | None]:
    """The last run's memo (empty when there is none or it cannot be used) and why not, if so."""
    path = memo_file(cache_dir, bundle_root)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return RuleMemo(), None
    except OSError as exc:
        return RuleMemo(), f"{path}: cannot be read ({type(exc).__name__}); {_AGAIN}"
    key = seal_key(cache_dir)
    try:
        expected = path.with_name(path.name + ".seal").read_text("ascii").strip()
    except (OSError, ValueError) as exc:
        return RuleMemo(), f"{path}: its seal cannot be checked ({type(exc).__name__}); {_AGAIN}"
    if key is None or not matches(expected, seal_bytes(key, data)):
        return RuleMemo(), f"{path}: its content does not match the seal written with it; {_AGAIN}"
    try:
        loaded = json.loads(data)
        if loaded.get("format") != FORMAT:
            return RuleMemo(), None  # another version's memo: simply not used
        return RuleMemo(
            rules=dict(loaded["rules"]), records=dict(loaded["records"]), scope=dict(loaded["scope"])
        ), None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return RuleMemo(), f"{path}: cannot be read back ({type(exc).__name__}); {_AGAIN}"


def save_memo(cache_dir: Path, bundle_root: Path, memo: RuleMemo) -> str | None:
    """Keep this run's entries for the next run; why they could not be kept (it only costs time)."""
    if not memo.fresh:
        return None
    path = memo_file(cache_dir, bundle_root)
    seal = path.with_name(path.name + ".seal")
    key = seal_key(cache_dir)
    if key is None:
        return f"{cache_dir}: no sealing key can be made; the next run runs every rule"
    data = json.dumps({"format": FORMAT, **memo.fresh}, ensure_ascii=False).encode("utf-8")  # recency order
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        seal.unlink(missing_ok=True)  # never new entries under an old seal, nor the reverse
        partial.write_bytes(data)
        partial.replace(path)
        seal.write_text(seal_bytes(key, data), "ascii")
    except OSError as exc:
        partial.unlink(missing_ok=True)
        return f"{path}: cannot be written ({type(exc).__name__}); the next run runs every rule"
    return None
