"""Country highlights: 'Country - figure' headings with paragraphs, and map data labels."""

from __future__ import annotations

import pytest

from sitrep_extract.countries import find_headed, find_map_labels, parse_heading
from sitrep_extract.layout import build_lines

from conftest import BLUE, GREY, make_words


@pytest.mark.parametrize(
    ("text", "iso3", "figure_text", "value"),
    [
        ("Colombia - 1.7 M", "COL", "1.7 M", 1_700_000),
        ("Ecuador - 429.700", "ECU", "429.700", 429_700),
        ("COLOMBIA – 1.7 M", "COL", "1.7 M", 1_700_000),
        ("Trinidad & Tobago - 24,000", "TTO", "24,000", 24_000),
        ("Curaçao — 17,000", "CUW", "17,000", 17_000),
        ("República Dominicana - 114,5 K", "DOM", "114,5 K", 114_500),
        ("Colombia - 1.7 M*", "COL", "1.7 M", 1_700_000),
        ("Colombia – 1.7 M Venezuelans", "COL", "1.7 M", 1_700_000),
        ("Colombia (1.7 M)", "COL", "1.7 M", 1_700_000),
    ],
    ids=["hyphen", "dot-thousands", "capitals-en-dash", "ampersand", "em-dash", "spanish", "footnote-mark", "trailing-words", "parentheses"],
)
def test_parse_heading(text: str, iso3: str, figure_text: str, value: float) -> None:
    country, printed, parsed = parse_heading(text)
    assert (country.iso3, printed, parsed) == (iso3, figure_text, value)


@pytest.mark.parametrize("text", ["Venezuelan migrants and refugees in LAC - 4.6 million", "Countries - 8", "Colombia - many"])
def test_not_a_heading(text: str) -> None:
    assert parse_heading(text) is None


def test_paragraph_stops_at_gap_and_at_next_heading_and_joins_hyphenation() -> None:
    words = (
        make_words("Peru - 1.0 M", 30, 100, size=9.5, bold=True, color=BLUE)
        + make_words("IOM distributed over 6,700 hy-", 30, 112)
        + make_words("giene kits in Tumbes.", 30, 120.4)
        + make_words("Chile - 457,300", 30, 131, size=9.5, bold=True, color=BLUE)
        + make_words("Training lasted ten days.", 30, 143)
        + make_words("KEY OPERATIONAL HIGHLIGHTS", 30, 200)
    )
    segments = find_headed(build_lines(words))
    assert [(s.highlight.iso3, s.highlight.text) for s in segments] == [
        ("PER", "IOM distributed over 6,700 hygiene kits in Tumbes."),
        ("CHL", "Training lasted ten days."),
    ]


def test_map_labels_inline_and_stacked_among_base_map_names() -> None:
    label = {"size": 9.0, "bold": True, "color": BLUE}
    base = {"size": 5.0, "color": (0.6, 0.6, 0.6)}
    words = (
        make_words("114,5 K DOMINICAN REPUBLIC", 300, 200, **label)
        + make_words("HAITI", 330, 201, **base)  # overlaps the data label
        + make_words("1,05 M", 200, 400, **label)
        + make_words("PERU", 205, 411, **label)
        + make_words("ECUADOR", 150, 350, **base)  # a base-map name with no figure
        + make_words("362.9 K", 150, 360, size=5, color=GREY)  # a number, not a data label style
    )
    found = {s.highlight.iso3: (s.highlight.figure, s.highlight.figure_text, s.highlight.text) for s in find_map_labels(words)}
    assert found == {"DOM": (114_500, "114,5 K", None), "PER": (1_050_000, "1,05 M", None)}
