"""Time ``ccc-audit --help``, its imports and the demo assessment as a user runs them (separate processes).

Usage: python benchmarks/bench_cli.py [--runs N]
Prints the best and median wall time and the median CPU time (user + system) of each command over
N runs (default 7), and the import time of ``ccc-audit --help`` as ``python -X importtime`` reports
it: every import after the interpreter's own start-up (``site``), summed. Compiled modules
(``.pyc``) are written by a first run, as for any installed user, even when
PYTHONDONTWRITEBYTECODE is set in the environment.
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
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _cli() -> list[str]:
    found = shutil.which("ccc-audit", path=str(Path(sys.executable).parent))
    return [sys.executable, found] if found else [sys.executable, "-m", "ccc_audit"]


def _time(command: list[str], ok_codes: tuple[int, ...]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=_ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok_codes:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[:500]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def import_seconds(command: list[str]) -> float:
    """Import time of ``command`` after the interpreter's start-up (top-level imports after ``site``)."""
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]], capture_output=True, text=True, check=True, env=_ENV
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    cli = _cli()
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "help": ([*cli, "--help"], (0,)),
            "demo": ([*cli, "demo", "--out", out], (1,)),
        }
        for command, codes in commands.values():
            _time(command, codes)  # writes the .pyc files and fills the cache folder
        print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs), {runs} runs each")
        print(f"{'command':<8} {'best s':>8} {'median s':>9} {'CPU s':>7} {'target s':>9}  verdict")
        imports = [import_seconds([*cli, "--help"]) for _ in range(runs)]
        median = statistics.median(imports)
        verdict = "ok" if median <= TARGETS["imports"] else "OVER TARGET"
        target = TARGETS["imports"]
        print(f"{'imports':<8} {min(imports):>8.3f} {median:>9.3f} {'':>7} {target:>9.2f}  {verdict}")
        for name, (command, codes) in commands.items():
            samples = [_time(command, codes) for _ in range(runs)]
            walls = [wall for wall, _ in samples]
            best, median = min(walls), statistics.median(walls)
            cpu = statistics.median(c for _, c in samples)
            verdict = "ok" if median <= TARGETS[name] else "OVER TARGET"
            print(f"{name:<8} {best:>8.3f} {median:>9.3f} {cpu:>7.3f} {TARGETS[name]:>9.2f}  {verdict}")
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
