"""The seed fixture's expected tables agree with the real report's text (../shared/seed/).

The expected CSVs are generated from a hand-written spec; this checks that spec
against the independent source it was transcribed from, so a transcription slip
cannot hide behind an extractor that makes the same slip.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitrep_extract.repair import clean_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "iom-venezuela-regional-response-2021-q2.txt"
EXPECTED = ROOT / "fixtures" / "expected" / "2021-q2-en"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not present")


def _rows(table: str) -> list[dict[str, str]]:
    with (EXPECTED / f"{table}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _seed_flat() -> str:
    """The seed as one cleaned string: line-end hyphens joined, glyphs repaired."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("-\n", "-\u0000")  # keep printed hyphens, mark the joins
    flat = clean_text(text.replace("\t", "\ufffd"))
    return flat.replace("-\u0000", "-")


@pytest.mark.parametrize("row", _rows("country_highlights") if SEED.exists() else [], ids=lambda r: r["iso3"])
def test_country_heading_and_text_come_from_the_seed(row: dict[str, str]) -> None:
    seed = SEED.read_text(encoding="utf-8")
    assert f"{row['country']} - {row['figure_text']}" in seed
    assert row["text"] in _seed_flat() or row["text"].replace("- ", "-") in _seed_flat()


@pytest.mark.parametrize("row", _rows("sector_indicators") if SEED.exists() else [], ids=lambda r: f"{r['sector']}:{r['indicator']}")
def test_sector_values_are_printed_in_the_seed(row: dict[str, str]) -> None:
    seed_lines = [clean_text(line.replace("\t", "\ufffd")) for line in SEED.read_text(encoding="utf-8").splitlines()]
    assert row["value_text"] in seed_lines


def test_seed_sector_services_add_up_to_the_printed_total() -> None:
    rows = _rows("sector_indicators")
    services = sum(float(r["value"]) for r in rows if "services provided to beneficiaries" in r["indicator"])
    total = next(r for r in _rows("key_figures") if r["figure"] == "total_beneficiaries")
    assert services == float(total["value"]) == 2_155_039
    assert len(rows) == 31
    assert not [r for r in rows if r["sector"] == "Health" and r["indicator"] == "Countries"]
