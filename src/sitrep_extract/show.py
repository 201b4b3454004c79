"""Show: draw what the extractor saw on a rendered page.

Every segment an `Extraction` keeps is outlined on the page image and labelled: sector
blocks (heading + region), label–value pairings (a label without a value in red),
country highlights (heading + paragraph), regional highlight paragraphs and key
figures. Rendering the page is the reading stage's job (`reading.page_image`);
everything here only draws on the object it returns.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PIL import Image, ImageDraw, ImageFont

from .errors import DamagedPdf
from .keyfigures import MISSIONS_AFTER, POPULATION_LINES, KeyFigure
from .layout import Line
from .pipeline import Extraction
from .reading import Word, check_file, file_sha256, page_image
from .repair import clean_text
from .sectors import Pairing

Color = tuple[int, int, int]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


class PageImage(Protocol):
    """What `show` needs of pdfplumber's `PageImage` (pdfplumber/display.py)."""

    annotated: Image.Image  # the RGB image being drawn on
    scale: float  # pixels per point
    bbox: tuple[float, float, float, float]  # the page area shown, in points

    def draw_rect(self, bbox_or_obj: Any, fill: Any = ..., stroke: Any = ..., stroke_width: int = ...) -> Any: ...

    def draw_line(self, points_or_obj: Any, stroke: Any = ..., stroke_width: int = ...) -> Any: ...


# Colours per segment type (Okabe–Ito palette: told apart with colour-blindness too),
# except the missing value, which must read as an alarm.
SECTOR: Color = (0, 114, 178)
LABEL: Color = (86, 180, 233)
VALUE: Color = (0, 158, 115)
NO_VALUE: Color = (220, 0, 0)
COUNTRY: Color = (230, 159, 0)
REGIONAL: Color = (204, 121, 167)
KEY_FIGURE: Color = (213, 94, 0)

LEGEND: tuple[tuple[str, Color], ...] = (
    ("sector block", SECTOR),
    ("indicator label", LABEL),
    ("value", VALUE),
    ("label without value", NO_VALUE),
    ("country highlight", COUNTRY),
    ("regional highlight", REGIONAL),
    ("key figure", KEY_FIGURE),
)

#: Region fills are this transparent (0-255) so the printed text stays readable.
FILL_ALPHA = 28
#: Outline widths in pixels at 100 dpi; scaled with the resolution.
REGION_WIDTH = 3
ITEM_WIDTH = 2
#: Boxes are drawn this many points outside the text they surround, so outlines do
#: not strike through the glyphs; regions further out, leaving a lane between a
#: region's outline and its label boxes for the bracket that joins label and value.
PAD = 1.5
REGION_PAD = 6.0
BRACKET_OUT = 2.0
#: Tag text height in points: legible at 100 dpi, smaller than the report's headings.
TAG_SIZE = 7.0
#: Legend inset from the page corner, in points.
LEGEND_MARGIN = 8.0


def render_page(extraction: Extraction, pdf_path: str | Path, page: int, out: str | Path, *, resolution: int = 100) -> Path:
    """Render `page` (1-based) of the report with every segment outlined and labelled; write a PNG to `out`.

    Raises `ValueError` when the page does not exist or `pdf_path` is not the PDF the
    extraction came from."""
    pdf_path, out = Path(pdf_path), Path(out)
    count = extraction.report.page_count
    if not 1 <= page <= count:
        raise ValueError(f"page {page} out of range: the report has {count} page{'s' if count != 1 else ''}")
    check_file(pdf_path)
    if not file_sha256(pdf_path).startswith(extraction.report_id):
        raise ValueError(f"{pdf_path} is not the PDF this extraction came from (report {extraction.report_id})")
    image = page_image(pdf_path, page, resolution)
    draw(image, extraction, page)
    return _save_atomic(image.annotated, out, resolution)


def draw(image: PageImage, extraction: Extraction, page: int) -> None:
    """Outline every segment of `page` on `image` (pdfplumber `PageImage`-like)."""
    lines = extraction.layouts[page - 1].lines
    painter = _Painter(image, lines)
    for block in extraction.sector_blocks:
        if block.page == page:
            painter.region(_bounds(block.heading + block.lines), block.sector, SECTOR)
    for segment in extraction.country_segments:
        if segment.highlight.page == page:
            painter.region(_bounds(segment.heading + segment.body), segment.highlight.iso3, COUNTRY)
    for regional in extraction.regional_segments:
        for block in regional.blocks:
            if block.page == page:
                painter.region((block.x0, block.top, block.x1, block.bottom), f"R{regional.highlight.seq}", REGIONAL)
    for block in extraction.sector_blocks:
        if block.page == page:
            for pairing in block.pairings:
                painter.pairing(pairing)
    for figure in extraction.key_figures:
        if figure.page == page:
            box = key_figure_box(figure, lines)
            if box is not None:
                painter.item(box, figure.figure, KEY_FIGURE)
    painter.finish()


