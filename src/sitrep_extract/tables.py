"""Build the output tables from extraction records, typed by the one schema.

Rows are sorted by each table's natural key so that the same inputs always give
byte-identical tables, whatever the order files were processed in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa

from .pipeline import Extraction
from .schema import TABLES, TableSpec

#: Coordinates are rounded to this many decimals: pdfminer's float noise below a
#: hundredth of a point would otherwise make runs differ across platforms.
COORD_DECIMALS = 2
_COORDS = ("x0", "top", "x1", "bottom")

#: Sort order within a report (report_id always sorts first).
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "reports": (),
    "key_figures": ("figure",),
    "sector_indicators": ("page", "top", "x0"),
    "country_highlights": ("iso3",),
    "regional_highlights": ("seq",),
    "mentions": (),  # reading order (sorts are stable)
    "checks": ("check",),
    "failures": (),
}


def _rows(extraction: Extraction, table: str) -> list[dict[str, Any]]:
    report_id = extraction.report_id
    if table == "reports":
        return [dataclasses.asdict(extraction.report)]
    records: Sequence[Any] = getattr(extraction, table)
    rows = []
    for record in records:
        row = {"report_id": report_id, **dataclasses.asdict(record)}
        for name in _COORDS:
            if name in row:
                row[name] = round(row[name], COORD_DECIMALS)
        rows.append(row)
    return rows


def sort_columns(table: str) -> tuple[str, ...]:
    spec = TABLES[table]
    return ("report_id", *SORT_KEYS[table]) if spec.per_report else spec.key


def _sort(rows: list[dict[str, Any]], table: str) -> list[dict[str, Any]]:
    keys = sort_columns(table)
    return sorted(rows, key=lambda row: tuple(row[k] for k in keys))


def rows_to_table(rows: Iterable[dict[str, Any]], spec: TableSpec) -> pa.Table:
    rows = list(rows)
    columns = {c.name: [row[c.name] for row in rows] for c in spec.columns}
    return pa.Table.from_pydict(columns, schema=spec.schema)


def build_tables(extractions: Iterable[Extraction]) -> dict[str, pa.Table]:
    """Every table for these extractions, typed and sorted; a report given twice
    (same SHA-256 under another name) contributes its rows once."""
    unique: dict[str, Extraction] = {}
    for extraction in extractions:
        unique.setdefault(extraction.report_id, extraction)
    extractions = list(unique.values())
    tables = {}
    for name, spec in TABLES.items():
        rows = [row for extraction in extractions for row in _rows(extraction, name)] if spec.per_report else []
        tables[name] = rows_to_table(_sort(rows, name), spec)
    return tables


def failures_table(failures: Iterable[Any]) -> pa.Table:
    """The failures table from `batch.Failure` records (or anything with its fields)."""
    rows = [dataclasses.asdict(f) for f in failures]
    return rows_to_table(_sort(rows, "failures"), TABLES["failures"])
