"""Reading PDFs: every unreadable file becomes a typed one-line `SitrepError`, and the
words of the fixture keep the damage the later stages repair.

The corpus files come from ../shared/corpus (see its README.md); only the small
damaged/, encrypted/ and scanned-image-only/ groups are read here so the file stays fast.
"""

from __future__ import annotations

import pathlib
import re
from pathlib import Path

import pdfplumber
import pytest

import sitrep_extract
from sitrep_extract import reading
from sitrep_extract.errors import (
    DamagedPdf,
    EmptyFile,
    EncryptedPdf,
    InputNotFound,
    NotAPdf,
    NotARegionalResponseOverview,
    NoTextLayer,
    SitrepError,
)
from sitrep_extract.pipeline import Extraction

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "fixtures" / "2021-q2-en.pdf"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CORPUS_GROUPS = ("damaged", "encrypted", "scanned-image-only")
NO_CORPUS = f"shared corpus not found at {CORPUS} (CI keeps it at ../shared/corpus)"

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LOST = "\ufffd"

# What a user should see for each corpus file, from the corpus README's description.
# (accepted error classes, substring the message must contain or None).
# Where the README leaves room (a damaged file pdfminer still reads as some other
# document), both "damaged" and "not a report" are accepted.
PASSWORD = ((EncryptedPdf,), "password")
NOT_A_REPORT = ((NotARegionalResponseOverview,), "not an IOM Regional Response Overview")
READABLE_BUT_DAMAGED = ((NotARegionalResponseOverview, DamagedPdf), None)
DAMAGED = ((DamagedPdf,), "damaged PDF")
NO_PAGES = ((DamagedPdf,), "no readable pages")
NO_TEXT = ((NoTextLayer,), "no text layer")

EXPECTED: dict[str, tuple[tuple[type[SitrepError], ...], str | None]] = {
    # damaged/
    "pdfplumber__empty.pdf": ((EmptyFile,), "empty"),
    "qpdf__bad1.pdf": ((NotAPdf,), "not a PDF"),
    "pdfjs__bug1250079.pdf": DAMAGED,  # truncated, no xref/trailer
    "pdfjs__scan-bad.pdf": READABLE_BUT_DAMAGED,  # truncated scan, still opens with 6 chars
    "pdfjs__issue6069.pdf": NOT_A_REPORT,  # junk before header, but readable text
    "qpdf__leading-junk.pdf": ((DamagedPdf,), "damaged PDF"),  # looks encrypted, is damage
    "qpdf__bad4.pdf": NO_PAGES,
    "pdfminer__175.pdf": NO_PAGES,  # off-by-one xref: 0 pages
    "qpdf__append-xref-loop.pdf": DAMAGED,
    "qpdf__pages-loop.pdf": READABLE_BUT_DAMAGED,
    "qpdf__issue-120.pdf": DAMAGED,
    "qpdf__issue-449.pdf": DAMAGED,  # bare TypeError in pdfminer
    "pdfjs__operator_list_cycle.pdf": DAMAGED,  # bare TypeError in pdfminer
    "qpdf__direct-pages.pdf": DAMAGED,
    "qpdf__damaged-stream.pdf": READABLE_BUT_DAMAGED,
    "qpdf__broken-lzw.pdf": DAMAGED,
    "qpdf__unfilterable.pdf": DAMAGED,
    "pdfjs__poppler-90-0-fuzzed.pdf": DAMAGED,
    "pdfjs__PDFBOX-3148-2-fuzzed.pdf": DAMAGED,
    "pdfminer__zen_of_python_corrupted.pdf": READABLE_BUT_DAMAGED,
    "pdfminer__issue-1113-evil-xobjects.pdf": NOT_A_REPORT,
    "pdfjs__franz_2.pdf": DAMAGED,
    "pdfjs__recursiveCompositGlyf.pdf": NOT_A_REPORT,
    # encrypted/
    "pdfplumber__password-example.pdf": PASSWORD,
    "pdfminer__rc4-40.pdf": PASSWORD,
    "pdfminer__aes-128.pdf": PASSWORD,
    "pdfminer__aes-256-r6.pdf": PASSWORD,
    "camelot__health_protected.pdf": PASSWORD,
    "qpdf__enc-XI-R6,V5,U=view,O=master.pdf": PASSWORD,
    "pdfjs__issue6010_2.pdf": PASSWORD,  # non-ASCII password
    "pdfjs__bug1782186.pdf": ((EncryptedPdf,), "unsupported"),  # fails even with the password
    "qpdf__enc-R2,V1,O=master.pdf": NOT_A_REPORT,  # empty user password: opens
    "pdfjs__issue7665.pdf": ((DamagedPdf, EncryptedPdf), None),  # indirect /Encrypt entries
    # Malformed /Length; qpdf opens it without a password, pdfminer cannot.
    "qpdf__bad-encryption-length.pdf": ((EncryptedPdf, DamagedPdf), None),
    # scanned-image-only/
    "camelot__image.pdf": NO_TEXT,
    "pdfplumber__issue-203-decimalize.pdf": NO_TEXT,
    "qpdf__pclm-in.pdf": NO_TEXT,
    "pdfminer__pdf-with-jbig2.pdf": NO_TEXT,
    "sample-files__grayscale-image.pdf": NO_TEXT,
    "pdfjs__personwithdog.pdf": NO_TEXT,  # vector drawing only
    "sample-files__cmyk-image.pdf": NO_PAGES,  # pdfplumber sees 0 pages
}


