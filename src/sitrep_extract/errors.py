"""The one error hierarchy: everything that stops extraction of a file.

Data problems that do not stop extraction are `Issue` records, not exceptions.
Every error carries the file (and page when known) so that a batch can report a
one-line reason per file without a traceback.
"""

from __future__ import annotations

from pathlib import Path


def printable(path: str | Path) -> str:
    """A path as one printable line of valid UTF-8: line breaks and undecodable bytes
    of a file name are shown as escapes instead of breaking messages and tables."""
    text = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")


class SitrepError(Exception):
    """Extraction of one file cannot continue. `str()` is the one-line message."""

    #: Stable name written to failures tables and shown to users.
    code = "sitrep-error"

    def __init__(self, path: str | Path | None, message: str, *, page: int | None = None) -> None:
        self.path = printable(path) if path is not None else None
        self.page = page
        self.reason = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.path or "<input>"
        if self.page is not None:
            where = f"{where}: page {self.page}"
        return f"{where}: {self.reason}"


class InputNotFound(SitrepError):
    code = "not-found"


class UnreadableFile(SitrepError):
    """The operating system refuses to read the file (permissions, I/O error)."""

    code = "unreadable"


class EmptyFile(SitrepError):
    code = "empty-file"


class NotAPdf(SitrepError):
    code = "not-a-pdf"


class EncryptedPdf(SitrepError):
    code = "encrypted"


class DamagedPdf(SitrepError):
    code = "damaged"


class NoTextLayer(SitrepError):
    """The PDF opens but carries no extractable text (a scan, an image-only page)."""

    code = "no-text"


class NotARegionalResponseOverview(SitrepError):
    """A readable PDF that is some other document."""

    code = "not-a-report"


class OutputError(SitrepError):
    """The tables cannot be written where asked."""

    code = "output-error"


class BadExpectedTable(SitrepError):
    """A hand-written expected table that cannot be compared with (for `check`)."""

    code = "bad-expected-table"
