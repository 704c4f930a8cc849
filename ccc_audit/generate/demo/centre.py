"""The centre's bundle: records, documents and manifest, and the summary of its planted gaps."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ccc_audit.generate.demo.catalogue import build_documents
from ccc_audit.generate.demo.contacts import SL_MISS
from ccc_audit.generate.demo.dates import stamp
from ccc_audit.generate.demo.engagement import LOGO_PATH, LOGO_SVG
from ccc_audit.generate.demo.kpis import ATTRITION_SPIKE
from ccc_audit.generate.demo.manifest import manifest
from ccc_audit.generate.demo.records import Records, build_records, header, record_files, write, write_records
from ccc_audit.generate.demo.support import LATE_INCIDENT, STALE_CONTENT
from ccc_audit.generate.demo.surveys import SURVEY_OUTAGE
from ccc_audit.generate.demo.world import CALIBRATION_GAP_QUARTER, YEAR
from ccc_audit.models.records import RecordType


def planted_gaps(records: Records) -> list[str]:
    """Return one line per planted gap, as printed after generation."""
    roster = records.roster
    gaps = [
        f"monitoring gap: {sid} has no evaluation in {YEAR}-{m:02d}"
        for sid, m in roster.monitoring_gaps.items()
    ]
    gaps += [f"competence gap: {sid} has no annual review" for sid in roster.competence_gaps]
    gaps.append(
        f"calibration gap: {records.calibration_gap} has no session in {YEAR}-Q{CALIBRATION_GAP_QUARTER}"
    )
    gaps.append(f"coaching gap: failed evaluation {records.coaching_gaps.late} coached after 10+ days")
    gaps.append(f"coaching gap: failed evaluation {records.coaching_gaps.missing} never coached")
    gaps.append(f"re-verification gap: {records.reverification_gap} has no annual re-verification")
    legal = next(r for r in records.complaints if r[5] == "yes" and not r[7])
    gaps.append(f"complaint gap: {legal[0]} (legal violation alleged, received {legal[1]}) is unresolved")
    program, quarter = SURVEY_OUTAGE
    row = next(r for r in records.kpis if r[:3] == ["csat", f"{YEAR}-Q{quarter}", program])
    gaps.append(
        f"sample gap: csat {YEAR}-Q{quarter} {program} has {row[6]} responses (margin ±{float(row[8]):.1%})"
    )
    stale = next(r for r in records.content if r[1] == STALE_CONTENT[1])
    gaps.append(f"content gap: {stale[0]} ({stale[1]}) last reviewed {stale[3]}")
    late = next(r for r in records.incidents if r[1] == LATE_INCIDENT[0] and r[3] == stamp(LATE_INCIDENT[2]))
    gaps.append(f"incident gap: {late[0]} (severity {late[2]}) resolved after its {late[5]}-hour target")
    dial = next(r for r in records.outbound if r[6] == "no")
    gaps.append(f"outbound gap: {dial[0]} dialled at {dial[2]}, outside permitted hours")
    gaps.append(f"service level gap: {SL_MISS[0]} voice misses its target in {YEAR}-{SL_MISS[1]:02d}")
    gaps.append(f"attrition gap: {ATTRITION_SPIKE[0]} above target in {YEAR}-Q{ATTRITION_SPIKE[1]}")
    return gaps


def generate(output: Path, record_types: Mapping[str, RecordType]) -> list[str]:
    """Generate the bundle into ``output``; return a summary of the planted gaps."""
    records = build_records()
    documents = build_documents(records)

    for folder, suffix in (("documents", ".md"), ("records", ".csv")):
        target = output / folder
        if target.is_dir():
            for stale in sorted(target.glob(f"*{suffix}")):
                stale.unlink()

    files = record_files(records)
    for name, rows in files.items():
        write_records(output / "records" / f"{name}.csv", header(record_types, name), rows)
    for doc in documents:
        write(output / doc.path, doc.markdown())
    write(output / LOGO_PATH, LOGO_SVG)
    write(output / "bundle.yaml", manifest(documents, list(files)))
    return planted_gaps(records)
