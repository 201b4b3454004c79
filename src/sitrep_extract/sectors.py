"""Sector blocks: find each sector's heading, the region below it, and pair labels with values.

Pairing is geometric. In the real April–June 2021 report the content stream runs
"Countries" (Health, no value) straight into "2,155,039" (the total roundel beside
the block): a text-order parser would give Health 2,155,039 countries. Here a value
only pairs with a label in the same sector region, and a label with no value of its
own yields no row, only an `Issue`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .layout import Line, LineGroup, make_line, x_overlap
from .numbers import Quantity, find_numbers, parse_number
from .quality import Issue
from .reading import Word
from .repair import join_lines
from .vocabulary import match_sector

#: A heading is bold or at least this large (label text is 7-8 pt, headings 10+).
HEADING_MIN_SIZE = 9.0
#: Slack around a region's edges, in points.
EDGE = 4.0
#: A vertical gap this large ends a sector region even without a next heading
#: (footnotes or a page banner below the last block).
REGION_MAX_GAP = 40.0
#: Lines of one wrapped label sit closer than this many line heights.
LABEL_LINE_GAP = 0.8
#: A value sits at most this far (pt) below/above its label, or beside it.
MAX_PAIR_GAP = 24.0
#: Beside: the value may stand in a column of its own to the right of the labels
#: (the 2021-q1 fixture's is 84 pt from a short 'Countries'); the region's width
#: bounds it anyway.
MAX_BESIDE_GAP = 160.0
#: Words after a leading number that still belong to the value ('25% rent').
MAX_SUFFIX_WORDS = 2

_COUNTRIES = regex.compile(r"^(?:countries|pa[ií]ses|n[uú]mero de pa[ií]ses)$", regex.I)


@dataclass(frozen=True, slots=True)
class SectorIndicator:
    sector: str
    indicator: str
    value: float
    unit: str
    value_text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Value:
    """A printed value: its words, its text as printed, and what it means."""

    lines: tuple[Line, ...]
    text: str
    quantity: Quantity
    suffix: str | None  # 'rent' in '25% rent'
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Pairing:
    sector: str
    label: tuple[Line, ...]
    value: Value | None


@dataclass(frozen=True, slots=True)
class SectorBlock:
    sector: str
    page: int
    heading: tuple[Line, ...]
    lines: tuple[Line, ...]
    pairings: tuple[Pairing, ...]


@dataclass(frozen=True, slots=True)
class _Item(LineGroup):
    """A label group or a value inside a region."""

    lines: tuple[Line, ...]
    value: Value | None


def _value(words: Sequence, line: Line, text: str, quantity: Quantity, suffix: str | None) -> Value:
    return Value(
        lines=(line,),
        text=text,
        quantity=quantity,
        suffix=suffix,
        x0=min(w.x0 for w in words),
        top=min(w.top for w in words),
        x1=max(w.x1 for w in words),
        bottom=max(w.bottom for w in words),
    )


def split_value(line: Line) -> tuple[str | None, Value | None]:
    """(label part, value part) of a line: a whole-line value, a value with a short
    lower-case suffix ('25% rent'), or a label with its value at the end ('Countries 16')."""
    text = line.text
    try:
        return None, _value(line.words, line, text, parse_number(text), None)
    except ValueError:
        pass
    matches = find_numbers(text)
    if not matches:
        return text, None
    first, last = matches[0], matches[-1]
    words = line.words
    if first.start == 0 and len(matches) == 1:
        rest = text[first.end :].split()
        if 0 < len(rest) <= MAX_SUFFIX_WORDS and all(w.isalpha() and w.islower() for w in rest):
            return None, _value(words, line, text, first.quantity, " ".join(rest))
    if last.end == len(text) and last.start > 0:
        label = text[: last.start].strip()
        n_value_words = len(last.text.split())
        value_words = words[-n_value_words:]
        label_words = words[:-n_value_words]
        # A plain number ending a plain label line is usually the label wrapping
        # ('Children under 5' / 'screened for …'), except after 'Countries'.
        stands_out = _stands_out(label_words, value_words) or bool(_COUNTRIES.match(label))
        if label and regex.search(r"\p{L}", label) and stands_out:
            return label, _value(value_words, line, last.text, last.quantity, None)
    return text, None


#: A value set apart from its label on one line by at least this many ems is a value
#: even in the label's own weight ('Countries     8').
BESIDE_GAP_EM = 1.0


def _stands_out(label_words: Sequence[Word], value_words: Sequence[Word]) -> bool:
    """Is the trailing number a value beside its label, not the end of the label?"""
    if not label_words:
        return False
    label_size = max(w.size for w in label_words)
    bolder = all(w.bold for w in value_words) and not all(w.bold for w in label_words)
    larger = min(w.size for w in value_words) >= 1.2 * label_size
    apart = value_words[0].x0 - label_words[-1].x1 >= BESIDE_GAP_EM * label_size
    return bolder or larger or apart


_VALUE_WORD = regex.compile(r"(?:US\$|USD|\$)?[\d.,%]*\d[\d.,%]*|[KMB]|bn|mn|million|billion|%", regex.I)


def split_pairs(line: Line) -> list[Line]:
    """'Meals 81,074   Kits 4,299' (values bold, labels not) as four lines, so that
    each label pairs with the value beside it. Other lines come back whole."""
    words = line.words
    kinds = [w.bold and bool(_VALUE_WORD.fullmatch(w.text)) for w in words]
    if all(kinds) or not any(kinds):
        return [line]
    runs: list[tuple[bool, list[Word]]] = []
    for word, is_value in zip(words, kinds):
        if runs and runs[-1][0] == is_value:
            runs[-1][1].append(word)
        else:
            runs.append((is_value, [word]))
    if sum(1 for is_value, _ in runs if is_value) < 2:
        return [line]
    return [make_line(run) for _, run in runs]


def _is_heading_style(line: Line) -> bool:
    return line.bold or line.size >= HEADING_MIN_SIZE


def find_headings(lines: Sequence[Line]) -> list[tuple[str, tuple[Line, ...]]]:
    """Sector headings on one page; a heading may wrap ('Humanitarian' / 'Transportation')."""
    headings: list[tuple[str, tuple[Line, ...]]] = []
    used: set[int] = set()
    for i, line in enumerate(lines):
        if i in used or not _is_heading_style(line):
            continue
        # The raw text too: repair reads an icon glyph glued to a heading as a lost 'fi'.
        sector = match_sector(line.text) or match_sector(line.raw_text)
        if sector:
            headings.append((sector, (line,)))
            continue
        below = _next_below(lines, i)
        if below is not None and _is_heading_style(lines[below]):
            sector = match_sector(line.text + " " + lines[below].text)
            if sector:
                headings.append((sector, (line, lines[below])))
                used.add(below)
    return headings


def _next_below(lines: Sequence[Line], i: int) -> int | None:
    line = lines[i]
    for j in range(i + 1, len(lines)):
        other = lines[j]
        if other.top > line.bottom + line.height:
            return None
        if other.top >= line.bottom - 1 and abs(other.x0 - line.x0) <= EDGE:
            return j
    return None


def _region(
    lines: Sequence[Line], x0: float, top: float, all_headings: Sequence[tuple[Line, ...]], page_width: float
) -> tuple[Line, ...]:
    """Lines of the column starting at x0, from `top` down to the next heading in that
    column (or a gap too wide to be inside a block)."""
    left = x0 - EDGE
    right = min((h[0].x0 - EDGE for h in all_headings if h[0].x0 > x0 + 20), default=page_width)
    bottom = min((h[0].top for h in all_headings if h[0].top > top and left <= h[0].x0 < right), default=float("inf"))
    heading_ids = {id(line) for h in all_headings for line in h}
    region: list[Line] = []
    last_bottom = top
    for line in lines:
        if id(line) in heading_ids or line.top < top - 1 or line.bottom > bottom + 1:
            continue
        if line.x0 < left or line.x1 > right + EDGE:
            continue
        if line.top - last_bottom > REGION_MAX_GAP:
            break
        region.append(line)
        last_bottom = max(last_bottom, line.bottom)
    return tuple(region)


def _items(region: Sequence[Line]) -> tuple[list[_Item], bool]:
    """Label groups and values of a region, and whether values come before labels.

    Label lines join a group when they touch and no value sits between them in their
    column: a value beside a two-line label (level with its middle) must not cut the
    label in two, while a value below a label ends it."""
    values: list[_Item] = []
    inline: list[_Item] = []
    label_lines: list[Line] = []
    for line in (part for whole in region for part in split_pairs(whole)):
        label, value = split_value(line)
        if value is None:
            label_lines.append(line)
        elif label is None:
            values.append(_Item(lines=(line,), value=value))
        else:  # label and value on one line
            inline.append(_Item(lines=(line,), value=None))
            values.append(_Item(lines=(line,), value=value))
    groups: list[list[Line]] = []
    for line in label_lines:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and line.top - last.bottom <= LABEL_LINE_GAP * last.height
            and x_overlap(line, last) > 0
            and not any(_between(v.lines[0], last, line) for v in values)
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
    labels = [_Item(lines=tuple(group), value=None) for group in groups] + inline
    values_first = bool(region) and any(v.lines[0] is region[0] and v.lines[0] not in {i.lines[0] for i in inline} for v in values)
    return labels + values, values_first


def _between(value: Line, upper: Line, lower: Line) -> bool:
    """A value line in the same column, between two label lines."""
    return value.top >= upper.bottom - 1 and value.bottom <= lower.top + 1 and (
        x_overlap(value, upper) > 0 or x_overlap(value, lower) > 0
    )


def _pair(items: list[_Item], values_first: bool) -> list[tuple[_Item, _Item | None]]:
    """Give each label group at most one value: beside it, else below it (or above it
    in blocks whose first item is a value)."""
    labels = [it for it in items if it.value is None]
    values = [it for it in items if it.value is not None]
    candidates: list[tuple[float, int, int]] = []
    for vi, value in enumerate(values):
        for li, label in enumerate(labels):
            if value.lines[0] in label.lines:  # 'Countries 16' on one line
                candidates.append((-1.0, vi, li))
                continue
            same_row = min(label.bottom, value.bottom) - max(label.top, value.top) > 0
            if same_row and label.x1 <= value.x0 + 1 and value.x0 - label.x1 <= MAX_BESIDE_GAP:
                candidates.append((value.x0 - label.x1, vi, li))
                continue
            if x_overlap(label.lines[0], value.lines[0]) <= 0:
                continue
            gap_below = value.top - label.bottom  # value below its label
            gap_above = label.top - value.bottom  # value above its label
            gap = gap_above if values_first else gap_below
            if -1 <= gap <= MAX_PAIR_GAP:
                candidates.append((gap, vi, li))
    taken_v: set[int] = set()
    taken_l: dict[int, int] = {}
    for _, vi, li in sorted(candidates):
        if vi in taken_v or li in taken_l:
            continue
        taken_v.add(vi)
        taken_l[li] = vi
    return [(label, values[taken_l[li]] if li in taken_l else None) for li, label in enumerate(labels)] + [
        (value, None) for vi, value in enumerate(values) if vi not in taken_v
    ]


def _join_wrapped_inline(pairs: list[tuple[_Item, _Item | None]]) -> list[tuple[_Item, _Item | None]]:
    """A label with no value right above a 'label value' line is that label's first
    part: 'Number of services' / 'provided to beneficiaries  16,940'."""
    result = list(pairs)
    for upper, upper_value in pairs:
        if upper_value is not None or upper.value is not None:
            continue
        last = upper.lines[-1]
        for index, (item, value) in enumerate(result):
            if value is None or value.lines[0] not in item.lines:
                continue
            first = item.lines[0]
            gap = first.top - last.bottom  # negative when the value is taller than the label
            if -last.height / 2 <= gap <= LABEL_LINE_GAP * last.height and abs(first.x0 - last.x0) <= EDGE:
                result[index] = (_Item(lines=upper.lines + item.lines, value=None), value)
                result.remove((upper, upper_value))
                break
    return result


def indicator_name(label: Sequence[Line], value: Value | None) -> str:
    name = join_lines([line.text for line in label])
    if value is not None and value.lines[0] in label:  # 'Countries 16': drop the value
        name = name[: len(name) - len(value.text)].strip() if name.endswith(value.text) else name
    if _COUNTRIES.match(name):
        name = "Countries"
    if value is not None and value.suffix:
        name = f"{name}: {value.suffix}"
    return name


def _block(sector: str, page: int, heading: tuple[Line, ...], region: tuple[Line, ...]) -> tuple[SectorBlock, list[Issue]]:
    pairings: list[Pairing] = []
    issues: list[Issue] = []
    for first, second in _join_wrapped_inline(_pair(*_items(region))):
        if first.value is not None:  # a value with no label
            issues.append(Issue("value-without-label", f"{sector}: value {first.value.text!r} has no label", page))
            continue
        value = second.value if second is not None else None
        pairings.append(Pairing(sector=sector, label=first.lines, value=value))
        if value is None:
            label = indicator_name(first.lines, None)
            issues.append(Issue("label-without-value", f"{sector}: label {label!r} has no value", page))
    return SectorBlock(sector=sector, page=page, heading=heading, lines=region, pairings=tuple(pairings)), issues


def find_sector_blocks(lines: Sequence[Line], page_width: float) -> tuple[list[SectorBlock], list[Issue]]:
    """Sector blocks of one page (lines top to bottom, all on that page)."""
    headings = find_headings(lines)
    all_heading_lines = [h for _, h in headings]
    blocks: list[SectorBlock] = []
    issues: list[Issue] = []
    for sector, heading in headings:
        region = _region(lines, heading[0].x0, heading[-1].bottom, all_heading_lines, page_width)
        block, found = _block(sector, heading[0].page, heading, region)
        blocks.append(block)
        issues.extend(found)
    return blocks, issues


#: A block whose region reaches below this fraction of its page may run on over the
#: page break; its continuation opens the next page without a heading.
RUNS_ON_BELOW = 0.8
#: The continuation starts level with the next page's first headings, give or take
#: a line (the 2020-q3 fixture's starts 2 pt below them).
RUN_ON_SLACK = 20.0


def last_block(blocks: Sequence[SectorBlock]) -> SectorBlock | None:
    """The block a reader finishes a page with: the last column's lowest block."""
    return max(blocks, key=lambda b: (b.heading[0].x0 if b.heading else 0.0, b.lines[-1].top if b.lines else 0.0), default=None)


