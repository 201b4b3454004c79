"""Regional highlights: the paragraphs after the 'REGIONAL HIGHLIGHTS' heading, in reading order.

A paragraph's bold lead-in ('R4V Side Events:') is its heading. Paragraphs run on
over following pages until the donors page or another kind of page starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .layout import Block, Line
from .repair import clean_text, join_lines


@dataclass(frozen=True, slots=True)
class RegionalHighlight:
    seq: int
    heading: str | None
    text: str
    page: int


@dataclass(frozen=True, slots=True)
class RegionalSegment:
    highlight: RegionalHighlight
    blocks: tuple[Block, ...]


#: The section heading, allowing an icon glyph before it, a colon after it, or a
#: subtitle after a dash ('REGIONAL HIGHLIGHTS – APRIL-JUNE 2021'). A bare
#: 'HIGHLIGHTS' / 'DESTACADOS' is not it: the Spanish edition's country-page banner
#: reads 'DESTACADOS'.
SECTION_HEADING = regex.compile(
    r"^[^\p{L}]*(?:regional\s+highlights|destacados\s+regionales|aspectos\s+destacados\s+regionales|"
    r"principales\s+acontecimientos\s+regionales)\s*[:.]?\s*(?:[-–—|:]\s*.*)?$",
    regex.I,
)
#: The donors page closes the highlights ('IOM is very grateful for the financial support').
DONORS = regex.compile(r"grateful\s+for\s+the\s+(?:financial\s+)?support|agradece\s+(?:el|los)\s+(?:apoyo|aportes)", regex.I)
#: Shorter blocks are page furniture (dates, URLs, page numbers), not paragraphs.
MIN_WORDS = 6
_SENTENCE_END = regex.compile(r"[.!?:;”\"')]$")


def find_section_start(pages: Sequence[Sequence[Line]]) -> tuple[int, Line] | None:
    """(page index, heading line) of the regional highlights heading."""
    for index, lines in enumerate(pages):
        for line in lines:
            if SECTION_HEADING.match(line.text):
                return index, line
    return None


def _split_heading(block: Block) -> tuple[str | None, str]:
    """Leading bold words are the run-in heading; the rest is the paragraph."""
    bold: list[str] = []
    rest: list[str] = []
    for line in block.lines:
        words = list(line.words)
        if not rest:
            while words and words[0].bold:
                bold.append(words.pop(0).text)
        rest.append(" ".join(w.text for w in words))
    heading = clean_text(" ".join(bold)).rstrip(":").strip() or None
    if heading is not None and not any(r.strip() for r in rest):  # an all-bold block is text
        return None, join_lines([line.raw_text for line in block.lines])
    return heading, join_lines([r for r in rest if r.strip()])


def _append(segments: list[RegionalSegment], block: Block, *, opens_page: bool) -> None:
    title, text = _split_heading(block)
    previous = segments[-1] if segments else None
    if (
        previous is not None
        and title is None
        and not _SENTENCE_END.search(previous.highlight.text)
        and (text[:1].islower() or opens_page)
    ):
        # A paragraph broken by the page end (or a column end) continues here.
        merged = RegionalHighlight(
            previous.highlight.seq, previous.highlight.heading, previous.highlight.text + " " + text, previous.highlight.page
        )
        segments[-1] = RegionalSegment(merged, previous.blocks + (block,))
        return
    segments.append(RegionalSegment(RegionalHighlight(len(segments) + 1, title, text, block.page), (block,)))


def find_regional(page_blocks: Sequence[Sequence[Block]], start: tuple[int, Line], stop_pages: set[int]) -> list[RegionalSegment]:
    """Paragraph blocks from the heading on; `stop_pages` are indices of pages that
    hold other segments (countries, sectors) and end the section."""
    first_page, heading = start
    segments: list[RegionalSegment] = []
    for index in range(first_page, len(page_blocks)):
        if index != first_page and index in stop_pages:
            break
        opens_page = True
        for block in page_blocks[index]:  # already in reading order
            if index == first_page and block.top < heading.bottom:
                continue
            if DONORS.search(" ".join(line.text for line in block.lines)):
                return segments  # the donors text closes the section, wherever it starts
            if heading in block.lines or sum(len(line.words) for line in block.lines) < MIN_WORDS:
                continue
            _append(segments, block, opens_page=opens_page and index != first_page)
            opens_page = False
    return segments
