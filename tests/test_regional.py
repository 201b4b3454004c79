"""Regional highlights: section start, run-in headings, paragraphs across pages, the donors stop."""

from __future__ import annotations

from sitrep_extract.layout import build_blocks, build_lines
import pytest

from sitrep_extract.regional import SECTION_HEADING, find_regional, find_section_start

from conftest import BLUE, make_words


def page(words: list) -> tuple:
    lines = build_lines(words)
    return lines, build_blocks(lines)


def test_paragraphs_headings_page_continuation_and_donors_stop() -> None:
    p1 = page(
        make_words("REGIONAL HIGHLIGHTS", 30, 40, size=14, bold=True, color=BLUE)
        + make_words("The donors conference was convened by Canada with IOM.", 30, 70)
        + make_words("R4V Side Events:", 30, 100, bold=True, color=BLUE)
        + make_words("nine thematic side events were organized in May and the", 96, 100)
        + make_words("meetings reflected the needs of 3.3 million persons and", 30, 108.4)
    )
    p2 = page(
        make_words("their host communities in the region.", 30, 40, page=2)
        + make_words("A third paragraph starts here on page two.", 30, 70, page=2)
    )
    p3 = page(make_words("IOM is very grateful for the financial support provided by donors.", 30, 40, page=3))
    pages = [p1, p2, p3]
    start = find_section_start([p[0] for p in pages])
    assert start is not None and start[0] == 0
    found = [(s.highlight.seq, s.highlight.heading, s.highlight.text, s.highlight.page) for s in find_regional([p[1] for p in pages], start, set())]
    assert found == [
        (1, None, "The donors conference was convened by Canada with IOM.", 1),
        (2, "R4V Side Events", "nine thematic side events were organized in May and the meetings reflected the needs of 3.3 million persons and their host communities in the region.", 1),
        (3, None, "A third paragraph starts here on page two.", 2),
    ]


@pytest.mark.parametrize(
    "text", ["REGIONAL HIGHLIGHTS", "Regional highlights", "REGIONAL HIGHLIGHTS:", "\ue900 REGIONAL HIGHLIGHTS", "REGIONAL HIGHLIGHTS – APRIL-JUNE 2021", "DESTACADOS REGIONALES"]
)
def test_section_heading_variants(text: str) -> None:
    assert SECTION_HEADING.match(text)


@pytest.mark.parametrize("text", ["KEY OPERATIONAL HIGHLIGHTS", "DESTACADOS", "Regional highlights of the quarter were many"])
def test_not_the_section_heading(text: str) -> None:
    assert not SECTION_HEADING.match(text)


def test_paragraph_cut_by_the_page_end_before_a_capital_continues() -> None:
    p1 = page(
        make_words("REGIONAL HIGHLIGHTS", 30, 40, size=14, bold=True, color=BLUE)
        + make_words("The Federative Republic of Brazil assumed the Presidency of the Quito", 30, 800)
    )
    p2 = page(make_words("Process during a virtual ceremony held with Peru and partners.", 30, 40, page=2))
    start = find_section_start([p1[0], p2[0]])
    found = [(s.highlight.seq, s.highlight.text) for s in find_regional([p1[1], p2[1]], start, set())]
    assert found == [(1, "The Federative Republic of Brazil assumed the Presidency of the Quito Process during a virtual ceremony held with Peru and partners.")]
