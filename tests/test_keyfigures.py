"""Headline figures: the total by its caption, population lines, IOM missions."""

from __future__ import annotations

from sitrep_extract.keyfigures import find_key_figures
from sitrep_extract.layout import build_blocks, build_lines

from conftest import BLUE, make_words


def figures(words: list) -> dict:
    lines = build_lines(words)
    return {f.figure: (f.value, f.value_text) for f in find_key_figures(build_blocks(lines), lines)}


def test_total_by_its_caption_not_by_position_in_the_stream() -> None:
    words = (
        make_words("Services provided in the", 40, 120, size=8)
        + make_words("1,387,466", 40, 100, size=20, bold=True, color=BLUE)
        + make_words("3rd quarter", 40, 129.5, size=8)
        + make_words("67,850", 300, 100, size=11, bold=True)  # a sector value elsewhere
    )
    assert figures(words) == {"total_beneficiaries": (1_387_466, "1,387,466")}


def test_population_on_one_line_or_stacked_above_a_wrapped_caption() -> None:
    inline = make_words("Venezuelan migrants and refugees in world - 5.6 million", 30, 40, size=9, bold=True)
    assert figures(inline) == {"venezuelans_worldwide": (5_600_000, "5.6 million")}
    stacked = (
        make_words("5.6 million", 30, 40, size=11, bold=True, color=BLUE)
        + make_words("Venezuelan migrants and", 30, 54)
        + make_words("refugees in the world", 30, 62.5)
        + make_words("4.6 million", 30, 73, size=11, bold=True, color=BLUE)
        + make_words("Venezuelan migrants and refugees in LAC", 30, 87)
    )
    assert figures(stacked) == {"venezuelans_worldwide": (5_600_000, "5.6 million"), "venezuelans_in_lac": (4_600_000, "4.6 million")}


def test_missions_from_the_overview_sentence() -> None:
    words = make_words("The IOM Regional Response takes place across", 30, 40) + make_words("17 IOM Missions operating under the RMRP.", 30, 48.5)
    assert figures(words) == {"iom_missions": (17, "17")}
