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
