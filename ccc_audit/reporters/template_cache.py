"""Compiled report templates kept in the cache folder, sealed like every other cache entry.

Compiling the Markdown and HTML gap-report templates costs about 0.3 s of CPU, more than
rendering them; the demo pays it in every run. Jinja2 can keep the compiled code (its bytecode
cache): here each template's code is written to ``templates/`` in the cache folder, named by a
SHA-256 of the template's name and file, the environment it is compiled for (Markdown or HTML),
Jinja2's version and the fingerprint of the installed ccc-audit code, and sealed with the
folder's key (:mod:`ccc_audit.files.cache_seal`). Jinja2 itself recompiles when the template's
source no longer matches the checksum stored in the entry. An entry that is missing, unsealed,
altered or unreadable is compiled again and rewritten, silently: the compiled code of a template
is a pure function of its source, so the cache can only cost time, never change a report.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import jinja2

from ccc_audit.files.cache_seal import matches, seal_bytes, seal_key
from ccc_audit.loading.library_cache import code_fingerprint
from ccc_audit.templating import keep_compiled

FOLDER = "templates"
"""The sub-folder of the cache folder that holds compiled templates."""


class SealedTemplateCache(jinja2.BytecodeCache):
    """Jinja2's bytecode cache, in a cache folder, every entry sealed."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        """The bucket of template ``name`` compiled for ``environment`` (its escaping is in the key)."""
        flavour = "html" if environment.autoescape else "text"
        key = "\n".join([flavour, jinja2.__version__, code_fingerprint(), name, filename or ""])
        bucket = jinja2.bccache.Bucket(environment, hashlib.sha256(key.encode()).hexdigest(), "")
        bucket.checksum = self.get_source_checksum(source)
        self.load_bytecode(bucket)
        return bucket

    def _entry(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.cache_dir / FOLDER / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` from its entry when the entry's seal holds; else leave it empty."""
        entry = self._entry(bucket)
        try:
            data = entry.read_bytes()
            expected = entry.with_name(entry.name + ".seal").read_text("ascii").strip()
        except (OSError, ValueError):
            return
        key = seal_key(self.cache_dir)
        if key is not None and matches(expected, seal_bytes(key, data)):
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Write ``bucket``'s code and its seal; a folder that cannot be written is left alone."""
        key = seal_key(self.cache_dir)
        if key is None:
            return
        entry = self._entry(bucket)
        seal = entry.with_name(entry.name + ".seal")
        partial = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        data = bucket.bytecode_to_string()
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            seal.unlink(missing_ok=True)  # never a new entry under an old seal, nor the reverse
            partial.write_bytes(data)
            partial.replace(entry)
            seal.write_text(seal_bytes(key, data), "ascii")
        except OSError:
            partial.unlink(missing_ok=True)


def keep_compiled_templates(cache_dir: Path | None) -> None:
    """Keep the report templates compiled in ``cache_dir`` (None: compile them in every run)."""
    keep_compiled(SealedTemplateCache(cache_dir) if cache_dir is not None else None)
