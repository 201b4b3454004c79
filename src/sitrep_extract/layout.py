"""Layout: words → lines → blocks, from positions alone.

The reports are infographics: text order in the content stream says little about
reading order (the total-beneficiaries roundel is drawn in the middle of the Health
block), so everything here works from geometry. A `Line` is a run of words on one
baseline with no column-sized gap in it; a `Block` is a stack of lines that touch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .reading import Word
from .repair import clean_text

#: A horizontal gap wider than this many times the font size separates columns
#: (the fixtures' gutters are >= 18 pt at 7-8 pt text, real gutters are wider still;
#: justified text rarely stretches a space past 1 em).
COLUMN_GAP_EM = 1.6
#: Words whose vertical extents overlap by this fraction of the smaller height sit on
#: one baseline.
ROW_OVERLAP = 0.5
#: A word this much smaller than its line's main size and touching the word before
#: it is a superscript footnote mark ('2021' + '2' is printed '2021²').
MARK_SIZE_RATIO = 0.8
MARK_MAX_GAP = 1.0
#: Lines join a block when the gap above them is at most this many line heights
#: (paragraph leading is ~1.2 em; the fixtures and the reports leave >= 1 line between
#: paragraphs and blocks).
BLOCK_GAP_LINES = 0.75


@dataclass(frozen=True, slots=True)
class Line:
    """Words on one baseline within one column. Geometry and text are computed once,
    when the line is made (`make_line`): every later stage reads them many times."""

    words: tuple[Word, ...]
    marks: tuple[Word, ...]  # footnote marks cut off the words they touched
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str  # repaired and whitespace-collapsed

    @property
    def page(self) -> int:
        return self.words[0].page

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @property
    def color(self) -> tuple[float, ...]:
        return self.words[0].color

    @property
    def raw_text(self) -> str:
        return " ".join(w.text for w in self.words)


def make_line(words: Sequence[Word], marks: Sequence[Word] = ()) -> Line:
    return Line(
        words=tuple(words),
        marks=tuple(marks),
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        size=max(w.size for w in words),
        text=clean_text(" ".join(w.text for w in words)),
    )


class LineGroup:
    """The extent of a stack of lines; shared by blocks and by the label groups and
    values that segmentation builds from them."""

    __slots__ = ()
    lines: tuple[Line, ...]

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @property
    def top(self) -> float:
        return min(line.top for line in self.lines)

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in self.lines)


@dataclass(frozen=True, slots=True)
class Block(LineGroup):
    lines: tuple[Line, ...]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def x_overlap(a: Line | LineGroup, b: Line | LineGroup) -> float:
    return _overlap(a.x0, a.x1, b.x0, b.x1)


def _rows(words: Iterable[Word]) -> list[list[Word]]:
    """Cluster words into baselines: each word joins the row it overlaps most."""
    rows: list[tuple[float, float, list[Word]]] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        best, best_overlap = None, 0.0
        for index, (top, bottom, _) in enumerate(rows[-8:], start=max(0, len(rows) - 8)):
            overlap = _overlap(top, bottom, word.top, word.bottom)
            smaller = min(bottom - top, word.height) or 1.0
            if overlap / smaller >= ROW_OVERLAP and overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is None:
            rows.append((word.top, word.bottom, [word]))
        else:
            top, bottom, members = rows[best]
            members.append(word)
            # The row keeps the extent of its main text so a tall word does not
            # swallow the lines above and below it.
            rows[best] = (top, bottom, members)
    return [sorted(members, key=lambda w: w.x0) for _, _, members in rows]


def _split_columns(row: list[Word], gap_em: float) -> list[list[Word]]:
    segments: list[list[Word]] = [[row[0]]]
    for word in row[1:]:
        previous = segments[-1][-1]
        size = max(previous.size, word.size)
        if word.x0 - previous.x1 > gap_em * size:
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments


def _make_line(words: list[Word]) -> Line:
    main = max(w.size for w in words)
    kept: list[Word] = []
    marks: list[Word] = []
    for word in words:
        is_mark = (
            kept
            and word.size <= MARK_SIZE_RATIO * main
            and word.x0 - kept[-1].x1 <= MARK_MAX_GAP
            and word.bottom < kept[-1].bottom - 0.5
            and word.text.isdigit()
        )
        (marks if is_mark else kept).append(word)
    return make_line(kept, marks)


def build_lines(words: Sequence[Word], *, column_gap_em: float = COLUMN_GAP_EM) -> tuple[Line, ...]:
    """Lines top to bottom, then left to right."""
    lines = [
        _make_line(segment)
        for row in _rows(words)
        for segment in _split_columns(row, column_gap_em)
    ]
    return tuple(sorted(lines, key=lambda line: (round(line.top, 1), line.x0)))


def build_blocks(lines: Sequence[Line]) -> tuple[Block, ...]:
    """Stack lines that touch vertically and share columns into blocks."""
    open_blocks: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        target = None
        for members in reversed(open_blocks):
            last = members[-1]
            gap = line.top - last.bottom
            if gap <= BLOCK_GAP_LINES * min(line.height, last.height) + 0.5 and x_overlap(line, last) > 0:
                target = members
                break
        if target is None:
            open_blocks.append([line])
        else:
            target.append(line)
    return tuple(Block(lines=tuple(members)) for members in open_blocks)


#: A block wider than this fraction of the page spans the columns (a title, a banner,
#: a full-width paragraph) and separates one band of columns from the next.
WIDE_FRACTION = 0.6


def _columns(band: list[Block]) -> list[Block]:
    """Blocks of one band, column by column (left to right), each column top-down."""
    columns: list[tuple[float, float, list[Block]]] = []
    for block in sorted(band, key=lambda b: b.x0):
        for index, (x0, x1, members) in enumerate(columns):
            if _overlap(x0, x1, block.x0, block.x1) > 0:
                members.append(block)
                columns[index] = (min(x0, block.x0), max(x1, block.x1), members)
                break
        else:
            columns.append((block.x0, block.x1, [block]))
    return [b for _, _, members in sorted(columns, key=lambda c: c[0]) for b in sorted(members, key=lambda b: b.top)]


def reading_order(blocks: Sequence[Block], page_width: float) -> tuple[Block, ...]:
    """The order a person reads a page's blocks: bands separated by full-width blocks,
    and within a band, column after column. Sorting by (top, x0) instead would weave
    two columns of paragraphs together line by line."""
    ordered: list[Block] = []
    band: list[Block] = []
    for block in sorted(blocks, key=lambda b: (b.top, b.x0)):
        if block.x1 - block.x0 > WIDE_FRACTION * page_width:
            ordered += _columns(band)
            band = []
            ordered.append(block)
        else:
            band.append(block)
    return tuple(ordered + _columns(band))
