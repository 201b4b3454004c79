"""Batch conversion: parallel, deterministic, resumable after SIGKILL, isolated from bad files."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sitrep_extract import batch, worker
from sitrep_extract.schema import REPORT_TABLES, TABLES
from sitrep_extract.writing import PARTS_DIR, table_path

from conftest import CORPUS, FIXTURES

SEED = FIXTURES / "2021-q2-en.pdf"
KNOWN_ERRORS = {"not-found", "unreadable", "internal-error", "empty-file", "not-a-pdf", "encrypted", "damaged", "no-text", "not-a-report", "timeout", "memory", "crashed"}


def variants(folder: Path, count: int) -> list[Path]:
    """Copies of the seed report that differ by a trailing comment: distinct reports."""
    folder.mkdir(parents=True, exist_ok=True)
    data = SEED.read_bytes()
    paths = []
    for i in range(count):
        path = folder / f"report-{i:02d}.pdf"
        path.write_bytes(data + f"\n% copy {i}\n".encode())
        paths.append(path)
    return paths


def read_tables(out: Path) -> dict:
    return {name: pq.read_table(table_path(out, name)) for name in TABLES}


def test_worker_count_does_not_change_the_tables(tmp_path: Path) -> None:
    inputs = variants(tmp_path / "in", 3) + [tmp_path / "missing.pdf"]
    one = batch.run_batch(inputs, tmp_path / "one", workers=1)
    two = batch.run_batch(list(reversed(inputs)), tmp_path / "two", workers=2)
    assert [o.status for o in one.outcomes] == ["ok", "ok", "ok", "failed"]
    for name in TABLES:
        assert table_path(tmp_path / "one", name).read_bytes() == table_path(tmp_path / "two", name).read_bytes(), name
    assert not (tmp_path / "one" / PARTS_DIR).exists()


def test_existing_reports_are_skipped_unless_forced(tmp_path: Path) -> None:
    inputs = variants(tmp_path / "in", 2)
    out = tmp_path / "out"
    batch.run_batch(inputs[:1], out, workers=1)
    second = batch.run_batch(inputs, out, workers=1)
    assert second.skipped == (str(inputs[0]),)
    assert [o.source_file for o in second.outcomes] == [str(inputs[1])]
    forced = batch.run_batch(inputs, out, workers=1, force=True)
    assert forced.skipped == () and len(forced.succeeded) == 2
    assert read_tables(out)["sector_indicators"].num_rows == 62


def test_a_file_that_later_succeeds_leaves_no_failure_row(tmp_path: Path) -> None:
    target = tmp_path / "in" / "late.pdf"
    out = tmp_path / "out"
    batch.run_batch([target], out, workers=1)
    assert read_tables(out)["failures"].column("error_type").to_pylist() == ["not-found"]
    target.parent.mkdir()
    target.write_bytes(SEED.read_bytes())
    batch.run_batch([target], out, workers=1)
    assert read_tables(out)["failures"].num_rows == 0
    assert read_tables(out)["reports"].num_rows == 1


def _slow_extract(path: str):  # runs in the forked worker
    if path.endswith("slow.pdf"):
        time.sleep(60)
    if path.endswith("huge.pdf"):
        ballast = bytearray(400 * 1024 * 1024)  # touches 400 MB
        time.sleep(5)
        return ballast
    return _REAL_EXTRACT(path)


_REAL_EXTRACT = worker.extract


def test_hanging_and_ballooning_files_fail_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good, slow, huge = variants(tmp_path / "in", 3)
    slow = slow.rename(slow.with_name("slow.pdf"))
    huge = huge.rename(huge.with_name("huge.pdf"))
    monkeypatch.setattr(worker, "extract", _slow_extract)  # inherited by forked workers
    result = batch.run_batch([good, slow, huge], tmp_path / "out", workers=2, timeout=3, memory_mb=300)
    by_file = {Path(o.source_file).name: o for o in result.outcomes}
    assert by_file["report-00.pdf"].status == "ok"
    assert by_file["slow.pdf"].failure.error_type == "timeout"
    assert by_file["slow.pdf"].failure.message == f"{slow}: timed out after 3 s"
    assert by_file["huge.pdf"].failure.error_type == "memory"
    failures = read_tables(tmp_path / "out")["failures"].to_pylist()
    assert sorted(f["error_type"] for f in failures) == ["memory", "timeout"]
    assert all(f["source_sha256"] and len(f["source_sha256"]) == 64 for f in failures)


def test_sigkilled_batch_resumes_without_redoing_or_corrupting(tmp_path: Path) -> None:
    inputs = variants(tmp_path / "in", 8)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sitrep_extract.cli", "extract", str(tmp_path / "in"), "--out", str(out), "--workers", "1", "--quiet"]
    proc = subprocess.Popen(command, start_new_session=True)
    parts = out / PARTS_DIR
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len([p for p in parts.glob("*") if not p.name.startswith(".")]) < 2:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the batch and its workers, mid-run
    proc.wait()
    finished = [p for p in parts.glob("*") if not p.name.startswith(".")]
    assert 2 <= len(finished) < len(inputs), "the kill should land mid-batch"

    resumed = batch.run_batch([tmp_path / "in"], out, workers=2)
    assert len(resumed.skipped) >= len(finished)  # merged first, not redone
    assert len(resumed.skipped) + len(resumed.succeeded) == len(inputs)
    tables = read_tables(out)
    assert tables["reports"].num_rows == len(inputs)
    assert tables["sector_indicators"].num_rows == 31 * len(inputs)
    assert tables["reports"].column("report_id").to_pylist() == sorted(set(tables["reports"].column("report_id").to_pylist()))
    assert not parts.exists()


def _mutants(folder: Path) -> list[Path]:
    """Seeded truncations and bit flips of the seed fixture."""
    rng = random.Random(20210630)
    data = SEED.read_bytes()
    folder.mkdir(parents=True)
    paths = []
    for i in range(6):
        cut = folder / f"truncated-{i}.pdf"
        cut.write_bytes(data[: rng.randrange(16, len(data))])
        flipped = bytearray(data)
        for _ in range(rng.choice((1, 8, 64))):
            position = rng.randrange(len(flipped))
            flipped[position] ^= 1 << rng.randrange(8)
        flip = folder / f"flipped-{i}.pdf"
        flip.write_bytes(bytes(flipped))
        paths += [cut, flip]
    return paths


def test_mutated_pdfs_end_as_rows_or_typed_failures(tmp_path: Path) -> None:
    paths = _mutants(tmp_path / "in")
    good = variants(tmp_path / "good", 1)[0]
    result = batch.run_batch([*paths, good], tmp_path / "out", workers=2, timeout=60)
    assert len(result.outcomes) == len(paths) + 1
    for outcome in result.outcomes:
        assert outcome.status == "ok" or outcome.failure.error_type in KNOWN_ERRORS - {"crashed", "memory", "internal-error"}, outcome
        if outcome.failure:
            assert "\n" not in outcome.failure.message and outcome.failure.message.startswith(outcome.source_file)
    assert next(o for o in result.outcomes if o.source_file == str(good)).status == "ok"
    tables = read_tables(tmp_path / "out")
    ok = {o.report_id for o in result.succeeded}
    for name in REPORT_TABLES:
        assert set(tables[name].column("report_id").to_pylist()) <= ok, name


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_whole_corpus_through_the_cli(tmp_path: Path) -> None:
    pdfs = sorted(CORPUS.rglob("*.pdf"))
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "sitrep_extract.cli", "extract", str(CORPUS), "--out", str(out), "--quiet", "--timeout", "100"],
        capture_output=True, text=True, timeout=170,
    )
    assert proc.returncode == 1  # the corpus holds no report, so every file fails...
    assert "Traceback" not in proc.stderr + proc.stdout
    errors = proc.stderr.splitlines()
    assert len(errors) == len(pdfs) and all(line.startswith("Error: ") for line in errors)
    failures = read_tables(out)["failures"].to_pylist()
    assert sorted(f["source_file"] for f in failures) == sorted(map(str, pdfs))  # ...each with a typed reason
    assert {f["error_type"] for f in failures} <= KNOWN_ERRORS - {"crashed", "memory", "timeout", "internal-error"}


def test_dask_scheduler_gives_the_same_tables(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    inputs = variants(tmp_path / "in", 2) + [tmp_path / "missing.pdf"]
    local = batch.run_batch(inputs, tmp_path / "local", workers=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, host="127.0.0.1", dashboard_address=None, processes=True) as cluster:
        remote = batch.run_batch(inputs, tmp_path / "dask", scheduler=cluster.scheduler_address, timeout=60)
    assert [o.status for o in remote.outcomes] == [o.status for o in local.outcomes] == ["ok", "ok", "failed"]
    for name in TABLES:
        assert table_path(tmp_path / "local", name).read_bytes() == table_path(tmp_path / "dask", name).read_bytes(), name


def _buggy_extract(path: str):  # runs in the forked worker
    if path.endswith("buggy.pdf"):
        raise RuntimeError("an extractor bug met on this file")
    return _REAL_EXTRACT(path)


def test_a_bug_met_on_one_file_fails_that_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good, buggy = variants(tmp_path / "in", 2)
    buggy = buggy.rename(buggy.with_name("buggy.pdf"))
    monkeypatch.setattr(worker, "extract", _buggy_extract)
    result = batch.run_batch([good, buggy], tmp_path / "out", workers=1)
    assert [o.status for o in result.outcomes] == ["ok", "failed"]
    failure = result.outcomes[1].failure
    assert failure.error_type == "internal-error"
    assert failure.message == f"{buggy}: internal error (a bug, please report it with this PDF): RuntimeError: an extractor bug met on this file"


def test_ctrl_c_stops_at_once_and_the_next_run_finishes(tmp_path: Path) -> None:
    inputs = variants(tmp_path / "in", 12)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sitrep_extract.cli", "extract", str(tmp_path / "in"), "--out", str(out), "--workers", "1"]
    proc = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    parts = out / PARTS_DIR
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len([p for p in parts.glob("*") if not p.name.startswith(".")]) < 1:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    start = time.monotonic()
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert time.monotonic() - start < 10, "it must not finish the queued files first"
    assert "Traceback" not in stderr and "interrupted: files already finished are kept" in stderr
    resumed = batch.run_batch([tmp_path / "in"], out, workers=2)
    assert len(resumed.skipped) + len(resumed.succeeded) == len(inputs)
    assert read_tables(out)["reports"].num_rows == len(inputs)


def test_output_problems_stop_the_batch_with_one_line(tmp_path: Path) -> None:
    from sitrep_extract.errors import OutputError

    out = tmp_path / "out"
    out.mkdir()
    (out / PARTS_DIR).write_text("a file where the parts folder goes")
    with pytest.raises(OutputError, match=r"out/\.sitrep-parts: cannot write results \(File exists\)|Not a directory"):
        batch.run_batch(variants(tmp_path / "in", 1), out, workers=1)


def test_undecodable_and_odd_file_names_become_printable_rows(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsdecode(bytes(folder) + b"/x\xff.pdf")
    Path(odd).write_bytes(SEED.read_bytes())
    fifo = folder / "pipe.pdf"
    os.mkfifo(fifo)  # would hang a reader: it must be refused, not hashed
    result = batch.run_batch([folder, fifo], tmp_path / "out", workers=1, timeout=30)
    by_status = sorted((o.status, o.source_file) for o in result.outcomes)
    assert by_status == [("failed", str(fifo)), ("ok", f"{folder}/x\\xff.pdf")]
    assert read_tables(tmp_path / "out")["reports"].column("source_file").to_pylist() == [f"{folder}/x\\xff.pdf"]


def test_a_file_extracted_under_another_name_clears_its_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    first.write_bytes(SEED.read_bytes())
    second.write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    failed = batch.run_batch([first], out, workers=1, memory_mb=50)
    assert failed.failures[0].error_type == "memory"
    (out / ".reports.parquet.x1.tmp").write_bytes(b"left by a killed merge")
    batch.run_batch([second], out, workers=1)
    tables = read_tables(out)
    assert tables["failures"].num_rows == 0 and tables["reports"].num_rows == 1
    assert not list(out.glob(".*.tmp"))


def test_an_old_table_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    import pyarrow as pa
    from sitrep_extract.errors import OutputError

    out = tmp_path / "out"
    out.mkdir()
    pq.write_table(pa.table({"report_id": ["x"], "title": ["old"]}), out / "reports.parquet")
    with pytest.raises(OutputError, match="existing table has other columns or types"):
        batch.run_batch(variants(tmp_path / "in", 1), out, workers=1)


def test_folders_are_searched_through_symlinks_and_broken_links_fail(tmp_path: Path) -> None:
    real = tmp_path / "real"
    variants(real, 1)
    top = tmp_path / "top"
    top.mkdir()
    (top / "linked").symlink_to(real, target_is_directory=True)
    (top / "loop").symlink_to(top, target_is_directory=True)
    (top / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    found = batch.collect_inputs([top])
    assert sorted(p.name for p in found) == ["gone.pdf", "report-00.pdf"]
