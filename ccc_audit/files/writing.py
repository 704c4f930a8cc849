"""Write output files atomically: one file by a rename, a set of files all or nothing.

A set (the reports of one run) is written in full into a hidden staging folder next to the
target first; only when every file is there are they moved in, by renames within one file
system, which need no space and cannot leave a half-written file. A full disk, a read-only
folder or an interruption therefore leaves the earlier set as it was. Files in the target
folder that the new set does not contain (a register someone keeps there) are left alone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _write_file(path: Path, content: bytes) -> None:
    with path.open("xb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())
    path.chmod(0o666 & ~_umask())


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp).chmod(0o666 & ~_umask())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def copy_atomic(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through a synced temporary file and a rename.

    A kill or a full disk mid-copy leaves ``target`` as it was (never empty or half written).
    """
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream, source.open("rb") as original:
            shutil.copyfileobj(original, stream)
            stream.flush()
            os.fsync(stream.fileno())
        shutil.copystat(source, temp)
        Path(temp).replace(target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def check_output_folder(directory: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse an output folder that is a file, cannot be named, or lies in an input folder.

    Checked before any work, so a bad ``--out`` costs no assessment. A folder inside one of
    ``inputs`` (the bundle) is refused: a report could overwrite a record file.
    """
    shown = str(directory)
    try:
        if directory.exists() and not directory.is_dir():
            raise InputError(
                [Diagnostic(shown, 0, 0, "exists and is not a folder; --out names the output folder")]
            )
        target = directory.resolve()
    except (OSError, ValueError) as exc:
        raise InputError(
            [Diagnostic(shown, 0, 0, f"cannot be used as the output folder: {_reason(exc)}")]
        ) from None
    for source in inputs:
        try:
            folder = source.resolve()
        except (OSError, ValueError):
            continue
        folder = folder.parent if folder.is_file() else folder
        if target == folder or folder in target.parents:
            raise InputError(
                [
                    Diagnostic(
                        shown,
                        0,
                        0,
                        f"is inside the bundle folder {source}; reports written there could overwrite "
                        "evidence. Choose an output folder outside the bundle",
                    )
                ]
            )


def write_all(directory: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file of an already rendered set, all or none; return their paths.

    An OSError (disk full, read-only folder, bad name) is an InputError naming the folder;
    the folder is then as it was before.
    """
    check_output_folder(directory)
    staging: Path | None = None
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=directory.parent, prefix=f".{directory.name}.", suffix=".new"))
        for name, content in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            _write_file(staging / name, content)
        if not directory.exists():
            staging.chmod(0o777 & ~_umask())
            staging.rename(directory)
            staging = None
        else:
            for name in files:
                (directory / name).parent.mkdir(parents=True, exist_ok=True)
                (staging / name).replace(directory / name)
    except (OSError, ValueError) as exc:
        raise InputError(
            [
                Diagnostic(
                    str(directory),
                    0,
                    0,
                    f"cannot write the output files: {_reason(exc)}; nothing was changed",
                )
            ]
        ) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return [directory / name for name in files]
