"""Writing tables: one Parquet file per table, with the schema, atomic and idempotent per report."""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
import stat
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import sitrep_extract
from sitrep_extract import schema, tables, writing
from sitrep_extract.errors import OutputError, SitrepError
from sitrep_extract.pipeline import Extraction

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "fixtures" / "2021-q2-en.pdf"
TABLE_NAMES = tuple(schema.TABLES)
REPORT_TABLE_NAMES = schema.REPORT_TABLES
#: Rows of the fixture per table (31 indicators, 17 countries, 4 key figures).
FIXTURE_ROWS = {"reports": 1, "key_figures": 4, "sector_indicators": 31, "country_highlights": 17}


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return sitrep_extract.extract(FIXTURE)


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    """The same report with one harmless byte appended: other SHA-256, so another report_id."""
    copy = tmp_path_factory.mktemp("second") / "2021-q2-en-copy.pdf"
    copy.write_bytes(FIXTURE.read_bytes() + b"\n")
    return sitrep_extract.extract(copy)


def read_all(folder: Path) -> dict[str, pa.Table]:
    return {name: pq.read_table(writing.table_path(folder, name)) for name in TABLE_NAMES}


def fields(s: pa.Schema) -> list[tuple[str, pa.DataType, bool]]:
    return [(f.name, f.type, f.nullable) for f in s]


def rows_of(table: pa.Table, report_id: str) -> pa.Table:
    return table.filter(pc.equal(table.column("report_id"), report_id))


def test_merge_writes_one_file_per_table_with_the_schema(tmp_path: Path, extraction: Extraction) -> None:
    written = writing.merge_tables(tmp_path, tables.build_tables([extraction]))
    assert set(written) == set(TABLE_NAMES)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{name}.parquet" for name in TABLE_NAMES)
    for name, path in written.items():
        assert path == tmp_path / f"{name}.parquet"
        table = pq.read_table(path)
        assert fields(table.schema) == fields(schema.TABLES[name].schema), name
        assert [f.name for f in table.schema] == list(schema.TABLES[name].column_names)
    got = read_all(tmp_path)
    for name, count in FIXTURE_ROWS.items():
        assert got[name].num_rows == count, name
    assert got["regional_highlights"].num_rows > 0
    assert got["reports"].column("report_id").to_pylist() == [extraction.report_id]
    assert got["reports"].column("source_file").to_pylist() == [str(FIXTURE)]
    for name in REPORT_TABLE_NAMES:
        assert set(got[name].column("report_id").to_pylist()) == {extraction.report_id}, name


def test_writing_the_same_report_twice_does_not_duplicate(tmp_path: Path, extraction: Extraction) -> None:
    built = tables.build_tables([extraction])
    writing.merge_tables(tmp_path, built)
    first = read_all(tmp_path)
    writing.merge_tables(tmp_path, built)
    again = read_all(tmp_path)
    for name in TABLE_NAMES:
        assert again[name].num_rows == first[name].num_rows, name
        assert again[name].equals(first[name]), name


def test_a_different_report_adds_its_rows(tmp_path: Path, extraction: Extraction, second: Extraction) -> None:
    assert second.report_id != extraction.report_id
    writing.merge_tables(tmp_path, tables.build_tables([extraction]))
    first = read_all(tmp_path)
    writing.merge_tables(tmp_path, tables.build_tables([second]))
    both = read_all(tmp_path)
    assert sorted(both["reports"].column("report_id").to_pylist()) == sorted(
        [extraction.report_id, second.report_id]
    )
    assert both["sector_indicators"].num_rows == 62
    for name in REPORT_TABLE_NAMES:
        assert both[name].num_rows == 2 * first[name].num_rows, name
        # The first report's rows are untouched.
        assert rows_of(both[name], extraction.report_id).equals(first[name]), name
        assert rows_of(both[name], second.report_id).num_rows == first[name].num_rows, name


class _FailingWrite:
    """Stands in for pyarrow.parquet.write_table: the `fail_on`-th call writes a few bytes
    to the temporary target and dies as a full disk would."""

    def __init__(self, fail_on: int) -> None:
        self.fail_on = fail_on
        self.targets: list[str] = []
        self.real = pq.write_table

    def __call__(self, table: pa.Table, where, *args, **kwargs) -> None:
        self.targets.append(str(where))
        if len(self.targets) == self.fail_on:
            with open(where, "wb") as handle:
                handle.write(b"PAR1\x00\x01half a table")
            raise OSError(errno.ENOSPC, "No space left on device")
        self.real(table, where, *args, **kwargs)


def _fail_second_write(
    folder: Path, monkeypatch: pytest.MonkeyPatch, built: dict[str, pa.Table]
) -> tuple[_FailingWrite, OutputError]:
    failing = _FailingWrite(fail_on=2)
    monkeypatch.setattr(writing.pq, "write_table", failing)
    with pytest.raises(OutputError) as info:
        writing.merge_tables(folder, built)
    monkeypatch.undo()
    return failing, info.value


