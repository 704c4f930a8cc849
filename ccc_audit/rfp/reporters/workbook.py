"""Save a workbook as byte-identical XLSX for identical content (fixed times inside the zip)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

_EPOCH = (1980, 1, 1, 0, 0, 0)


def stable_xlsx(book: Workbook, when: dt.date) -> bytes:
    """The workbook's bytes with document times set to ``when`` and zip entry times fixed."""
    moment = dt.datetime(when.year, when.month, when.day)
    book.properties.created = moment
    book.properties.modified = moment
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # ExcelWriter closes the archive
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
