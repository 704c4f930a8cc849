"""The interface every reporter implements, and what it reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Protocol

from ccc_audit.models.result import AssessmentResult, EvidenceRef, Outcome, RuleResult
from ccc_audit.results.comparison import Change, Comparison
from ccc_audit.results.expiring import Expiring
from ccc_audit.results.verdict import FindingStatus, Verdict, decide

KNOWN = (Change.UNCHANGED, Change.IMPROVED)
"""Changes of a finding the baseline already held, no worse: what ``--show new`` leaves out."""


@dataclass(frozen=True)
class Report:
    """The canonical result with the gate's verdict, as every reporter receives it."""

    verdict: Verdict
    bundle_dir: str = ""
    """The bundle folder as given on the command line (POSIX, relative to where CI runs), so that
    locations in CI formats point at ``<bundle_dir>/bundle.yaml``; empty: the current folder."""
    progress: Comparison | None = None
    """Change since an earlier result, when one was given: reports then gain a progress section."""
    show_known: bool = True
    """Whether the text verdict and the GitHub annotations list findings the baseline already held
    (``--show all``); without a baseline every finding is new and this changes nothing."""
    expiring: tuple[Expiring, ...] = ()
    """Evidence current today that lapses within the ``--warn-expiring`` horizon: warnings."""
    horizon_days: int = 0
    """The ``--warn-expiring`` horizon in days (0: no advance warning asked for)."""
    sarif_dir: str | None = None
    """The bundle folder relative to the SARIF base (the repository root); None: ``bundle_dir``."""
    sarif_all: bool = False
    """Whether SARIF lists every rule's result (``--sarif-all``), not only failing and review-needed."""

    @classmethod
    def of(cls, result: AssessmentResult) -> Report:
        """A report of ``result`` with the gate's default verdict, for the bundle in the current folder."""
        return cls(decide(result))

    @property
    def result(self) -> AssessmentResult:
        """The canonical result."""
        return self.verdict.result

    @property
    def manifest(self) -> str:
        """Path of the bundle's manifest as CI systems should show it."""
        folder = self.bundle_dir.rstrip("/")
        return "bundle.yaml" if folder in ("", ".") else f"{folder}/bundle.yaml"

    @property
    def manifest_uri(self) -> str:
        """The manifest as SARIF cites it: relative to the SARIF base, or a file URI when absolute."""
        folder = (self.bundle_dir if self.sarif_dir is None else self.sarif_dir).rstrip("/")
        manifest = "bundle.yaml" if folder in ("", ".") else f"{folder}/bundle.yaml"
        path = PurePosixPath(manifest)
        return path.as_uri() if path.is_absolute() else manifest

    def shown(self, status: FindingStatus) -> bool:
        """Whether the text verdict and the annotations list this finding (see ``show_known``)."""
        return self.show_known or not self.verdict.has_baseline or status.change not in KNOWN

    @property
    def hidden(self) -> list[FindingStatus]:
        """Findings the baseline already held that ``--show new`` leaves out."""
        return [s for s in self.verdict.statuses if not self.shown(s)]


UNDECIDED = (Outcome.NOT_ASSESSED, Outcome.MANUAL, Outcome.ERROR)
"""Rule outcomes that decide nothing: listed in every report as limitations of the audit."""


def limitations(result: AssessmentResult) -> list[RuleResult]:
    """Rules the evidence could not decide (not assessed, unanswered, evaluation error), by rule id."""
    return sorted((r for r in result.rules if r.outcome in UNDECIDED), key=lambda r: r.rule_id)


def line_of(evidence: list[EvidenceRef]) -> int:
    """Line in bundle.yaml of the first cited entry that has one (1: the manifest itself)."""
    return next((ref.line for ref in evidence if ref.line), 1)


def checks_message(rule: RuleResult, lang: str) -> str:
    """The messages of a rule's checks, each said once (several checks often say the same)."""
    return " ".join(dict.fromkeys(c.message.get(lang) for c in rule.checks))


def rule_line(rule: RuleResult) -> int:
    """Line in bundle.yaml of the first entry a rule's checks cite (1: the manifest itself)."""
    return line_of([ref for check in rule.checks for ref in check.evidence])


class Reporter(Protocol):
    """Turns a report into the bytes of one output file."""

    name: str
    """Format name used on the command line."""

    def filename(self, lang: str) -> str:
        """Name of the file written for ``lang``."""
        ...

    def render(self, report: Report, lang: str) -> bytes:
        """The file content."""
        ...
