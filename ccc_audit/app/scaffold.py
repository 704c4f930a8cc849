"""Files of a new evidence bundle (``ccc-audit init``): manifest, record templates, questions."""

from __future__ import annotations

from dataclasses import dataclass, field

from ccc_audit.checks.attestation import AttestationCheckSpec
from ccc_audit.checks.document import DocumentCheckSpec
from ccc_audit.checks.per_entity_frequency import PerEntityFrequencyCheckSpec
from ccc_audit.checks.periodic import PeriodicCheckSpec, RecordSource
from ccc_audit.engine.applicability import rule_applies
from ccc_audit.engine.dependencies import record_sets_read
from ccc_audit.loading.library import Library
from ccc_audit.models.bundle import Bundle
from ccc_audit.models.records import RecordType
from ccc_audit.models.rulepack import Rule


@dataclass(frozen=True)
class ScaffoldScope:
    """What the new bundle declares: its role, channels and operations."""

    role: str = "contact_centre"
    channels: list[str] = field(default_factory=lambda: ["voice"])
    operations: list[str] = field(default_factory=lambda: ["inbound"])

    def bundle(self) -> Bundle:
        """A bundle declaring this scope (to ask which rules apply)."""
        return Bundle.model_validate(
            {
                "schema_version": 1,
                "organisation": {"id": "new", "name": "new"},
                "role": self.role,
                "scope": {"channels": self.channels, "operations": self.operations},
                "audit_period": {"start": "2025-01-01", "end": "2025-12-31"},
            }
        )


_MANIFEST_HEAD = """\
# ccc-audit evidence bundle manifest / 証拠バンドルのマニフェスト
# Fill in every value marked CHANGE-ME, list your documents and record files,
# then run: ccc-audit validate <this folder>
# JSON Schema: ccc-audit schema bundle
schema_version: 1
organisation:
  id: my-centre               # CHANGE-ME: short id, used in finding ids
  name: "CHANGE-ME 株式会社"
role: {role}          # or: client (an organisation using a contact centre)
sites:
  - {id: main, name: "CHANGE-ME main site", country: JP}
programs: []
scope:
  channels: [{channels}]           # voice, email, chat, sms, social, web_form, messaging, face_to_face
  operations: [{operations}]       # inbound, outbound, collections, work_at_home, ...
audit_period: {start: 2025-01-01, end: 2025-12-31}   # CHANGE-ME
language: ja                  # report language: ja or en
documents: []
records:
"""


def _record_columns(library: Library) -> dict[str, list[str]]:
    columns: dict[str, list[str]] = {}

    def need(records: str, *names: str | None) -> None:
        bucket = columns.setdefault(records, [])
        for name in names:
            if name and name not in bucket:
                bucket.append(name)

    for _, rule in library.rules():
        for check in rule.checks:
            if isinstance(check, PerEntityFrequencyCheckSpec):
                pop, ev = check.population, check.events
                need(
                    pop.records,
                    pop.id_column,
                    *(f.column for f in pop.where),
                    pop.start_column,
                    pop.end_column,
                )
                need(ev.records, ev.entity_column, ev.date_column, *(f.column for f in ev.where))
            elif isinstance(check, PeriodicCheckSpec) and isinstance(check.source, RecordSource):
                need(
                    check.source.records,
                    check.source.date_column,
                    *(f.column for f in check.source.where),
                )
    return dict(sorted(columns.items()))


def _designation_hints(library: Library) -> list[str]:
    """Commented entries for the values the standard leaves to the centre, with the packs' suggestions."""
    lines: list[str] = []
    for pack in library.packs:
        for name, designation in pack.model.designations.items():
            if not lines:
                lines.append(
                    "\n# Values the standard leaves to you: set your own under `designated_values:`\n"
                    "# (value, the document that sets it, its owner). The values shown are SUGGESTIONS\n"
                    "# (提案値), not the standard's: a value you do not designate is reported as a finding.\n"
                )
            value = "..." if designation.suggestion is None else str(designation.suggestion)
            lines.append(
                f'#  {name}: {{value: {value}, document: doc-1, owner: "..."}}   # SUGGESTION 提案値\n'
                f"#    # {designation.description.ja}\n#    # {designation.description.en}\n"
            )
    return lines


