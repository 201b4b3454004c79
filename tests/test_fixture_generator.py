"""The fixture generator: reproducible output, honest coordinates, real damage.

These tests check fixtures/generate.py and its committed output, not the extractor:
every capability the generator claims (map pages, values above or beside their
labels, 3-column landscape grids, a block split by a page break, fake-bold
overprinting, glued footnote marks) is looked for in the PDFs with pdfplumber.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SPECS = sorted((FIXTURES / "specs").glob("*.json"))
EDITION = "2021-q2-en"
PDF = FIXTURES / f"{EDITION}.pdf"
EXPECTED = FIXTURES / "expected" / EDITION
COORD_TOLERANCE = 1.0  # points, as promised to the extractor's golden tests
#: Every committed fixture that has both its PDF and its expected tables.
NAMES = sorted(p.stem for p in FIXTURES.glob("*.pdf") if (FIXTURES / "expected" / p.stem).is_dir())


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def expected(name: str, table: str) -> list[dict[str, str]]:
    return read_csv(FIXTURES / "expected" / name / f"{table}.csv")


@pytest.fixture(scope="module")
def pdf():
    with pdfplumber.open(PDF) as doc:
        yield doc


@pytest.fixture(scope="module")
def pdfs():
    """pdfs(name) -> the open pdfplumber document of fixtures/<name>.pdf."""
    opened: dict[str, pdfplumber.PDF] = {}

    def get(name: str) -> pdfplumber.PDF:
        if name not in opened:
            opened[name] = pdfplumber.open(FIXTURES / f"{name}.pdf")
        return opened[name]

    yield get
    for doc in opened.values():
        doc.close()


def stream_text(page) -> str:
    """The page's chars in content-stream order, as pdfplumber lists them."""
    return "".join(c["text"] for c in page.chars)


# ------------------------------------------------------------ (a) reproducibility


