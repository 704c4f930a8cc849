"""GitHub Actions workflow commands: one annotation per finding, located in bundle.yaml.

The runner reads ``::error file=F,line=L,title=T::message`` lines from standard output. In a
message ``%``, CR and LF are escaped as ``%25``, ``%0D``, ``%0A``; property values also escape
``:`` and ``,`` (``%3A``, ``%2C``), so hostile text in a bundle can neither end the command early
nor start a new one.
"""

from __future__ import annotations

from ccc_audit.i18n.labels import label
from ccc_audit.reporters.base import Report, checks_message, line_of, rule_line
from ccc_audit.safe_text import strip_bidi


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return strip_bidi(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, *, file: str | None = None, line: int | None = None, title: str) -> str:
    """One workflow command line."""
    properties = []
    if file is not None:
        properties.append(f"file={escape_property(file)}")
    if line is not None:
        properties.append(f"line={line}")
    properties.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(properties)}::{escape_data(message)}"


class GithubReporter:
    """Writes ``ccc-audit.github.txt`` (print it to standard output in a workflow step)."""

    name = "github"

    def filename(self, _lang: str) -> str:
        """Language-independent file name."""
        return "ccc-audit.github.txt"

    def render(self, report: Report, lang: str) -> bytes:
        """Errors for findings that fail the gate, warnings and notices for the rest, and more.

        With a baseline and ``--show new`` only findings not already in it are annotated;
        expiring evidence gives warnings, resolved findings notices.
        """
        verdict, manifest = report.verdict, report.manifest
        lines = []
        for status in verdict.statuses:
            if not report.shown(status):
                continue
            finding = status.finding
            level = "error" if status.blocking else ("notice" if finding.waived else "warning")
            why = f" ({label(f'gate.why.{status.why_not}', lang)})" if status.why_not else ""
            lines.append(
                command(
                    level,
                    f"{finding.statement.nonconformity.get(lang)}{why} [{finding.id}]",
                    file=manifest,
                    line=line_of(finding.evidence),
                    title=f"{label(f'grade.{finding.grade.value}', lang)}: {finding.rule_id}",
                )
            )
        for rule in verdict.errors:
            lines.append(
                command(
                    "error",
                    checks_message(rule, lang),
                    file=manifest,
                    line=rule_line(rule),
                    title=f"{label('outcome.error', lang)}: {rule.rule_id}",
                )
            )
        for notice in verdict.expired_waivers:
            lines.append(
                command(
                    "warning",
                    notice.message.get(lang),
                    file=manifest,
                    line=notice.line or 1,
                    title=label("gate.expired", lang),
                )
            )
        for item in report.expiring:
            lines.append(
                command(
                    "warning",
                    item.message.get(lang),
                    file=manifest,
                    line=item.line or 1,
                    title=f"{label('gate.expiring.title', lang)}: {item.kind} {item.subject}",
                )
            )
        for finding in verdict.resolved:
            lines.append(
                command(
                    "notice",
                    f"{finding.id}: {finding.title.get(lang)}",
                    title=f"{label('gate.resolved', lang)}: {finding.rule_id}",
                )
            )
        return "".join(f"{line}\n" for line in lines).encode("utf-8")
