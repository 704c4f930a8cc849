"""syrupy extensions that keep each report snapshot as one readable file of its own type."""

from __future__ import annotations

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode


class MarkdownSnapshot(SingleFileSnapshotExtension):
    """Stores a snapshot as a readable ``.md`` file."""

    _write_mode = WriteMode.TEXT
    file_extension = "md"


class JsonSnapshot(SingleFileSnapshotExtension):
    """Stores a snapshot as a readable ``.json`` file."""

    _write_mode = WriteMode.TEXT
    file_extension = "json"


class HtmlSnapshot(SingleFileSnapshotExtension):
    """Stores a snapshot as a readable ``.html`` file."""

    _write_mode = WriteMode.TEXT
    file_extension = "html"


class CsvSnapshot(SingleFileSnapshotExtension):
    """Stores a snapshot as a ``.csv`` file (bytes, to keep the BOM and CRLF visible to diff)."""

    file_extension = "csv"


class TextSnapshot(SingleFileSnapshotExtension):
    """Stores a snapshot as a readable ``.txt`` file."""

    _write_mode = WriteMode.TEXT
    file_extension = "txt"


class XmlSnapshot(SingleFileSnapshotExtension):
    """Stores a snapshot as a readable ``.xml`` file."""

    _write_mode = WriteMode.TEXT
    file_extension = "xml"
