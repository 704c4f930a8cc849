"""Time ``ccc-audit rfp score`` on a large procurement: 20 vendors x 100 criteria x 5 evaluators.

Usage: python benchmarks/bench_rfp.py [--vendors 20] [--criteria 100] [--evaluators 5]
       [--draws 10000] [--runs 5]

Writes a procurement folder (a rubric of 10 groups of criteria, one of them the price, vendor
responses and score sheets, every score drawn with a fixed seed), then times, in-process, reading
and checking the folder, and scoring it with the one-at-a-time sensitivity, the critical weights
and the Monte Carlo draws; and, as a separate process, the whole command writing every report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ccc_audit.app.procurement import score_procurement
from ccc_audit.rfp.inputs import load_procurement

TARGET_SECONDS = 5.0
GROUPS = 10


def _rubric(criteria: int, draws: int) -> str:
    per_group = criteria // GROUPS
    lines = [
        "schema_version: 1",
        "rubric: {id: bench, version: '1', title: {ja: ベンチマーク, en: Benchmark}}",
        "scale:",
        *(
            f"  - {{score: {s}, label: {{ja: 点{s}, en: s{s}}}, descriptor: {{ja: 点{s}, en: s{s}}}}}"
            for s in range(6)
        ),
        "method:",
        "  tie_breakers: [price]",
        f"  sensitivity: {{step_percent: 10, draws: {draws}, spread_percent: 25, seed: 7}}",
        "criteria:",
    ]
    for g in range(GROUPS):
        lines += [f"  - id: g{g}", f"    title: {{ja: 群{g}, en: group {g}}}", f"    weight: {100 / GROUPS}"]
        lines.append("    children:")
        for c in range(per_group):
            lines += [
                f"      - id: g{g}.c{c}",
                f"        title: {{ja: 項目{c}, en: item {c}}}",
                f"        weight: {100 / per_group}",
                f"        question: {{ja: 質問{c}, en: question {c}}}",
            ]
            if g == 0 and c == 0:
                lines.append("        price: {method: lowest_over_price, currency: JPY}")
    return "\n".join(lines) + "\n"


def _write(root: Path, vendors: int, criteria: int, evaluators: int, draws: int) -> None:
    rng = random.Random(1)
    (root / "vendors").mkdir(parents=True)
    (root / "evaluators").mkdir()
    (root / "rubric.yaml").write_text(_rubric(criteria, draws), encoding="utf-8")
    leaves = [f"g{g}.c{c}" for g in range(GROUPS) for c in range(criteria // GROUPS)]
    for v in range(vendors):
        body = (
            f"schema_version: 1\nvendor: {{id: v{v:02d}, name: Vendor {v}}}\n"
            f"price: {{amount: {rng.randint(80, 140)}000000}}\n"
        )
        (root / "vendors" / f"v{v:02d}.yaml").write_text(body, encoding="utf-8")
    for e in range(evaluators):
        lines = ["schema_version: 1", f"evaluator: {{id: e{e}, name: Evaluator {e}}}", "scores:"]
        for v in range(vendors):
            lines.append(f"  v{v:02d}:")
            lines += [f"    {leaf}: {rng.randint(1, 5)}" for leaf in leaves[1:]]
        (root / "evaluators" / f"e{e}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _cli() -> list[str]:
    found = shutil.which("ccc-audit", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "ccc_audit"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vendors", type=int, default=20)
    parser.add_argument("--criteria", type=int, default=100)
    parser.add_argument("--evaluators", type=int, default=5)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "procurement"
        _write(root, args.vendors, args.criteria, args.evaluators, args.draws)
        loads, scores, commands = [], [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            procurement = load_procurement(root)
            loaded = time.perf_counter()
            result = score_procurement(procurement, dt.date(2026, 1, 1))
            scored = time.perf_counter()
            loads.append(loaded - start)
            scores.append(scored - loaded)
            start = time.perf_counter()
            subprocess.run(
                [*_cli(), "rfp", "score", str(root), "--as-of", "2026-01-01"], check=True, capture_output=True
            )
            commands.append(time.perf_counter() - start)
        carlo = result.sensitivity.monte_carlo if result.sensitivity else None
        print(
            f"{args.vendors} vendors x {args.criteria} criteria x {args.evaluators} evaluators, "
            f"{carlo.draws if carlo else 0:,} Monte Carlo draws, {args.runs} runs (median / best)"
        )
        print(f"  read and check the folder      {statistics.median(loads):6.3f} s / {min(loads):6.3f} s")
        print(f"  score + sensitivity            {statistics.median(scores):6.3f} s / {min(scores):6.3f} s")
        total = [a + b for a, b in zip(loads, scores, strict=True)]
        print(f"  in-process total               {statistics.median(total):6.3f} s / {min(total):6.3f} s")
        print(
            f"  `ccc-audit rfp score` (every report, own process) "
            f"{statistics.median(commands):6.3f} s / {min(commands):6.3f} s"
        )
        verdict = "ok" if statistics.median(commands) <= TARGET_SECONDS else "OVER"
        print(f"  target <= {TARGET_SECONDS:g} s for the whole command: {verdict}")


if __name__ == "__main__":
    main()
