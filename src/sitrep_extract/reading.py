"""Reading the PDF: the only module that imports pdfplumber.

It turns a file into `Document` → `Page` → `Word` records with positions, font and
colour, and turns every way a file can be unreadable into a typed `SitrepError`.
Nothing past this module sees a pdfplumber object.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfplumber.utils.text import WordExtractor

from .errors import (
    DamagedPdf,
    EmptyFile,
    EncryptedPdf,
    InputNotFound,
    NotAPdf,
    NoTextLayer,
    SitrepError,
    UnreadableFile,
)

#: pdfplumber's defaults; the fixture generator and the real reports both emit space
#: characters, so words split on them and the tolerance only matters for kerning.
X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
#: A PDF header may be preceded by junk; the spec allows it within the first 1024 bytes.
HEADER_WINDOW = 1024
#: Substrings of fontnames that mean a heavy weight (real reports use Gotham/Myriad
#: "Bold", "Black" and "Heavy"; the fixtures use DejaVuSans-Bold).
BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")
#: Characters that stand for a lost glyph: pdfplumber would treat a tab as white
#: space and cut 'bene\tciaries' in two, so it becomes U+FFFD here and the repair
#: stage decides what it was.
LOST_GLYPH = "\ufffd"


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str
    color: tuple[float, ...]
    page: int

    @property
    def bold(self) -> bool:
        name = self.fontname.lower()
        return any(marker in name for marker in BOLD_MARKERS)

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based, as people count pages
    width: float
    height: float
    words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    sha256: str
    pages: tuple[Page, ...]

    @property
    def page_count(self) -> int:
        return len(self.pages)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise UnreadableFile(path, f"cannot read file ({exc.strerror or exc})") from exc
    return digest.hexdigest()


def check_file(path: Path) -> None:
    """Reject what is not a PDF before pdfminer gets to misreport it."""
    if not path.exists():
        raise InputNotFound(path, "file not found")
    if not path.is_file():
        raise InputNotFound(path, "not a regular file")
    try:
        if path.stat().st_size == 0:
            raise EmptyFile(path, "file is empty (0 bytes)")
        with path.open("rb") as handle:
            head = handle.read(HEADER_WINDOW)
    except OSError as exc:
        raise UnreadableFile(path, f"cannot read file ({exc.strerror or exc})") from exc
    if b"%PDF-" not in head:
        raise NotAPdf(path, "not a PDF file (no %PDF header)")


def _classify_open_error(path: Path, exc: BaseException) -> SitrepError:
    """pdfminer wraps everything in PdfminerException; tell encryption from damage."""
    cause: BaseException = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    name = type(cause).__name__
    text = str(cause)
    if name == "PDFPasswordIncorrect":
        return EncryptedPdf(path, "encrypted PDF: a password is required")
    if name == "PDFEncryptionError":
        # An empty encryption dictionary is what damage (shifted offsets) looks like.
        if "param={}" in text:
            return DamagedPdf(path, "damaged PDF: unreadable encryption dictionary")
        return EncryptedPdf(path, "encrypted PDF: unsupported encryption")
    detail = f"{name}: {text}" if text else name
    return DamagedPdf(path, f"damaged PDF: cannot be opened ({_shorten(detail)})")


def _shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _color(value: Any) -> tuple[float, ...]:
    if value is None:
        return ()
    if isinstance(value, (int, float)):
        return (float(value),)
    try:
        return tuple(float(v) for v in value)
    except (TypeError, ValueError):  # pattern colours come as names
        return ()


#: Overprinted (fake-bold) text draws the same glyph again within this many points;
#: pdfplumber's own default tolerance.
DEDUPE_TOLERANCE = 1.0


def _prepare_chars(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop rotated and overprinted duplicate chars; keep a tab between two letters
    (a lost 'fi' glyph) inside its word instead of letting it split the word.

    pdfplumber's dedupe_chars does the same but sorts per char group and took most of
    a page's reading time. Here each char is looked up in a grid of cells twice the
    tolerance wide: a duplicate can only sit in its own cell or the nearer neighbour
    along each axis, so four look-ups decide."""
    tol = DEDUPE_TOLERANCE
    span = 2 * tol
    cells: dict[tuple[int, int], list[dict[str, Any]]] = {}
    cell = cells.get
    prepared: list[dict[str, Any]] = []
    for char in chars:
        if not char.get("upright", True):
            continue  # rotated side text is decoration in this series
        x0, top = char["x0"], char["top"]
        gx, gy = int(x0 // span), int(top // span)
        nx = gx - 1 if x0 - gx * span < tol else gx + 1
        ny = gy - 1 if top - gy * span < tol else gy + 1
        duplicate = False
        for key in ((gx, gy), (nx, gy), (gx, ny), (nx, ny)):
            others = cell(key)
            if others is None:
                continue
            for other in others:
                if (
                    other["text"] == char["text"]
                    and abs(other["x0"] - x0) <= tol
                    and abs(other["top"] - top) <= tol
                    and other["fontname"] == char["fontname"]
                    and other["size"] == char["size"]
                ):
                    duplicate = True
                    break
            if duplicate:
                break
        if duplicate:
            continue
        others = cell((gx, gy))
        if others is None:
            cells[(gx, gy)] = [char]
        else:
            others.append(char)
        prepared.append(char)
    for index in range(1, len(prepared) - 1):
        if prepared[index]["text"] == "\t" and _letter(prepared[index - 1]) and _letter(prepared[index + 1]):
            prepared[index] = {**prepared[index], "text": LOST_GLYPH}
    return prepared


def _letter(char: dict[str, Any]) -> bool:
    return char["text"].isalpha()


# pdfminer and pdfplumber log every oddity of a damaged file on stderr; what matters
# reaches the user as one typed error per file instead.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)

_EXTRACTOR = WordExtractor(
    x_tolerance=X_TOLERANCE,
    y_tolerance=Y_TOLERANCE,
    extra_attrs=["fontname", "size"],
)


def _page_words(page: Any, number: int) -> tuple[Word, ...]:
    chars = _prepare_chars(page.chars)
    words = []
    for word, word_chars in _EXTRACTOR.iter_extract_tuples(chars):
        words.append(
            Word(
                text=word["text"],
                x0=float(word["x0"]),
                x1=float(word["x1"]),
                top=float(word["top"]),
                bottom=float(word["bottom"]),
                size=float(word["size"]),
                fontname=str(word["fontname"]),
                color=_color(word_chars[0].get("non_stroking_color")),
                page=number,
            )
        )
    return tuple(words)


def iter_pages(path: str | Path) -> Iterator[Page]:
    """Yield pages one at a time, releasing each pdfplumber page when done."""
    path = Path(path)
    check_file(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises anything on a damaged file
        raise _classify_open_error(path, exc) from exc
    try:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise DamagedPdf(path, f"damaged PDF: page tree unreadable ({_shorten(type(exc).__name__ + ': ' + str(exc))})") from exc
        if not pages:
            raise DamagedPdf(path, "damaged PDF: no readable pages")
        for index, page in enumerate(pages, start=1):
            try:
                yield Page(
                    number=index,
                    width=float(page.width),
                    height=float(page.height),
                    words=_page_words(page, index),
                )
            except SitrepError:
                raise
            except (Exception, RecursionError) as exc:
                raise DamagedPdf(
                    path, f"damaged PDF: page content unreadable ({_shorten(type(exc).__name__ + ': ' + str(exc))})", page=index
                ) from exc
            finally:
                page.close()
    finally:
        _close(pdf)


def _close(pdf: Any) -> None:
    """pdfplumber's close() walks the page tree again, which fails on the damaged
    trees that made us stop; the file handle must be released regardless."""
    try:
        pdf.close()
    except Exception:
        stream = getattr(pdf, "stream", None)
        if stream is not None:
            stream.close()


def read_pdf(path: str | Path, *, accept_first_page: Callable[[Page], bool] | None = None) -> Document:
    """Read every page into records; a PDF without any text is refused here.

    `accept_first_page` lets the caller stop after the first page with text when it is
    not a document worth reading (a 350-page book is not a Regional Response Overview,
    and its first page says so); it then returns the pages read so far."""
    path = Path(path)
    check_file(path)
    sha = file_sha256(path)
    pages: list[Page] = []
    seen_text = False
    for page in iter_pages(path):
        pages.append(page)
        if page.words and not seen_text:
            seen_text = True
            if accept_first_page is not None and not accept_first_page(page):
                break
    if not seen_text:
        raise NoTextLayer(path, "no text layer (a scan, image or drawing without text)")
    return Document(path=str(path), sha256=sha, pages=tuple(pages))


def page_image(path: str | Path, page: int, resolution: int) -> Any:
    """Page `page` (1-based) rendered at `resolution` dpi as pdfplumber's PageImage,
    ready to draw on (`show` outlines what the extractor saw). Rendered by pypdfium2
    and held in memory, so it stays usable after the PDF is closed."""
    path = Path(path)
    check_file(path)
    try:
        with pdfplumber.open(path) as pdf:
            return pdf.pages[page - 1].to_image(resolution=resolution)
    except Exception as exc:  # pdfminer and pypdfium2 raise anything on a damaged file
        raise DamagedPdf(path, f"damaged PDF: page cannot be rendered ({_shorten(type(exc).__name__ + ': ' + str(exc))})", page=page) from exc
