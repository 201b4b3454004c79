"""Describing the tables for other tools: a Frictionless Data Package and HXL-tagged CSV copies.

Both come from the one schema (`schema.TABLES`) and nothing else, so they cannot
drift from the Parquet files.

- `datapackage.json` lists every table as a Parquet resource (frictionless-py reads
  Parquet through pyarrow, so `frictionless validate datapackage.json` checks the data,
  keys and foreign keys, not just the descriptor) and, when `<table>.csv` is beside it,
  as a CSV resource too, for tools that read no Parquet.
- `<table>.csv` is a header row, then an HXL hashtag row (https://hxlstandard.org/),
  then the data. The CSV resources declare row 2 a comment row, so Frictionless skips
  the hashtags while HXL tools use them.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.types as pat

from . import __version__
from .schema import TABLES, TableSpec
from .writing import read_table

DATAPACKAGE = "datapackage.json"

#: Core hashtags of the HXL 1.1 dictionary (https://hxlstandard.org/standard/1-1final/dictionary/)
#: that the tags below use; every one has status "Released (since 1.0)". Attributes come
#: from the dictionary where one fits (+name, +code, +num, +text, +source, +start, +end,
#: +displaced); the rest are descriptive custom attributes, which HXL allows
#: ("You are free to use whatever attributes you wish"), while hashtags may not be invented.
HXL_HASHTAGS = frozenset({"#meta", "#date", "#description", "#indicator", "#sector", "#country", "#affected", "#status"})

#: The HXL tag of every column, keyed by column name. A column whose meaning differs
#: between tables maps table name → tag (`figure` names a key figure in `key_figures`
#: but counts people in `country_highlights`).
HXL_TAGS: dict[str, str | dict[str, str]] = {
    # provenance
    "report_id": "#meta+code",  # +code: "a unique, machine-readable code"
    "source_file": "#meta+source",
    "source_sha256": "#meta+source+code",
    "title": "#meta+source+name",
    "page_count": "#meta+pages+num",
    "language": "#meta+language+code",
    "extractor_version": "#meta+version",
    "page": "#meta+page",
    # reporting period
    "period_start": "#date+start",
    "period_end": "#date+end",
    # figures and indicators
    "figure": {"key_figures": "#indicator+code", "country_highlights": "#affected+displaced"},
    "sector": "#sector+name",
    "indicator": "#indicator+name",
    "value": "#indicator+num",
    "unit": "#indicator+unit",
    "value_text": "#indicator+text",
    "figure_text": "#affected+displaced+text",
    # where a value is printed on its page
    "x0": "#meta+x0",
    "top": "#meta+top",
    "x1": "#meta+x1",
    "bottom": "#meta+bottom",
    # countries
    "country": "#country+name",
    "iso3": "#country+code",
    # narrative
    "seq": "#meta+seq",
    "heading": "#description+name",
    "text": "#description",
    "segment": "#meta+segment+code",
    "qualifier": "#indicator+qualifier",
    "sentence": "#description+sentence",
    # checks and failures
    "check": "#meta+check+code",
    "status": "#status+code",
    "expected": "#meta+expected",
    "observed": "#meta+observed",
    "message": "#description",
    "error_type": "#status+error+code",
}


def hxl_tag(table: str, column: str) -> str:
    """The HXL hashtag and attributes of `column` in `table`; KeyError when it has none."""
    tag = HXL_TAGS[column]
    return tag if isinstance(tag, str) else tag[table]


def hxl_row(table: str) -> list[str]:
    return [hxl_tag(table, name) for name in TABLES[table].column_names]


# Data Package ----------------------------------------------------------------------

#: pyarrow type → Table Schema type (https://specs.frictionlessdata.io/table-schema/#types-and-formats).
_FIELD_TYPES = (
    (pat.is_string, "string"),
    (pat.is_floating, "number"),
    (pat.is_integer, "integer"),
    (pat.is_date32, "date"),
)


def field_type(data_type: pa.DataType) -> str:
    for test, name in _FIELD_TYPES:
        if test(data_type):
            return name
    raise ValueError(f"no Table Schema type for {data_type}")


def primary_key(spec: TableSpec) -> list[str]:
    """report_id and the table's key; a table without report_id (failures) has its own
    key; mentions have none (a sentence may print the same figure twice)."""
    if spec.name == "reports":
        return ["report_id"]
    if not spec.key:
        return []
    return (["report_id"] if spec.per_report else []) + list(spec.key)


def table_schema(spec: TableSpec, reports_resource: str | None) -> dict[str, Any]:
    fields = []
    for column in spec.columns:
        field: dict[str, Any] = {"name": column.name, "type": field_type(column.type), "description": column.description}
        if not column.nullable:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields}
    if primary_key(spec):
        schema["primaryKey"] = primary_key(spec)
    if reports_resource is not None and spec.name != "reports" and "report_id" in spec.column_names:
        schema["foreignKeys"] = [
            {"fields": ["report_id"], "reference": {"resource": reports_resource, "fields": ["report_id"]}}
        ]
    return schema


def csv_resource_name(table: str) -> str:
    return f"{table}-csv"


def datapackage(tables: Iterable[str], out_dir: str | Path) -> dict[str, Any]:
    """A Tabular Data Package descriptor for `tables` in `out_dir`: one Parquet
    resource per table, plus a CSV resource for each `<table>.csv` present.
    Foreign keys to `reports` are declared when `reports` is among the tables."""
    out = Path(out_dir)
    names = list(dict.fromkeys(tables))
    unknown = [name for name in names if name not in TABLES]
    if unknown:
        raise ValueError(f"unknown table(s): {', '.join(unknown)}; the tables are {', '.join(TABLES)}")
    names = [name for name in TABLES if name in names]  # schema order, whatever order given
    with_csv = [name for name in names if (out / f"{name}.csv").is_file()]
    has_reports = "reports" in names
    resources = [
        {
            "profile": "tabular-data-resource",
            "name": name,
            "path": f"{name}.parquet",
            "format": "parquet",
            "description": TABLES[name].description,
            "schema": table_schema(TABLES[name], "reports" if has_reports else None),
        }
        for name in names
    ]
    reports_csv = csv_resource_name("reports") if "reports" in with_csv else ("reports" if has_reports else None)
    resources += [
        {
            "profile": "tabular-data-resource",
            "name": csv_resource_name(name),
            "path": f"{name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": f"{TABLES[name].description} (CSV copy; row 2 holds HXL hashtags)",
            "dialect": {"commentRows": [2]},
            "schema": table_schema(TABLES[name], reports_csv),
        }
        for name in with_csv
    ]
    return {
        "profile": "tabular-data-package",
        "name": "sitrep-extract",
        "title": "IOM Venezuelan Migrant and Refugee Situation: Regional Response Overview tables",
        "description": "Tables extracted from IOM Regional Response Overview PDFs by sitrep_extract; "
        "every table joins `reports` on report_id.",
        "version": __version__,
        "resources": resources,
    }


def write_datapackage(out_dir: str | Path, tables: Iterable[str] | None = None) -> Path:
    """Write `datapackage.json` into `out_dir` atomically; all tables when `tables` is None."""
    out = Path(out_dir)
    descriptor = datapackage(TABLES if tables is None else tables, out)
    path = out / DATAPACKAGE
    with _atomic(path) as handle:
        handle.write(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
    return path


# CSV with HXL hashtags ---------------------------------------------------------------


def _cell(value: Any) -> str:
    """A cell as text: null → empty, whole floats without '.0', dates ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(table: pa.Table, name: str, path: str | Path) -> Path:
    """Write `table` (table `name` of the schema) as CSV: header, HXL hashtag row, data.
    Written to a temporary file beside `path` and renamed into place."""
    spec = TABLES[name]
    if tuple(table.column_names) != spec.column_names:
        raise ValueError(f"{name}: columns {table.column_names} do not match the schema {list(spec.column_names)}")
    path = Path(path)
    with _atomic(path, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(spec.column_names)
        writer.writerow(hxl_row(name))
        for batch in table.to_batches():
            columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            writer.writerows([_cell(value) for value in row] for row in zip(*columns))
    return path


def write_csvs(out_dir: str | Path, tables: Iterable[str] | None = None) -> dict[str, Path]:
    """A CSV copy of each Parquet table in `out_dir` (all tables when `tables` is None)."""
    out = Path(out_dir)
    return {name: write_csv(read_table(out, name), name, out / f"{name}.csv") for name in (TABLES if tables is None else tables)}


@contextmanager
def _atomic(path: Path, newline: str | None = None) -> Iterator[IO[str]]:
    """A text file written beside `path` and renamed over it only when complete,
    with the permissions a plain open() would give (mkstemp makes files private)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
