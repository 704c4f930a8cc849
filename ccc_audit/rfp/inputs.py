"""Read a procurement folder: rubric, vendor responses, evaluator score sheets; cross-check them.

Layout::

    DIR/rubric.yaml            (optional: otherwise the built-in default rubric)
    DIR/vendors/*.yaml|*.xlsx  one response per vendor
    DIR/evaluators/*.yaml      one score sheet per evaluator
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import refuse_outside
from ccc_audit.loading.bundle_paths import UnsafePathError, resolve_in_bundle
from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.yaml_source import YamlDocument, load_yaml
from ccc_audit.rfp.models import ScoreSheet, VendorResponse
from ccc_audit.rfp.rubric import LoadedRubric, load_rubric, resolve_rubric

if TYPE_CHECKING:
    from ccc_audit.rfp.questionnaire import SheetDocument

DEFAULT_RUBRIC = "default"


@dataclass
class LoadedVendor:
    """A vendor response and where it came from."""

    model: VendorResponse
    doc: YamlDocument
    bundle_dir: Path | None = None


@dataclass
class LoadedSheet:
    """An evaluator's score sheet and where it came from."""

    model: ScoreSheet
    doc: YamlDocument


@dataclass
class Procurement:
    """Everything read from a procurement folder."""

    root: Path
    rubric: LoadedRubric
    vendors: list[LoadedVendor]
    sheets: list[LoadedSheet]


