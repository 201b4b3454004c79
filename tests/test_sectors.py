"""Sector segmentation on hand-built pages: headings, regions and label/value pairing."""

from __future__ import annotations

from sitrep_extract.layout import build_lines
from sitrep_extract.sectors import find_sector_blocks, indicators

from conftest import BLUE, make_words

PAGE_WIDTH = 595.0


def heading(text: str, x: float, top: float) -> list:
    return make_words(text, x, top, size=10, bold=True, color=BLUE)


def value(text: str, x: float, top: float) -> list:
    return make_words(text, x, top, size=11, bold=True, color=BLUE)


def label(text: str, x: float, top: float) -> list:
    return make_words(text, x, top)


def run(words: list) -> tuple[dict, list]:
    blocks, issues = find_sector_blocks(build_lines(words), PAGE_WIDTH)
    rows = {(r.sector, r.indicator): (r.value, r.unit, r.value_text) for r in indicators(blocks)}
    return rows, [(i.code, i.message) for i in issues]


def test_values_below_labels_and_a_valueless_label_beside_an_unrelated_total() -> None:
    words = (
        heading("Health", 206, 100)
        + label("Number of services", 206, 114)
        + label("provided to bene\ufffdciaries", 206, 122.5)
        + value("75,795", 206, 133)
        + label("Countries", 206, 150)
        # The total roundel, level with 'Countries' but in the sidebar to its left.
        + make_words("2,155,039", 50, 147, size=20, bold=True, color=BLUE)
    )
    rows, issues = run(words)
    assert rows == {("Health", "Number of services provided to beneficiaries"): (75795.0, "count", "75,795")}
    assert issues == [("label-without-value", "Health: label 'Countries' has no value")]


def test_values_above_labels() -> None:
    words = (
        heading("Shelter", 30, 100)
        + value("41,373", 30, 114)
        + label("Number of services provided", 30, 128)
        + value("15", 30, 145)
        + label("Countries", 30, 159)
    )
    rows, issues = run(words)
    assert rows == {
        ("Shelter", "Number of services provided"): (41373.0, "count", "41,373"),
        ("Shelter", "Countries"): (15.0, "count", "15"),
    }
    assert issues == []


def test_value_beside_label_on_one_line_and_in_its_own_line() -> None:
    words = (
        heading("WASH", 30, 100)
        + label("Countries", 30, 116)
        + value("5", 70, 115)
        + label("Hygiene kits distributed", 30, 134)
        + value("2,176", 150, 133)
    )
    rows, _ = run(words)
    assert rows == {("WASH", "Countries"): (5.0, "count", "5"), ("WASH", "Hygiene kits distributed"): (2176.0, "count", "2,176")}


def test_wrapped_heading_two_columns_and_percent_with_suffix() -> None:
    words = (
        heading("Humanitarian", 30, 100)
        + heading("Transportation", 30, 112)
        + label("Countries", 30, 128)
        + value("6", 30, 138)
        + heading("Multipurpose CBI", 250, 100)
        + label("% of type of assistance", 250, 116)
        + value("25% rent", 250, 126)
    )
    rows, _ = run(words)
    assert rows == {
        ("Humanitarian Transportation", "Countries"): (6.0, "count", "6"),
        ("Multipurpose CBI", "% of type of assistance: rent"): (25.0, "percent", "25% rent"),
    }


def test_spanish_heading_maps_to_canonical_sector() -> None:
    words = heading("Seguridad Alimentaria", 30, 100) + label("Comidas distribuidas", 30, 114) + value("81.074", 30, 124)
    rows, _ = run(words)
    assert rows == {("Food Security", "Comidas distribuidas"): (81074.0, "count", "81.074")}


def test_value_without_label_is_an_issue_not_a_row() -> None:
    rows, issues = run(heading("Education", 30, 100) + value("15,781", 30, 114))
    assert rows == {}
    assert issues == [("value-without-label", "Education: value '15,781' has no label")]


def test_sentence_mentioning_a_sector_is_not_a_heading() -> None:
    words = label("Health personnel were trained in first aid", 30, 100) + value("402", 30, 112)
    assert run(words) == ({}, [])


def test_icon_glyph_glued_to_a_heading_and_plain_values_beside_labels() -> None:
    words = (
        heading("\ue900Health", 30, 100)
        + label("Countries 15", 30, 116)
        + label("Number of services provided in 2021", 30, 130)
        + value("75,795", 30, 140)
    )
    rows, issues = run(words)
    assert rows == {
        ("Health", "Countries"): (15.0, "count", "15"),
        ("Health", "Number of services provided in 2021"): (75795.0, "count", "75,795"),
    }
    assert issues == []


def test_a_banner_opening_the_next_page_is_not_a_continuation() -> None:
    from sitrep_extract.sectors import find_continuation

    page1 = heading("Common Services", 30, 700) + label("DTM reports", 30, 716) + value("16", 30, 726) + label("Countries", 30, 743) + value("8", 30, 753)
    blocks, _ = find_sector_blocks(build_lines(page1), PAGE_WIDTH)
    banner = make_words("5.6 million", 30, 30, size=9, bold=True, color=BLUE, page=2) + make_words(
        "Venezuelan migrants and refugees in the world", 30, 42, page=2
    )
    assert find_continuation(blocks[0], 842.0, build_lines(banner), [], PAGE_WIDTH) == (None, [])
    rest = make_words("Hygiene kits", 30, 30, page=2) + make_words("2,176", 30, 40, size=11, bold=True, color=BLUE, page=2)
    block, _ = find_continuation(blocks[0], 842.0, build_lines(rest), [], PAGE_WIDTH)
    assert block is not None and block.sector == "Common Services" and block.page == 2
    assert [(p.label[0].text, p.value.text) for p in block.pairings] == [("Hygiene kits", "2,176")]


def test_two_label_value_pairs_on_one_row() -> None:
    words = heading("Food Security", 30, 100) + label("Meals", 30, 116) + value("81,074", 58, 115) + label("Kits", 120, 116) + value("4,299", 140, 115)
    rows, issues = run(words)
    assert rows == {("Food Security", "Meals"): (81074.0, "count", "81,074"), ("Food Security", "Kits"): (4299.0, "count", "4,299")}
    assert issues == []


def test_a_label_wrapped_after_a_number_keeps_it() -> None:
    words = heading("Nutrition", 30, 100) + label("Children under 5", 30, 116) + label("screened for acute malnutrition", 30, 124.5) + value("3,214", 30, 135)
    rows, issues = run(words)
    assert rows == {("Nutrition", "Children under 5 screened for acute malnutrition"): (3214.0, "count", "3,214")}
    assert issues == []
