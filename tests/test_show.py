"""show: the page drawn with every segment outlined (rendered fixtures, and the pure helpers)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from PIL import Image

from sitrep_extract.keyfigures import KeyFigure
from sitrep_extract.show import (
    COUNTRY,
    KEY_FIGURE,
    NO_VALUE,
    REGION_PAD,
    SECTOR,
    VALUE,
    _link,
    key_figure_box,
    place,
    render_page,
)

from conftest import FIXTURES, extraction_of

SEED = FIXTURES / "2021-q2-en.pdf"


def _pixel_box(box: tuple[float, float, float, float], resolution: int, pad: float = 0.0) -> tuple[int, int, int, int]:
    scale = resolution / 72
    x0, top, x1, bottom = box
    return (int((x0 - pad) * scale), int((top - pad) * scale), math.ceil((x1 + pad) * scale), math.ceil((bottom + pad) * scale))


def _count(image: Image.Image, color: tuple[int, int, int], box: tuple[int, int, int, int]) -> int:
    crop = image.convert("RGB").crop(box)
    colors = crop.getcolors(maxcolors=crop.width * crop.height) or []
    return sum(count for count, pixel in colors if pixel == color)


@pytest.mark.parametrize("page", [1, 2])
@pytest.mark.parametrize("resolution", [100, 50])
def test_png_has_the_page_size(tmp_path: Path, page: int, resolution: int) -> None:
    extraction = extraction_of(SEED)
    out = render_page(extraction, SEED, page, tmp_path / f"page-{page}.png", resolution=resolution)
    assert out == tmp_path / f"page-{page}.png" and out.is_file()
    layout = extraction.layouts[page - 1].page
    with Image.open(out) as image:
        image.load()
        assert image.format == "PNG"
        # pypdfium2 (which pdfplumber renders with) sizes the bitmap with math.ceil.
        assert image.size == (math.ceil(layout.width * resolution / 72), math.ceil(layout.height * resolution / 72))
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file was renamed into place"


def test_health_block_is_outlined_in_the_sector_colour(tmp_path: Path) -> None:
    extraction = extraction_of(SEED)
    out = render_page(extraction, SEED, 1, tmp_path / "p1.png")
    health = next(b for b in extraction.sector_blocks if b.sector == "Health")
    lines = health.heading + health.lines
    box = (min(ln.x0 for ln in lines), min(ln.top for ln in lines), max(ln.x1 for ln in lines), max(ln.bottom for ln in lines))
    with Image.open(out) as image:
        assert _count(image, SECTOR, _pixel_box(box, 100, pad=REGION_PAD)) > 100
        # Health's 'Countries' has no value of its own: its box is red.
        countries = next(p for p in health.pairings if p.value is None)
        label = countries.label[0]
        assert _count(image, NO_VALUE, _pixel_box((label.x0, label.top, label.x1, label.bottom), 100, pad=3)) > 20
        # Values are boxed in the value colour.
        value = health.pairings[0].value
        assert value is not None
        assert _count(image, VALUE, _pixel_box((value.x0, value.top, value.x1, value.bottom), 100, pad=3)) > 20
        # The total roundel is a key figure, and not part of the Health block.
        total = next(f for f in extraction.key_figures if f.figure == "total_beneficiaries")
        total_box = key_figure_box(total, extraction.layouts[0].lines)
        assert total_box is not None
        assert _count(image, KEY_FIGURE, _pixel_box(total_box, 100, pad=4)) > 20


def test_country_highlights_are_outlined(tmp_path: Path) -> None:
    extraction = extraction_of(SEED)
    out = render_page(extraction, SEED, 2, tmp_path / "p2.png")
    colombia = next(s for s in extraction.country_segments if s.highlight.iso3 == "COL")
    heading = colombia.heading[0]
    with Image.open(out) as image:
        assert _count(image, COUNTRY, _pixel_box((heading.x0, heading.top, heading.x1, heading.bottom), 100, pad=REGION_PAD)) > 20
        assert _count(image, SECTOR, (0, 0, *image.size)) < 200, "page 2 has no sector block, only the legend swatch"


@pytest.mark.parametrize("page", [0, 7, -1])
def test_page_out_of_range(tmp_path: Path, page: int) -> None:
    with pytest.raises(ValueError, match=rf"page {page} out of range: the report has 6 pages"):
        render_page(extraction_of(SEED), SEED, page, tmp_path / "x.png")
    assert not list(tmp_path.iterdir())


def test_another_pdf_is_refused(tmp_path: Path) -> None:
    other = FIXTURES / "2022-q1-en.pdf"
    with pytest.raises(ValueError, match="is not the PDF this extraction came from"):
        render_page(extraction_of(SEED), other, 1, tmp_path / "x.png")


def test_renamed_copy_of_the_pdf_is_accepted(tmp_path: Path) -> None:
    copy = tmp_path / "renamed.pdf"
    shutil.copyfile(SEED, copy)
    assert render_page(extraction_of(SEED), copy, 4, tmp_path / "out" / "p4.png").is_file()


def test_key_figures_are_found_where_printed() -> None:
    extraction = extraction_of(SEED)
    figures = {f.figure: f for f in extraction.key_figures}
    page1, page2 = extraction.layouts[0].lines, extraction.layouts[1].lines
    total = key_figure_box(figures["total_beneficiaries"], page1)
    missions = key_figure_box(figures["iom_missions"], page1)
    worldwide = key_figure_box(figures["venezuelans_worldwide"], page2)
    in_lac = key_figure_box(figures["venezuelans_in_lac"], page2)
    assert total is not None and missions is not None and worldwide is not None and in_lac is not None
    assert total[3] - total[1] > 15, "the 20 pt roundel figure"
    assert missions[2] - missions[0] < 15, "only the '17' of '17 IOM Missions operating under the'"
    assert worldwide[1] < in_lac[1], "world line above the LAC line"
    assert key_figure_box(KeyFigure("iom_missions", 17, "count", "17", 6), extraction.layouts[5].lines) is None


def test_place_prefers_a_free_spot() -> None:
    box = (100, 100, 200, 150)
    text = [(150, 80, 400, 100)]  # a line of text right above the box
    # inside-top-right is free of text
    assert place(box, 30, 10, ("inside-top-right", "above-right"), text, (1000, 1000)) == (170, 100, 200, 110)
    # ...unless something is already there
    taken = [*text, (160, 100, 200, 120)]
    assert place(box, 30, 10, ("inside-top-right", "below-right"), taken, (1000, 1000)) == (170, 150, 200, 160)
    # kept on the image
    assert place((0, 0, 20, 10), 30, 10, ("left",), [], (100, 100))[0] == 0


def test_link_joins_facing_edges() -> None:
    label, beside, below = (10, 10, 50, 20), (60, 11, 80, 19), (10, 22, 30, 32)
    assert _link(label, beside) == [(50, 15.0), (60, 15.0)]
    path = _link(label, below)
    assert path[0] == (10, 15.0) and path[-1] == (10, 27.0)
    assert all(x < 10 for x, _ in path[1:-1]), "the bracket runs left of both boxes, crossing no text"
