"""Writing tables: atomic, idempotent per report.

Each table is one Parquet file, `<table>.parquet`, holding the rows of every report
extracted into the folder. Writing a report that is already there replaces its rows.
Files are written to a temporary name in the same folder and renamed over the old
one, so a crash never leaves a truncated table behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .errors import OutputError
from .schema import TABLES
from .tables import sort_columns


def table_path(out_dir: Path, table: str) -> Path:
    return out_dir / f"{table}.parquet"


def read_table(out_dir: str | Path, table: str) -> pa.Table:
    """A table from the folder, or an empty one with the schema when absent."""
    path = table_path(Path(out_dir), table)
    schema = TABLES[table].schema
    if not path.exists():
        return schema.empty_table()
    try:
        found = pq.read_schema(path)
        if found.remove_metadata() != schema.remove_metadata():
            raise OutputError(
                path, "existing table has other columns or types (written by another version?): move it away or use another --out"
            )
        return pq.read_table(path, schema=schema)
    except (pa.ArrowException, OSError) as exc:
        raise OutputError(path, f"existing table is unreadable ({' '.join(str(exc).split())[:120]})") from exc


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
    # One chunk, so the bytes written do not depend on how the rows arrived.
    return table.sort_by([(k, "ascending") for k in sort_columns(name)]).combine_chunks()


def ensure_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(out, f"cannot create output folder ({exc.strerror})") from exc


def check_tables(out: Path) -> None:
    """Every existing table is readable with the current schema (raises OutputError)."""
    for name in TABLES:
        read_table(out, name)


def ensure_writable(out: Path) -> None:
    """Fail before any work when nothing could be saved in the output folder."""
    ensure_folder(out)
    try:
        with tempfile.NamedTemporaryFile(dir=out, prefix=".probe-", delete=True):
            pass
    except OSError as exc:
        raise OutputError(out, f"output folder is not writable ({exc.strerror or exc})") from exc


def merge_tables(out_dir: str | Path, tables: Mapping[str, pa.Table]) -> dict[str, Path]:
    """Replace, in every table of `out_dir`, the rows of the reports in `tables`.

    Failures are per file: a file processed now (as a report or as a failure) loses
    its old failure row, so a file that failed once and now succeeds leaves no trace."""
    out = Path(out_dir)
    ensure_folder(out)
    report_ids = tables["reports"].column("report_id")
    empty_failures = TABLES["failures"].schema.empty_table()
    new_failures = tables.get("failures", empty_failures)
    processed = pa.concat_arrays(
        [tables["reports"].column("source_file").combine_chunks(), new_failures.column("source_file").combine_chunks()]
    )
    merged: dict[str, pa.Table] = {}
    for name, spec in TABLES.items():
        existing = read_table(out, name)
        if spec.per_report:
            keep = pc.invert(pc.is_in(existing.column("report_id"), value_set=report_ids))
        else:
            keep = pc.invert(pc.is_in(existing.column("source_file"), value_set=processed))
        merged[name] = _sort(pa.concat_tables([existing.filter(keep), tables.get(name, spec.schema.empty_table())]), name)
    # A file whose report is in the tables has not failed, whatever name or earlier
    # run (or a timeout firing just after it finished) recorded a failure for it.
    extracted = merged["reports"].column("source_sha256")
    failures = merged["failures"]
    merged["failures"] = failures.filter(pc.invert(pc.fill_null(pc.is_in(failures.column("source_sha256"), value_set=extracted), False)))
    # Every table is written to a temporary file first and only then renamed into
    # place, so a failed write leaves no table with a half-added report.
    temps: dict[str, Path] = {}
    try:
        for name, table in merged.items():
            path = table_path(out, name)
            try:
                temps[name] = write_temp(table, path)
            except (OSError, pa.ArrowException) as exc:
                raise OutputError(path, f"cannot write table ({getattr(exc, 'strerror', None) or exc})") from exc
    except BaseException:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
        raise
    written = {}
    for name, tmp in temps.items():
        written[name] = table_path(out, name)
        os.replace(tmp, written[name])
    return written


#: Finished files wait here, one folder per report (or failed file), until the batch
#: merges them into the tables. A batch killed at any moment leaves only complete
#: parts (each is renamed into place whole), which the next run merges first.
PARTS_DIR = ".sitrep-parts"


def write_part(out_dir: Path, key: str, tables: Mapping[str, pa.Table]) -> Path:
    """Persist one file's rows as Arrow IPC files in a part folder, atomically."""
    parts = out_dir / PARTS_DIR
    try:
        return _write_part(parts, key, tables)
    except OSError as exc:
        raise OutputError(parts, f"cannot write results ({exc.strerror or exc})") from exc


def _write_part(parts: Path, key: str, tables: Mapping[str, pa.Table]) -> Path:
    parts.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=parts))
    try:
        for name, table in tables.items():
            with pa.OSFile(str(staging / f"{name}.arrow"), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)
        final = parts / key
        if final.exists():  # the same report finished twice: the newer part wins
            shutil.rmtree(final)
        os.replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final


def pending_parts(out_dir: str | Path) -> list[Path]:
    parts = Path(out_dir) / PARTS_DIR
    if not parts.is_dir():
        return []
    return sorted(p for p in parts.iterdir() if p.is_dir() and not p.name.startswith("."))


def _read_part(part: Path) -> dict[str, pa.Table] | None:
    """A part's tables, or None when it cannot be read (its file is then simply
    extracted again: it is not in the tables)."""
    tables = {}
    try:
        for path in part.glob("*.arrow"):
            with pa.memory_map(str(path)) as source:
                tables[path.stem] = pa.ipc.open_file(source).read_all()
    except (pa.ArrowException, OSError):
        return None
    return tables


def merge_parts(out_dir: str | Path) -> int:
    """Merge every complete part into the tables, then delete the parts; returns how many.
    Safe to repeat: merging replaces rows by report (and failures by file)."""
    out = Path(out_dir)
    # Staging folders of parts, and temporary tables, of a batch killed mid-write.
    for stale in (out / PARTS_DIR).glob(".*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.glob(".*.parquet.*.tmp"):
        stale.unlink(missing_ok=True)
    parts = pending_parts(out)
    if not parts:
        return 0
    collected: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
    for part in parts:
        for name, table in (_read_part(part) or {}).items():
            if name in collected:
                collected[name].append(table.cast(TABLES[name].schema))
    tables = {
        name: pa.concat_tables(chunks) if chunks else TABLES[name].schema.empty_table()
        for name, chunks in collected.items()
    }
    merge_tables(out, tables)
    for part in parts:
        shutil.rmtree(part, ignore_errors=True)
    try:
        (out / PARTS_DIR).rmdir()  # only when empty: another batch may be writing parts
    except OSError:
        pass
    return len(parts)


def known_hashes(out_dir: str | Path) -> set[str]:
    """SHA-256 of every report already in the folder's tables."""
    return set(read_table(out_dir, "reports").column("source_sha256").to_pylist())
