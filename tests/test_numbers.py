"""Tests for number parsing in English and Spanish Regional Response Overviews."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep_extract.numbers import NumberMatch, Quantity, find_numbers, parse_number

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"
THIN = "\u2009"

# (id, text, value, unit, qualifier)
PARSE_CASES: list[tuple[str, str, float, str, str | None]] = [
    # scaled key figures
    ("M-dot", "1.7 M", 1_700_000, "count", None),
    ("M-dot-zero", "1.0 M", 1_000_000, "count", None),
    ("million-dot", "5.6 million", 5_600_000, "count", None),
    ("million-comma", "6,7 million", 6_700_000, "count", None),
    ("K-comma", "114,5 K", 114_500, "count", None),
    ("M-comma-2dp", "1,05 M", 1_050_000, "count", None),
    ("K-dot", "362.9 K", 362_900, "count", None),
    ("k-glued-lower", "2.5k", 2_500, "count", None),
    ("M-glued", "957M", 957_000_000, "count", None),
    ("m-lower-space", "1.7 m", 1_700_000, "count", None),
    ("mn", "3.2 mn", 3_200_000, "count", None),
    ("thousand-word", "4 thousand", 4_000, "count", None),
    ("MILLION-upper", "5.6 MILLION", 5_600_000, "count", None),
    ("million-glued", "5.6million", 5_600_000, "count", None),
    ("billion", "1.44 billion", 1_440_000_000, "count", None),
    ("B-glued", "1.4B", 1_400_000_000, "count", None),
    ("comma-3-digits-with-scale-is-decimal", "1,050 M", 1_050_000, "count", None),
    # Spanish scales
    ("es-millones", "5,6 millones", 5_600_000, "count", None),
    ("es-millon-accent", "1 millón", 1_000_000, "count", None),
    ("es-millon-plain", "1 millon", 1_000_000, "count", None),
    ("es-mil", "5 mil", 5_000, "count", None),
    ("es-mil-decimal", "2,5 mil", 2_500, "count", None),
    ("es-mil-millones", "2,3 mil millones", 2_300_000_000, "count", None),
    # separators without scale
    ("dot-thousands-ecuador", "429.700", 429_700, "count", None),
    ("dot-thousands-multi", "2.155.039", 2_155_039, "count", None),
    ("comma-thousands-multi", "2,155,039", 2_155_039, "count", None),
    ("comma-thousands", "81,074", 81_074, "count", None),
    ("comma-thousands-23300", "23,300", 23_300, "count", None),
    ("es-decimal-comma-grouped", "12.345,67", 12_345.67, "count", None),
    ("en-decimal-dot-grouped", "12,345.67", 12_345.67, "count", None),
    ("es-multi-group-decimal", "2.155.039,5", 2_155_039.5, "count", None),
    ("decimal-comma", "3,5", 3.5, "count", None),
    ("decimal-comma-2dp", "3,25", 3.25, "count", None),
    ("decimal-dot", "1.5", 1.5, "count", None),
    ("decimal-dot-4dp", "1.2345", 1.2345, "count", None),
    ("zero-whole-3dp-is-decimal", "0.125", 0.125, "count", None),
    ("plain-integer", "17", 17, "count", None),
    ("plain-large", "2155039", 2_155_039, "count", None),
    ("zero", "0", 0, "count", None),
    # space grouping
    ("space-groups", "2 155 039", 2_155_039, "count", None),
    ("nnbsp-groups", f"2{NNBSP}155{NNBSP}039", 2_155_039, "count", None),
    ("nbsp-groups", f"2{NBSP}155{NBSP}039", 2_155_039, "count", None),
    ("thin-groups", f"12{THIN}500", 12_500, "count", None),
    ("space-groups-decimal", "2 155 039,5", 2_155_039.5, "count", None),
    # percent
    ("pct", "25%", 25, "percent", None),
    ("pct-decimal-comma", "3,5%", 3.5, "percent", None),
    ("pct-space", "25 %", 25, "percent", None),
    ("pct-63", "63%", 63, "percent", None),
    ("pct-decimal-dot", "12.5%", 12.5, "percent", None),
    ("percent-word", "40 percent", 40, "percent", None),
    ("per-cent-words", "40 per cent", 40, "percent", None),
    ("es-por-ciento", "40 por ciento", 40, "percent", None),
    ("pct-qualified", "around 10%", 10, "percent", "around"),
    # USD
    ("usd-billion", "USD 2.3 billion", 2_300_000_000, "usd", None),
    ("usd-M", "USD 957M", 957_000_000, "usd", None),
    ("usd-B", "USD 1.4B", 1_400_000_000, "usd", None),
    ("usd-dollar-bn", "US$ 1.59 bn", 1_590_000_000, "usd", None),
    ("usd-dollar-glued", "US$1.59bn", 1_590_000_000, "usd", None),
    ("dollar-sign", "$5,000", 5_000, "usd", None),
    ("usd-suffix", "5,000 USD", 5_000, "usd", None),
    ("usd-es-mil-millones", "USD 2,3 mil millones", 2_300_000_000, "usd", None),
    ("es-millones-de-dolares", "2,3 millones de dólares", 2_300_000, "usd", None),
    ("usd-spelled", "USD five million", 5_000_000, "usd", None),
    ("usd-qualified", "over USD 2 million", 2_000_000, "usd", "over"),
    ("usd-lower", "usd 12 M", 12_000_000, "usd", None),
    # spelled English
    ("ten-thousand", "ten thousand", 10_000, "count", None),
    ("eight-million", "eight million", 8_000_000, "count", None),
    ("thirteen", "thirteen", 13, "count", None),
    ("seventeen-not-seven", "seventeen", 17, "count", None),
    ("one-hundred-and-twenty", "one hundred and twenty", 120, "count", None),
    ("two-thousand-five-hundred", "two thousand five hundred", 2_500, "count", None),
    ("a-million", "a million", 1_000_000, "count", None),
    ("a-hundred", "a hundred", 100, "count", None),
    ("twenty-five-hyphen", "twenty-five", 25, "count", None),
    ("twenty-five-space", "twenty five", 25, "count", None),
    ("ninety", "ninety", 90, "count", None),
    ("five-hundred-thousand", "five hundred thousand", 500_000, "count", None),
    ("one-million-two-thousand", "one million two thousand", 1_002_000, "count", None),
    ("Ten-Thousand-caps", "Ten Thousand", 10_000, "count", None),
    ("spelled-percent", "twenty percent", 20, "percent", None),
    ("spelled-qualified", "nearly three million", 3_000_000, "count", "nearly"),
    # spelled Spanish
    ("es-diez", "diez", 10, "count", None),
    ("es-cien", "cien", 100, "count", None),
    ("es-mil-alone", "mil", 1_000, "count", None),
    ("es-diez-mil", "diez mil", 10_000, "count", None),
    ("es-cien-mil", "cien mil", 100_000, "count", None),
    ("es-dos-millones", "dos millones", 2_000_000, "count", None),
    ("es-un-millon", "un millón", 1_000_000, "count", None),
    ("es-dos-mil-millones", "dos mil millones", 2_000_000_000, "count", None),
    ("es-treinta-y-cinco", "treinta y cinco", 35, "count", None),
    # qualifiers, English
    ("over", "over 6,700", 6_700, "count", "over"),
    ("almost", "almost 13,800", 13_800, "count", "almost"),
    ("approximately", "approximately 200", 200, "count", "approximately"),
    ("more-than", "more than 100", 100, "count", "more than"),
    ("less-than", "less than 5", 5, "count", "less than"),
    ("fewer-than", "fewer than 5", 5, "count", "less than"),
    ("up-to", "up to 30", 30, "count", "up to"),
    ("nearly", "nearly 1.7 M", 1_700_000, "count", "nearly"),
    ("around", "around 40", 40, "count", "around"),
    ("about", "about 40", 40, "count", "about"),
    ("at-least", "at least 12", 12, "count", "at least"),
    ("Over-capitalised", "Over 6,700", 6_700, "count", "over"),
    ("more-than-double-space", "more  than 100", 100, "count", "more than"),
    # qualifiers, Spanish -> English
    ("es-mas-de", "más de 100", 100, "count", "more than"),
    ("es-mas-de-no-accent", "mas de 100", 100, "count", "more than"),
    ("es-Mas-de-caps", "Más de 100", 100, "count", "more than"),
    ("es-menos-de", "menos de 10", 10, "count", "less than"),
    ("es-casi", "casi 200", 200, "count", "almost"),
    ("es-aproximadamente", "aproximadamente 50", 50, "count", "approximately"),
    ("es-alrededor-de", "alrededor de 50", 50, "count", "around"),
    ("es-cerca-de", "cerca de 3.000", 3_000, "count", "nearly"),
    ("es-hasta", "hasta 20", 20, "count", "up to"),
    ("es-al-menos", "al menos 4", 4, "count", "at least"),
    ("es-por-lo-menos", "por lo menos 4", 4, "count", "at least"),
    # whitespace and trailing period
    ("surrounding-space", "  1.7 M  ", 1_700_000, "count", None),
    ("trailing-period", "6,700.", 6_700, "count", None),
    ("trailing-period-after-scale", "1.7 M.", 1_700_000, "count", None),
    ("newline-before-word-scale", "5.6\nmillion", 5_600_000, "count", None),
    ("year-is-a-number", "2021", 2_021, "count", None),
    # case-insensitive matching must not break the word look-ups
    ("long-s-casefold", "5 thou\u017fand", 5_000, "count", None),
    ("kelvin-sign-casefold", "5 \u212a", 5_000, "count", None),
    ("dotted-capital-i-casefold", "5 M\u0130LLION", 5_000_000, "count", None),
]


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [pytest.param(*case[1:], id=case[0]) for case in PARSE_CASES],
)
def test_parse_number(text: str, value: float, unit: str, qualifier: str | None) -> None:
    q = parse_number(text)
    assert q.value == pytest.approx(value, rel=1e-12, abs=1e-12)
    assert isinstance(q.value, float)
    assert q.unit == unit
    assert q.qualifier == qualifier


def test_parse_number_returns_equal_quantity() -> None:
    assert parse_number("over 6,700") == Quantity(6700.0, "count", "over")
    assert parse_number("USD 957M") == Quantity(957_000_000.0, "usd")


REJECT_CASES: list[tuple[str, str]] = [
    ("empty", ""),
    ("blank", "   "),
    ("period-only", "."),
    ("word", "abc"),
    ("header", "Countries"),
    ("two-numbers", "1.7 M 2.3 M"),
    ("two-plain-numbers", "17 25"),
    ("iso-date", "2021-06-30"),
    ("slash-date", "30/06/2021"),
    ("year-range", "2020-2021"),
    ("covid", "COVID-19"),
    ("r4v", "R4V"),
    ("ordinal-th", "16th"),
    ("ordinal-nd", "2nd"),
    ("ordinal-nd-22", "22nd"),
    ("ordinal-st", "1st"),
    ("ordinal-es", "1º"),
    ("leading-dash", "- 1.7 M"),
    ("leading-en-dash", "\u2013 1.7 M"),
    ("two-small-words", "one two"),
    ("qualifier-only", "more than"),
    ("scale-only", "M"),
    ("bad-grouping", "1,2,3"),
    ("bad-space-grouping", "2 15 039"),
    ("number-then-word", "17 IOM"),
    ("percent-and-usd", "USD 5%"),
    ("parenthesised", "(63%)"),
    ("plural-scale", "hundreds"),
    ("miles-es", "miles"),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in REJECT_CASES])
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_number(text)
    assert repr(text) in str(excinfo.value)


def test_quantity_and_match_are_frozen() -> None:
    q = parse_number("5")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 6.0  # type: ignore[misc]
    m = find_numbers("5 kits")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.start = 1  # type: ignore[misc]


# ---------------------------------------------------------------- find_numbers


def _found(text: str) -> list[tuple[str, float, str, str | None]]:
    out = []
    for m in find_numbers(text):
        assert isinstance(m, NumberMatch)
        assert text[m.start : m.end] == m.text
        out.append((m.text, m.quantity.value, m.quantity.unit, m.quantity.qualifier))
    return out


FIND_CASES: list[tuple[str, str, list[tuple[str, float, str, str | None]]]] = [
    (
        "usd-pledges",
        "pledged a total of USD 2.3 billion (USD 957M in grants and USD 1.4B in loans)",
        [
            ("USD 2.3 billion", 2.3e9, "usd", None),
            ("USD 957M", 957e6, "usd", None),
            ("USD 1.4B", 1.4e9, "usd", None),
        ],
    ),
    (
        "kits-with-qualifiers",
        "IOM distributed over 6,700 hygiene kits, 5,700 food kits and almost 13,800 hot meals",
        [
            ("over 6,700", 6700, "count", "over"),
            ("5,700", 5700, "count", None),
            ("almost 13,800", 13800, "count", "almost"),
        ],
    ),
    (
        "ten-thousand",
        "provide orientation to ten thousand migrants",
        [("ten thousand", 10_000, "count", None)],
    ),
    (
        "eight-million",
        "The campaign reached eight million people",
        [("eight million", 8e6, "count", None)],
    ),
    (
        "percent-in-parens",
        "economic resources (63%), work (56%)",
        [("63%", 63, "percent", None), ("56%", 56, "percent", None)],
    ),
    ("ordinals", "the 16th Regional Platform meeting on Thursday 8th July", []),
    ("ordinals-nd", "the 2nd and 22nd rounds, the 1st and 3rd", []),
    ("covid", "the COVID-19 pandemic", []),
    ("r4v", "the R4V platform", []),
    (
        "key-figure-world",
        "Venezuelan migrants and refugees in world - 5.6 million",
        [("5.6 million", 5.6e6, "count", None)],
    ),
    (
        "key-figure-country",
        "Colombia - 1.7 M",
        [("1.7 M", 1.7e6, "count", None)],
    ),
    (
        "thirteen-hosts",
        "representatives of thirteen host countries",
        [("thirteen", 13, "count", None)],
    ),
    ("missions", "across 17 IOM Missions", [("17", 17, "count", None)]),
    ("rmrp-year", "under the RMRP 2021", [("2021", 2021, "count", None)]),
    ("dates", "as of 2021-06-30 and 30/06/2021", []),
    (
        "ecuador-dot-thousands",
        "Ecuador: 429.700 migrants and refugees",
        [("429.700", 429_700, "count", None)],
    ),
    (
        "spanish-key-figures",
        "Colombia 1,74 M, Perú 1,05 M y Ecuador 114,5 K",
        [
            ("1,74 M", 1_740_000, "count", None),
            ("1,05 M", 1_050_000, "count", None),
            ("114,5 K", 114_500, "count", None),
        ],
    ),
    (
        "spanish-narrative",
        "OIM entregó más de 2.500 kits y casi diez mil comidas; USD 2,3 mil millones",
        [
            ("más de 2.500", 2500, "count", "more than"),
            ("casi diez mil", 10_000, "count", "almost"),
            ("USD 2,3 mil millones", 2.3e9, "usd", None),
        ],
    ),
    (
        "scale-letter-not-start-of-word",
        "1.7 Mexico and 5 military staff",
        [("1.7", 1.7, "count", None), ("5", 5, "count", None)],
    ),
    (
        "qualifier-inside-word-ignored",
        "moreover 5 kits",
        [("5", 5, "count", None)],
    ),
    ("plural-scale-words", "hundreds of families and thousands of children", []),
    (
        "sentence-end-period",
        "The total reached 6,700.",
        [("6,700", 6700, "count", None)],
    ),
    (
        "nnbsp-in-text",
        f"a total of 2{NNBSP}155{NNBSP}039 people",
        [(f"2{NNBSP}155{NNBSP}039", 2_155_039, "count", None)],
    ),
    (
        "spelled-with-and",
        "one hundred and twenty children and two adults",
        [("one hundred and twenty", 120, "count", None), ("two", 2, "count", None)],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in FIND_CASES]
)
def test_find_numbers(text: str, expected: list[tuple[str, float, str, str | None]]) -> None:
    found = _found(text)
    assert [f[0] for f in found] == [e[0] for e in expected]
    for (_, value, unit, qual), (_, evalue, eunit, equal) in zip(found, expected):
        assert value == pytest.approx(evalue, rel=1e-12)
        assert (unit, qual) == (eunit, equal)


def test_find_numbers_spans_are_ordered_and_disjoint() -> None:
    text = "over 6,700 kits (63%), USD 957M, ten thousand migrants, 1.7 M in 2021"
    matches = find_numbers(text)
    assert len(matches) == 6
    for a, b in zip(matches, matches[1:]):
        assert a.end <= b.start


def test_find_numbers_empty_text() -> None:
    assert find_numbers("") == []


# ------------------------------------------------------------ property tests

integers = st.integers(min_value=0, max_value=10**10)


@given(integers)
def test_roundtrip_comma_grouping(n: int) -> None:
    assert parse_number(f"{n:,}") == Quantity(float(n), "count")


@given(integers)
def test_roundtrip_dot_grouping(n: int) -> None:
    assert parse_number(f"{n:,}".replace(",", ".")).value == n


@given(integers, st.sampled_from([NNBSP, NBSP, THIN, " "]))
def test_roundtrip_space_grouping(n: int, sep: str) -> None:
    assert parse_number(f"{n:,}".replace(",", sep)).value == n


@given(integers)
def test_roundtrip_in_running_text(n: int) -> None:
    printed = f"{n:,}"
    (match,) = find_numbers(f"IOM assisted {printed} people.")
    assert match.text == printed
    assert match.quantity.value == n


@given(
    st.integers(min_value=0, max_value=99_999),  # tenths: one decimal place
    st.sampled_from([".", ","]),
    st.sampled_from([("K", 10**3), ("M", 10**6), ("k", 10**3), ("million", 10**6)]),
    st.sampled_from(["", " "]),
)
@settings(max_examples=150)
def test_roundtrip_one_decimal_with_scale(
    tenths: int, decimal_mark: str, scale: tuple[str, int], space: str
) -> None:
    suffix, factor = scale
    text = f"{tenths // 10}{decimal_mark}{tenths % 10}{space}{suffix}"
    expected = round(tenths * factor / 10)
    assert math.isclose(parse_number(text).value, expected, rel_tol=1e-6, abs_tol=1e-6)


@given(
    st.integers(min_value=0, max_value=1000),
    st.integers(min_value=0, max_value=9),
    st.sampled_from([".", ","]),
    st.sampled_from(["%", " %"]),
)
def test_roundtrip_percent(whole: int, tenth: int, decimal_mark: str, sign: str) -> None:
    q = parse_number(f"{whole}{decimal_mark}{tenth}{sign}")
    assert q.unit == "percent"
    assert math.isclose(q.value, whole + tenth / 10, rel_tol=1e-9)
    assert parse_number(f"{whole}{sign}") == Quantity(float(whole), "percent")


_FUZZ_PIECES = list("0123456789.,-/ %$USDKMBkmb\u202f\u2013\u017f\u212a") + [
    "over ", "MÁS DE ", "mil", "millones", "thouſand", "twenty", "-five", " and ",
    "one", "hundred", "th", "COVID-", "USD ",
]
fuzz_text = st.lists(st.sampled_from(_FUZZ_PIECES), max_size=12).map("".join)


@given(fuzz_text)
def test_parse_number_only_raises_value_error(text: str) -> None:
    try:
        q = parse_number(text)
    except ValueError:
        return
    assert q.unit in {"count", "percent", "usd"}
    assert q.value >= 0


@given(fuzz_text)
def test_find_numbers_spans_are_consistent(text: str) -> None:
    last_end = 0
    for m in find_numbers(text):
        assert last_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert parse_number(m.text) == m.quantity
        last_end = m.end