def key_figure_box(figure: KeyFigure, lines: Sequence[Line]) -> Box | None:
    """Where a key figure is printed: the words reading `value_text` on its page, in
    the line that says what the figure is (the largest print for the total)."""
    candidates: list[tuple[tuple[bool, float], Box]] = []
    target = clean_text(figure.value_text)
    for line in lines:
        if line.page != figure.page:
            continue
        words = line.words
        for start in range(len(words)):
            for end in range(start + 1, len(words) + 1):
                text = clean_text(" ".join(w.text for w in words[start:end]))
                if text == target:
                    rest = " ".join(w.text for w in words[end:])
                    score = (_says_what(figure.figure, line.text, rest), line.size)
                    candidates.append((score, _word_bounds(words[start:end])))
                if len(text) >= len(target):
                    break
    return max(candidates, key=lambda c: c[0])[1] if candidates else None


def _says_what(figure: str, line_text: str, rest: str) -> bool:
    """Does the line carry the words that name this figure (see keyfigures.py)?"""
    if figure in POPULATION_LINES:
        return bool(POPULATION_LINES[figure].search(line_text))
    if figure == "iom_missions":
        return bool(MISSIONS_AFTER.match(" " + rest))
    return False


def _bounds(lines: Iterable[Line]) -> Box:
    lines = list(lines)
    return (min(ln.x0 for ln in lines), min(ln.top for ln in lines), max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))


def _word_bounds(words: Sequence[Word]) -> Box:
    return (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))


def _pad(box: Box, pad: float) -> Box:
    x0, top, x1, bottom = box
    return (x0 - pad, top - pad, x1 + pad, bottom + pad)


Rect = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels

#: Where a tag may sit around the box it names, in order of preference. A region's
#: tag first hangs inside the top-right corner of its outline (headings sit top-left);
#: an item's tag first goes right of it. The first spot covering the least text wins.
REGION_SPOTS = ("inside-top-right", "above-right", "inside-bottom-right", "below-right")
ITEM_SPOTS = ("right", "above-left", "below-left", "above-right", "left")


def spot(name: str, box: Rect, width: int, height: int, gap: int) -> Rect:
    """The rectangle of a `width` × `height` tag at spot `name` around `box`."""
    x0, top, x1, bottom = box
    middle = (top + bottom - height) // 2
    return {
        "inside-top-left": (x0, top, x0 + width, top + height),
        "inside-top-right": (x1 - width, top, x1, top + height),
        "inside-bottom-left": (x0, bottom - height, x0 + width, bottom),
        "above-right": (x1 - width, top - height, x1, top),
        "inside-bottom-right": (x1 - width, bottom - height, x1, bottom),
        "below-right": (x1 - width, bottom, x1, bottom + height),
        "right": (x1 + gap, middle, x1 + gap + width, middle + height),
        "left": (x0 - gap - width, middle, x0 - gap, middle + height),
        "above-left": (x0, top - height - gap, x0 + width, top - gap),
        "below-left": (x0, bottom + gap, x0 + width, bottom + gap + height),
    }[name]


def _clamp(rect: Rect, size: tuple[int, int]) -> Rect:
    x0, top, x1, bottom = rect
    dx = max(0, -x0) - max(0, x1 - size[0])
    dy = max(0, -top) - max(0, bottom - size[1])
    return (x0 + dx, top + dy, x1 + dx, bottom + dy)


def _overlap(a: Rect, b: Rect) -> int:
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


#: Covering the box a tag names (an item pushed back onto it at the page edge) costs
#: this many times as much as covering other text.
OWN_BOX_WEIGHT = 10


def place(box: Rect, width: int, height: int, spots: Sequence[str], taken: Sequence[Rect], size: tuple[int, int], gap: int = 2) -> Rect:
    """The first spot around `box`, kept on the image, that covers the least of `taken`
    (and of items' own boxes)."""
    inside = any(name.startswith("inside") for name in spots)

    def cost(rect: Rect) -> int:
        own = 0 if inside else OWN_BOX_WEIGHT * _overlap(rect, box)
        return own + sum(_overlap(rect, other) for other in taken)

    return min((_clamp(spot(name, box, width, height, gap), size) for name in spots), key=cost)


