"""Load an evidence bundle: manifest, file checks, hashes and reference checks."""

from __future__ import annotations

import datetime as dt
import difflib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import ANY_SIZE, check_regular, refuse_outside
from ccc_audit.loading.bundle_paths import HashCache, UnsafePathError, resolve_in_bundle, sha256_of
from ccc_audit.loading.engagement import embed_logo
from ccc_audit.loading.library import Library
from ccc_audit.loading.line_ends import LineEnds, hash_and_count
from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.record_mapping import mapping_problems
from ccc_audit.loading.record_types import builtin_record_types
from ccc_audit.loading.vocabulary import builtin_vocabulary, vocabulary_problems
from ccc_audit.loading.yaml_source import YamlDocument, load_yaml
from ccc_audit.models.bundle import Bundle
from ccc_audit.models.rulepack import value_type_problem

MANIFEST_NAME = "bundle.yaml"
_HASHING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ccc-audit-sha256")


@dataclass
class LoadedBundle:
    """A validated bundle with resolved file paths and content hashes."""

    model: Bundle
    doc: YamlDocument
    root: Path
    files: dict[str, Path] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    manifest_sha256: str = ""
    pending: dict[str, Future[tuple[str, LineEnds]]] = field(default_factory=dict)
    """Record-file hashes (and line ends) still being computed in the background (large files)."""
    line_ends: dict[str, LineEnds] = field(default_factory=dict)
    """Line ends of the record files hashed in this run (not those whose hash the cache served)."""
    hasher: HashCache = field(default_factory=HashCache)
    logo: str | None = None
    """The engagement logo as a data: URI (None: no logo declared)."""
    documents_read: set[str] = field(default_factory=set)
    """Keys ("document:ID") of the documents whose file or hash was asked for since last cleared."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def sha256(self, key: str) -> str:
        """The hash of file ``key`` ("document:ID" or "records:NAME"), waiting for it if needed.

        Safe to call from several threads (the record loader and the rule evaluator).
        """
        with self._lock:
            pending = self.pending.get(key)
        if pending is not None:
            digest, ends = pending.result()
            with self._lock:
                if self.pending.pop(key, None) is not None:
                    self.hashes[key] = digest
                    self.line_ends[key] = ends
                    self.hasher.remember(self.files[key], digest)
        return self.hashes[key]

    def record_line_ends(self, name: str) -> LineEnds | None:
        """Line ends of record set ``name``'s file, counted as it was hashed (None: not counted)."""
        key = f"records:{name}"
        if key in self.files:
            self.sha256(key)
        return self.line_ends.get(key)

    def settle(self) -> None:
        """Wait for every background hash (the evidence index needs them all)."""
        for key in list(self.pending):
            self.sha256(key)

    def save_hash_cache(self) -> None:
        """Remember the file hashes for the next run (after ``settle``; no-op without a cache)."""
        self.settle()
        self.hasher.save()

    def section_line(self, section: str) -> int | None:
        """Line of a top-level key of bundle.yaml (None when the manifest lacks it)."""
        data = self.doc.data
        if not isinstance(data, dict) or section not in data:
            return None
        return self.doc.position((section,), key=True).line

    def entry_line(self, kind: str, ident: str) -> int | None:
        """Line in bundle.yaml of a document, record set or attestation (None if not declared)."""
        if kind == "records":
            return (
                self.doc.position(("records", ident), key=True).line if ident in self.model.records else None
            )
        ids: list[str] = []
        if kind == "document":
            ids = [d.id for d in self.model.documents]
        elif kind == "attestation":
            ids = [a.id for a in self.model.attestations]
        if ident not in ids:
            return None
        return self.doc.position((f"{kind}s", ids.index(ident))).line

    def document_file(self, doc_id: str) -> Path:
        """Resolved file of a document (noted in :attr:`documents_read`)."""
        self.documents_read.add(f"document:{doc_id}")
        return self.files[f"document:{doc_id}"]

    def document_sha256(self, doc_id: str) -> str | None:
        """The hash of a document's file (noted in :attr:`documents_read`; None when it has none)."""
        self.documents_read.add(f"document:{doc_id}")
        return self.hashes.get(f"document:{doc_id}")

    def record_file(self, name: str) -> Path:
        """Resolved file of a record set."""
        return self.files[f"records:{name}"]


