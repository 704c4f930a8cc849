"""Time ``ccc-audit check demo/bundle --profile ci-completeness`` as CI runs it (separate processes).

Usage: python benchmarks/bench_check.py [--runs N]
Prints the best and median wall time over N runs (default 7) of the check with the parsed-records
cache warm (the second and later runs of a CI job that keeps its cache) and cold (--no-cache,
a fresh CI machine), the median CPU time (user + system, less sensitive to other load on a
shared machine), and compares the median wall time with the 0.6 s target.
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

TARGET_S = 0.6
DEMO = Path(__file__).resolve().parents[1] / "demo" / "bundle"
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _cli() -> list[str]:
    found = shutil.which("ccc-audit", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "ccc_audit"]


def _time(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=_ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[:500]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as cache:
        base = [*_cli(), "check", str(DEMO), "--profile", "ci-completeness", "--as-of", "2026-01-15"]
        commands = {
            "warm cache": [*base, "--cache-dir", cache],
            "no cache": [*base, "--no-cache"],
        }
        _time(commands["warm cache"])  # fills the cache
        print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs), {runs} runs each")
        heading = f"{'check (demo, ci-completeness)':<30} {'best s':>7} {'median s':>9} {'CPU s':>7}"
        print(f"{heading} {'target s':>9}  verdict")
        for name, command in commands.items():
            samples = [_time(command) for _ in range(runs)]
            walls = [wall for wall, _ in samples]
            best, median = min(walls), statistics.median(walls)
            cpu = statistics.median(c for _, c in samples)
            verdict = "ok" if median <= TARGET_S else "OVER TARGET"
            print(f"{name:<30} {best:>7.3f} {median:>9.3f} {cpu:>7.3f} {TARGET_S:>9.1f}  {verdict}")
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
