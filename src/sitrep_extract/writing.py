"""Writing tables: atomic, idempotent per report.

Each table is one Parquet file, `<table>.parquet`, holding the rows of every report
extracted into the folder. Writing a report that is already there replaces its rows.
Files are written to a temporary name in the same folder and renamed over the old
one, so a crash never leaves a truncated table behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .errors import OutputError
from .schema import TABLES
from .tables import SORT_KEYS


def table_path(out_dir: Path, table: str) -> Path:
    return out_dir / f"{table}.parquet"


def read_table(out_dir: str | Path, table: str) -> pa.Table:
    """A table from the folder, or an empty one with the schema when absent."""
    path = table_path(Path(out_dir), table)
    schema = TABLES[table].schema
    if not path.exists():
        return schema.empty_table()
    try:
        return pq.read_table(path, schema=schema)
    except (pa.ArrowException, OSError) as exc:
        raise OutputError(path, f"existing table is unreadable ({exc})") from exc


def write_atomic(table: pa.Table, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sort(table: pa.Table, name: str) -> pa.Table:
    keys = [("report_id", "ascending")] + [(k, "ascending") for k in SORT_KEYS[name]]
    return table.sort_by(keys)


def merge_tables(out_dir: str | Path, tables: Mapping[str, pa.Table]) -> dict[str, Path]:
    """Replace the rows of the reports in `tables` in each table of `out_dir`."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(out, f"cannot create output folder ({exc.strerror})") from exc
    report_ids = tables["reports"].column("report_id")
    merged: dict[str, pa.Table] = {}
    for name in TABLES:
        existing = read_table(out, name)
        keep = pc.invert(pc.is_in(existing.column("report_id"), value_set=report_ids))
        merged[name] = _sort(pa.concat_tables([existing.filter(keep), tables[name]]), name)
    written = {}
    for name, table in merged.items():
        path = table_path(out, name)
        try:
            write_atomic(table, path)
        except OSError as exc:
            raise OutputError(path, f"cannot write table ({exc.strerror or exc})") from exc
        written[name] = path
    return written
