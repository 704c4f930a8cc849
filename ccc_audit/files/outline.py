"""The headings of a document file, each with where it is: Markdown, text, DOCX, PDF, PPTX, XLSX.

Every reader is bounded: the file must be a regular file under :data:`DOCUMENT_LIMIT`, an Office
file (a zip) must not unpack beyond :data:`DOCUMENT_UNCOMPRESSED_LIMIT`, and no more than
:data:`MAX_HEADINGS` headings are kept. A file that cannot be read (corrupt, encrypted, refused)
raises :class:`OutlineError` with a sentence saying why, never a library traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from ccc_audit.errors import InputError
from ccc_audit.files.heading import MAX_HEADINGS, Heading, OutlineError
from ccc_audit.files.outline_office import docx_headings, pptx_headings, xlsx_headings
from ccc_audit.files.outline_pdf import pdf_headings
from ccc_audit.files.reading import MIB, check_zip_expansion, read_bounded

DOCUMENT_LIMIT = 64 * MIB
"""The largest document file read for its headings."""
DOCUMENT_UNCOMPRESSED_LIMIT = 256 * MIB
"""What the members of a DOCX, PPTX or XLSX document may expand to (a zip bomb is refused)."""


def _markdown(path: Path) -> list[Heading]:
    data = read_bounded(path, path.name, "a document", DOCUMENT_LIMIT)
    tokens = MarkdownIt("commonmark").parse(data.decode("utf-8", errors="replace"))
    found: list[Heading] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens):
            line = token.map[0] + 1 if token.map else 0
            found.append(Heading(tokens[i + 1].content.strip(), "line", line))
    return found


def _office(reader: Callable[[Path], list[Heading]]) -> Callable[[Path], list[Heading]]:
    def read(path: Path) -> list[Heading]:
        read_bounded(path, path.name, "a document", DOCUMENT_LIMIT)  # size and kind of file
        check_zip_expansion(path, path.name, "a document", DOCUMENT_UNCOMPRESSED_LIMIT)
        return reader(path)

    return read


def _readers() -> dict[str, Callable[[Path], list[Heading]]]:
    def pdf(path: Path) -> list[Heading]:
        return pdf_headings(read_bounded(path, path.name, "a document", DOCUMENT_LIMIT))

    return {
        ".md": _markdown,
        ".markdown": _markdown,
        ".txt": _markdown,
        ".docx": _office(docx_headings),
        ".pptx": _office(pptx_headings),
        ".xlsx": _office(xlsx_headings),
        ".xlsm": _office(xlsx_headings),
        ".pdf": pdf,
    }


READABLE_SUFFIXES = frozenset({".md", ".markdown", ".txt", ".docx", ".pptx", ".xlsx", ".xlsm", ".pdf"})
"""File name endings whose headings can be read."""


def readable(path: str | Path) -> bool:
    """Whether the headings of a file of this name can be read."""
    return Path(path).suffix.lower() in READABLE_SUFFIXES


def read_outline(path: Path) -> list[Heading]:
    """The headings of ``path`` in document order (at most :data:`MAX_HEADINGS`).

    Raises :class:`OutlineError` when the file cannot be read; the caller checks
    :func:`readable` first.
    """
    reader = _readers()[path.suffix.lower()]
    try:
        found = reader(path)
    except OutlineError:
        raise
    except InputError as exc:
        raise OutlineError("; ".join(d.message for d in exc.diagnostics)) from None
    except Exception as exc:  # a damaged file makes the parsers raise almost anything
        raise OutlineError(
            f"the file is damaged or not a {path.suffix.lower()[1:].upper()} file "
            f"({type(exc).__name__}: {str(exc)[:200]})"
        ) from None
    return [h for h in found if h.text][:MAX_HEADINGS]
