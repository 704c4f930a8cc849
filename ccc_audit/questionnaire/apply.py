"""``questionnaire import``: answers from the workbook into bundle.yaml, checked before writing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.writing import write_atomic
from ccc_audit.loading.bundle import LoadedBundle
from ccc_audit.loading.yaml_source import parse_yaml
from ccc_audit.models.bundle import Attestation
from ccc_audit.questionnaire.importing import merged, read_answers, rewrite_attestations
from ccc_audit.questionnaire.questions import Question


@dataclass(frozen=True)
class ImportSummary:
    """What an import did."""

    manifest: Path
    imported: int
    total: int


def import_questionnaire(path: Path, bundle: LoadedBundle, items: list[Question]) -> ImportSummary:
    """Write the answered rows of ``path`` into the bundle's manifest (nothing on any error)."""
    answers = read_answers(path, items, bundle.model)
    manifest = bundle.root / "bundle.yaml"
    combined = merged(list(bundle.model.attestations), answers)
    text = rewrite_attestations(manifest.read_text("utf-8-sig"), combined)
    raw = text.encode("utf-8")
    check = parse_yaml(raw, str(manifest))
    written = [Attestation.model_validate(a) for a in (check.data or {}).get("attestations") or []]
    if check.problems or written != combined:
        problems = check.problems or [
            Diagnostic(str(manifest), 0, 0, "the attestations could not be rewritten")
        ]
        raise InputError(problems)
    if raw != manifest.read_bytes():
        write_atomic(manifest, raw)
    return ImportSummary(manifest, len(answers), len(combined))
