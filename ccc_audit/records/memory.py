"""How much memory DuckDB may use before it spills to its scratch folder: sized from the machine.

By default 60 % of the memory available when the run starts (``MemAvailable`` in
``/proc/meminfo``, capped by the cgroup's ``memory.max`` when a container sets one), never less
than 256 MB; where neither can be read, 1,700 MB (a process that stays within 2 GB).
``$CCC_AUDIT_MEMORY_LIMIT`` overrides it: a size (``3GB``, ``1500MB``, ``800MiB``) or a share of
the available memory (``40%``). A bad value is an input error naming the variable.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError

ENV = "CCC_AUDIT_MEMORY_LIMIT"
DEFAULT_SHARE = 0.6
FALLBACK_MB = 1700
FLOOR_MB = 256
_UNITS = {"": 1, "B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "TB": 1000**4}
_UNITS |= {"KIB": 1024, "MIB": 1024**2, "GIB": 1024**3, "TIB": 1024**4}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$")
_SHARE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


def available_bytes(
    meminfo: Path = Path("/proc/meminfo"), cgroup: Path = Path("/sys/fs/cgroup")
) -> int | None:
    """Memory available to this process now, in bytes, or None when the system does not say."""
    available = None
    try:
        for line in meminfo.read_text("ascii").splitlines():
            if line.startswith("MemAvailable:"):
                available = int(line.split()[1]) * 1024
                break
    except (OSError, ValueError, IndexError):
        available = None
    try:
        limit = (cgroup / "memory.max").read_text("ascii").strip()
        usage = (cgroup / "memory.current").read_text("ascii").strip()
        if limit != "max":
            room = max(int(limit) - int(usage), 0)
            available = room if available is None else min(available, room)
    except (OSError, ValueError):
        pass
    return available


def _bad(value: str) -> InputError:
    return InputError(
        [
            Diagnostic(
                ENV,
                0,
                0,
                f"{value!r} is not a memory limit (expected a size such as 3GB, 1500MB or 800MiB, "
                "or a share of the available memory such as 40%)",
            )
        ]
    )


def memory_limit(environ: dict[str, str] | None = None, available: int | None = None) -> str:
    """DuckDB's ``memory_limit`` for this run, in MB (see the module's docstring)."""
    env = os.environ if environ is None else environ
    value = env.get(ENV, "").strip()
    room = available_bytes() if available is None else available
    share = DEFAULT_SHARE
    if value:
        if match := _SHARE.match(value):
            share = float(match.group(1)) / 100
            if not 0 < share <= 1:
                raise _bad(value)
        elif match := _SIZE.match(value):
            unit = match.group(2).upper()
            if unit not in _UNITS:
                raise _bad(value)
            megabytes = int(float(match.group(1)) * _UNITS[unit] // 1000**2)
            if megabytes < 1:
                raise _bad(value)
            return f"{megabytes}MB"
        else:
            raise _bad(value)
    if room is None:
        return f"{FALLBACK_MB}MB"
    return f"{max(int(room * share // 1000**2), FLOOR_MB)}MB"