def _templates(library: Library, record_types: dict[str, RecordType], minimal: bool) -> dict[str, list[str]]:
    """Record set → template columns: every set the packs read, or (minimal) the per-entity ones."""
    records = _record_columns(library)
    if not minimal:
        for _, rule in library.rules():
            for name in record_sets_read(rule):
                if name in record_types:
                    records.setdefault(name, [])
    for name, used in records.items():
        if name in record_types:
            records[name] = list(dict.fromkeys([*used, *(c.name for c in record_types[name].columns)]))
    return {name: cols for name, cols in sorted(records.items()) if cols}


def scaffold_files(
    library: Library,
    record_types: dict[str, RecordType],
    scope: ScaffoldScope | None = None,
    *,
    minimal: bool = False,
) -> dict[str, bytes]:
    """File name → content of a new bundle for the rules in ``library``.

    Every record set the packs read gets a CSV template with every column of its record type
    (the columns the rules read first); ``minimal`` keeps only the sets of the per-entity and
    periodic checks. Record sets are declared ``encoding: auto`` (UTF-8, with or without BOM,
    else CP932 as Japanese Excel writes). The document types and the self-assessment
    questions listed are those of the rules that apply to ``scope``.
    """
    scope = scope or ScaffoldScope()
    declared = scope.bundle()
    applicable = [rule for _, rule in library.rules() if rule_applies(rule.applies_to, declared)]
    records = _templates(library, record_types, minimal)
    manifest = [
        _MANIFEST_HEAD.replace("{role}", scope.role)
        .replace("{channels}", ", ".join(scope.channels))
        .replace("{operations}", ", ".join(scope.operations))
    ]
    files: dict[str, bytes] = {}
    for name, cols in records.items():
        manifest.append(f"  {name}: {{path: records/{name}.csv, format: csv, encoding: auto}}\n")
        files[f"records/{name}.csv"] = ("\ufeff" + ",".join(cols) + "\r\n").encode("utf-8")
    if not records:
        manifest[-1] = manifest[-1].replace("records:\n", "records: {}\n")
    manifest.append("attestations: []\nwaivers: []\ndesignated_values: {}\n")
    manifest.extend(_designation_hints(library))
    manifest.extend(_listings(applicable))
    files["bundle.yaml"] = "".join(manifest).encode("utf-8")
    files["documents/README.md"] = (
        "# Documents / 文書\n\nPut controlled documents here and list them in bundle.yaml.\n"
        "管理文書をここに置き、bundle.yaml に登録してください。\n"
    ).encode()
    return dict(sorted(files.items()))


def _listings(applicable: list[Rule]) -> list[str]:
    """Commented lists of the document types and self-assessment questions of the rules."""
    manifest: list[str] = []
    doc_types: dict[str, list[str]] = {}
    questions: list[str] = []
    for rule in applicable:
        for check in rule.checks:
            if isinstance(check, DocumentCheckSpec):
                for t in check.types:
                    doc_types.setdefault(t, []).append(rule.id)
            elif isinstance(check, PeriodicCheckSpec) and not isinstance(check.source, RecordSource):
                for t in check.source.documents:
                    doc_types.setdefault(t, []).append(rule.id)
            elif isinstance(check, AttestationCheckSpec):
                key = check.question_id or rule.id
                questions.append(
                    f"#  - id: {key}\n#    # {check.question.ja}\n#    # {check.question.en}\n"
                    "#    answer: yes            # yes | no | partial | not_applicable\n"
                    '#    rationale: "..."\n#    evidence: [document-id]\n'
                    '#    answered_by: "..."\n#    answered_on: 2026-01-01\n'
                )
    manifest.append("\n# Document types the rule packs look for (add entries under `documents:`):\n")
    manifest.append('#  - {id: doc-1, path: documents/file.md, type: TYPE, title: "...", version: "1.0",\n')
    manifest.append('#     owner: "...", approved_by: "...", approved_on: 2025-01-01,\n')
    manifest.append("#     effective_date: 2025-01-01, next_review_date: 2026-01-01, topics: []}\n")
    for doc_type, rule_ids in sorted(doc_types.items()):
        manifest.append(f"#    {doc_type}: {', '.join(sorted(set(rule_ids)))}\n")
    manifest.append(
        "\n# Self-assessment questionnaire (the questions of the rules that apply to the declared\n"
        "# role, channels and operations): copy each answered entry under `attestations:`.\n"
    )
    manifest.extend(questions)
    return manifest