def find_continuation(
    previous: SectorBlock, previous_height: float, lines: Sequence[Line], blocks: Sequence[SectorBlock], page_width: float
) -> tuple[SectorBlock | None, list[Issue]]:
    """The rest of `previous` at the top of the next page: unclaimed label/value lines
    above or beside the page's first headings. None when there is none."""
    if not previous.lines or previous.lines[-1].bottom < RUNS_ON_BELOW * previous_height:
        return None, []
    claimed = {id(line) for b in blocks for line in (*b.heading, *b.lines)}
    orphans = [line for line in lines if id(line) not in claimed]
    if not orphans:
        return None, []
    start = orphans[0]
    first_heading = min((b.heading[0].top for b in blocks if b.heading), default=float("inf"))
    if start.top > first_heading + RUN_ON_SLACK:
        return None, []  # the page opens with a heading: nothing runs on
    headings = [b.heading for b in blocks if b.heading]
    region = tuple(line for line in _region(lines, start.x0, start.top - 1, headings, page_width) if id(line) not in claimed)
    block, issues = _block(previous.sector, start.page, (), region)
    if not any(p.value for p in block.pairings) or not _same_style(previous, block):
        return None, []
    return block, issues


def _same_style(previous: SectorBlock, block: SectorBlock) -> bool:
    """A continuation prints its values like the block it continues (a banner's
    '5.6 million' at the top of the next page does not)."""
    sizes = {round(p.value.lines[0].size) for p in previous.pairings if p.value}
    return all(round(p.value.lines[0].size) in sizes for p in block.pairings if p.value)


def indicators(blocks: Sequence[SectorBlock]) -> list[SectorIndicator]:
    rows = []
    for block in blocks:
        for pairing in block.pairings:
            value = pairing.value
            if value is None:
                continue
            rows.append(
                SectorIndicator(
                    sector=block.sector,
                    indicator=indicator_name(pairing.label, value),
                    value=value.quantity.value,
                    unit=value.quantity.unit,
                    value_text=value.text,
                    page=block.page,
                    x0=value.x0,
                    top=value.top,
                    x1=value.x1,
                    bottom=value.bottom,
                )
            )
    return rows
