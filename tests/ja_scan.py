"""Find untranslated vocabulary codes and English headers in Japanese outputs (issue 17).

A code is any word of the vocabulary table (``rulepacks/vocabulary/vocabulary.yaml`` labels) whose
Japanese label differs from it, standing alone: not part of an id (``copc.4.3.voice-level``), a
path or a code span. A header is English when it holds a word of three or more Latin letters
outside a short list of names every Japanese reader uses as they are (ID, COPC, KPI …).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from openpyxl import load_workbook

from ccc_audit.i18n.vocabulary import vocabulary_labels

KEPT = {"ID", "COPC", "ISO", "KPI", "CSS", "SHA", "CX", "BPO", "SMS", "SLA", "URL", "IT", "QA", "RFP", "P1"}
"""Latin words a Japanese header may hold as they are."""

_NOISY = {"at", "no", "met", "max", "day", "yes"}
"""Value words too short or too common to find reliably in running text; checked in values instead."""


def codes() -> list[str]:
    """Every word of the vocabulary table that Japanese outputs must translate."""
    found: set[str] = set()
    for group, entries in vocabulary_labels().items():
        for code, text in entries.items():
            if text["ja"] != code and code not in _NOISY and not (group == "value" and len(code) < 5):
                found.add(code)
    return sorted(found, key=len, reverse=True)


def _pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(c) for c in codes())
    return re.compile(rf"(?<![\w.\-/`#@])(?:{words})(?![\w\-/.`]|\.\w)")


def file_ids(text: str) -> set[str]:
    """Names of the bundle files ``text`` cites (``records/complaints.csv`` → complaints): the ids of
    record sets and documents, which are the organisation's names, not vocabulary."""
    return {Path(p).stem for p in re.findall(r"[\w\-.]+(?:/[\w\-.]+)+", text)}


def untranslated(text: str, ids: set[str] | None = None) -> list[str]:
    """Vocabulary codes standing alone in ``text`` (code spans, paths and cited file ids left out)."""
    text = re.sub(r"`[^`]*`", " ", text).replace("\\", "")
    known = file_ids(text) | (ids or set())
    return [m.group(0) for m in _pattern().finditer(text) if m.group(0) not in known]


def english_header(text: str, ids: set[str] | None = None) -> bool:
    """Whether a header is (partly) English; ``ids`` (vendor ids, people's names) are names, not English."""
    for name in sorted(ids or set(), key=len, reverse=True):
        text = text.replace(name, " ")
    words = re.findall(r"[A-Za-z][A-Za-z()]{2,}", text)
    return any(w not in KEPT and w.strip("()") not in KEPT for w in words)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.headers: list[str] = []
        self._skip = 0
        self._in_th = False

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "script", "style"):
            self._skip += 1
        self._in_th = tag == "th" or self._in_th

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "script", "style"):
            self._skip -= 1
        if tag == "th":
            self._in_th = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)
            if self._in_th and data.strip():
                self.headers.append(data.strip())


def html_problems(path: Path, ids: set[str] | None = None) -> list[str]:
    """Codes in the visible text of an HTML report, and English table headers."""
    raw = path.read_text(encoding="utf-8")
    parser = _Text()
    parser.feed(raw)
    known = file_ids(re.sub(r"<[^>]+>", "", raw)) | (ids or set())  # paths hold id spans
    found = [f"{path.name}: {c}" for c in untranslated("\n".join(parser.parts), known)]
    found += [f"{path.name}: header {h!r}" for h in parser.headers if english_header(h, ids)]
    return found


def md_problems(path: Path, ids: set[str] | None = None) -> list[str]:
    """Codes in a Markdown report, and English table headers."""
    text = path.read_text(encoding="utf-8")
    found = [f"{path.name}: {c}" for c in untranslated(text, file_ids(text) | (ids or set()))]
    for line, following in zip(text.splitlines(), text.splitlines()[1:], strict=False):
        if line.startswith("|") and following.startswith("|---"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            found += [
                f"{path.name}: header {c!r}" for c in cells if english_header(re.sub(r"`[^`]*`", "", c))
            ]
    return found


def xlsx_problems(path: Path, ids: set[str] | None = None) -> list[str]:
    """Codes in any cell of a workbook, English sheet names and English first-row headers."""
    workbook = load_workbook(path)
    found: list[str] = []
    every = "\n".join(
        c.value for s in workbook.worksheets for r in s.iter_rows() for c in r if isinstance(c.value, str)
    )
    names = ids or set()
    known = file_ids(every) | names
    for sheet in workbook.worksheets:
        if english_header(sheet.title, names):
            found.append(f"{path.name}: sheet {sheet.title!r}")
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    found += [
                        f"{path.name}!{sheet.title}!{cell.coordinate}: {c}"
                        for c in untranslated(cell.value, known)
                    ]
        for cell in next(sheet.iter_rows(max_row=1), ()):
            if isinstance(cell.value, str) and english_header(cell.value, names):
                found.append(f"{path.name}!{sheet.title}!{cell.coordinate}: header {cell.value!r}")
    return found


def console_problems(text: str, ids: set[str] | None = None) -> list[str]:
    """Codes and English words in a Japanese run's console output (paths and ``ids`` left out)."""
    found: list[str] = []
    for line in text.splitlines():
        plain = re.sub(r"\S*[/.\-_:]\S*", " ", line)
        for name in ids or set():
            plain = re.sub(rf"(?<![\w]){re.escape(name)}(?![\w])", " ", plain)
        found += [f"console: {c}" for c in untranslated(plain)]
        words = [w for w in re.findall(r"[A-Za-z]{3,}", plain) if w not in KEPT]
        found += [f"console: {line!r}" for _ in words[:1]]
    return found