def load_bundle(root: Path, hashes: HashCache | None = None) -> LoadedBundle:
    """Load ``root``/bundle.yaml and check it; raise InputError listing every problem."""
    manifest = root / MANIFEST_NAME
    if root.is_file() and root.name.endswith((".yaml", ".yml")):
        manifest, root = root, root.parent
    if not root.is_dir():
        raise InputError([Diagnostic(str(root), 0, 0, "no such bundle folder")])
    if not manifest.exists():  # a device or FIFO here is refused by the bounded reader
        raise InputError(
            [
                Diagnostic(
                    str(manifest),
                    0,
                    0,
                    f"no {MANIFEST_NAME} in the folder {root.as_posix()}; give the folder that holds "
                    f"it (e.g. `ccc-audit check evidence`, or `args: [evidence]` for the pre-commit "
                    f"hooks), or create one with `ccc-audit init {root.as_posix()}`",
                )
            ]
        )
    refuse_outside(manifest, root, "bundle folder")
    doc = load_yaml(manifest)
    model = validate(doc, Bundle)
    bundle = LoadedBundle(model, doc, root, manifest_sha256=sha256_of(manifest))
    bundle.hasher = hashes or HashCache()
    problems = _check_files(bundle, bundle.hasher) + _check_references(bundle)
    if problems:
        raise InputError(problems)
    engagement = model.engagement
    if engagement is not None and engagement.logo is not None:
        bundle.logo = embed_logo(root, doc, engagement.logo)
    return bundle


def _check_files(bundle: LoadedBundle, hasher: HashCache) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    for i, document in enumerate(bundle.model.documents):
        if document.id in seen:
            problems.append(
                bundle.doc.diagnostic(("documents", i, "id"), f'document id "{document.id}" is used twice')
            )
        seen.add(document.id)
        where = ("documents", i, "path")
        problems.extend(_resolve(bundle, hasher, f"document:{document.id}", document.path, where))
    for name, records in bundle.model.records.items():
        if records.table:  # a Spark catalog table: no file to resolve or hash
            continue
        problems.extend(_resolve(bundle, hasher, f"records:{name}", records.path, ("records", name, "path")))
    unhashed = [key for key in bundle.files if key.startswith("records:") and key not in bundle.hashes]
    for key in sorted(unhashed, key=lambda k: (_size(bundle.files[k]), k)):
        # Smallest first, the order the records are read in: the hash overlaps DuckDB's parsing.
        bundle.pending[key] = _HASHING.submit(hash_and_count, bundle.files[key])
    return problems


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _resolve(
    bundle: LoadedBundle, hasher: HashCache, key: str, relative: str, where: tuple[str | int, ...]
) -> list[Diagnostic]:
    try:
        target = resolve_in_bundle(bundle.root, relative)
    except UnsafePathError as exc:
        return [bundle.doc.diagnostic(where, str(exc))]
    try:
        check_regular(target, str(target), "a bundle file", ANY_SIZE)
    except InputError as exc:
        return [bundle.doc.diagnostic(where, f'"{relative}" {exc.diagnostics[0].message}')]
    bundle.files[key] = target
    known = hasher.known(target)
    if known is not None:
        bundle.hashes[key] = known
    elif not key.startswith("records:"):  # record files are hashed in the background
        bundle.hashes[key] = hasher.sha256(target)
    return []


def _check_references(bundle: LoadedBundle) -> list[Diagnostic]:
    model, doc = bundle.model, bundle.doc
    problems: list[Diagnostic] = []
    known_types = builtin_record_types()
    problems.extend(vocabulary_problems(model, doc, builtin_vocabulary(), known_types))
    problems.extend(mapping_problems(model, doc, known_types))
    for name, records in model.records.items():
        if records.type is not None and records.type not in known_types:
            problems.append(
                doc.diagnostic(
                    ("records", name, "type"),
                    f'unknown record type "{records.type}"{_suggest(records.type, set(known_types))}; '
                    "see `ccc-audit schema records`",
                )
            )
    site_ids = [s.id for s in model.sites]
    for i, site in enumerate(model.scope.sites):
        if site not in site_ids:
            problems.append(
                doc.diagnostic(
                    ("scope", "sites", i),
                    f'unknown site "{site}"; declared sites: {", ".join(site_ids) or "none"}',
                )
            )
    citable = {d.id for d in model.documents} | set(model.records)
    answered: set[str] = set()
    for i, attestation in enumerate(model.attestations):
        if attestation.id in answered:
            problems.append(
                doc.diagnostic(("attestations", i, "id"), f'"{attestation.id}" is answered twice')
            )
        answered.add(attestation.id)
        for j, ref in enumerate(attestation.evidence):
            if ref not in citable:
                problems.append(
                    doc.diagnostic(
                        ("attestations", i, "evidence", j),
                        f'evidence "{ref}" is neither a document id nor a record-set name'
                        + _suggest(ref, citable),
                    )
                )
    documents = {d.id for d in model.documents}
    for name, designated in model.designated_values.items():
        if designated.document not in documents:
            problems.append(
                doc.diagnostic(
                    ("designated_values", name, "document"),
                    f'document "{designated.document}" is not declared under documents'
                    + _suggest(designated.document, documents),
                )
            )
    return problems