def _corpus_params() -> list:
    if not CORPUS.is_dir():
        return [pytest.param(None, id="corpus-absent", marks=pytest.mark.skip(reason=NO_CORPUS))]
    files = sorted(p for group in CORPUS_GROUPS for p in (CORPUS / group).glob("*.pdf"))
    return [pytest.param(p, id=p.name) for p in files]


def assert_one_line_error(error: SitrepError, path: Path | str) -> None:
    message = str(error)
    assert "\n" not in message and "\r" not in message, message
    assert message.startswith(str(path)), message
    assert message.strip() == message
    assert isinstance(error.code, str) and KEBAB.match(error.code), error.code
    assert error.path == str(path)


# ------------------------------------------------------------------------ corpus


@pytest.mark.parametrize("path", _corpus_params())
def test_corpus_file_gives_extraction_or_typed_error(path: Path) -> None:
    try:
        result = sitrep_extract.extract(path)
    except SitrepError as error:
        assert_one_line_error(error, path)
        expected = EXPECTED.get(path.name)
        if expected is not None:
            classes, needle = expected
            assert type(error) in classes, f"{type(error).__name__}: {error}"
            if needle is not None:
                assert needle in str(error)
    else:  # any other exception fails the test by propagating
        assert isinstance(result, Extraction)
        assert path.name not in EXPECTED, f"{path.name} should have been refused"


def test_corpus_table_covers_the_corpus() -> None:
    """Every pin above names a file that exists, so a renamed file cannot go unchecked."""
    if not CORPUS.is_dir():
        pytest.skip(NO_CORPUS)
    present = {p.name for group in CORPUS_GROUPS for p in (CORPUS / group).glob("*.pdf")}
    assert set(EXPECTED) <= present, sorted(set(EXPECTED) - present)


def test_encrypted_error_is_not_damage_and_vice_versa() -> None:
    """The two files whose pdfminer errors look alike: leading junk shifts the offsets of
    an encrypted file (damage); an unsupported crypt filter is encryption."""
    if not CORPUS.is_dir():
        pytest.skip(NO_CORPUS)
    with pytest.raises(DamagedPdf) as damaged:
        sitrep_extract.extract(CORPUS / "damaged" / "qpdf__leading-junk.pdf")
    assert not isinstance(damaged.value, EncryptedPdf)
    assert damaged.value.code == "damaged"
    with pytest.raises(EncryptedPdf) as encrypted:
        sitrep_extract.extract(CORPUS / "encrypted" / "pdfjs__bug1782186.pdf")
    assert "unsupported" in str(encrypted.value)
    assert "password is required" not in str(encrypted.value)
    assert encrypted.value.code == "encrypted"


# -------------------------------------------------------------- hand-made inputs


def test_missing_path_is_input_not_found(tmp_path: Path) -> None:
    path = tmp_path / "nope.pdf"
    with pytest.raises(InputNotFound) as info:
        sitrep_extract.extract(path)
    assert str(info.value) == f"{path}: file not found"
    assert info.value.code == "not-found"
    assert_one_line_error(info.value, path)


