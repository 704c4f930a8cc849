"""The ``check`` command's plain-text verdict: one located line per finding, then the result."""

from __future__ import annotations

from collections import Counter

from ccc_audit.i18n.labels import label
from ccc_audit.models.result import Outcome
from ccc_audit.reporters.base import Report, checks_message, line_of, rule_line
from ccc_audit.results.exit_codes import ExitCode, exit_code_for
from ccc_audit.results.verdict import FindingStatus
from ccc_audit.safe_text import strip_bidi


def one_line(text: str) -> str:
    """Text on a single line, without bidi controls that would reorder what a terminal shows."""
    return " ".join(strip_bidi(text).split())


def _grade(grade: str, lang: str) -> str:
    """A grade as the text verdict shows it: the code in English, the word in Japanese."""
    return label(f"grade.{grade}", lang) if lang == "ja" else grade


def _finding_line(report: Report, status: FindingStatus, lang: str) -> str:
    finding = status.finding
    tags = [label(f"gate.change.{status.change.value}", lang)] if report.verdict.has_baseline else []
    if status.why_not:
        tags.append(label(f"gate.why.{status.why_not}", lang))
    shown = f" [{', '.join(tags)}]" if tags else ""
    return (
        f"  {report.manifest}:{line_of(finding.evidence)}: {_grade(finding.grade.value, lang)} {finding.id} "
        f"{finding.rule_id}{shown}: {one_line(finding.statement.nonconformity.get(lang))}"
    )


class TextReporter:
    """Writes ``check.txt``: what a person reads in a CI log."""

    name = "text"

    def filename(self, _lang: str) -> str:
        """Language-independent file name."""
        return "check.txt"

    def render(self, report: Report, lang: str) -> bytes:
        """Heading, rule counts, findings that fail and that do not, errors, waivers, result."""
        verdict, result = report.verdict, report.result
        profile = result.profile.id if result.profile else label("none", lang)
        baseline = label("gate.with_baseline", lang) if verdict.has_baseline else ""
        fail_on = label(f"gate.fail_on.{verdict.fail_on.value}", lang)
        counts = Counter(rule.outcome for rule in result.rules)
        listed = ", ".join(f"{counts[o]} {label(f'outcome.{o.value}', lang)}" for o in Outcome if counts[o])
        lines = [
            label("gate.heading", lang).format(org=result.scope.organisation, as_of=result.as_of),
            label("gate.settings", lang).format(profile=profile, fail_on=fail_on, baseline=baseline),
            label("gate.rules", lang).format(n=len(result.rules), counts=listed),
        ]
        if any(rule.reason == "records_present" for rule in result.rules):
            lines.append(label("gate.records_skipped", lang))
        sections: list[tuple[str, list[str]]] = [
            ("gate.blocking", [_finding_line(report, s, lang) for s in verdict.blocking]),
            (
                "gate.other",
                [
                    _finding_line(report, s, lang)
                    for s in verdict.statuses
                    if not s.blocking and report.shown(s)
                ],
            ),
            (
                "gate.errors",
                [
                    f"  {report.manifest}:{rule_line(r)}: {r.rule_id}: {one_line(checks_message(r, lang))}"
                    for r in verdict.errors
                ],
            ),
            (
                "gate.expired",
                [
                    f"  {report.manifest}:{n.line or 1}: {n.message.get(lang)}"
                    for n in verdict.expired_waivers
                ],
            ),
            (
                "gate.resolved",
                [f"  {f.id} {f.rule_id}: {one_line(f.title.get(lang))}" for f in verdict.resolved],
            ),
            (
                "gate.not_reassessed",
                [f"  {f.id} {f.rule_id}: {one_line(f.title.get(lang))}" for f in verdict.not_reassessed],
            ),
        ]
        for key, entries in sections:
            if entries:
                lines += ["", f"{label(key, lang)} ({len(entries)}):", *entries]
        hidden = report.hidden
        if hidden:
            grades = Counter(s.finding.grade.value for s in hidden)
            counted = ", ".join(
                f"{grades[g]} {_grade(g, lang)}" for g in ("major", "minor", "observation") if grades[g]
            )
            lines += ["", label("gate.known", lang).format(n=len(hidden), counts=counted)]
        if report.expiring:
            lines += [
                "",
                f"{label('gate.expiring', lang).format(days=report.horizon_days)} ({len(report.expiring)}):",
                *(
                    f"  {report.manifest}:{e.line or 1}: {one_line(e.message.get(lang))}"
                    for e in report.expiring
                ),
            ]
        code = exit_code_for(verdict)
        lines.append("")
        if code is ExitCode.EVALUATION_ERROR:
            lines.append(label("gate.result.error", lang).format(n=len(verdict.errors)))
        elif code is ExitCode.NONCONFORMITY:
            lines.append(label("gate.result.fail", lang).format(n=len(verdict.blocking)))
        else:
            lines.append(label("gate.result.pass", lang))
        return strip_bidi("\n".join(lines) + "\n").encode("utf-8")