def test_regenerating_reproduces_committed_pdfs_and_csvs(tmp_path):
    subprocess.run(
        [sys.executable, str(FIXTURES / "generate.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    assert SPECS, "no specs found"
    for spec in SPECS:
        name = spec.stem
        assert (tmp_path / f"{name}.pdf").read_bytes() == (FIXTURES / f"{name}.pdf").read_bytes(), name
        committed = sorted(p.name for p in (FIXTURES / "expected" / name).glob("*.csv"))
        fresh = sorted(p.name for p in (tmp_path / "expected" / name).glob("*.csv"))
        assert fresh == committed
        for csv_name in committed:
            assert (tmp_path / "expected" / name / csv_name).read_bytes() == (
                FIXTURES / "expected" / name / csv_name
            ).read_bytes(), f"{name}/{csv_name}"


def test_expected_tables_have_the_editions_rows():
    assert len(read_csv(EXPECTED / "reports.csv")) == 1
    assert [r["figure"] for r in read_csv(EXPECTED / "key_figures.csv")] == [
        "iom_missions",
        "total_beneficiaries",
        "venezuelans_in_lac",
        "venezuelans_worldwide",
    ]
    assert len(read_csv(EXPECTED / "sector_indicators.csv")) == 31
    assert len(read_csv(EXPECTED / "country_highlights.csv")) == 17
    assert [int(r["seq"]) for r in read_csv(EXPECTED / "regional_highlights.csv")] == list(range(1, 13))


# ---------------------------------------------------- (b) coordinate bookkeeping


@pytest.mark.parametrize(
    ("name", "row"),
    [(name, row) for name in NAMES for row in expected(name, "sector_indicators")],
    ids=lambda v: v if isinstance(v, str) else f"{v['sector']}:{v['value_text']}",
)
def test_sector_value_is_printed_at_its_expected_coordinates(pdfs, name, row):
    """Fake-bold copies are deduplicated first, as the extractor's reader does."""
    page = pdfs(name).pages[int(row["page"]) - 1].dedupe_chars()
    x0, top, x1, bottom = (float(row[k]) for k in ("x0", "top", "x1", "bottom"))
    t = COORD_TOLERANCE
    chars = [
        c
        for c in page.chars
        if c["x0"] >= x0 - t and c["x1"] <= x1 + t and c["top"] >= top - t and c["bottom"] <= bottom + t
    ]
    assert "".join(c["text"] for c in chars) == row["value_text"]
    assert abs(min(c["x0"] for c in chars) - x0) <= t
    assert abs(max(c["x1"] for c in chars) - x1) <= t
    assert abs(min(c["top"] for c in chars) - top) <= t
    assert abs(max(c["bottom"] for c in chars) - bottom) <= t


# ------------------------------------------------------------------- (c) damage


def test_lost_fi_ligature_comes_out_as_replacement_char(pdf):
    assert "bene\ufffdciaries" in stream_text(pdf.pages[0])
    assert "DTM \ufffdeld data collection" in stream_text(pdf.pages[0])
    assert "population \ufffdgures" in stream_text(pdf.pages[4])


def test_lost_fi_ligature_comes_out_as_tab(pdf):
    """The ToUnicode patch turned the drawn U+EF01 marker into a real TAB char."""
    chars = pdf.pages[0].chars
    assert sum(c["text"] == "\t" for c in chars) == 3
    assert "bene\tciaries" in stream_text(pdf.pages[0])
    assert not any(c["text"] == "\uef01" for page in pdf.pages for c in page.chars)
    assert PDF.read_bytes().count(b"<0009>") == 1


def test_lost_fi_ligature_comes_out_as_private_use_char(pdf):
    private = [c for c in pdf.pages[4].chars if 0xE000 <= ord(c["text"][0]) <= 0xF8FF]
    assert [c["text"] for c in private] == ["\uef00"]
    assert "\uef00rst stage" in stream_text(pdf.pages[4])


def test_real_fi_ligature_char(pdf):
    assert "\ufb01nancial support" in stream_text(pdf.pages[5])


def find(chars: list[dict], text: str) -> int:
    """Index of the first char of `text` in a char sequence."""
    joined = "".join(c["text"] for c in chars)
    assert text in joined, text
    return joined.index(text)


@pytest.mark.parametrize(("word", "mark"), [("2021", "2"), ("RESPONSE", "1")])
def test_footnote_mark_is_a_separate_smaller_raised_char_glued_to_its_word(pdf, word, mark):
    chars = pdf.pages[0].chars
    anchor = "of 2021" if word == "2021" else word
    end = find(chars, anchor + mark) + len(anchor)
    last, sup = chars[end - 1], chars[end]
    assert sup["text"] == mark
    assert sup["size"] < last["size"]
    assert sup["bottom"] < last["bottom"] - 2  # raised off the baseline
    assert abs(sup["x0"] - last["x1"]) < 0.01  # touching, so text tools glue it on
    words = [w["text"] for w in pdf.pages[0].extract_words()]
    assert word + mark in words


def test_content_stream_order_is_not_reading_order(pdf):
    """As in the real report: the total box is drawn between Health and Humanitarian Transportation."""
    text = stream_text(pdf.pages[0])
    assert text.index("Health") < text.index("Countries2,155,039") < text.index("Humanitarian")
    assert "other parts of the country. Aruba - 17,000" in pdf.pages[2].extract_text()


def test_health_countries_label_has_no_value():
    rows = read_csv(EXPECTED / "sector_indicators.csv")
    assert not any(r["sector"] == "Health" and r["indicator"] == "Countries" for r in rows)


# ------------------------------------------------- (d) archive-style capabilities
#
# 2021-q1-en: map page, values above/beside labels, fake bold, glued value marks.
# 2020-q3-en: landscape, 3-column grid, a block split by a page break, map + headings.
# 2019-long-en: period banner, era sector names, ligature glyphs, CAPITALS headings.

MAP_EDITION, GRID_EDITION, LONG_EDITION = "2021-q1-en", "2020-q3-en", "2019-long-en"


def chars_of(page, text: str, max_size: float = 99.0) -> list[dict]:
    """The first chars in content-stream order that draw `text` no larger than max_size."""
    for at in _starts(page, text):
        if page.chars[at]["size"] <= max_size:
            return page.chars[at : at + len(text)]
    raise AssertionError(f"{text!r} is not drawn on page {page.page_number}")


def _starts(page, text: str) -> list[int]:
    joined = "".join(c["text"] for c in page.chars)
    return [m.start() for m in re.finditer(re.escape(text), joined)]


def box(chars: list[dict]) -> tuple[float, float, float, float]:
    xs, tops, x1s, bottoms = zip(*((c["x0"], c["top"], c["x1"], c["bottom"]) for c in chars))
    return (min(xs), min(tops), max(x1s), max(bottoms))


def boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def style(chars: list[dict]) -> set[tuple]:
    return {(c["fontname"], round(c["size"], 2), tuple(c["non_stroking_color"])) for c in chars}


def baseline(char: dict) -> float:
    return char["matrix"][5]


def row(name: str, table: str, **match: str) -> dict[str, str]:
    rows = [r for r in expected(name, table) if all(r[k] == v for k, v in match.items())]
    assert len(rows) == 1, (name, table, match, rows)
    return rows[0]


def map_page(pdfs, name: str):
    number = {MAP_EDITION: 2, GRID_EDITION: 3}[name]
    return pdfs(name).pages[number - 1]


@pytest.mark.parametrize(
    ("name", "label", "base_name"),
    [
        (MAP_EDITION, "114,5 K DOMINICAN REPUBLIC", "HAITI"),
        (MAP_EDITION, "1,74 M COLOMBIA", "VENEZUELA"),
        (GRID_EDITION, "114.1 K DOMINICAN REPUBLIC", "HAITI"),
        (GRID_EDITION, "1.71 M COLOMBIA", "VENEZUELA"),
    ],
)
def test_map_data_label_and_base_map_name_differ_in_style_and_overlap(pdfs, name, label, base_name):
    page = map_page(pdfs, name)
    label_chars, name_chars = chars_of(page, label), chars_of(page, base_name, max_size=6)
    (label_font, label_size, label_color), = style(label_chars)
    (name_font, name_size, name_color), = style(name_chars)
    assert label_font.endswith("-Bold") and 8 <= label_size <= 9 and label_color == (0.0, 0.2, 0.55)
    assert not name_font.endswith("-Bold") and 5 <= name_size <= 6 and name_color == (0.6, 0.6, 0.6)
    assert boxes_overlap(box(label_chars), box(name_chars))


def test_base_map_name_sits_right_next_to_a_data_label_on_its_baseline(pdfs):
    page = map_page(pdfs, MAP_EDITION)
    label, grey = chars_of(page, "433,9 K ECUADOR"), chars_of(page, "ECUADOR", max_size=6)
    assert grey[0]["size"] < label[0]["size"]
    assert abs(baseline(grey[0]) - baseline(label[-1])) < 0.01
    assert 0 < grey[0]["x0"] - label[-1]["x1"] < 6


@pytest.mark.parametrize(
    ("name", "figure", "country"),
    [
        (MAP_EDITION, "17 K", "ARUBA"),
        (MAP_EDITION, "24 K", "TRINIDAD & TOBAGO"),
        (MAP_EDITION, "10 K", "BOLIVIA"),
        (GRID_EDITION, "22.7 K", "GUYANA"),
    ],
)
def test_stacked_map_label_puts_the_name_directly_under_its_figure(pdfs, name, figure, country):
    page = map_page(pdfs, name)
    name_chars = chars_of(page, country)
    figure_chars = chars_of(page, figure)
    assert style(figure_chars) == style(name_chars)
    (fx0, ftop, fx1, fbottom), (nx0, ntop, nx1, nbottom) = box(figure_chars), box(name_chars)
    assert 0 <= ntop - fbottom < 3  # the next line of the same label
    assert nx0 <= fx0 and fx1 <= nx1  # centred over the name


def test_map_edition_country_rows_come_from_labels_only(pdfs):
    rows = expected(MAP_EDITION, "country_highlights")
    assert len(rows) == 17
    assert all(r["text"] == "" and r["page"] == "2" for r in rows)
    assert {r["iso3"] for r in rows}.isdisjoint({"HTI", "VEN", "CUB", "JAM", "SUR"})  # base-map names only
    text = map_page(pdfs, MAP_EDITION).extract_text()
    assert "CUBA" in text and "HAITI" in text and "SURINAME" in text
    for r in rows:
        assert r["figure_text"] in text


@pytest.mark.parametrize(
    ("iso3", "heading", "label"),
    [("COL", "Colombia - 1.71 M", "1.71 M COLOMBIA"), ("BRA", "Brazil - 262.3 K", "262.3 K BRAZIL")],
)
def test_headed_highlight_wins_over_the_map_label_with_the_same_figure(pdfs, iso3, heading, label):
    r = row(GRID_EDITION, "country_highlights", iso3=iso3)
    assert r["page"] == "4" and r["text"]
    assert heading in pdfs(GRID_EDITION).pages[3].extract_text()
    assert chars_of(map_page(pdfs, GRID_EDITION), label)  # as drawn: grey VENEZUELA overlaps it
    assert heading.endswith(r["figure_text"]) and label.startswith(r["figure_text"])
    headed = sum(1 for r in expected(GRID_EDITION, "country_highlights") if r["text"])
    assert headed == 4


def test_value_printed_above_its_label(pdfs):
    page = pdfs(MAP_EDITION).pages[0]
    r = row(MAP_EDITION, "sector_indicators", sector="Education", indicator="Number of services provided to beneficiaries")
    value = chars_of(page, r["value_text"])
    label = chars_of(page, "Number of services provided to bene")
    assert 0 < box(label)[1] - box(value)[3] < 6
    assert box(value)[0] == box(label)[0]


@pytest.mark.parametrize(
    ("name", "sector", "label", "value"),
    [
        (MAP_EDITION, "Education", "Countries", "7"),
        (MAP_EDITION, "Health", "Healthcare providers trained", "12,730"),
        (GRID_EDITION, "Multipurpose CBI", "Countries", "8"),
    ],
)
def test_value_printed_beside_its_label(pdfs, name, sector, label, value):
    r = row(name, "sector_indicators", sector=sector, indicator=label)
    assert r["value_text"] == value
    page = pdfs(name).pages[int(r["page"]) - 1]
    value_chars = [c for c in page.chars if abs(c["x0"] - float(r["x0"])) < 0.01 and abs(c["top"] - float(r["top"])) < 0.01]
    assert value_chars and value_chars[0]["text"] == value[0]
    drawn = [page.chars[at : at + len(label)] for at in _starts(page, label)]
    left_of_it = [
        chars for chars in drawn if baseline(chars[0]) == baseline(value_chars[0]) and chars[-1]["x1"] < value_chars[0]["x0"]
    ]
    assert left_of_it, "no label to the left on the value's baseline"
    nearest = max(left_of_it, key=lambda chars: chars[-1]["x1"])
    assert 2 < value_chars[0]["x0"] - nearest[-1]["x1"] < 90


@pytest.mark.parametrize("text", ["171,284", "Individuals supported"])
def test_fake_bold_draws_each_char_twice_and_dedupe_removes_the_copies(pdfs, text):
    page = pdfs(MAP_EDITION).pages[0]
    drawn = [page.chars[at : at + len(text)] for at in _starts(page, text)]
    pairs = [(a, b) for a in drawn for b in drawn if 0 < b[0]["x0"] - a[0]["x0"] <= 0.3 and a[0]["top"] == b[0]["top"]]
    assert len(pairs) == 1  # the line, then its overprint
    (first, second), = pairs
    for a, b in zip(first, second):
        assert (a["fontname"], a["size"]) == (b["fontname"], b["size"])
        assert 0 < b["x0"] - a["x0"] <= 0.3 and a["top"] == b["top"]
    assert text.replace(" ", "") not in [w["text"] for w in page.extract_words()]  # 'IInnddiivv…' before dedupe
    deduped = page.dedupe_chars()
    assert "".join(c["text"] for c in deduped.chars).count(text) == len(drawn) - 1
    assert text.split()[0] in [w["text"] for w in deduped.extract_words()]


@pytest.mark.parametrize(("name", "value", "mark"), [(MAP_EDITION, "7,912,530", "3"), (GRID_EDITION, "5,240,118", "2")])
def test_footnote_mark_glued_to_a_sector_value(pdfs, name, value, mark):
    r = row(name, "sector_indicators", value_text=value)
    page = pdfs(name).pages[int(r["page"]) - 1]
    chars = chars_of(page, value + mark)
    last, sup = chars[-2], chars[-1]
    assert sup["size"] < last["size"] and sup["bottom"] < last["bottom"] - 2
    assert abs(sup["x0"] - last["x1"]) < 0.01
    assert value + mark in [w["text"] for w in page.extract_words()]
    assert abs(float(r["x1"]) - last["x1"]) < 0.01  # the expected box ends before the mark


def test_landscape_pages_with_a_three_column_sector_grid(pdfs):
    doc = pdfs(GRID_EDITION)
    assert all((float(p.width), float(p.height)) == (841.89, 595.28) for p in doc.pages)
    page1 = [r for r in expected(GRID_EDITION, "sector_indicators") if r["page"] == "1"]
    assert {float(r["x0"]) for r in page1 if r["sector"] != "Multipurpose CBI"} == {220.0, 425.0, 630.0}


def test_block_split_by_the_page_break_has_no_heading_on_its_continuation(pdfs):
    doc = pdfs(GRID_EDITION)
    rows = [r for r in expected(GRID_EDITION, "sector_indicators") if r["sector"] == "Protection"]
    assert [r["page"] for r in rows] == ["1", "1", "1", "2", "2"]
    page1, page2 = doc.pages[0], doc.pages[1]
    heading = chars_of(page1, "Protection")
    assert heading[0]["fontname"].endswith("-Bold") and heading[0]["top"] > page1.height * 0.7
    assert "Protection" not in "".join(c["text"] for c in page2.chars)
    first = min(rows[3:], key=lambda r: float(r["top"]))
    x0 = float(first["x0"])
    above = [c for c in page2.chars if c["bottom"] <= float(first["top"]) and x0 - 1 <= c["x0"] < x0 + 185]
    assert "".join(c["text"] for c in above) == "Number of servicesprovided to bene\ufffdciaries"  # its label, no heading
    assert min(c["top"] for c in above) < 40  # at the top of the page


def test_label_wrapped_over_three_lines(pdfs):
    r = row(GRID_EDITION, "sector_indicators", sector="Health", value_text="412,605")
    page = pdfs(GRID_EDITION).pages[0]
    parts = ["Individuals reached with COVID-19", "prevention and risk communication", "messages"]
    tops = [box(chars_of(page, part))[1] for part in parts]
    assert tops == sorted(tops) and all(8 < b - a < 9 for a, b in zip(tops, tops[1:]))
    assert r["indicator"] == " ".join(parts)
    assert 0 < float(r["top"]) - tops[-1] < 20


def test_period_banner_and_intro(pdfs):
    grid = pdfs(GRID_EDITION).pages[0].extract_text()
    assert "July – September 2020" in grid and "between July and September 2020" in grid
    assert "April 2018 – February 2019" in pdfs(LONG_EDITION).pages[0].extract_text()
    assert "from January to March 2021" in pdfs(MAP_EDITION).pages[0].extract_text()


def test_long_edition_ligature_glyphs_and_era_headings(pdfs):
    page = pdfs(LONG_EDITION).pages[0]
    stream = "".join(c["text"] for c in page.chars)
    assert "bene\uef00ciaries" in stream and "bene\ufb01ciaries" in stream
    assert "Socio-economic Integration" in stream and "Multipurpose Cash Based" in stream
    sectors = {r["sector"] for r in expected(LONG_EDITION, "sector_indicators")}
    assert sectors == {"Health", "Protection", "Shelter", "Integration", "Humanitarian Transportation", "Multipurpose CBI"}


def test_long_edition_country_headings_in_capitals_with_an_en_dash(pdfs):
    text = pdfs(LONG_EDITION).pages[1].extract_text()
    for r in expected(LONG_EDITION, "country_highlights"):
        assert f"{r['country'].upper()} – {r['figure_text']}" in text
        assert r["page"] == "2" and r["text"]
    assert "COLOMBIA – 1.1 M" in text and "PERU – 700 K" in text
    words = pdfs(LONG_EDITION).pages[1].extract_words()
    lefts = {round(w["x0"]) for w in words if w["text"] in {"COLOMBIA", "PERU", "BRAZIL"}}
    assert lefts == {40}  # one column


@pytest.mark.parametrize(
    ("name", "sectors", "countries", "paragraphs"),
    [(MAP_EDITION, 32, 17, 5), (GRID_EDITION, 32, 17, 5), (LONG_EDITION, 17, 6, 4)],
)
def test_new_editions_have_complete_expected_tables(name, sectors, countries, paragraphs):
    assert len(expected(name, "reports")) == 1
    assert [r["figure"] for r in expected(name, "key_figures")] == [
        "iom_missions",
        "total_beneficiaries",
        "venezuelans_in_lac",
        "venezuelans_worldwide",
    ]
    assert len(expected(name, "sector_indicators")) == sectors
    assert len(expected(name, "country_highlights")) == countries
    assert [int(r["seq"]) for r in expected(name, "regional_highlights")] == list(range(1, paragraphs + 1))
    spec = json.loads((FIXTURES / "specs" / f"{name}.json").read_text(encoding="utf-8"))
    assert "Invented" in spec["notes"]


SERVICES = re.compile(r"services provided to beneficiaries|servicios\b.*\bprestados a beneficiarios", re.I)


@pytest.mark.parametrize("name", NAMES)
def test_sector_services_add_up_to_the_printed_total(name):
    """The series' own consistency rule; the extractor's total check relies on it."""
    services = sum(float(r["value"]) for r in expected(name, "sector_indicators") if SERVICES.search(r["indicator"]))
    total = row(name, "key_figures", figure="total_beneficiaries")
    assert services == float(total["value"])


# ------------------------------------------------------- (e) the generator's checks


def _generator():
    spec = importlib.util.spec_from_file_location("fixture_generate", FIXTURES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _element(data: dict, page: int, **match) -> dict:
    return next(e for e in data["pages"][page - 1]["elements"] if all(e.get(k) == v for k, v in match.items()))


def _set_overlap_flag_on_cuba(data: dict) -> None:
    cuba = next(n for n in _element(data, 2, type="map")["names"] if n["text"] == "CUBA")
    cuba["overlaps"] = True


def _move_haiti_away(data: dict) -> None:
    haiti = next(n for n in _element(data, 2, type="map")["names"] if n["text"] == "HAITI")
    haiti["baseline"] = 230.0
    haiti["x"] = 400.0


def _overprint_too_far(data: dict) -> None:
    data["styles"]["sector_value_heavy"]["overprint"] = 0.5


def _map_figure_disagrees(data: dict) -> None:
    label = next(lb for lb in _element(data, 3, type="map")["labels"] if lb["iso3"] == "COL")
    label["figure"] = 1720000


def _continuation_without_block(data: dict) -> None:
    data["pages"][0]["elements"] = [e for e in data["pages"][0]["elements"] if e.get("sector") != "Protection"]


def _value_beside_into_its_label(data: dict) -> None:
    _element(data, 1, sector="Health")["beside_at"] = 40


@pytest.mark.parametrize(
    ("name", "break_it", "message"),
    [
        pytest.param(MAP_EDITION, _set_overlap_flag_on_cuba, "base name 'CUBA' overlaps no label", id="false-overlap-flag"),
        pytest.param(MAP_EDITION, _move_haiti_away, "base name 'HAITI' overlaps no label", id="lost-overlap"),
        pytest.param(MAP_EDITION, _overprint_too_far, "overprint must be between 0 and 0.3 pt", id="overprint"),
        pytest.param(MAP_EDITION, _value_beside_into_its_label, "would touch its label", id="beside-too-close"),
        pytest.param(GRID_EDITION, _map_figure_disagrees, "disagrees with the COL heading", id="map-vs-heading"),
        pytest.param(GRID_EDITION, _continuation_without_block, "continues no block", id="orphan-continuation"),
    ],
)
def test_generator_refuses_inconsistent_specs(tmp_path, name, break_it, message):
    generate = _generator()
    data = json.loads((FIXTURES / "specs" / f"{name}.json").read_text(encoding="utf-8"))
    break_it(data)
    spec_path = tmp_path / f"{name}.json"
    spec_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(generate.SpecError, match=re.escape(message)):
        generate.build(spec_path, tmp_path)
