"""Cold, warm and incremental assessment of a generated bundle, against the DuckDB floor (issue 18).

Usage: python benchmarks/bench_incremental.py BUNDLE [--repeat 3]

BUNDLE is a generated bundle (``ccc-audit generate OUT --seats 5000 --months 12 --seed 7``); it is
edited in place (a document and the coaching records gain a line per round) and restored at the
end. Each round measures, each in a process of its own, one after the other (paired):

  floor     DuckDB reading every record file once (benchmarks/bench_records.py's definition)
  cold      `ccc-audit assess` with every built-in pack, --no-cache: wall, CPU, peak RSS
  warm      the same with a primed cache folder, nothing changed
  document  the same after one document changed
  coaching  the same after the coaching records changed (one row added)

The medians are printed with the load average before each round, and the ratios to compare with
the targets: cold ≤ 1.15 × floor (wall and CPU), peak RSS ≤ 2 GB, warm ≤ 0.08 × cold,
document ≤ 0.1 × cold, coaching ≤ 0.15 × cold.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_records import AS_INSTALLED, FLOOR_SCRIPT, _cli

_FLOOR_CPU = FLOOR_SCRIPT.replace(
    "start = time.perf_counter()", "start, cpu = time.perf_counter(), time.process_time()"
).replace(
    "[time.perf_counter() - start, rows, size]", "[time.perf_counter() - start, time.process_time() - cpu]"
)


def _floor(bundle: Path) -> tuple[float, float]:
    """Wall and CPU seconds for DuckDB to read every record file once, timed inside its own process."""
    out = subprocess.run(
        [sys.executable, "-c", _FLOOR_CPU, str(bundle)], check=True, capture_output=True, text=True
    ).stdout
    wall, cpu = json.loads(out)
    return float(wall), float(cpu)


def _run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of a child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=AS_INSTALLED)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} exited {code}: {error[:800]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bundle: Path = args.bundle
    document = sorted((bundle / "documents").glob("*.md"))[0]
    coaching = bundle / "records" / "coaching.csv"
    saved = {p: p.read_bytes() for p in (document, coaching)}
    last_row = coaching.read_text("utf-8").rstrip("\n").rsplit("\n", 1)[-1]
    cli = _cli()
    figures: dict[str, list[tuple[float, float, float]]] = {}
    try:
        with tempfile.TemporaryDirectory() as work:
            assess = [*cli, "assess", str(bundle), "--as-of", "2026-01-15", "--format", "json", "--out"]
            cache = ["--cache-dir", f"{work}/cache"]
            _run([*cli, "--help"])  # writes the bytecode once, as installing a wheel does
            _run([*assess, f"{work}/prime", *cache])
            for round_ in range(args.repeat):
                print(f"round {round_ + 1}: load average {os.getloadavg()[0]:.2f}", flush=True)
                wall, cpu = _floor(bundle)
                figures.setdefault("floor", []).append((wall, cpu, 0.0))
                figures.setdefault("cold", []).append(_run([*assess, f"{work}/cold", "--no-cache"]))
                figures.setdefault("warm", []).append(_run([*assess, f"{work}/warm", *cache]))
                _append(document, f"\nRevised in round {round_}.\n")
                figures.setdefault("document", []).append(_run([*assess, f"{work}/doc", *cache]))
                # a session of its own: a repeated session id is an error of the records
                _append(coaching, f"BENCH-{round_:03d}{last_row[last_row.index(',') :]}\n")
                figures.setdefault("coaching", []).append(_run([*assess, f"{work}/coaching", *cache]))
                _run([*assess, f"{work}/settle", *cache])  # the next round starts from a warm memo
    finally:
        for path, content in saved.items():
            path.write_bytes(content)
    median = {
        k: (statistics.median(w for w, _, _ in v), statistics.median(c for _, c, _ in v))
        for k, v in figures.items()
    }
    peak = max(r for _, _, r in figures["cold"])
    print(f"{'run':<9} {'wall s':>7} {'CPU s':>7}")
    for name, (wall, cpu) in median.items():
        print(f"{name:<9} {wall:>7.2f} {cpu:>7.2f}")
    cold_wall, cold_cpu = median["cold"]
    floor_wall, floor_cpu = median["floor"]
    print(f"cold ÷ floor: wall {cold_wall / floor_wall:.2f}, CPU {cold_cpu / floor_cpu:.2f} (target ≤ 1.15)")
    print(f"peak RSS of the cold run: {peak:.0f} MiB (target ≤ 2048)")
    for name, target in (("warm", 0.08), ("document", 0.1), ("coaching", 0.15)):
        print(f"{name} ÷ cold: {median[name][0] / cold_wall:.3f} (target ≤ {target})")


if __name__ == "__main__":
    main()
