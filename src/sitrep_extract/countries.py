"""Country highlights: 'Colombia - 1.7 M' headings with their paragraphs, or map data labels.

Newer editions head each highlight 'Country - figure'. Older ones print the figures
only on a map page: data labels such as '114,5 K DOMINICAN REPUBLIC', or the figure
stacked above the name, scattered among small grey base-map names that carry no
figure and may overlap the labels. pdfplumber gives size and colour per character,
so labels and base map are told apart by style before any line is built.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .layout import Line, build_lines, x_overlap
from .numbers import find_numbers, parse_number
from .quality import Issue
from .reading import Word
from .repair import join_lines
from .vocabulary import Country, match_country


@dataclass(frozen=True, slots=True)
class CountryHighlight:
    country: str
    iso3: str
    figure: float
    figure_text: str
    text: str | None
    page: int


@dataclass(frozen=True, slots=True)
class CountrySegment:
    """What `show` draws: the heading (or map label) and the paragraph lines."""

    highlight: CountryHighlight
    heading: tuple[Line, ...]
    body: tuple[Line, ...]


#: Footnote marks that may trail a heading's figure ('1.7 M*'); digit marks are
#: cut off by the layout stage when they are raised.
FOOTNOTE_MARKS = "*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰"
HEADING = regex.compile(
    r"^(?P<name>\p{L}[\p{L}\s.&'’()]*?)\s*(?:[-–—:]\s*(?P<figure>[^-–—:()]+)|\((?P<figure2>[^()]+)\))$"
)
#: Paragraph lines start where the heading starts (left-aligned columns), within this slack (pt).
ALIGN = 6.0
#: The first paragraph line sits at most this many line heights under the heading,
#: and each next line this many under the previous one.
FIRST_GAP_LINES = 1.5
NEXT_GAP_LINES = 0.9
#: Map labels sit closer together than columns of text do: a word gap wider than this
#: many ems separates two labels on one baseline (a space is 0.35 em; the stacked
#: ARUBA and CURAÇAO labels of the 2020-q3 fixture are 7 pt apart at 8 pt).
MAP_GAP_EM = 0.6
#: A figure and its stacked country name are at most this many line heights apart.
STACK_GAP_LINES = 1.0


def parse_heading(text: str) -> tuple[Country, str, float] | None:
    """(country, figure as printed, figure value) for 'Colombia - 1.7 M', else None."""
    match = HEADING.match(text)
    if not match:
        return None
    country = match_country(match["name"])
    if country is None:
        return None
    figure = (match["figure"] or match["figure2"]).strip().rstrip(FOOTNOTE_MARKS).strip()
    try:
        quantity = parse_number(figure)
    except ValueError:
        # 'Colombia - 1.7 M Venezuelans': the figure, then a few words about it.
        numbers = find_numbers(figure)
        if len(numbers) != 1 or numbers[0].start != 0 or not _only_words(figure[numbers[0].end :]):
            return None
        figure, quantity = numbers[0].text, numbers[0].quantity
    return country, figure, quantity.value


def _only_words(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 3 and all(regex.fullmatch(r"\p{L}+", w) for w in words)


def unparsed_headings(lines: Sequence[Line]) -> list[Issue]:
    """Bold 'Country - …' headings whose figure is not a number: a highlight that lost its figure."""
    issues = []
    for line in lines:
        match = HEADING.match(line.text)
        if match and line.bold and match_country(match["name"]) and parse_heading(line.text) is None:
            issues.append(Issue("country-without-figure", f"heading {line.text!r} has no readable figure", line.page))
    return issues


def _body(lines: Sequence[Line], start: int, heading: Line) -> list[Line]:
    body: list[Line] = []
    previous = heading
    for line in lines[start + 1 :]:
        if line.top < previous.bottom - 1 or abs(line.x0 - heading.x0) > ALIGN:
            continue
        limit = (FIRST_GAP_LINES if previous is heading else NEXT_GAP_LINES) * previous.height
        if line.top - previous.bottom > limit:
            break
        if parse_heading(line.text) is not None:
            break
        body.append(line)
        previous = line
    return body


def find_headed(lines: Sequence[Line]) -> list[CountrySegment]:
    """Highlights headed 'Country - figure' on one page (lines in reading order)."""
    segments = []
    for i, line in enumerate(lines):
        parsed = parse_heading(line.text)
        if parsed is None:
            continue
        country, figure_text, value = parsed
        body = _body(lines, i, line)
        text = join_lines([b.text for b in body]) or None
        highlight = CountryHighlight(country.name, country.iso3, value, figure_text, text, line.page)
        segments.append(CountrySegment(highlight=highlight, heading=(line,), body=tuple(body)))
    return segments


def _style(word: Word) -> tuple[float, tuple[float, ...], bool]:
    return (round(word.size, 1), tuple(round(c, 2) for c in word.color), word.bold)


def _label(line: Line) -> tuple[Country, str, float] | None:
    """'114,5 K DOMINICAN REPUBLIC' or 'DOMINICAN REPUBLIC 114,5 K' on one line."""
    matches = find_numbers(line.text)
    if len(matches) != 1:
        return None
    match = matches[0]
    name = (line.text[: match.start] + " " + line.text[match.end :]).strip(" -–—:")
    country = match_country(name)
    if country is None or (match.start != 0 and match.end != len(line.text)):
        return None
    return country, match.text, match.quantity.value


def find_map_labels(words: Sequence[Word]) -> list[CountrySegment]:
    """Data labels of a map page. Words are grouped by style first, so a grey 6 pt
    base-map 'HAITI' never joins a 9 pt blue '114,5 K' label it overlaps."""
    by_style: dict[tuple, list[Word]] = defaultdict(list)
    for word in words:
        by_style[_style(word)].append(word)
    segments: list[CountrySegment] = []
    for style_words in by_style.values():
        lines = build_lines(style_words, column_gap_em=MAP_GAP_EM)
        used: set[int] = set()
        for i, line in enumerate(lines):
            labelled = _label(line)
            if labelled is not None:
                segments.append(_map_segment(labelled, (line,)))
                continue
            try:
                quantity = parse_number(line.text)
            except ValueError:
                continue
            partner = _stacked_name(lines, line, used)
            if partner is not None:
                country = match_country(partner.text)
                assert country is not None
                segments.append(_map_segment((country, line.text, quantity.value), (line, partner)))
    return sorted(segments, key=lambda s: (s.heading[0].top, s.heading[0].x0))


def _stacked_name(lines: Sequence[Line], number: Line, used: set[int]) -> Line | None:
    best: tuple[float, int] | None = None
    for j, other in enumerate(lines):
        if j in used or other is number or match_country(other.text) is None or x_overlap(other, number) <= 0:
            continue
        gap = min(abs(other.top - number.bottom), abs(number.top - other.bottom))
        if gap <= STACK_GAP_LINES * number.height and (best is None or gap < best[0]):
            best = (gap, j)
    if best is None:
        return None
    used.add(best[1])
    return lines[best[1]]


def _map_segment(labelled: tuple[Country, str, float], lines: tuple[Line, ...]) -> CountrySegment:
    country, figure_text, value = labelled
    highlight = CountryHighlight(country.name, country.iso3, value, figure_text, None, lines[0].page)
    return CountrySegment(highlight=highlight, heading=lines, body=())


def merge(segments: Sequence[CountrySegment]) -> list[CountrySegment]:
    """One row per country: the first headed highlight wins over a later map label."""
    seen: dict[str, CountrySegment] = {}
    for segment in segments:
        iso3 = segment.highlight.iso3
        current = seen.get(iso3)
        if current is None or (current.highlight.text is None and segment.highlight.text is not None):
            seen[iso3] = segment
    return list(seen.values())
