"""Batch conversion of an archive: parallel, resumable, and unbroken by bad files.

Each file runs in a worker process (`worker.process_file`) that writes its rows — or
its failure — as a part in the output folder as soon as it finishes. The batch then
merges the parts into the tables. A batch killed at any moment (SIGKILL included)
loses at most the files in flight: the next run merges the finished parts first and
skips every report already in the tables.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import as_completed
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from .errors import OutputError, SitrepError
from .package import write_csvs, write_datapackage
from .reading import file_sha256
from .schema import TABLES
from .worker import MEMORY_EXIT_CODE, Failure, Outcome, bug_reason, failure_outcome, outcome_from_json, process_file
from .writing import check_tables, ensure_writable, known_hashes, merge_parts, table_path

__all__ = ["BatchResult", "Failure", "Outcome", "collect_inputs", "run_batch"]

#: A report that takes longer is recorded as a failure; the slowest real-world PDF in
#: the test corpus (352 pages) takes ~20 s under load, a 6-page report ~1 s.
DEFAULT_TIMEOUT = 120.0
#: Per-worker resident-memory ceiling. A worker idles at ~120 MB (Python, pdfminer,
#: pyarrow); pdfplumber adds ~65 MB on a 350-page book when pages are closed as they
#: are done, so 1 GB only stops a file that is really ballooning.
DEFAULT_MEMORY_MB = 1024
#: Files per worker process before it is replaced, so that a slow leak in a parser
#: cannot accumulate over an archive of thousands of files.
TASKS_PER_WORKER = 200


@dataclass(frozen=True)
class BatchResult:
    outcomes: tuple[Outcome, ...]
    skipped: tuple[str, ...] = ()  # already in the output (same SHA-256)
    written: dict[str, Path] = field(default_factory=dict)

    @property
    def failures(self) -> tuple[Failure, ...]:
        return tuple(o.failure for o in self.outcomes if o.failure is not None)

    @property
    def succeeded(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "ok")

    @property
    def ok(self) -> bool:
        return not self.failures


def collect_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """PDF files named directly and every *.pdf under named folders, in argument order,
    each file once. A path that does not exist is kept: extracting it reports it."""
    found: dict[Path, None] = {}
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        candidates = _pdfs_under(path) if path.is_dir() else [path]
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found[candidate] = None
    return list(found)


def _pdfs_under(folder: Path) -> list[Path]:
    """*.pdf under a folder, following symlinked folders (each real folder once, so a
    link loop ends) and keeping broken .pdf links, which then fail as not found."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        stat = os.stat(root)
        if (stat.st_dev, stat.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs.sort()
        found.extend(Path(root, name) for name in sorted(files) if name.lower().endswith(".pdf"))
    return found


def _todo(inputs: Sequence[Path], done: set[str], force: bool) -> tuple[list[Path], list[str]]:
    """Files to run, and files skipped because their report is already in the output
    (or because an earlier input is the same file under another name)."""
    todo, skipped = [], []
    seen: set[str] = set()
    for path in inputs:
        if not path.is_file():  # missing, a folder, a FIFO or a device: the worker says why
            todo.append(path)
            continue
        try:
            sha = file_sha256(path)
        except SitrepError:
            todo.append(path)  # let the worker record why it cannot be read
            continue
        if sha in seen or (sha in done and not force):
            skipped.append(str(path))
            continue
        seen.add(sha)
        todo.append(path)
    return todo, skipped


def _run_local(paths: Sequence[Path], out: str | None, workers: int, timeout: float, memory_mb: int | None) -> Iterator[Outcome]:
    pool = ProcessPool(max_workers=workers, max_tasks=TASKS_PER_WORKER)
    try:
        futures = {pool.schedule(process_file, (str(p), out, memory_mb), timeout=timeout): str(p) for p in paths}
        for future in as_completed(futures):
            path = futures[future]
            try:
                yield future.result()
            except FutureTimeout:
                yield failure_outcome(path, "timeout", f"timed out after {timeout:g} s", out)
            except ProcessExpired as exc:
                yield _expired(path, exc.exitcode, memory_mb, out)
            except OutputError:
                raise  # the output folder itself: no file can be saved, stop the batch
            except Exception as exc:  # a bug met on this file must not stop the archive
                yield failure_outcome(path, "internal-error", bug_reason(exc), out)
        pool.close()
    except BaseException:
        # Ctrl-C, or the output folder failing: stop now, not after every queued file.
        # Finished files are already saved as parts; the next run merges them.
        pool.stop()
        raise
    finally:
        pool.join()


def _expired(path: str, exitcode: int | None, memory_mb: int | None, out: str | None) -> Outcome:
    if exitcode == MEMORY_EXIT_CODE:
        return failure_outcome(path, "memory", f"exceeded the memory ceiling of {memory_mb} MB", out)
    return failure_outcome(path, "crashed", f"worker process died (exit code {exitcode})", out)


def _isolated(path: str, out: str | None, timeout: float, memory_mb: int | None) -> Outcome:
    """A Dask task: the file runs in a subprocess, which can be killed on timeout (a
    Dask worker cannot kill its own task, nor fork pool processes when daemonic)."""
    command = [sys.executable, "-m", "sitrep_extract.worker", path, out or "", str(memory_mb or 0)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return failure_outcome(path, "timeout", f"timed out after {timeout:g} s", out)
    if done.returncode != 0 or not done.stdout.strip():
        return _expired(path, done.returncode, memory_mb, out)
    return outcome_from_json(done.stdout.strip().splitlines()[-1])


def _run_dask(paths: Sequence[Path], out: str | None, scheduler: str, timeout: float, memory_mb: int | None) -> Iterator[Outcome]:
    from distributed import Client  # optional: pip install 'sitrep-extract[dask]'
    from distributed import as_completed as dask_completed

    with Client(scheduler) as client:
        futures = [client.submit(_isolated, str(p), out, timeout, memory_mb, pure=False) for p in paths]
        for future in dask_completed(futures):
            yield future.result()


def run_batch(
    paths: Sequence[str | Path],
    out_dir: str | Path | None,
    *,
    workers: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    force: bool = False,
    scheduler: str | None = None,
    csv: bool = False,
    on_start: Callable[[int, int], None] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BatchResult:
    """Extract every input and merge the results into `out_dir`'s tables, then describe
    them in `datapackage.json` (and, with `csv`, copy them as HXL-tagged CSV files).

    `on_start(total, skipped)` is called once the work is known, `on_outcome` as each
    file finishes (in completion order). The tables do not depend on that order."""
    out = str(out_dir) if out_dir is not None else None
    if out is not None:
        ensure_writable(Path(out))
        check_tables(Path(out))  # a table that cannot be merged into fails now, not after hours
        merge_parts(out)  # finished work of an interrupted run
    inputs = collect_inputs(paths)
    todo, skipped = _todo(inputs, known_hashes(out) if out is not None else set(), force)
    if on_start:
        on_start(len(todo), len(skipped))
    workers = max(1, workers or os.cpu_count() or 1)
    runner = (
        _run_dask(todo, out, scheduler, timeout, memory_mb)
        if scheduler
        else _run_local(todo, out, min(workers, max(1, len(todo))), timeout, memory_mb)
    )
    outcomes = []
    for outcome in runner:
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    written = {}
    if out is not None:
        merge_parts(out)
        written = {name: table_path(Path(out), name) for name in TABLES if table_path(Path(out), name).exists()}
        if written:
            # CSV copies from an earlier --csv run are kept in step, never left stale.
            if csv or any(Path(out, f"{name}.csv").exists() for name in TABLES):
                write_csvs(out)  # before the descriptor, which lists the CSVs that exist
            write_datapackage(out)
    order = {str(p): i for i, p in enumerate(inputs)}
    return BatchResult(tuple(sorted(outcomes, key=lambda o: order.get(o.source_file, 0))), tuple(skipped), written)