def _unknown(name: str, what: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'unknown {what} "{name}"{hint} (expected one of: {", ".join(known)})'


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files of ``folder`` with one of ``suffixes``; one leading outside the folder is refused."""
    if not folder.is_dir():
        return []
    found = sorted(
        p for p in folder.iterdir() if p.suffix.lower() in suffixes and (p.is_file() or p.is_symlink())
    )
    problems: list[Diagnostic] = []
    for path in found:
        try:
            refuse_outside(path, folder.parent, "procurement folder")
        except InputError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise InputError(problems)
    return found


def _shown(root: Path, path: Path) -> str:
    return str(root / path.relative_to(root))


def _load_vendor(root: Path, path: Path, rubric: LoadedRubric) -> LoadedVendor:
    shown = _shown(root, path)
    if path.suffix.lower() == ".xlsx":
        from ccc_audit.rfp.questionnaire import read_questionnaire  # openpyxl only for workbooks

        sheet_doc = read_questionnaire(path, shown)
        other_rubric = _check_stamp(root, rubric, sheet_doc)
        if other_rubric:  # its answers are to other questions: say so before anything else
            raise InputError(other_rubric)
        return LoadedVendor(validate(sheet_doc, VendorResponse), sheet_doc)
    doc = load_yaml(path, shown)
    return LoadedVendor(validate(doc, VendorResponse), doc)


def _check_stamp(root: Path, rubric: LoadedRubric, doc: SheetDocument) -> list[Diagnostic]:
    """A questionnaire made from another rubric than the folder's is refused, naming both."""
    stamp = doc.stamp
    info = rubric.model.rubric
    if stamp is None or stamp == (info.id, info.version, rubric.digest):
        return []
    made_id, made_version, made_digest = (*stamp, "", "", "")[:3]
    return [
        doc.diagnostic(
            ("field", "rubric_id"),
            f'this questionnaire was made from rubric "{made_id}" {made_version} '
            f"(sha256 {made_digest[:12]}), but the folder is scored with rubric "
            f'"{info.id}" {info.version} (sha256 {rubric.digest[:12]}); '
            f"send the vendor the questionnaire of this rubric: ccc-audit rfp questionnaire {root}",
        )
    ]


def _check_vendor(root: Path, rubric: LoadedRubric, vendor: LoadedVendor) -> list[Diagnostic]:
    problems = []
    doc, model = vendor.doc, vendor.model
    knockouts = [k.id for k in rubric.model.knockouts]
    criteria = [rubric.nodes[i].id for i in rubric.leaves]
    for ident in model.knockouts:
        if ident not in knockouts:
            problems.append(
                doc.diagnostic(("knockouts", ident), _unknown(ident, "knock-out", knockouts), key=True)
            )
    for ident in model.answers:
        if ident not in criteria:
            problems.append(
                doc.diagnostic(("answers", ident), _unknown(ident, "criterion", criteria), key=True)
            )
    if rubric.price_leaf is not None:
        price = rubric.nodes[rubric.price_leaf].criterion.price
        assert price is not None
        if model.price.currency != price.currency:
            problems.append(
                doc.diagnostic(
                    ("price", "currency"),
                    f"the bid is in {model.price.currency}; the rubric compares bids in {price.currency}",
                )
            )
    if model.evidence_bundle is not None:
        try:
            relative = f"{model.evidence_bundle.rstrip('/')}/bundle.yaml"
            vendor.bundle_dir = resolve_in_bundle(root, relative).parent
        except UnsafePathError as exc:
            message = str(exc).replace("bundle folder", "procurement folder")
            problems.append(doc.diagnostic(("evidence_bundle",), f"evidence_bundle: {message}"))
    return problems


def _check_sheet(rubric: LoadedRubric, vendors: list[str], sheet: LoadedSheet) -> list[Diagnostic]:
    problems = []
    doc = sheet.doc
    scored = [rubric.nodes[i].id for i in rubric.leaves if i != rubric.price_leaf]
    allowed = [level.score for level in rubric.model.scale]
    for vendor, scores in sheet.model.scores.items():
        if vendor not in vendors:
            problems.append(doc.diagnostic(("scores", vendor), _unknown(vendor, "vendor", vendors), key=True))
            continue
        for criterion, value in scores.items():
            where = ("scores", vendor, criterion)
            if criterion not in scored:
                extra = (
                    " (the price criterion is scored from the bids)"
                    if criterion in {rubric.nodes[i].id for i in rubric.leaves}
                    else ""
                )
                problems.append(
                    doc.diagnostic(where, _unknown(criterion, "criterion", scored) + extra, key=True)
                )
            elif value not in allowed:
                problems.append(doc.diagnostic(where, f"score {value} is not on the scale {allowed}"))
    for vendor, remarks in sheet.model.comments.items():
        if vendor not in vendors:
            problems.append(
                doc.diagnostic(("comments", vendor), _unknown(vendor, "vendor", vendors), key=True)
            )
            continue
        for criterion in remarks:
            if criterion not in scored:
                problems.append(
                    doc.diagnostic(
                        ("comments", vendor, criterion), _unknown(criterion, "criterion", scored), key=True
                    )
                )
    return problems


def _unique(items: list[tuple[str, YamlDocument]], what: str, key: tuple[str, str]) -> list[Diagnostic]:
    seen: dict[str, str] = {}
    problems = []
    for ident, doc in items:
        if ident in seen:
            problems.append(doc.diagnostic(key, f'{what} id "{ident}" is also used by {seen[ident]}'))
        seen.setdefault(ident, doc.path)
    return problems


def load_procurement(root: Path, rubric_choice: str | None = None) -> Procurement:
    """Read and cross-check a procurement folder; raise InputError listing every problem."""
    if not root.is_dir():
        raise InputError(
            [Diagnostic(str(root), 0, 0, "no such folder; create one with `ccc-audit rfp init`")]
        )
    own = root / "rubric.yaml"
    if own.is_file() or own.is_symlink():
        refuse_outside(own, root, "procurement folder")
    path = (
        resolve_rubric(rubric_choice)
        if rubric_choice
        else own
        if own.is_file()
        else resolve_rubric(DEFAULT_RUBRIC)
    )
    rubric = load_rubric(path, _shown(root, path) if path.is_relative_to(root) else str(path))
    problems: list[Diagnostic] = []
    vendors: list[LoadedVendor] = []
    for file in _files(root / "vendors", (".yaml", ".yml", ".xlsx")):
        try:
            vendors.append(_load_vendor(root, file, rubric))
        except InputError as exc:
            problems.extend(exc.diagnostics)
    all_vendors_read = not problems
    sheets: list[LoadedSheet] = []
    for file in _files(root / "evaluators", (".yaml", ".yml")):
        try:
            doc = load_yaml(file, _shown(root, file))
            sheets.append(LoadedSheet(validate(doc, ScoreSheet), doc))
        except InputError as exc:
            problems.extend(exc.diagnostics)
    if not vendors and not problems:
        problems.append(Diagnostic(str(root / "vendors"), 0, 0, "no vendor responses (*.yaml or *.xlsx)"))
    if not sheets and not problems:
        problems.append(Diagnostic(str(root / "evaluators"), 0, 0, "no evaluator score sheets (*.yaml)"))
    problems += _unique([(v.model.vendor.id, v.doc) for v in vendors], "vendor", ("vendor", "id"))
    problems += _unique([(s.model.evaluator.id, s.doc) for s in sheets], "evaluator", ("evaluator", "id"))
    for vendor in vendors:
        problems += _check_vendor(root, rubric, vendor)
    vendor_ids = [v.model.vendor.id for v in vendors]
    for sheet in sheets if all_vendors_read else []:  # else every sheet would name an "unknown" vendor
        problems += _check_sheet(rubric, vendor_ids, sheet)
    if problems:
        raise InputError(problems)
    return Procurement(root, rubric, vendors, sheets)


def missing_scores(procurement: Procurement, needed: dict[str, set[str]]) -> list[Diagnostic]:
    """A located error for every vendor × criterion an evaluator left without a score.

    ``needed`` maps each vendor still in the competition to the criteria evaluators must score.
    """
    problems = []
    rubric = procurement.rubric
    for sheet in procurement.sheets:
        for vendor in sorted(needed):
            given = sheet.model.scores.get(vendor, {})
            absent = [
                rubric.nodes[i].id
                for i in rubric.leaves
                if rubric.nodes[i].id in needed[vendor] and rubric.nodes[i].id not in given
            ]
            if absent:
                where = ("scores", vendor) if vendor in sheet.model.scores else ("scores",)
                problems.append(
                    sheet.doc.diagnostic(
                        where,
                        f'evaluator "{sheet.model.evaluator.id}" gave no score for vendor "{vendor}" on '
                        f"{', '.join(absent)}; every evaluator scores every criterion of every vendor "
                        "not knocked out",
                        key=vendor in sheet.model.scores,
                    )
                )
    return problems
