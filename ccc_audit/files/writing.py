"""Write output files atomically: all rendered first, then each moved into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        Path(temp).chmod(0o666 & ~_umask())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_all(directory: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file of an already rendered set; return their paths."""
    written = []
    for name, content in files.items():
        target = directory / name
        write_atomic(target, content)
        written.append(target)
    return written
