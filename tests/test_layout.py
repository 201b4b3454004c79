"""Layout stage on hand-built words: lines, columns, footnote marks, blocks."""

from __future__ import annotations

from sitrep_extract.layout import build_blocks, build_lines
from sitrep_extract.reading import Word

from conftest import make_words


def test_column_gap_splits_one_baseline_into_two_lines() -> None:
    words = make_words("other parts of the country.", 22, 500) + make_words("Aruba - 17,000", 306, 499, size=9.5, bold=True)
    lines = build_lines(words)
    assert sorted((line.x0, line.text) for line in lines) == [(22, "other parts of the country."), (306, "Aruba - 17,000")]


def test_superscript_mark_is_cut_off_the_year() -> None:
    year = make_words("of 2021", 60, 400, size=8)
    mark = Word("2", year[-1].x1 + 0.2, year[-1].x1 + 3.5, 397, 397 + 5.5 * 1.16, 5.5, "AAAAAA+DejaVuSans", (0.25,), 1)
    (line,) = build_lines([*year, mark])
    assert line.text == "of 2021"
    assert [m.text for m in line.marks] == ["2"]


def test_small_number_apart_from_a_word_is_not_a_mark() -> None:
    words = make_words("Countries", 200, 300) + make_words("8", 241, 300, size=5.5)
    lines = build_lines(words)
    assert [line.text for line in lines] == ["Countries 8"] and lines[0].marks == ()


def test_lines_in_reading_order_regardless_of_word_order() -> None:
    words = make_words("second line", 30, 120) + make_words("first line", 30, 110)
    assert [line.text for line in build_lines(list(reversed(words)))] == ["first line", "second line"]


def test_blocks_split_at_paragraph_gaps_and_columns() -> None:
    words = (
        make_words("para one line one", 30, 100)
        + make_words("para one line two", 30, 108.4)
        + make_words("para two", 30, 134)
        + make_words("right column", 300, 100)
    )
    blocks = build_blocks(build_lines(words))
    texts = sorted(tuple(line.text for line in block.lines) for block in blocks)
    assert texts == [("para one line one", "para one line two"), ("para two",), ("right column",)]


def test_ligature_repair_happens_in_line_text() -> None:
    (line,) = build_lines(make_words("provided to bene\ufffdciaries", 30, 100))
    assert line.text == "provided to beneficiaries"
    assert "\ufffd" in line.raw_text
