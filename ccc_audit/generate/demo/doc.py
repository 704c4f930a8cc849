"""Controlled documents of the demo: metadata, the Markdown wrapper and the template renderer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ccc_audit.generate.demo.dates import jp_date, jp_date_wd
from ccc_audit.generate.demo.world import (
    CEO,
    CX_HEAD,
    DIRECTOR_OPS,
    FUKUOKA_HEAD,
    HR_HEAD,
    QA_HEAD,
    SAPPORO_HEAD,
    WFM_HEAD,
    YEAR,
)


@dataclass(frozen=True)
class Doc:
    """A controlled document: manifest metadata and Markdown body."""

    id: str
    type: str
    title: str
    english: str
    code: str
    version: str
    owner: str
    approved_by: str
    approved_on: dt.date
    effective_date: dt.date
    next_review_date: dt.date | None
    body: str
    topics: tuple[str, ...] = ()
    control_block: bool = True

    @property
    def path(self) -> str:
        """Return the path of the Markdown file inside the bundle."""
        return f"documents/{self.id}.md"

    def markdown(self) -> str:
        """Return the full Markdown text: title, document control, body."""
        lines = [f"# {self.title} ({self.english})", ""]
        if self.control_block:
            lines += [
                "| 項目 | 内容 |",
                "| --- | --- |",
                f"| 文書番号 | {self.code} |",
                f"| 版 | {self.version} |",
                f"| 所管 | {self.owner} |",
                f"| 承認 | {self.approved_by}（{jp_date(self.approved_on)}） |",
                f"| 施行日 | {jp_date(self.effective_date)} |",
            ]
            if self.next_review_date:
                lines.append(f"| 次回見直し | {jp_date(self.next_review_date)} |")
            lines.append("")
        lines.append(self.body.strip("\n"))
        return "\n".join(lines) + "\n"


_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "documents"),
    autoescape=False,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, **context: object) -> str:
    """Return the body of a document: the template ``documents/<name>`` filled with ``context``.

    Every template also sees the audit year, the people named in documents and the date formats.
    """
    people = {
        "CEO": CEO,
        "DIRECTOR_OPS": DIRECTOR_OPS,
        "QA_HEAD": QA_HEAD,
        "HR_HEAD": HR_HEAD,
        "WFM_HEAD": WFM_HEAD,
        "CX_HEAD": CX_HEAD,
        "SAPPORO_HEAD": SAPPORO_HEAD,
        "FUKUOKA_HEAD": FUKUOKA_HEAD,
    }
    common = {"YEAR": YEAR, "jp_date": jp_date, "jp_date_wd": jp_date_wd, **people}
    return _TEMPLATES.get_template(name).render(common, **context)
