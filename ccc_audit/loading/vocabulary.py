"""The closed vocabulary of bundle manifests, and the check of a manifest against it.

A misspelt channel, operation, document type, topic or record-set name would otherwise be
accepted and switch the rules that look for it off without a word; each is an error located at
its place in bundle.yaml, with a suggestion and the known words.
"""

from __future__ import annotations

from pathlib import Path

from ccc_audit.errors import Diagnostic, did_you_mean
from ccc_audit.loading.model_errors import validate
from ccc_audit.loading.yaml_source import YamlDocument, YamlPath, load_yaml
from ccc_audit.models.bundle import Bundle
from ccc_audit.models.records import RecordType
from ccc_audit.models.vocabulary import Vocabulary
from ccc_audit.resources import data_dir

_KEPT: dict[str, Vocabulary] = {}
"""The shipped vocabulary of this process, once read (or taken from the cached library)."""


def vocabulary_file() -> Path:
    """The file of the shipped vocabulary."""
    return data_dir("rulepacks") / "vocabulary" / "vocabulary.yaml"


def builtin_vocabulary() -> Vocabulary:
    """The shipped vocabulary (``rulepacks/vocabulary/vocabulary.yaml``)."""
    if "builtin" not in _KEPT:
        _KEPT["builtin"] = validate(load_yaml(vocabulary_file()), Vocabulary)
    return _KEPT["builtin"]


def learn_builtin_vocabulary(model: Vocabulary) -> None:
    """Take the shipped vocabulary as an earlier run read and kept it (unless already read)."""
    _KEPT.setdefault("builtin", model)


def vocabulary_problems(
    model: Bundle, doc: YamlDocument, vocabulary: Vocabulary, record_types: dict[str, RecordType]
) -> list[Diagnostic]:
    """Every word of the manifest outside the vocabulary, located in bundle.yaml.

    A record set named otherwise than a record type is accepted only with an explicit ``type``
    (an extra set, cited by attestations): rules find record sets by their names.
    """
    hints = vocabulary.hints
    problems: list[Diagnostic] = []

    def check(where: YamlPath, what: str, word: str, known: list[str], *, key: bool = False) -> None:
        if word not in known:
            suggestion = did_you_mean(word, known, hints) or ";"
            message = f'unknown {what} "{word}"{suggestion} known: {", ".join(known)}'
            problems.append(doc.diagnostic(where, message, key=key))

    for i, channel in enumerate(model.scope.channels):
        check(("scope", "channels", i), "channel", channel, vocabulary.channels)
    for i, operation in enumerate(model.scope.operations):
        check(("scope", "operations", i), "operation", operation, vocabulary.operations)
    for i, program in enumerate(model.programs):
        for j, channel in enumerate(program.channels):
            check(("programs", i, "channels", j), "channel", channel, vocabulary.channels)
    for i, document in enumerate(model.documents):
        check(("documents", i, "type"), "document type", document.type, vocabulary.document_types)
        for j, topic in enumerate(document.topics):
            check(("documents", i, "topics", j), "topic", topic, vocabulary.topics)
    for name, records in model.records.items():
        if records.type is None:
            check(("records", name), "record set", name, sorted(record_types), key=True)
    return problems