def test_zero_byte_file_is_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFile) as info:
        sitrep_extract.extract(path)
    assert info.value.code == "empty-file"
    assert_one_line_error(info.value, path)


def test_text_file_renamed_pdf_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("Regional Response Overview\nApril - June 2021\n" * 50, encoding="utf-8")
    with pytest.raises(NotAPdf) as info:
        sitrep_extract.extract(path)
    assert info.value.code == "not-a-pdf"
    assert_one_line_error(info.value, path)


def test_directory_is_input_not_found(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.pdf"
    folder.mkdir()
    with pytest.raises(InputNotFound) as info:
        sitrep_extract.extract(folder)
    assert_one_line_error(info.value, folder)


def test_pdf_without_any_page_text_is_no_text_layer(tmp_path: Path) -> None:
    """A minimal, valid one-page PDF with an empty content stream."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path = tmp_path / "blank.pdf"
    path.write_bytes(body)
    with pytest.raises(NoTextLayer) as info:
        sitrep_extract.extract(path)
    assert info.value.code == "no-text"
    assert_one_line_error(info.value, path)


def test_unreadable_file_is_a_sitrep_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root in CI, where chmod 000 does not stop reading; simulate it.
    path = tmp_path / "locked.pdf"
    path.write_bytes(FIXTURE.read_bytes())
    real_open = pathlib.Path.open

    def locked_open(self: Path, *args, **kwargs):
        if Path(self) == path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", locked_open)
    with pytest.raises(SitrepError) as info:
        sitrep_extract.extract(path)
    assert_one_line_error(info.value, path)


# ------------------------------------------------------------ words of page 1


@pytest.fixture(scope="module")
def page1() -> reading.Page:
    pages = reading.iter_pages(FIXTURE)
    try:
        return next(pages)
    finally:
        pages.close()  # release the PDF without reading pages 2-6


def _tab_positions() -> list[tuple[float, float]]:
    """Where the PDF itself has a TAB character on page 1 (ground truth, from pdfplumber)."""
    with pdfplumber.open(FIXTURE) as pdf:
        return [(c["x0"], c["top"]) for c in pdf.pages[0].chars if c["text"] == "\t"]


def test_page1_geometry(page1: reading.Page) -> None:
    assert page1.number == 1
    assert page1.width == pytest.approx(595.28, abs=0.01)
    assert page1.height == pytest.approx(841.89, abs=0.01)
    assert all(w.page == 1 for w in page1.words)
    assert not any("\t" in w.text for w in page1.words)


def test_tab_inside_word_becomes_one_word_with_lost_glyph(page1: reading.Page) -> None:
    tabs = _tab_positions()
    assert len(tabs) == 3, "the fixture draws 'bene<TAB>ciaries' three times on page 1"
    for x, top in tabs:
        around = [w for w in page1.words if w.x0 <= x < w.x1 and abs(w.top - top) < 1.5]
        assert [w.text for w in around] == [f"bene{LOST}ciaries"], (x, top, around)
    texts = [w.text for w in page1.words]
    assert "bene" not in texts and "ciaries" not in texts


def test_superscript_after_year_is_its_own_smaller_word(page1: reading.Page) -> None:
    words = page1.words
    pairs = [
        (year, mark)
        for year in words
        if year.text == "2021"
        for mark in words
        if mark.text == "2" and 0 <= mark.x0 - year.x1 < 1.0 and mark.top < year.bottom and mark.bottom > year.top
    ]
    assert len(pairs) == 1, pairs
    year, mark = pairs[0]
    assert mark.size < year.size
    assert mark.size == pytest.approx(5.5, abs=0.05)
    assert year.size == pytest.approx(8.0, abs=0.05)
    assert mark.bottom < year.bottom, "the mark is raised above the baseline"
    # It is the caption of the total: '... 2nd quarter / of 2021²'.
    same_line = sorted((w for w in words if abs(w.top - year.top) < 1.0 and w.x1 <= year.x0), key=lambda w: w.x0)
    assert same_line and same_line[-1].text == "of"
    assert "20212" not in [w.text for w in words]
