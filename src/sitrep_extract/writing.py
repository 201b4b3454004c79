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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_temp(table: pa.Table, path: Path) -> Path:
    """Write beside `path` under a temporary name, with the permissions a plain open()
    would give (mkstemp makes files private to their owner)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        pq.write_table(table, tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_atomic(table: pa.Table, path: Path) -> None:
    os.replace(write_temp(table, path), path)


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
    # Every table is written to a temporary file first and only then renamed into
    # place, so a failed write leaves no table with a half-added report.
    temps: dict[str, Path] = {}
    try:
        for name, table in merged.items():
            path = table_path(out, name)
            try:
                temps[name] = write_temp(table, path)
            except OSError as exc:
                raise OutputError(path, f"cannot write table ({exc.strerror or exc})") from exc
    except BaseException:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
    written = {}
    for name, tmp in temps.items():
        written[name] = table_path(out, name)
        os.replace(tmp, written[name])
    return written
