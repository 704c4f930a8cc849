"""The summary table printed at the end of an assessment."""

from __future__ import annotations

from collections import Counter

from ccc_audit.cli.columns import left, right, width
from ccc_audit.i18n.labels import label
from ccc_audit.models.result import AssessmentResult, Conformity
from ccc_audit.reporters.base import limitations

_SHORT = {
    Conformity.COMPLIANT: ("適合", "compliant"),
    Conformity.PARTIALLY_COMPLIANT: ("一部", "partial"),
    Conformity.NON_COMPLIANT: ("不適合", "non-compl."),
    Conformity.NOT_APPLICABLE: ("該当なし", "n/a"),
    Conformity.NOT_ASSESSED: ("未評価", "not assessed"),
}


def summary_lines(result: AssessmentResult, lang: str) -> list[str]:
    """Lines of the per-standard table and the count of findings by grade."""
    pick = 0 if lang == "ja" else 1
    head = (
        left(label("standard", lang), 16)
        + "".join(right(_SHORT[c][pick], 13) for c in Conformity)
        + right(label("points", lang), 14)
    )
    lines = [head, "-" * width(head)]
    out_of_scope: list[str] = []
    for roll in result.rollups:
        if ":" in roll.ref:
            continue
        if roll.counts[Conformity.NOT_APPLICABLE] == sum(roll.counts.values()):
            out_of_scope.append(roll.ref)  # e.g. the client standard for a contact centre
            continue
        points = f"{roll.points_earned:.0f}/{roll.points_available}" if roll.points_available else "-"
        lines.append(
            f"{roll.ref:<16}" + "".join(f"{roll.counts[c]:>13}" for c in Conformity) + f"{points:>14}"
        )
    if out_of_scope:
        lines.append(f"({label('not_applicable_standards', lang)}: {', '.join(out_of_scope)})")
    grades = Counter(f.grade.value for f in result.findings if not f.waived)
    waived = sum(1 for f in result.findings if f.waived)
    parts = [f"{label('grade.' + g, lang)} {grades[g]}" for g in ("major", "minor", "observation")]
    lines.append(f"{label('findings', lang)}: " + ", ".join(parts) + f" ({label('waived', lang)} {waived})")
    undecided = limitations(result)
    if undecided:
        lines.append(f"{label('limitations', lang)}: {len(undecided)}")
    lines.extend(f"! {n.message.get(lang)}" for n in result.notices)
    for p in result.parameters:
        if p.deviation:
            what = "逸脱" if lang == "ja" else "deviation"
            setting = f"{p.pack_id}.{p.name} = {p.value} (floor {p.floor})"
            lines.append(f"! {what}: {setting}: {p.deviation.get(lang)}")
    return lines
