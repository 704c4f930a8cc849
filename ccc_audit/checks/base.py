"""What every check evaluator receives and shared helpers to build its result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ccc_audit.i18n.text import text
from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.models.bundle import Bundle, Document
from ccc_audit.models.calendar import Anchor
from ccc_audit.models.common import Localized, Window
from ccc_audit.models.result import CheckResult, EvidenceRef, Outcome
from ccc_audit.models.rulepack import Designation

if TYPE_CHECKING:
    from ccc_audit.records.duck_store import DuckRecordStore


@dataclass
class CheckContext:
    """Everything a check may read: the bundle, the as-of date, parameters and records."""

    bundle: LoadedBundle
    as_of: dt.date
    parameters: dict[str, int | float | Window]
    records: DuckRecordStore
    rule_id: str
    undesignated: dict[str, Localized] = field(default_factory=dict)
    """Designations of the pack the bundle leaves unset, with their descriptions: checks reading one fail."""

    def count(self, value: int | str) -> int:
        """A count given literally or as a ``$parameter``."""
        resolved = self.parameters[value[1:]] if isinstance(value, str) else value
        assert isinstance(resolved, int) and not isinstance(resolved, Window)
        return resolved

    def number(self, value: float | str) -> float:
        """A number given literally or as a ``$parameter``."""
        resolved = self.parameters[value[1:]] if isinstance(value, str) else value
        assert not isinstance(resolved, Window)
        return float(resolved)

    def window(self, value: Window | str) -> Window:
        """A window given literally or as a ``$parameter``."""
        if isinstance(value, Window):
            return value
        resolved = self.parameters[value[1:]]
        assert isinstance(resolved, Window)
        return resolved

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """The audit period."""
        p = self.bundle.model.audit_period
        return p.start, p.end

    @property
    def anchor(self) -> Anchor:
        """The day audit years start: windows (other than weeks) are counted from it."""
        return self.bundle.model.audit_period.anchor

    def document_ref(self, document: Document) -> EvidenceRef:
        """Evidence reference to a document, with its hash."""
        return EvidenceRef(
            kind="document",
            id=document.id,
            path=document.path,
            sha256=self.bundle.document_sha256(document.id),
            line=self.bundle.entry_line("document", document.id),
        )

    def records_ref(
        self, name: str, rows: list[int] | None = None, keys: list[str] | None = None
    ) -> EvidenceRef:
        """Evidence reference to a record set, optionally citing rows and their keys."""
        spec = self.bundle.model.records[name]
        return EvidenceRef(
            kind="records",
            id=name,
            path=spec.shown(),
            sha256=self.bundle.sha256(f"records:{name}"),
            rows=sorted(rows or [])[:50],
            keys=sorted(keys or [])[:50],
            line=self.bundle.entry_line("records", name),
        )

    def section_ref(self, section: str) -> EvidenceRef:
        """Evidence reference to a section of bundle.yaml, where an absence shows."""
        return EvidenceRef(
            kind="manifest",
            id="bundle.yaml",
            path="bundle.yaml",
            sha256=self.bundle.manifest_sha256,
            line=self.bundle.section_line(section),
        )


def with_designations(
    parameters: dict[str, int | float | Window], designations: dict[str, Designation], bundle: Bundle
) -> tuple[dict[str, int | float | Window], dict[str, Localized]]:
    """A pack's parameters plus the values its designations take from the bundle, and those left unset.

    The unset ones (with their descriptions) go into :attr:`CheckContext.undesignated`: a check
    reading one fails with ``value_not_designated`` instead of using a value of ours.
    """
    values = dict(parameters)
    unset: dict[str, Localized] = {}
    for name, designation in designations.items():
        declared = bundle.designated_values.get(name)
        if declared is None:
            unset[name] = designation.description
        else:
            values[name] = declared.value
    return values, unset


def records_missing(kind: str, names: list[str], required: str | None = None) -> CheckResult:
    """The failure of a check whose record sets the bundle does not supply."""
    listed = ", ".join(names)
    return CheckResult(
        kind=kind,
        outcome=Outcome.FAIL,
        reason="evidence_missing",
        message=text(f"記録セット {listed} が提出されていない。", f"Record set(s) {listed} not supplied."),
        required=required,
    )
