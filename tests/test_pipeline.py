"""Whole-report tests: every fixture extracts to exactly its expected tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep_extract.evaluation import load_expected, score
from sitrep_extract.tables import build_tables

from conftest import FIXTURES, extraction_of, fixture_pdfs


@pytest.mark.parametrize("pdf", fixture_pdfs(), ids=lambda p: p.stem)
def test_fixture_tables_match_expected_exactly(pdf: Path) -> None:
    expected = load_expected(FIXTURES / "expected" / pdf.stem)
    assert expected, f"no expected tables for {pdf.name}"
    result = score(pdf.stem, expected, build_tables([extraction_of(pdf)]))
    assert [d.describe() for d in result.diffs] == []
    assert result.min_f1 == 1.0


def test_seed_health_countries_label_gets_no_value(seed_extraction) -> None:
    health = {r.indicator: r.value for r in seed_extraction.sector_indicators if r.sector == "Health"}
    assert "Countries" not in health
    assert 2_155_039 not in [r.value for r in seed_extraction.sector_indicators]
    codes = [(i.code, i.message) for i in seed_extraction.issues]
    assert ("label-without-value", "Health: label 'Countries' has no value") in codes


def test_seed_period_ignores_glued_footnote_mark(seed_extraction) -> None:
    report = seed_extraction.report
    assert (report.period_start, report.period_end) == (dt.date(2021, 4, 1), dt.date(2021, 6, 30))


def test_seed_counts(seed_extraction) -> None:
    assert len(seed_extraction.sector_indicators) == 31
    assert len(seed_extraction.country_highlights) == 17
    assert {k.figure: k.value for k in seed_extraction.key_figures} == {
        "total_beneficiaries": 2_155_039,
        "venezuelans_worldwide": 5_600_000,
        "venezuelans_in_lac": 4_600_000,
        "iom_missions": 17,
    }


def test_report_id_is_sha_prefix(seed_extraction) -> None:
    report = seed_extraction.report
    assert report.report_id == report.source_sha256[:16]
    assert len(report.source_sha256) == 64


def test_seed_mentions_in_the_narrative(seed_extraction) -> None:
    found = {(m.segment, m.iso3, m.value_text): (m.value, m.unit, m.qualifier, m.page) for m in seed_extraction.mentions}
    assert found[("country_highlight", "COL", "9,085")] == (9085, "count", None, 2)
    assert found[("country_highlight", "PER", "6,700")] == (6700, "count", "over", 2)
    assert found[("country_highlight", "PER", "13,800")] == (13800, "count", "almost", 2)
    assert found[("country_highlight", "DOM", "ten thousand")] == (10000, "count", None, 3)
    assert found[("country_highlight", "PRY", "63%")] == (63, "percent", None, 2)
    assert found[("regional_highlight", None, "USD 2.3 billion")] == (2.3e9, "usd", None, 4)
    assert found[("regional_highlight", None, "eight million")] == (8e6, "count", None, 5)
    assert found[("overview", None, "17")] == (17, "count", None, 1)
    years = [m for m in seed_extraction.mentions if m.unit == "count" and 2018 <= m.value <= 2023]
    assert years == []
    sentence = next(m.sentence for m in seed_extraction.mentions if m.value_text == "9,085")
    assert sentence.startswith("To date, a total of 9,085 people in socioeconomic vulnerability")
