"""Time ``ccc-audit --help``, its imports and the demo assessment as a user runs them (separate processes).

Usage: python benchmarks/bench_cli.py [--runs N] [--against CHECKOUT]
Prints the best and median wall time and the median CPU time (user + system) of each command over
N runs (default 7), and the import time of ``ccc-audit --help`` as ``python -X importtime`` reports
it: every import after the interpreter's own start-up (``site``), summed. Compiled modules
(``.pyc``) are written by a first run, as for any installed user, even when
PYTHONDONTWRITEBYTECODE is set in the environment.

With ``--against CHECKOUT`` (another source tree of ccc-audit, e.g. ``git worktree add /tmp/old
main``) every run is paired: the other tree's code (through PYTHONPATH) and this one's run back
to back, so that the load of a shared machine weighs on both alike; both rows are printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"imports": 0.06, "help": 0.3, "demo": 1.5}
_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}


def _cli() -> list[str]:
    found = shutil.which("ccc-audit", path=str(Path(sys.executable).parent))
    return [sys.executable, found] if found else [sys.executable, "-m", "ccc_audit"]


def _env(checkout: Path | None) -> dict[str, str]:
    """The environment of a run: this checkout's code, or (through PYTHONPATH) another's."""
    return _ENV if checkout is None else {**_ENV, "PYTHONPATH": str(checkout)}


def _time(command: list[str], ok_codes: tuple[int, ...], checkout: Path | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=_env(checkout))
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok_codes:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[:500]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def import_seconds(command: list[str], checkout: Path | None = None) -> float:
    """Import time of ``command`` after the interpreter's start-up (top-level imports after ``site``)."""
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        capture_output=True,
        text=True,
        check=True,
        env=_env(checkout),
    )
    total, started = 0, False
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if name.startswith("  ") or not cumulative.strip().isdigit():
            continue  # imported by another module, or the heading
        if started:
            total += int(cumulative)
        started = started or name.strip() == "site"
    return total / 1e6


def _row(name: str, label: str, walls: list[float], cpus: list[float] | None) -> str:
    median = statistics.median(walls)
    cpu = f"{statistics.median(cpus):>7.3f}" if cpus else f"{'':>7}"
    verdict = "ok" if median <= TARGETS[name] else "OVER TARGET"
    return f"{label:<8} {min(walls):>8.3f} {median:>9.3f} {cpu} {TARGETS[name]:>9.2f}  {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--against", type=Path, metavar="CHECKOUT", help="pair every run with this tree's code"
    )
    arguments = parser.parse_args()
    runs = arguments.runs
    checkouts: list[Path | None] = [arguments.against.resolve(), None] if arguments.against else [None]
    cli = _cli()
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "help": ([*cli, "--help"], (0,)),
            "demo": ([*cli, "demo", "--out", out], (1,)),
        }
        for checkout in checkouts:
            for command, codes in commands.values():
                _time(command, codes, checkout)  # writes the .pyc files and fills the cache folder
        print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs), {runs} runs each")
        if arguments.against:
            print(f"each run paired: first {arguments.against} (PYTHONPATH), then this checkout")
        print(f"{'command':<8} {'best s':>8} {'median s':>9} {'CPU s':>7} {'target s':>9}  verdict")
        imports: dict[Path | None, list[float]] = {c: [] for c in checkouts}
        for _ in range(runs):
            for checkout in checkouts:
                imports[checkout].append(import_seconds([*cli, "--help"], checkout))
        for checkout in reversed(checkouts):  # this checkout's row, then the other's
            print(_row("imports", "imports" if checkout is None else "  against", imports[checkout], None))
        for name, (command, codes) in commands.items():
            samples: dict[Path | None, list[tuple[float, float]]] = {c: [] for c in checkouts}
            for _ in range(runs):
                for checkout in checkouts:
                    samples[checkout].append(_time(command, codes, checkout))
            for checkout in reversed(checkouts):
                walls, cpus = [w for w, _ in samples[checkout]], [c for _, c in samples[checkout]]
                print(_row(name, name if checkout is None else "  against", walls, cpus))
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
