"""The fixture generator: reproducible output, honest coordinates, real damage.

These tests check fixtures/generate.py and its committed output, not the extractor.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SPECS = sorted((FIXTURES / "specs").glob("*.json"))
EDITION = "2021-q2-en"
PDF = FIXTURES / f"{EDITION}.pdf"
EXPECTED = FIXTURES / "expected" / EDITION
COORD_TOLERANCE = 1.0  # points, as promised to the extractor's golden tests


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def pdf():
    with pdfplumber.open(PDF) as doc:
        yield doc


def stream_text(page) -> str:
    """The page's chars in content-stream order, as pdfplumber lists them."""
    return "".join(c["text"] for c in page.chars)


# ------------------------------------------------------------ (a) reproducibility


def test_regenerating_reproduces_committed_pdfs_and_csvs(tmp_path):
    subprocess.run(
        [sys.executable, str(FIXTURES / "generate.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    assert SPECS, "no specs found"
    for spec in SPECS:
        name = spec.stem
        assert (tmp_path / f"{name}.pdf").read_bytes() == (FIXTURES / f"{name}.pdf").read_bytes(), name
        committed = sorted(p.name for p in (FIXTURES / "expected" / name).glob("*.csv"))
        fresh = sorted(p.name for p in (tmp_path / "expected" / name).glob("*.csv"))
        assert fresh == committed
        for csv_name in committed:
            assert (tmp_path / "expected" / name / csv_name).read_bytes() == (
                FIXTURES / "expected" / name / csv_name
            ).read_bytes(), f"{name}/{csv_name}"


def test_expected_tables_have_the_editions_rows():
    assert len(read_csv(EXPECTED / "reports.csv")) == 1
    assert [r["figure"] for r in read_csv(EXPECTED / "key_figures.csv")] == [
        "iom_missions",
        "total_beneficiaries",
        "venezuelans_in_lac",
        "venezuelans_worldwide",
    ]
    assert len(read_csv(EXPECTED / "sector_indicators.csv")) == 31
    assert len(read_csv(EXPECTED / "country_highlights.csv")) == 17
    assert [int(r["seq"]) for r in read_csv(EXPECTED / "regional_highlights.csv")] == list(range(1, 13))


# ---------------------------------------------------- (b) coordinate bookkeeping


@pytest.mark.parametrize(
    "row",
    read_csv(EXPECTED / "sector_indicators.csv"),
    ids=lambda r: f"{r['sector']}:{r['value_text']}",
)
def test_sector_value_is_printed_at_its_expected_coordinates(pdf, row):
    page = pdf.pages[int(row["page"]) - 1]
    x0, top, x1, bottom = (float(row[k]) for k in ("x0", "top", "x1", "bottom"))
    t = COORD_TOLERANCE
    chars = [
        c
        for c in page.chars
        if c["x0"] >= x0 - t and c["x1"] <= x1 + t and c["top"] >= top - t and c["bottom"] <= bottom + t
    ]
    assert "".join(c["text"] for c in chars) == row["value_text"]
    assert abs(min(c["x0"] for c in chars) - x0) <= t
    assert abs(max(c["x1"] for c in chars) - x1) <= t
    assert abs(min(c["top"] for c in chars) - top) <= t
    assert abs(max(c["bottom"] for c in chars) - bottom) <= t


# ------------------------------------------------------------------- (c) damage


def test_lost_fi_ligature_comes_out_as_replacement_char(pdf):
    assert "bene\ufffdciaries" in stream_text(pdf.pages[0])
    assert "DTM \ufffdeld data collection" in stream_text(pdf.pages[0])
    assert "population \ufffdgures" in stream_text(pdf.pages[4])


def test_lost_fi_ligature_comes_out_as_tab(pdf):
    """The ToUnicode patch turned the drawn U+EF01 marker into a real TAB char."""
    chars = pdf.pages[0].chars
    assert sum(c["text"] == "\t" for c in chars) == 3
    assert "bene\tciaries" in stream_text(pdf.pages[0])
    assert not any(c["text"] == "\uef01" for page in pdf.pages for c in page.chars)
    assert PDF.read_bytes().count(b"<0009>") == 1


def test_lost_fi_ligature_comes_out_as_private_use_char(pdf):
    private = [c for c in pdf.pages[4].chars if 0xE000 <= ord(c["text"][0]) <= 0xF8FF]
    assert [c["text"] for c in private] == ["\uef00"]
    assert "\uef00rst stage" in stream_text(pdf.pages[4])


def test_real_fi_ligature_char(pdf):
    assert "\ufb01nancial support" in stream_text(pdf.pages[5])


def find(chars: list[dict], text: str) -> int:
    """Index of the first char of `text` in a char sequence."""
    joined = "".join(c["text"] for c in chars)
    assert text in joined, text
    return joined.index(text)


@pytest.mark.parametrize(("word", "mark"), [("2021", "2"), ("RESPONSE", "1")])
def test_footnote_mark_is_a_separate_smaller_raised_char_glued_to_its_word(pdf, word, mark):
    chars = pdf.pages[0].chars
    anchor = "of 2021" if word == "2021" else word
    end = find(chars, anchor + mark) + len(anchor)
    last, sup = chars[end - 1], chars[end]
    assert sup["text"] == mark
    assert sup["size"] < last["size"]
    assert sup["bottom"] < last["bottom"] - 2  # raised off the baseline
    assert abs(sup["x0"] - last["x1"]) < 0.01  # touching, so text tools glue it on
    words = [w["text"] for w in pdf.pages[0].extract_words()]
    assert word + mark in words


def test_content_stream_order_is_not_reading_order(pdf):
    """As in the real report: the total box is drawn between Health and Humanitarian Transportation."""
    text = stream_text(pdf.pages[0])
    assert text.index("Health") < text.index("Countries2,155,039") < text.index("Humanitarian")
    assert "other parts of the country. Aruba - 17,000" in pdf.pages[2].extract_text()


def test_health_countries_label_has_no_value():
    rows = read_csv(EXPECTED / "sector_indicators.csv")
    assert not any(r["sector"] == "Health" and r["indicator"] == "Countries" for r in rows)
