"""package: the Data Package descriptor and the HXL CSV copies, validated with frictionless."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import regex

from sitrep_extract import package
from sitrep_extract.package import (
    DATAPACKAGE,
    HXL_HASHTAGS,
    HXL_TAGS,
    datapackage,
    field_type,
    hxl_tag,
    write_csv,
    write_csvs,
    write_datapackage,
)
from sitrep_extract.schema import TABLES
from sitrep_extract.tables import build_tables
from sitrep_extract.writing import merge_tables

from conftest import FIXTURES, extraction_of

frictionless = pytest.importorskip("frictionless")

#: HXL tagging conventions: '#' + a letter, then letters, digits, '_'; attributes '+' likewise.
HXL_PATTERN = r"#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*"
REPORTS = ("2021-q2-en.pdf", "2021-q1-en.pdf")


@pytest.fixture(scope="module")
def tables() -> dict[str, pa.Table]:
    return build_tables(extraction_of(FIXTURES / name) for name in REPORTS)


@pytest.fixture()
def out(tmp_path: Path, tables: dict[str, pa.Table]) -> Path:
    merge_tables(tmp_path, tables)
    write_csvs(tmp_path)
    write_datapackage(tmp_path)
    return tmp_path


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# HXL ---------------------------------------------------------------------------------


@pytest.mark.parametrize("table", list(TABLES))
def test_every_column_has_an_hxl_tag(table: str) -> None:
    for column in TABLES[table].column_names:
        tag = hxl_tag(table, column)
        assert regex.fullmatch(HXL_PATTERN, tag), (table, column, tag)
        assert tag.split("+")[0] in HXL_HASHTAGS, f"{table}.{column}: {tag} is not an HXL 1.1 core hashtag"


def test_hxl_mapping_has_no_stale_entries() -> None:
    columns = {c.name: {t for t, spec in TABLES.items() if c.name in spec.column_names} for spec in TABLES.values() for c in spec.columns}
    assert set(HXL_TAGS) == set(columns)
    for name, tag in HXL_TAGS.items():
        if isinstance(tag, dict):  # a per-table meaning covers exactly the tables with that column
            assert set(tag) == columns[name], name


def test_figure_means_different_things() -> None:
    assert hxl_tag("key_figures", "figure") == "#indicator+code"
    assert hxl_tag("country_highlights", "figure") == "#affected+displaced"
    assert hxl_tag("country_highlights", "iso3") == "#country+code"
    assert hxl_tag("reports", "period_start") == "#date+start"


def test_csv_has_header_then_hxl_row(out: Path, tables: dict[str, pa.Table]) -> None:
    for name, spec in TABLES.items():
        rows = _rows(out / f"{name}.csv")
        assert rows[0] == list(spec.column_names)
        assert all(cell.startswith("#") for cell in rows[1]), (name, rows[1])
        assert len(rows[1]) == len(spec.columns)
        assert len(rows) == 2 + tables[name].num_rows
        assert not any(cell.startswith("#") for row in rows[2:] for cell in row[:1]), "no data row looks like a hashtag row"


def test_csv_cells(out: Path) -> None:
    rows = _rows(out / "key_figures.csv")
    header = rows[0]
    total = next(dict(zip(header, row)) for row in rows[2:] if row[1] == "total_beneficiaries" and row[4] == "2,155,039")
    assert total["value"] == "2155039" and total["unit"] == "count" and total["page"] == "1"
    reports = [dict(zip(rows_[0], row)) for rows_ in [_rows(out / "reports.csv")] for row in rows_[2:]]
    assert {r["period_start"] for r in reports} == {"2021-04-01", "2021-01-01"}
    highlights = [dict(zip(rows_[0], row)) for rows_ in [_rows(out / "country_highlights.csv")] for row in rows_[2:]]
    assert any(h["text"] == "" for h in highlights), "a null paragraph (map label) is an empty cell"


def test_write_csv_is_atomic(tmp_path: Path, tables: dict[str, pa.Table], monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "key_figures.csv"
    write_csv(tables["key_figures"], "key_figures", path)
    before = path.read_bytes()

    def broken(value: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(package, "_cell", broken)
    with pytest.raises(RuntimeError):
        write_csv(tables["key_figures"], "key_figures", path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["key_figures.csv"]


def test_write_csv_refuses_a_table_of_another_shape(tmp_path: Path, tables: dict[str, pa.Table]) -> None:
    with pytest.raises(ValueError, match="do not match the schema"):
        write_csv(tables["reports"], "key_figures", tmp_path / "key_figures.csv")
    assert not list(tmp_path.iterdir())


# Data Package ------------------------------------------------------------------------


def test_descriptor_comes_from_the_schema(tmp_path: Path) -> None:
    descriptor = datapackage(TABLES, tmp_path)
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == list(TABLES), "no CSV copies, no CSV resources"
    reports = resources["reports"]
    assert reports["path"] == "reports.parquet" and reports["format"] == "parquet"
    assert reports["schema"]["primaryKey"] == ["report_id"]
    assert "foreignKeys" not in reports["schema"]
    fields = {f["name"]: f for f in reports["schema"]["fields"]}
    assert fields["period_start"]["type"] == "date" and "constraints" not in fields["period_start"]
    assert fields["page_count"]["type"] == "integer" and fields["page_count"]["constraints"] == {"required": True}
    assert fields["title"]["description"] == "Report title, normalised"
    indicators = resources["sector_indicators"]["schema"]
    assert indicators["primaryKey"] == ["report_id", "sector", "indicator"]
    assert {f["name"]: f["type"] for f in indicators["fields"]}["value"] == "number"
    assert indicators["foreignKeys"] == [{"fields": ["report_id"], "reference": {"resource": "reports", "fields": ["report_id"]}}]
    failures = resources["failures"]["schema"]
    assert failures["primaryKey"] == ["source_file"] and "foreignKeys" not in failures
    assert frictionless.Package.validate_descriptor(descriptor, basepath=str(tmp_path)).valid


def test_descriptor_without_reports_has_no_foreign_keys(tmp_path: Path) -> None:
    descriptor = datapackage(["key_figures"], tmp_path)
    assert [r["name"] for r in descriptor["resources"]] == ["key_figures"]
    assert "foreignKeys" not in descriptor["resources"][0]["schema"]


def test_unknown_table_and_type() -> None:
    with pytest.raises(ValueError, match="unknown table"):
        datapackage(["reports", "nope"], ".")
    with pytest.raises(ValueError, match="no Table Schema type"):
        field_type(pa.timestamp("s"))


def test_written_package_validates(out: Path, tables: dict[str, pa.Table]) -> None:
    path = out / DATAPACKAGE
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    names = [r["name"] for r in descriptor["resources"]]
    assert names == list(TABLES) + [f"{t}-csv" for t in TABLES]
    csv_keys = {r["name"]: r["schema"].get("foreignKeys") for r in descriptor["resources"] if r["format"] == "csv"}
    assert csv_keys["key_figures-csv"][0]["reference"]["resource"] == "reports-csv"
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["name", "type", "note"])
    rows = {task.name: task.stats.get("rows") for task in report.tasks}
    for name, table in tables.items():
        if table.num_rows:  # frictionless reports no row count for an empty Parquet file
            assert rows[name] == rows[f"{name}-csv"] == table.num_rows, name
    assert not list(out.glob(".*.tmp"))


def test_foreign_keys_are_checked(out: Path) -> None:
    reports = pq.read_table(out / "reports.parquet")
    pq.write_table(reports.slice(0, 1), out / "reports.parquet")  # one report's rows now dangle
    report = frictionless.validate(str(out / DATAPACKAGE))
    assert not report.valid
    failing = {task.name for task in report.tasks if not task.valid}
    assert {"key_figures", "sector_indicators", "country_highlights", "regional_highlights", "checks"} <= failing
    assert {error[0] for error in report.flatten(["type"])} == {"foreign-key"}


def test_primary_keys_are_checked(out: Path) -> None:
    figures = pq.read_table(out / "key_figures.parquet")
    pq.write_table(pa.concat_tables([figures, figures.slice(0, 1)]), out / "key_figures.parquet")
    report = frictionless.validate(str(out / DATAPACKAGE))
    errors = [(task.name, error.type) for task in report.tasks for error in task.errors]
    assert errors == [("key_figures", "primary-key")]