def test_a_failed_write_leaves_complete_tables_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extraction: Extraction, second: Extraction
) -> None:
    writing.merge_tables(tmp_path, tables.build_tables([extraction]))
    before = read_all(tmp_path)
    failing, error = _fail_second_write(tmp_path, monkeypatch, tables.build_tables([second]))

    failed_table = TABLE_NAMES[1]
    assert Path(failing.targets[1]).parent == tmp_path  # the half-written temp file was in the folder
    assert not Path(failing.targets[1]).exists()
    assert [n for n in os.listdir(tmp_path) if n.endswith(".tmp") or not n.endswith(".parquet")] == []
    assert sorted(os.listdir(tmp_path)) == sorted(f"{name}.parquet" for name in TABLE_NAMES)

    assert isinstance(error, SitrepError)
    assert error.code == "output-error"
    message = str(error)
    assert "\n" not in message
    assert message.startswith(str(writing.table_path(tmp_path, failed_table)))
    assert "No space left on device" in message

    after = read_all(tmp_path)  # every table is still a readable, complete Parquet file
    for name in TABLE_NAMES:  # no table was replaced: temp files are renamed only when all are written
        assert after[name].equals(before[name]), name

    # Once the disk is fine again, writing the report succeeds and is complete.
    writing.merge_tables(tmp_path, tables.build_tables([second]))
    for name in REPORT_TABLE_NAMES:
        assert set(read_all(tmp_path)[name].column("report_id").to_pylist()) == {
            extraction.report_id,
            second.report_id,
        }, name


def test_a_failed_write_does_not_half_add_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extraction: Extraction, second: Extraction
) -> None:
    writing.merge_tables(tmp_path, tables.build_tables([extraction]))
    before = read_all(tmp_path)
    _fail_second_write(tmp_path, monkeypatch, tables.build_tables([second]))
    after = read_all(tmp_path)
    for name in TABLE_NAMES:
        assert after[name].equals(before[name]), name


def test_output_folder_that_is_a_file_is_output_error(tmp_path: Path, extraction: Extraction) -> None:
    target = tmp_path / "outputs"
    target.write_text("not a folder")
    with pytest.raises(OutputError) as info:
        writing.merge_tables(target, tables.build_tables([extraction]))
    assert str(info.value).startswith(str(target))
    assert "\n" not in str(info.value)


def test_unreadable_existing_table_is_output_error(tmp_path: Path, extraction: Extraction) -> None:
    writing.merge_tables(tmp_path, tables.build_tables([extraction]))
    broken = writing.table_path(tmp_path, "sector_indicators")
    broken.write_bytes(b"this is not parquet")
    with pytest.raises(OutputError) as info:
        writing.merge_tables(tmp_path, tables.build_tables([extraction]))
    assert str(info.value).startswith(str(broken))
    assert "\n" not in str(info.value)
    assert broken.read_bytes() == b"this is not parquet", "nothing is overwritten on a read failure"


def test_extracting_and_writing_twice_gives_identical_bytes(tmp_path: Path, extraction: Extraction) -> None:
    again = sitrep_extract.extract(FIXTURE)  # a fresh extraction, not the cached one
    one, two = tmp_path / "one", tmp_path / "two"
    writing.merge_tables(one, tables.build_tables([extraction]))
    writing.merge_tables(two, tables.build_tables([again]))
    for name in TABLE_NAMES:
        path = f"{name}.parquet"
        assert (one / path).read_bytes() == (two / path).read_bytes(), name


def test_order_of_reports_does_not_change_the_bytes(
    tmp_path: Path, extraction: Extraction, second: Extraction
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    writing.merge_tables(one, tables.build_tables([extraction]))
    writing.merge_tables(one, tables.build_tables([second]))
    writing.merge_tables(two, tables.build_tables([second, extraction]))
    for name in TABLE_NAMES:
        path = f"{name}.parquet"
        assert (one / path).read_bytes() == (two / path).read_bytes(), name


def test_tables_get_the_usual_file_permissions(tmp_path: Path, extraction: Extraction) -> None:
    old = os.umask(0o022)
    try:
        written = writing.merge_tables(tmp_path, tables.build_tables([extraction]))
    finally:
        os.umask(old)
    for name, path in written.items():
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, name


def test_the_same_report_twice_in_one_batch_is_written_once(tmp_path: Path, extraction: Extraction) -> None:
    copy = tmp_path / "in" / "2021-q2-en (1).pdf"
    copy.parent.mkdir()
    shutil.copyfile(FIXTURE, copy)
    # What extract(copy) gives, without paying for a second extraction.
    duplicate = dataclasses.replace(extraction, report=dataclasses.replace(extraction.report, source_file=str(copy)))
    out = tmp_path / "out"
    writing.merge_tables(out, tables.build_tables([extraction, duplicate]))
    got = read_all(out)
    assert got["reports"].column("report_id").to_pylist() == [extraction.report_id]
    assert got["sector_indicators"].num_rows == 31
