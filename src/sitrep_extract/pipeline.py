"""One report in, every stage's result out: read → layout → segment.

`Extraction` keeps the intermediate records (lines, blocks, segments, pairings) so
that `show` can draw what the extractor saw and tests can look at any stage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from . import consistency
from .consistency import Check
from .countries import CountryHighlight, CountrySegment, find_headed, find_map_labels, merge, unparsed_headings
from .errors import NotARegionalResponseOverview, printable
from .keyfigures import KeyFigure, find_key_figures
from .layout import Block, Line, build_blocks, build_lines, reading_order
from .mentions import Mention, find_mentions
from .metadata import ReportMeta, read_meta
from .quality import Issue
from .reading import Page, read_pdf
from .repair import join_lines
from .regional import RegionalHighlight, RegionalSegment, find_regional, find_section_start
from .sectors import SectorBlock, SectorIndicator, find_continuation, find_sector_blocks, indicators, last_block


@dataclass(frozen=True, slots=True)
class Report:
    report_id: str
    source_file: str
    source_sha256: str
    title: str
    period_start: dt.date | None
    period_end: dt.date | None
    page_count: int
    language: str
    extractor_version: str


@dataclass(frozen=True, slots=True)
class PageLayout:
    page: Page
    lines: tuple[Line, ...]  # top to bottom, left to right
    blocks: tuple[Block, ...]  # in reading order (column by column)

    @property
    def reading_lines(self) -> tuple[Line, ...]:
        return tuple(line for block in self.blocks for line in block.lines)


@dataclass(frozen=True)
class Extraction:
    report: Report
    key_figures: tuple[KeyFigure, ...]
    sector_indicators: tuple[SectorIndicator, ...]
    country_highlights: tuple[CountryHighlight, ...]
    regional_highlights: tuple[RegionalHighlight, ...]
    mentions: tuple[Mention, ...]
    checks: tuple[Check, ...]
    issues: tuple[Issue, ...]
    # Intermediate results, for `show` and for tests.
    layouts: tuple[PageLayout, ...]
    sector_blocks: tuple[SectorBlock, ...]
    country_segments: tuple[CountrySegment, ...]
    regional_segments: tuple[RegionalSegment, ...]

    @property
    def report_id(self) -> str:
        return self.report.report_id


#: report_id is this many hex characters of the SHA-256: short enough to read,
#: long enough that an archive of thousands of reports never collides.
REPORT_ID_LENGTH = 16


def extract(path: str | Path) -> Extraction:
    """Extract one Regional Response Overview; raises a `SitrepError` if it cannot."""
    # The first page with text is laid out and read once, while reading: a PDF that is
    # not a report stops there instead of being read to its last page.
    laid_out: dict[int, PageLayout] = {}
    first: list[tuple[int, ReportMeta]] = []

    def is_report_page(page: Page) -> bool:
        laid_out[page.number] = _layout(page)
        first.append((page.number, read_meta(laid_out[page.number].reading_lines)))
        return first[0][1].title is not None

    document = read_pdf(path, accept_first_page=is_report_page)
    layouts = tuple(laid_out.get(page.number) or _layout(page) for page in document.pages)
    first_number, meta = first[0]
    if meta.title is None or first_number != 1:
        raise NotARegionalResponseOverview(
            document.path, "not an IOM Regional Response Overview (title not found on page 1)"
        )
    issues: list[Issue] = []
    if meta.period is None:
        issues.append(Issue("period-not-found", "reporting period not found on page 1", 1))
    sector_blocks = _sectors(layouts, issues)
    headed, mapped = _countries(layouts, {b.page for b in sector_blocks}, issues)
    country_segments = merge(headed + mapped)
    key_figures = find_key_figures(
        [block for layout in layouts for block in layout.blocks], [line for layout in layouts for line in layout.lines]
    )
    regional = _regional(layouts, {s.highlight.page for s in headed + mapped} | {b.page for b in sector_blocks})
    sector_rows = indicators(sector_blocks)
    checks = (
        consistency.sector_total(sector_rows, key_figures),
        consistency.sector_values(sector_blocks),
        consistency.key_figures(key_figures),
        consistency.country_figures([i for i in issues if i.code == "country-without-figure"], len(country_segments)),
    )
    issues.extend(consistency.issues_for(checks))
    report = Report(
        report_id=document.sha256[:REPORT_ID_LENGTH],
        source_file=printable(document.path),
        source_sha256=document.sha256,
        title=meta.title,
        period_start=meta.period.start if meta.period else None,
        period_end=meta.period.end if meta.period else None,
        page_count=document.page_count,
        language=meta.language,
        extractor_version=__version__,
    )
    return Extraction(
        report=report,
        key_figures=tuple(key_figures),
        sector_indicators=tuple(sector_rows),
        country_highlights=tuple(sorted((s.highlight for s in country_segments), key=lambda h: (h.page, h.country))),
        regional_highlights=tuple(s.highlight for s in regional),
        mentions=tuple(_mentions(layouts[0], sector_blocks, country_segments, regional)),
        checks=checks,
        issues=tuple(issues),
        layouts=layouts,
        sector_blocks=tuple(sector_blocks),
        country_segments=tuple(country_segments),
        regional_segments=tuple(regional),
    )


def _sectors(layouts: Sequence[PageLayout], issues: list[Issue]) -> list[SectorBlock]:
    """Sector blocks page by page; a block cut by a page break continues on the next."""
    sector_blocks: list[SectorBlock] = []
    previous: tuple[SectorBlock, float] | None = None
    for layout in layouts:
        blocks, found = find_sector_blocks(layout.lines, layout.page.width)
        if previous is not None:
            runs_on, more = find_continuation(*previous, layout.lines, blocks, layout.page.width)
            if runs_on is not None:
                blocks.insert(0, runs_on)
                found.extend(more)
        sector_blocks.extend(blocks)
        issues.extend(found)
        last = last_block([b for b in blocks if b.heading])
        previous = (last, layout.page.height) if last is not None else None
    return sector_blocks


def _countries(
    layouts: Sequence[PageLayout], sector_pages: set[int], issues: list[Issue]
) -> tuple[list[CountrySegment], list[CountrySegment]]:
    """Headed highlights, and map labels of the pages that have neither highlights nor sectors."""
    headed: list[CountrySegment] = []
    mapped: list[CountrySegment] = []
    for layout in layouts:
        on_page = find_headed(layout.lines)
        headed.extend(on_page)
        if not on_page and layout.page.number not in sector_pages:
            mapped.extend(find_map_labels(layout.page.words))
        issues.extend(unparsed_headings(layout.lines))
    return headed, mapped


def _regional(layouts: Sequence[PageLayout], other_pages: set[int]) -> list[RegionalSegment]:
    """Regional highlights from their heading on, up to a page of another kind."""
    start = find_section_start([layout.lines for layout in layouts])
    if start is None:
        return []
    return find_regional([layout.blocks for layout in layouts], start, {page - 1 for page in other_pages})


#: An overview paragraph (intro sentence, the 'Regional response' sidebar) has at
#: least this many words; shorter page-1 blocks are captions, footnotes and labels.
OVERVIEW_MIN_WORDS = 12


def _mentions(
    first: PageLayout,
    sector_blocks: list[SectorBlock],
    countries: list[CountrySegment],
    regional: list[RegionalSegment],
) -> list[Mention]:
    """Figures in the narrative, in reading order: overview, countries, regional."""
    in_sectors = {id(line) for b in sector_blocks for line in (*b.heading, *b.lines)}
    found: list[Mention] = []
    for block in first.blocks:
        body = [line for line in block.lines if id(line) not in in_sectors and not line.bold]
        if sum(len(line.words) for line in body) >= OVERVIEW_MIN_WORDS:
            found += find_mentions(join_lines([line.text for line in body]), segment="overview", page=block.page)
    for segment in sorted(countries, key=lambda s: (s.highlight.page, s.heading[0].top, s.heading[0].x0)):
        if segment.highlight.text:
            found += find_mentions(segment.highlight.text, segment="country_highlight", page=segment.highlight.page, iso3=segment.highlight.iso3)
    for paragraph in regional:
        found += find_mentions(paragraph.highlight.text, segment="regional_highlight", page=paragraph.highlight.page)
    return found


def _layout(page: Page) -> PageLayout:
    lines = build_lines(page.words)
    return PageLayout(page=page, lines=lines, blocks=reading_order(build_blocks(lines), page.width))
