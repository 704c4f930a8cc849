"""A user's XLSX workbook opened with every kind of damage reported as an input error.

A damaged workbook makes :mod:`zipfile`, :mod:`zlib` and the XML parser raise almost anything:
``BadZipFile``, ``NotImplementedError`` (an unknown zip version), ``RuntimeError`` (an encrypted
member), ``zlib.error``, ``ParseError``, ``KeyError`` (a missing part). Each becomes one
:class:`InputError` naming the file, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ccc_audit.errors import Diagnostic, InputError
from ccc_audit.files.reading import check_zip_expansion

if TYPE_CHECKING:
    from openpyxl import Workbook

T = TypeVar("T")

_DETAIL_CHARS = 120


def damaged_workbook(shown: str, exc: BaseException, path: Path | None = None) -> InputError:
    """The input error for ``shown``, a file that cannot be read as an XLSX workbook (``exc`` says why)."""
    detail = str(exc).strip().replace(str(path), shown) if path is not None else str(exc).strip()
    reason = f"{type(exc).__name__}: {detail[:_DETAIL_CHARS]}" if detail else type(exc).__name__
    return InputError(
        [
            Diagnostic(
                shown,
                0,
                0,
                f"the file cannot be opened as an XLSX workbook ({reason}); if it is one, it is damaged: "
                "open it in Excel or LibreOffice and save it again",
            )
        ]
    )


def open_workbook(
    path: Path, shown: str, expansion_limit: int, *, read_only: bool = False, data_only: bool = False
) -> Workbook:
    """``path`` loaded by openpyxl once its members are known to expand to at most ``expansion_limit``.

    With ``read_only``, sheets are parsed while their rows are read: read them inside
    :func:`read_workbook` so that damage found there is reported the same way.
    """
    from openpyxl import load_workbook

    check_zip_expansion(path, shown, "an XLSX workbook", expansion_limit)
    try:
        return load_workbook(path, read_only=read_only, data_only=data_only)
    except Exception as exc:  # see the module docstring: damage raises almost anything
        raise damaged_workbook(shown, exc, path) from None


def read_workbook(
    path: Path, shown: str, expansion_limit: int, read: Callable[[Workbook], T], *, data_only: bool = True
) -> T:
    """What ``read`` takes from ``path`` opened read-only; damage met while reading is an input error.

    An :class:`InputError` raised by ``read`` itself (a located problem in a cell) passes through.
    The workbook is closed however ``read`` ends.
    """
    book = open_workbook(path, shown, expansion_limit, read_only=True, data_only=data_only)
    try:
        return read(book)
    except InputError:
        raise
    except Exception as exc:  # see the module docstring: damage raises almost anything
        raise damaged_workbook(shown, exc, path) from None
    finally:
        book.close()
