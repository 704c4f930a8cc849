"""The progress printed by ``ccc-audit diff``."""

from __future__ import annotations

from ccc_audit.i18n.labels import label
from ccc_audit.results.comparison import Change, Comparison


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def progress_lines(progress: Comparison, lang: str) -> list[str]:
    """Counts per change, conformity per standard and category, then every changed finding."""
    lines = [f"{label('progress', lang)}: {progress.old_as_of} -> {progress.new_as_of}"]
    if not progress.same_basis:
        lines.append(label("progress.other_basis", lang))
    lines.append(", ".join(f"{label('change.' + c.value, lang)} {progress.count(c)}" for c in Change))
    lines.append("")
    lines.append(f"{label('standard', lang)} / {label('category', lang)}: {label('compliance_rate', lang)}")
    for roll in progress.rollups:
        if not (roll.old_assessed or roll.new_assessed):
            continue
        indent = "  " if ":" in roll.ref else ""
        points = ""
        if roll.points_available:
            old = "-" if roll.old_points is None else f"{roll.old_points:.0f}"
            new = "-" if roll.new_points is None else f"{roll.new_points:.0f}"
            points = f"  {label('points', lang)} {old} -> {new} / {roll.points_available}"
        lines.append(
            f"{indent}{roll.ref:<18} {_rate(roll.old_rate):>5} -> {_rate(roll.new_rate):>5}"
            f" ({roll.old_compliant}/{roll.old_assessed} -> {roll.new_compliant}/{roll.new_assessed}){points}"
        )
    changed = [f for f in progress.findings if f.change is not Change.UNCHANGED]
    if changed:
        lines.append("")
    for finding in changed:
        grades = f"{finding.old_grade or '-'} -> {finding.new_grade or '-'}"
        lines.append(
            f"{label('change.' + finding.change.value, lang):<10} {finding.id} {grades:<24} {finding.rule_id}"
        )
    return lines
