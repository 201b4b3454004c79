"""Tests for ligature repair, whitespace cleaning and paragraph line joining."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep_extract.repair import clean_text, join_lines, repair_word

WORD_CASES: list[tuple[str, str, str]] = [
    ("fffd-between-lower", "bene\ufffdciaries", "beneficiaries"),
    ("tab-between-lower", "bene\tciaries", "beneficiaries"),
    ("private-use", "bene\uef00ciaries", "beneficiaries"),
    ("fffd-capitalised", "Bene\ufffdciaries", "Beneficiaries"),
    ("fffd-word-start", "\ufffdeld", "field"),
    ("fffd-word-start-first", "\ufffdrst", "first"),
    ("fffd-word-start-allcaps", "\ufffdELD", "FIELD"),
    ("fffd-allcaps", "CON\ufffdDENTIAL", "CONFIDENTIAL"),
    ("fffd-upper-then-lower", "O\ufffdce", "Ofice"),
    ("u+fb01", "bene\ufb01ciaries", "beneficiaries"),
    ("u+fb00", "e\ufb00ective", "effective"),
    ("u+fb02", "\ufb02ow", "flow"),
    ("u+fb03", "o\ufb03ce", "office"),
    ("u+fb04", "ba\ufb04e", "baffle"),
    ("u+fb06", "\ufb06op", "stop"),
    ("lone-fffd", "\ufffd", "\ufffd"),
    ("fffd-before-digit", "\ufffd2", "\ufffd2"),
    ("fffd-after-digit", "2\ufffdeld", "2\ufffdeld"),
    ("fffd-at-end", "bene\ufffd", "bene\ufffd"),
    ("lower-then-upper", "ab\ufffdCD", "ab\ufffdCD"),
    ("two-glyphs", "a\ufffd\ufffdb", "a\ufffd\ufffdb"),
    ("symbol-bullet-start", "\uf0b7Health", "\uf0b7Health"),
    ("symbol-bullet-start-lower", "\uf0a7migrants", "\uf0a7migrants"),
    ("tab-before-upper", "Peru\tColombia", "Peru\tColombia"),
    ("tab-at-start", "\tciaries", "\tciaries"),
    ("r4v", "R4V", "R4V"),
    ("multi-sector", "multi-sector", "multi-sector"),
    ("plain", "Venezuela", "Venezuela"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(t, e) for _, t, e in WORD_CASES],
    ids=[i for i, _, _ in WORD_CASES],
)
def test_repair_word(text: str, expected: str) -> None:
    assert repair_word(text) == expected


CLEAN_CASES: list[tuple[str, str, str]] = [
    (
        "label-with-break",
        "Number of services\nprovided to bene\ufffdciaries",
        "Number of services provided to beneficiaries",
    ),
    ("dtm-field", "DTM \ufffdeld data collection rounds completed",
     "DTM field data collection rounds completed"),
    ("figures", "population \ufffdgures", "population figures"),
    ("first-stage", "as the \ufffdrst stage", "as the first stage"),
    ("nbsp", "Total\u00a0migrants", "Total migrants"),
    ("narrow-nbsp", "5\u202f000 people", "5 000 people"),
    ("tabs-and-runs", "  a \t\t b\r\n\nc  ", "a b c"),
    ("in-word-tab", "bene\tciaries\t2021\tTotal", "beneficiaries 2021 Total"),
    ("multi-sector-inside", "a multi-sector  response", "a multi-sector response"),
    ("r4v-inside", "the R4V\nplatform", "the R4V platform"),
    ("bullet-kept", "\uf0b7 Health", "\uf0b7 Health"),
    ("lone-fffd-word", "a \ufffd b", "a \ufffd b"),
    ("empty", "", ""),
    ("only-space", " \n\u00a0 ", ""),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(t, e) for _, t, e in CLEAN_CASES],
    ids=[i for i, _, _ in CLEAN_CASES],
)
def test_clean_text(text: str, expected: str) -> None:
    assert clean_text(text) == expected


JOIN_CASES: list[tuple[str, list[str], str]] = [
    ("hyphen-break", ["Assess-", "ments as the first"], "Assessments as the first"),
    ("covid", ["COVID-", "19 response"], "COVID-19 response"),
    ("iom-unhcr", ["the IOM-", "UNHCR platform"], "the IOM-UNHCR platform"),
    ("plain", ["Number of services", "provided to bene\ufffdciaries"],
     "Number of services provided to beneficiaries"),
    ("repaired-start", ["as the", "\ufffdrst stage"], "as the first stage"),
    ("hyphen-then-repaired", ["popu-", "lation \ufffdgures"], "population figures"),
    ("spaced-dash", ["Guyana -", "23,300"], "Guyana - 23,300"),
    ("digit-hyphen-lower", ["2019-", "onwards"], "2019- onwards"),
    ("trailing-spaces", ["Assess-  ", "  ments"], "Assessments"),
    ("blank-lines", ["", "one", "  ", "two", ""], "one two"),
    ("inner-hyphen-kept", ["a multi-sector", "response"], "a multi-sector response"),
    ("single", ["  Health\u00a0 "], "Health"),
    ("none", [], ""),
]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [(ls, e) for _, ls, e in JOIN_CASES],
    ids=[i for i, _, _ in JOIN_CASES],
)
def test_join_lines(lines: list[str], expected: str) -> None:
    assert join_lines(lines) == expected


def test_join_lines_accepts_tuple() -> None:
    assert join_lines(("COVID-", "19")) == "COVID-19"


# Text drawn heavily from the characters the repair cares about.
_INTERESTING = st.sampled_from(
    list("aBcZé9 -\t\n\r\u00a0\u202f\ufffd\uef00\uf0b7\ufb00\ufb01\ufb03\ufb05")
)
_TEXT = st.one_of(
    st.text(),
    st.lists(st.one_of(_INTERESTING, st.characters()), max_size=40).map("".join),
)


@given(_TEXT)
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@given(_TEXT)
def test_clean_text_has_no_stray_whitespace(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert not any(ch.isspace() and ch != " " for ch in cleaned)


@given(st.lists(_TEXT, max_size=6))
def test_join_lines_output_is_clean(lines: list[str]) -> None:
    joined = join_lines(lines)
    assert clean_text(joined) == joined
