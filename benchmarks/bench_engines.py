"""The same assessment on DuckDB and on Spark local mode: wall time, peak memory, Spark plans.

Usage: python benchmarks/bench_engines.py [--seats 1250] [--months 12] [--plans] [--scale 100]

For each scale it generates a bundle (seed 1, no violations) under benchmarks/out/, then runs
`ccc-audit assess --no-cache` with every built-in pack once per engine, each in a process of its
own, and reports the wall time and the peak resident memory of the process tree (the Python
process and, on Spark, its JVM), sampled every 0.2 s. With --plans it then runs the assessment
in-process on Spark, keeps every query the checks sent, and prints for each its Spark physical
plan as for a bundle --scale times larger: joins planned without broadcasting (no table of that
size fits the 10 MB broadcast threshold), its shuffles (Exchange nodes), and the file-scan
partitions Spark would plan (CSV size × scale ÷ spark.sql.files.maxPartitionBytes, 128 MiB).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import re
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any
from unittest import mock

from bench_records import AS_INSTALLED, _cli, _generate

PARTITION_BYTES = 128 * 1024 * 1024


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its descendants (Linux /proc)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(found[1]) * 1024 if found else 0
        pending.extend(int(c) for c in children)
    return total


def _run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of a command's process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=AS_INSTALLED)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.2)
    elapsed = time.perf_counter() - start
    if process.returncode not in (0, 1):
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}: {error[-800:]}")
    return elapsed, peak / 2**20


def _as_of(bundle: Path) -> str:
    import yaml

    manifest = yaml.safe_load((bundle / "bundle.yaml").read_text("utf-8"))
    return str(manifest["audit_period"]["end"] + dt.timedelta(days=15))


def _engines(bundle: Path, out: Path) -> dict[str, tuple[float, float]]:
    figures = {}
    for engine in ("duckdb", "spark"):
        command = [*_cli(), "assess", str(bundle), "--as-of", _as_of(bundle), "--no-cache"]
        command += ["--engine", engine, "--format", "json", "--out", str(out / engine)]
        figures[engine] = _run(command)
    return figures


def _plans(bundle: Path, scale: int) -> list[dict[str, Any]]:
    """Every query of a Spark run with its shuffles and, at ``scale`` × the data, its scan partitions."""
    from ccc_audit.app.assess import AssessOptions, assess
    from ccc_audit.spark import engine as spark_engine

    seen: list[tuple[str, str]] = []
    original = spark_engine.SparkSqlEngine.query

    def recording(self: spark_engine.SparkSqlEngine, sql: str, parameters: list[Any] | None = None) -> Any:
        rows = original(self, sql, parameters)
        translated = self.spark_sql(sql, parameters)
        self.session.conf.set("spark.sql.autoBroadcastJoinThreshold", "-1")  # tables too big to broadcast
        plan = self.session.sql(f"EXPLAIN FORMATTED {translated}").collect()[0][0]
        self.session.conf.set("spark.sql.autoBroadcastJoinThreshold", "10485760")
        seen.append((translated, str(plan)))
        return rows

    with mock.patch.object(spark_engine.SparkSqlEngine, "query", recording):
        assess(AssessOptions(bundle, dt.date.fromisoformat(_as_of(bundle)), engine="spark"))
    sizes = {p.stem: p.stat().st_size for p in (bundle / "records").glob("*.csv")}
    results = []
    for translated, plan in seen:
        tables = sorted({t for t in sizes if re.search(rf"\b{t}\b", translated)})
        scanned = sum(sizes[t] for t in tables) * scale
        results.append(
            {
                "sql": translated[:120],
                "tables": tables,
                "shuffles": len(re.findall(r"^\(\d+\) Exchange$", plan, re.MULTILINE)),
                "broadcasts": len(re.findall(r"^\(\d+\) BroadcastExchange$", plan, re.MULTILINE)),
                "partitions_at_scale": sum(_partitions(sizes[t] * scale) for t in tables),
                "bytes_at_scale": scanned,
            }
        )
    return results


def _partitions(size: int) -> int:
    return max(1, math.ceil(size / PARTITION_BYTES))


def main() -> None:
    """Measure both engines at each scale and, with --plans, the Spark plans."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seats", default="1250")
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--plans", action="store_true")
    parser.add_argument("--plan-seats", type=int, default=50, help="bundle whose plans are shown")
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()
    out = Path(__file__).resolve().parent / "out" / "engines"
    print("| seats | engine | wall s | peak RSS MiB (process tree) |")
    print("| ---: | --- | ---: | ---: |")
    for seats in (int(s) for s in args.seats.split(",") if s):
        bundle = _generate(seats, args.months)
        for engine, (wall, rss) in _engines(bundle, out / str(seats)).items():
            print(f"| {seats:,} | {engine} | {wall:.1f} | {rss:,.0f} |", flush=True)
    if args.plans:
        bundle = _generate(args.plan_seats, args.months)
        plans = _plans(bundle, args.scale)
        shuffles = Counter(p["shuffles"] for p in plans)
        print(f"\n{len(plans)} queries; shuffles per query: {dict(sorted(shuffles.items()))}")
        print(f"at {args.scale}× the {args.plan_seats}-seat bundle:")
        print("| shuffles | broadcasts | scan partitions | GB scanned | query |")
        print("| ---: | ---: | ---: | ---: | --- |")
        for p in sorted(plans, key=lambda p: (-p["shuffles"], -p["bytes_at_scale"]))[:25]:
            sql = p["sql"].replace("|", "\\|")
            print(
                f"| {p['shuffles']} | {p['broadcasts']} | {p['partitions_at_scale']} "
                f"| {p['bytes_at_scale'] / 1e9:.1f} | `{sql}` |"
            )


if __name__ == "__main__":
    main()
