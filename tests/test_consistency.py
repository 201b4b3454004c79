"""Self-consistency checks: sector services add up to the printed total, and friends."""

from __future__ import annotations

import dataclasses

import pytest

from sitrep_extract import consistency
from sitrep_extract.keyfigures import KeyFigure
from sitrep_extract.quality import Issue
from sitrep_extract.sectors import SectorIndicator

from conftest import extraction_of, fixture_pdfs


def indicator(sector: str, name: str, value: float) -> SectorIndicator:
    return SectorIndicator(sector, name, value, "count", f"{value:,.0f}", 1, 0, 0, 1, 1)


TOTAL = KeyFigure("total_beneficiaries", 100.0, "count", "100", 1)
ROWS = [
    indicator("Health", "Number of services provided to beneficiaries", 60),
    indicator("Humanitarian Transportation", "Number of orientation, pre-departure and logistical services provided to beneficiaries", 40),
    indicator("Health", "Countries", 15),
]


def test_sector_total_passes_when_services_add_up() -> None:
    check = consistency.sector_total(ROWS, [TOTAL])
    assert (check.check, check.status, check.expected, check.observed) == ("sector-total", "pass", "100", "100")


def test_sector_total_mismatch_is_a_failed_check_and_an_issue() -> None:
    rows = [*ROWS, indicator("Shelter", "Número de servicios prestados a beneficiarios", 7)]
    check = consistency.sector_total(rows, [TOTAL])
    assert (check.status, check.expected, check.observed) == ("fail", "100", "107")
    assert check.message == "3 sectors' services add up to 107, the report prints 100"
    assert consistency.issues_for([check]) == [Issue("total-mismatch", check.message)]


def test_sector_total_skips_without_a_total() -> None:
    assert consistency.sector_total(ROWS, []).status == "skip"


def test_key_figures_names_the_missing_ones() -> None:
    check = consistency.key_figures([TOTAL])
    assert check.status == "fail"
    assert check.message == "missing: venezuelans_worldwide, venezuelans_in_lac, iom_missions"


def test_seed_report_passes_every_check(seed_extraction) -> None:
    assert {c.check: c.status for c in seed_extraction.checks} == {
        "sector-total": "pass",
        "sector-values": "pass",
        "key-figures": "pass",
        "country-figures": "pass",
    }


def test_checks_table_rows(seed_extraction) -> None:
    from sitrep_extract.tables import build_tables

    table = build_tables([seed_extraction])["checks"].to_pylist()
    total = next(row for row in table if row["check"] == "sector-total")
    assert total == {
        "report_id": seed_extraction.report_id,
        "check": "sector-total",
        "status": "pass",
        "expected": "2,155,039",
        "observed": "2,155,039",
        "message": "9 sectors' services add up to the total",
    }


def test_mismatch_still_writes_rows(seed_extraction, tmp_path) -> None:
    from sitrep_extract.tables import build_tables
    from sitrep_extract.writing import merge_tables

    rows = list(seed_extraction.sector_indicators)
    rows[0] = dataclasses.replace(rows[0], value=rows[0].value + 1)
    bad = consistency.sector_total(rows, seed_extraction.key_figures)
    assert bad.status == "fail" and bad.observed == "2,155,040"
    broken = dataclasses.replace(seed_extraction, sector_indicators=tuple(rows), checks=(bad,))
    written = merge_tables(tmp_path, build_tables([broken]))
    import pyarrow.parquet as pq

    assert pq.read_table(written["sector_indicators"]).num_rows == 31
    assert pq.read_table(written["checks"]).column("status").to_pylist() == ["fail"]


@pytest.mark.parametrize("pdf", fixture_pdfs(), ids=lambda p: p.stem)
def test_every_fixture_is_self_consistent(pdf) -> None:
    """Each fixture's sector services add up to its printed total, as the real reports' do."""
    checks = {c.check: (c.status, c.message) for c in extraction_of(pdf).checks}
    assert {name: status for name, (status, _) in checks.items()} == {
        "sector-total": "pass",
        "sector-values": "pass",
        "key-figures": "pass",
        "country-figures": "pass",
    }, checks
