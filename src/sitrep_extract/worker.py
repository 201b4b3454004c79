"""One file, isolated: extract it and persist the result as a part in the output folder.

This runs inside a worker process (a local pebble pool, or a subprocess started by
a Dask task), so a file that crashes, hangs or balloons takes down only its own
process. The result travels back as a small `Outcome`; the rows themselves go
straight to disk as a part, so finished work survives a killed batch.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import resource
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import SitrepError, printable
from .pipeline import extract
from .reading import file_sha256
from .tables import build_tables, failures_table
from .writing import write_part


@dataclass(frozen=True, slots=True)
class Failure:
    source_file: str
    source_sha256: str | None
    error_type: str  # stable code, e.g. 'encrypted', 'timeout'
    message: str  # one line: '<file>: <what is wrong>'


@dataclass(frozen=True, slots=True)
class Outcome:
    source_file: str
    status: str  # 'ok' | 'failed'
    report_id: str | None = None
    indicators: int = 0
    countries: int = 0
    key_figures: int = 0
    failure: Failure | None = None


#: Exit code of a worker that stopped itself over its memory ceiling; the batch
#: turns it into a 'memory' failure.
MEMORY_EXIT_CODE = 86
#: How often the watchdog looks at the resident set size (seconds).
WATCH_INTERVAL = 0.1
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _rss_bytes() -> int:
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except OSError:  # not Linux: the peak is the best we can do
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class MemoryWatch:
    """While a file is extracted, end this worker process if its resident memory
    passes the ceiling. An address-space rlimit would not do: pyarrow and the
    allocator reserve far more address space than they touch, and a forked worker
    reuses its parent's free arenas, so RLIMIT_AS neither bites nor fits."""

    def __init__(self, megabytes: int | None) -> None:
        self.limit = megabytes * 1024 * 1024 if megabytes else None
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> MemoryWatch:
        if self.limit is not None:
            self._thread = threading.Thread(target=self._watch, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()

    def _watch(self) -> None:
        assert self.limit is not None
        while not self._done.wait(WATCH_INTERVAL):
            if _rss_bytes() > self.limit:
                os._exit(MEMORY_EXIT_CODE)


def _sha_or_none(path: Path) -> str | None:
    if not path.is_file():  # a FIFO or a device would block or never end
        return None
    try:
        return file_sha256(path)
    except SitrepError:
        return None


def failure_outcome(path: str, error_type: str, reason: str, out_dir: str | None) -> Outcome:
    """Record a failure decided outside the extractor (timeout, crash) as a part too."""
    return _failed(path, error_type, f"{printable(path)}: {reason}", out_dir)


def bug_reason(exc: BaseException) -> str:
    """One line for a bug met on a file: it fails that file, not the batch."""
    text = " ".join(str(exc).split())[:120]
    return f"internal error (a bug, please report it with this PDF): {type(exc).__name__}: {text}"


def _part_key(failure: Failure) -> str:
    return "failed-" + hashlib.sha256(failure.source_file.encode("utf-8", "surrogateescape")).hexdigest()[:16]


#: Collect young objects less often while a file is extracted: pdfplumber allocates a
#: dict per character and the pipeline keeps every page's words, so the default
#: threshold (700) spends ~10% of a 100-page report in the cycle collector.
GC_THRESHOLD = (50_000, 20, 20)


@contextmanager
def _relaxed_gc() -> Iterator[None]:
    previous = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def process_file(path: str, out_dir: str | None, memory_mb: int | None = None) -> Outcome:
    """Extract one file; write its rows (or its failure) as a part when `out_dir` is given."""
    try:
        with MemoryWatch(memory_mb), _relaxed_gc():
            extraction = extract(path)
    except SitrepError as error:
        return _failed(path, error.code, str(error), out_dir)
    except MemoryError:
        return failure_outcome(path, "memory", "memory ceiling exceeded while extracting", out_dir)
    except RecursionError:
        return failure_outcome(path, "damaged", "damaged PDF: object structure too deeply nested", out_dir)
    if out_dir is not None:
        write_part(Path(out_dir), extraction.report_id, build_tables([extraction]))
    return Outcome(
        printable(path),
        "ok",
        report_id=extraction.report_id,
        indicators=len(extraction.sector_indicators),
        countries=len(extraction.country_highlights),
        key_figures=len(extraction.key_figures),
    )


def _failed(path: str, code: str, message: str, out_dir: str | None) -> Outcome:
    failure = Failure(printable(path), _sha_or_none(Path(path)), code, message)
    if out_dir is not None:
        write_part(Path(out_dir), _part_key(failure), {"failures": failures_table([failure])})
    return Outcome(printable(path), "failed", failure=failure)


def outcome_to_json(outcome: Outcome) -> str:
    return json.dumps(asdict(outcome))


def outcome_from_json(text: str) -> Outcome:
    data = json.loads(text)
    failure = data.pop("failure")
    return Outcome(**data, failure=Failure(**failure) if failure else None)


def main(argv: list[str] | None = None) -> int:
    """`python -m sitrep_extract.worker PATH OUT_DIR MEMORY_MB`: used by Dask tasks, which
    cannot fork worker processes of their own."""
    path, out_dir, memory = (argv or sys.argv[1:])[:3]
    try:
        outcome = process_file(path, out_dir or None, int(memory) or None)
    except Exception as exc:  # a bug met on this file: report it as that file's failure
        outcome = failure_outcome(path, "internal-error", bug_reason(exc), out_dir or None)
    print(outcome_to_json(outcome))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