def _suggest(word: str, known: set[str] | list[str]) -> str:
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


def check_against_library(bundle: LoadedBundle, library: Library, question_ids: set[str]) -> list[Diagnostic]:
    """Waivers and attestations must name rules or questions that exist.

    Ids whose family (the part before the first dot) no loaded pack uses belong to packs not
    in this run and are left alone, so one bundle can serve runs with different packs.
    """
    problems: list[Diagnostic] = []
    rule_ids = library.rule_ids()
    families = {r.split(".", 1)[0] for r in rule_ids}

    def unknown(ident: str, known: set[str]) -> bool:
        return ident not in known and ident.split(".", 1)[0] in families

    for i, waiver in enumerate(bundle.model.waivers):
        if unknown(waiver.rule, rule_ids):
            problems.append(
                bundle.doc.diagnostic(
                    ("waivers", i, "rule"),
                    f'waiver for unknown rule "{waiver.rule}"{_suggest(waiver.rule, rule_ids)}',
                )
            )
    answerable = rule_ids | question_ids
    for i, attestation in enumerate(bundle.model.attestations):
        if unknown(attestation.id, answerable):
            problems.append(
                bundle.doc.diagnostic(
                    ("attestations", i, "id"),
                    f'attestation for unknown rule or question "{attestation.id}"'
                    + _suggest(attestation.id, answerable),
                )
            )
    problems.extend(_unknown_sections(bundle, library))
    problems.extend(_check_designations(bundle, library))
    return problems


def _check_designations(bundle: LoadedBundle, library: Library) -> list[Diagnostic]:
    """Designated values must fit the type the packs give them; a near-miss name is a typo."""
    declared = {name: d for pack in library.packs for name, d in pack.model.designations.items()}
    problems: list[Diagnostic] = []
    for name, designated in bundle.model.designated_values.items():
        designation = declared.get(name)
        if designation is None:
            close = difflib.get_close_matches(name, sorted(declared), n=1, cutoff=0.85)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            if hint:  # a name not very close to a known one may belong to a pack not in this run
                problems.append(
                    bundle.doc.diagnostic(
                        ("designated_values", name), f'unknown designated value "{name}"{hint}', key=True
                    )
                )
            continue
        problem = value_type_problem(designation.type, designated.value)
        if problem:
            problems.append(
                bundle.doc.diagnostic(
                    ("designated_values", name, "value"), f'designated value "{name}" {problem}'
                )
            )
    return problems


def _unknown_sections(bundle: LoadedBundle, library: Library) -> list[Diagnostic]:
    """A cited section id no rule requires of that document type (a typo would silently not apply)."""
    required: dict[str, set[str]] = {}
    for _, rule in library.rules():
        for check in rule.checks:
            for doc_type, keys in check.document_sections().items():
                required.setdefault(doc_type, set()).update(keys)
    problems: list[Diagnostic] = []
    for i, document in enumerate(bundle.model.documents):
        known = required.get(document.type, set())
        for key in document.sections:
            if known and key not in known:
                problems.append(
                    bundle.doc.diagnostic(
                        ("documents", i, "sections", key),
                        f'unknown section "{key}" for a document of type {document.type}'
                        + _suggest(key, known)
                        + f"; the rules require: {', '.join(sorted(known))}",
                        key=True,
                    )
                )
    return problems


def expired_waivers(bundle: LoadedBundle, as_of: dt.date) -> list[Diagnostic]:
    """Waivers whose expiry is before ``as_of`` (``validate`` reports them as errors)."""
    return [
        bundle.doc.diagnostic(
            ("waivers", i, "expires"),
            f'the waiver for "{w.rule}" expired on {w.expires.isoformat()}; '
            "renew it (new approval and expiry) or remove it",
        )
        for i, w in enumerate(bundle.model.waivers)
        if w.expires < as_of
    ]
