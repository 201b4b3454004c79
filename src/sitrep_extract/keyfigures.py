"""Headline figures: total beneficiaries, Venezuelans worldwide and in LAC, IOM missions.

Each comes from the first page that prints it (the banner with the population
figures is repeated on every country page).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .layout import Block, Line, x_overlap
from .numbers import NumberMatch, find_numbers, parse_number


@dataclass(frozen=True, slots=True)
class KeyFigure:
    figure: str
    value: float
    unit: str
    value_text: str
    page: int


#: The total's caption: 'Total number of Beneficiaries in the 2nd quarter of 2021',
#: older editions 'Services provided in the 1st quarter'; Spanish equivalents.
TOTAL_CAPTION = regex.compile(
    r"total\s+(?:number\s+of\s+)?beneficiaries|services\s+provided\s+in\s+the|"
    r"(?:n[uú]mero\s+)?total\s+de\s+beneficiari[oa]s|servicios\s+prestados\s+en\s+el",
    regex.I,
)
#: The total prints well apart from its caption at most this far (pt).
TOTAL_MAX_GAP = 30.0

#: Population lines 'Venezuelan migrants and refugees in world - 5.6 million'.
POPULATION_LINES = {
    "venezuelans_worldwide": regex.compile(
        r"(?:venezuelan|venezolan).*\b(?:world|worldwide|globally|mundo)\b", regex.I
    ),
    "venezuelans_in_lac": regex.compile(
        r"(?:venezuelan|venezolan).*(?:\bLAC\b|\bALC\b|latin\s+america|am[eé]rica\s+latina)", regex.I
    ),
}
MISSIONS_AFTER = regex.compile(r"\s+(?:IOM\s+)?(?:missions|country\s+offices)\b|\s+misiones\b", regex.I)


def _total(blocks: Sequence[Block], all_lines: Sequence[Line]) -> KeyFigure | None:
    for block in blocks:
        caption = " ".join(line.text for line in block.lines)
        if not TOTAL_CAPTION.search(caption):
            continue
        caption_lines = [line for line in block.lines if not _is_number(line)]
        if not caption_lines:
            continue
        first = caption_lines[0]
        best: tuple[float, Line] | None = None
        for line in all_lines:
            if line.page != first.page or not _is_number(line) or x_overlap(line, first) <= 0:
                continue
            gap = min(abs(first.top - line.bottom), abs(line.top - caption_lines[-1].bottom))
            if gap <= TOTAL_MAX_GAP and (best is None or line.size > best[1].size):
                best = (gap, line)
        if best is not None:
            quantity = parse_number(best[1].text)
            return KeyFigure("total_beneficiaries", quantity.value, quantity.unit, best[1].text, best[1].page)
    return None


def _is_number(line: Line) -> bool:
    try:
        parse_number(line.text)
    except ValueError:
        return False
    return True


def _population(blocks: Sequence[Block], lines: Sequence[Line]) -> list[KeyFigure]:
    """'Venezuelan migrants and refugees in world - 5.6 million' on one line, or the
    figure printed on its own line above (or below) a caption that may wrap."""
    found: dict[str, KeyFigure] = {}
    for line in lines:
        text = line.text
        for figure, pattern in POPULATION_LINES.items():
            if figure in found or not pattern.search(text):
                continue
            matches = find_numbers(text)
            if matches:
                last = matches[-1]
                found[figure] = KeyFigure(figure, last.quantity.value, last.quantity.unit, last.text, line.page)
    for block in blocks:
        for caption, number in _captioned_numbers(block):
            for figure, pattern in POPULATION_LINES.items():
                if figure not in found and pattern.search(caption) and not find_numbers(caption):
                    quantity = parse_number(number.text)
                    found[figure] = KeyFigure(figure, quantity.value, quantity.unit, number.text, number.page)
    return list(found.values())


def _captioned_numbers(block: Block) -> list[tuple[str, Line]]:
    """(caption, number line) pairs of a block that stacks figures and captions:
    each run of text lines with the number line just above it, else just below."""
    runs: list[tuple[Line | None, list[Line], Line | None]] = []
    above: Line | None = None
    text: list[Line] = []
    for line in block.lines:
        if _is_number(line):
            if text:
                runs.append((above, text, line))
                text = []
            above = line
        else:
            text.append(line)
    if text:
        runs.append((above, text, None))
    pairs = []
    for number_above, caption, number_below in runs:
        number = number_above or number_below
        if number is not None:
            pairs.append((" ".join(line.text for line in caption), number))
    return pairs


def _missions(blocks: Sequence[Block]) -> KeyFigure | None:
    for block in blocks:
        text = " ".join(line.text for line in block.lines)
        for match in find_numbers(text):
            if MISSIONS_AFTER.match(text, match.end):
                return _figure("iom_missions", match, block.page)
    return None


def _figure(name: str, match: NumberMatch, page: int) -> KeyFigure:
    return KeyFigure(name, match.quantity.value, match.quantity.unit, match.text, page)


def find_key_figures(blocks: Sequence[Block], lines: Sequence[Line]) -> list[KeyFigure]:
    """Blocks and lines of the whole report, in page order."""
    figures: list[KeyFigure] = []
    total = _total(blocks, lines)
    if total:
        figures.append(total)
    figures.extend(_population(blocks, lines))
    missions = _missions(blocks)
    if missions:
        figures.append(missions)
    return sorted(figures, key=lambda f: f.figure)
