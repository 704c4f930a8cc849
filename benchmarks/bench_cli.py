"""Time ``ccc-audit --help`` and the demo assessment as a user runs them (separate processes).

Usage: python benchmarks/bench_cli.py [--runs N]
Prints the best and median wall time of each command over N runs (default 7).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"help": 0.3, "demo": 2.0}


def _cli() -> list[str]:
    found = shutil.which("ccc-audit", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "ccc_audit"]


def _time(command: list[str], ok_codes: tuple[int, ...]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok_codes:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[:500]}")
    return elapsed


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
        print(f"{'command':<8} {'best s':>8} {'median s':>9} {'target s':>9}  verdict")
        for name, (command, codes) in commands.items():
            times = [_time(command, codes) for _ in range(runs)]
            best, median = min(times), statistics.median(times)
            verdict = "ok" if median <= TARGETS[name] else "OVER TARGET"
            print(f"{name:<8} {best:>8.3f} {median:>9.3f} {TARGETS[name]:>9.1f}  {verdict}")


if __name__ == "__main__":
    main()