@dataclass
class _Painter:
    """Draws outlines at once; tags and the legend last, placed around the page's text."""

    image: PageImage
    lines: Sequence[Line]

    def __post_init__(self) -> None:
        self.zoom = self.image.scale * 72 / 100  # widths and fonts are tuned at 100 dpi
        self.canvas = ImageDraw.Draw(self.image.annotated, "RGBA")
        self.font = ImageFont.load_default(size=max(8, round(TAG_SIZE * self.image.scale)))
        self.tags: list[tuple[Rect, str, Color, Sequence[str]]] = []
        self.taken: list[Rect] = [self._rect((ln.x0, ln.top, ln.x1, ln.bottom)) for ln in self.lines]

    def _width(self, base: int) -> int:
        return max(1, round(base * self.zoom))

    def _rect(self, box: Box) -> Rect:
        """Points → pixels, exactly as PageImage._reproject does."""
        (x0, top, x1, bottom), (ox, oy), scale = box, self.image.bbox[:2], self.image.scale
        return (int((x0 - ox) * scale), int((top - oy) * scale), int((x1 - ox) * scale), int((bottom - oy) * scale))

    def _outline(self, box: Box, color: Color, alpha: int, width: int) -> None:
        self.image.draw_rect(box, fill=color + (alpha,), stroke=color + (255,), stroke_width=self._width(width))

    def region(self, box: Box, name: str, color: Color) -> None:
        box = _pad(box, REGION_PAD)
        self._outline(box, color, FILL_ALPHA, REGION_WIDTH)
        self.tags.append((self._rect(box), name, color, REGION_SPOTS))

    def item(self, box: Box, name: str, color: Color) -> None:
        box = _pad(box, 2 * PAD)
        self._outline(box, color, FILL_ALPHA, REGION_WIDTH)
        self.tags.append((self._rect(box), name, color, ITEM_SPOTS))

    def pairing(self, pairing: Pairing) -> None:
        label = _pad(_bounds(pairing.label), PAD)
        value = pairing.value
        if value is None:
            self._outline(label, NO_VALUE, 40, ITEM_WIDTH)
            self.tags.append((self._rect(label), "no value", NO_VALUE, ITEM_SPOTS))
            return
        self._outline(label, LABEL, 0, ITEM_WIDTH)
        value_box = _pad((value.x0, value.top, value.x1, value.bottom), PAD)
        self._outline(value_box, VALUE, 40, ITEM_WIDTH)
        if value.lines != pairing.label:  # 'Countries 16' on one line needs no joining line
            self.image.draw_line(_link(label, value_box), stroke=VALUE + (255,), stroke_width=self._width(ITEM_WIDTH))

    def finish(self) -> None:
        """The legend, then every tag (missing values first), each where it hides least."""
        self.legend()
        margin = self._width(2)
        for box, text, color, spots in sorted(self.tags, key=lambda t: t[2] != NO_VALUE):
            left, top, right, bottom = self.canvas.textbbox((0, 0), text, font=self.font)
            width, height = right - left + 2 * margin, bottom - top + 2 * margin
            rect = place(box, width, height, spots, self.taken, self.image.annotated.size, gap=margin)
            self.taken.append(rect)
            self.canvas.rectangle(rect, fill=color + (235,))
            self.canvas.text((rect[0] + margin - left, rect[1] + margin - top), text, font=self.font, fill=(255, 255, 255, 255))

    def legend(self) -> None:
        """The colour key, in the page corner that covers the least text."""
        pad = self._width(6)
        swatch = round(self.font.size * 0.9)
        row = self.font.size + self._width(4)
        text_width = max(self.canvas.textbbox((0, 0), name, font=self.font)[2] for name, _ in LEGEND)
        width, height = pad * 3 + swatch + text_width, pad * 2 + row * len(LEGEND)
        page_width, page_height = self.image.annotated.size
        margin = round(LEGEND_MARGIN * self.image.scale)
        page_rect = (margin, margin, page_width - margin, page_height - margin)
        corners = ("inside-top-right", "inside-bottom-right", "inside-top-left", "inside-bottom-left")
        x, y, _, _ = rect = place(page_rect, width, height, corners, self.taken, (page_width, page_height))
        self.taken.append(rect)
        self.canvas.rectangle(rect, fill=(255, 255, 255, 235), outline=(60, 60, 60, 255), width=1)
        for index, (name, color) in enumerate(LEGEND):
            top = y + pad + index * row
            self.canvas.rectangle((x + pad, top, x + pad + swatch, top + swatch), fill=color + (255,))
            self.canvas.text((x + 2 * pad + swatch, top), name, font=self.font, fill=(30, 30, 30, 255))


def _link(label: Box, value: Box) -> list[tuple[float, float]]:
    """The path joining a label box to its value box without crossing any text: a
    straight line to a value beside the label, else a bracket in the lane left of both."""
    lx0, ltop, lx1, lbottom = label
    vx0, vtop, vx1, vbottom = value
    label_y, value_y = (ltop + lbottom) / 2, (vtop + vbottom) / 2
    if vx0 >= lx1:  # value beside the label
        y = (max(ltop, vtop) + min(lbottom, vbottom)) / 2
        return [(lx1, y), (vx0, y)]
    lane = min(lx0, vx0) - BRACKET_OUT
    return [(lx0, label_y), (lane, label_y), (lane, value_y), (vx0, value_y)]


def _save_atomic(image: Image.Image, out: Path, resolution: int) -> Path:
    """PNG written beside `out` and renamed into place. Not quantised (PageImage.save
    would be): the outline colours stay exact, so they can be found in the image."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # what a plain open() would give; mkstemp makes it private
        image.save(tmp, format="PNG", dpi=(resolution, resolution))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out
