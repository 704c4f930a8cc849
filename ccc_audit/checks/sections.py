"""Finding a document check's required sections among the headings of documents.

Headings and the accepted texts are compared after normalising Japanese text: NFKC (full-width
letters and digits become ASCII, half-width katakana full-width), case folded, whitespace
removed. A section is found when one of its accepted texts (the pack's ``headings``, synonyms
included, as data) occurs inside a heading. An auditor may instead cite the heading in
``bundle.yaml`` (``documents[].sections: {long_outage: "4.2 長時間停止時の対応"}``): the citation
overrides matching, and the cited heading must exist in that document.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ccc_audit.files.heading import Heading
from ccc_audit.i18n.text import text
from ccc_audit.models.bundle import Document
from ccc_audit.models.common import Localized
from ccc_audit.models.result import SectionLocation

_NUMBERING = re.compile(r"^(?:第\d+[章節条部]|\d+(?:\.\d+)*\.?|[(（]?\d+[)）]|[ivx]+\.)")
"""Leading numbering of a heading (after normalising): ``4.2``, ``第3章``, ``(2)``, ``iv.``."""


def normalise(value: str) -> str:
    """Text as compared: NFKC, case folded, without whitespace."""
    return "".join(unicodedata.normalize("NFKC", value).casefold().split())


def _core(value: str) -> str:
    """Normalised text without its leading numbering (``4.2長時間停止時の対応`` → ``長時間停止時の対応``)."""
    normal = normalise(value)
    return _NUMBERING.sub("", normal, count=1) or normal


def section_id(name: Localized, explicit: str | None) -> str:
    """The id an auditor cites a section by: explicit, or the English name in snake case."""
    if explicit:
        return explicit
    return re.sub(r"[^a-z0-9]+", "_", name.en.casefold()).strip("_") or "section"


@dataclass(frozen=True)
class Outline:
    """A document and its headings as read (or None with the reason it could not be read)."""

    document: Document
    headings: list[Heading] | None
    error: str | None = None


@dataclass(frozen=True)
class Found:
    """Where a section is: the document and the location."""

    document: Document
    location: SectionLocation
    name: Localized


@dataclass(frozen=True)
class Missing:
    """Why a section was not found: not in any heading, or a cited heading absent."""

    section: str
    name: Localized
    detail: Localized
    cited: bool = False


def _location(section: str, heading: Heading, *, cited: bool) -> SectionLocation:
    return SectionLocation(
        section=section,
        heading=heading.text,
        unit=heading.unit,
        number=heading.number,
        sheet=heading.sheet,
        cited=cited,
    )


def locate(section: str, name: Localized, accepted: list[str], outlines: list[Outline]) -> Found | Missing:
    """Where ``section`` is among ``outlines`` (citations first, then matching ``accepted``)."""
    citing = [o for o in outlines if section in o.document.sections]
    if citing:
        for outline in citing:
            wanted = _core(outline.document.sections[section])
            for heading in outline.headings or []:
                if wanted and wanted in _core(heading.text):
                    return Found(outline.document, _location(section, heading, cited=True), name)
        cites = "; ".join(f'{o.document.id}: "{o.document.sections[section]}"' for o in citing)
        return Missing(
            section,
            name,
            text(
                f"節「{name.ja}」として bundle.yaml が示す見出しが文書にない（{cites}）",
                f'the heading bundle.yaml cites for "{name.en}" is not in the document ({cites})',
            ),
            cited=True,
        )
    wanted_texts = [w for w in (normalise(a) for a in accepted) if w]
    for outline in outlines:
        for heading in outline.headings or []:
            title = normalise(heading.text)
            if any(w in title for w in wanted_texts):
                return Found(outline.document, _location(section, heading, cited=False), name)
    return Missing(section, name, text(f"節「{name.ja}」がない", f'no "{name.en}" section'))


def place_text(location: SectionLocation) -> Localized:
    """Where a heading is, in words: ``3ページ`` / ``page 3``, ``シート「計画」`` / ``sheet "Plan"``."""
    n = location.number
    if location.unit == "sheet":
        return text(f"シート「{location.sheet}」", f'sheet "{location.sheet}"')
    if n <= 0:
        return text("位置不明", "place unknown")
    ja = {"line": f"{n}行目", "paragraph": f"{n}段落目", "page": f"{n}ページ", "slide": f"スライド{n}"}
    return text(ja[location.unit], f"{location.unit} {n}")
