"""Shared test helpers: hand-built records for fast stage tests, cached fixture extractions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from sitrep_extract import extract
from sitrep_extract.pipeline import Extraction
from sitrep_extract.reading import Word

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"

BLUE = (0.0, 0.2, 0.55)
GREY = (0.25, 0.25, 0.25)
#: DejaVuSans advance width is about 0.6 em per character and a space 0.32 em:
#: close enough for layout tests.
CHAR_EM = 0.6
SPACE_EM = 0.32


def make_words(
    text: str,
    x0: float,
    top: float,
    *,
    size: float = 7.0,
    bold: bool = False,
    color: tuple[float, ...] = GREY,
    page: int = 1,
) -> list[Word]:
    """Words of one printed line, spaced as a renderer would space them."""
    words = []
    x = x0
    font = "AAAAAA+DejaVuSans-Bold" if bold else "AAAAAA+DejaVuSans"
    for token in text.split(" "):
        width = len(token) * CHAR_EM * size
        words.append(Word(token, x, x + width, top, top + size * 1.16, size, font, color, page))
        x += width + SPACE_EM * size
    return words


def fixture_pdfs() -> list[Path]:
    return sorted(FIXTURES.glob("*.pdf"))


@cache
def extraction_of(path: Path) -> Extraction:
    return extract(path)


@pytest.fixture(scope="session")
def seed_extraction() -> Extraction:
    return extraction_of(FIXTURES / "2021-q2-en.pdf")
