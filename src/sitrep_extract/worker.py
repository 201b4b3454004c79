"""One file, isolated: extract it and persist the result as a part in the output folder.

This runs inside a worker process (a local pebble pool, or a subprocess started by
a Dask task), so a file that crashes, hangs or balloons takes down only its own
process. The result travels back as a small `Outcome`; the rows themselves go
straight to disk as a part, so finished work survives a killed batch.
"""

from __future__ import annotations

import hashlib
import json
import resource
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import SitrepError
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


def limit_memory(megabytes: int | None) -> None:
    """Cap this process's address space so a ballooning file raises MemoryError here
    instead of dragging the machine into swap. Called once per worker process."""
    if megabytes:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _sha_or_none(path: Path) -> str | None:
    try:
        return file_sha256(path)
    except SitrepError:
        return None


def failure_outcome(path: str, error_type: str, reason: str, out_dir: str | None) -> Outcome:
    """Record a failure decided outside the extractor (timeout, crash) as a part too."""
    return _failed(path, error_type, f"{path}: {reason}", out_dir)


def _part_key(failure: Failure) -> str:
    return "failed-" + hashlib.sha256(failure.source_file.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def process_file(path: str, out_dir: str | None) -> Outcome:
    """Extract one file; write its rows (or its failure) as a part when `out_dir` is given."""
    try:
        extraction = extract(path)
    except SitrepError as error:
        return _failed(path, error.code, str(error), out_dir)
    except MemoryError:
        return _failed(path, "memory", f"{path}: memory ceiling exceeded while extracting", out_dir)
    except RecursionError:
        return _failed(path, "damaged", f"{path}: damaged PDF: object structure too deeply nested", out_dir)
    if out_dir is not None:
        write_part(Path(out_dir), extraction.report_id, build_tables([extraction]))
    return Outcome(
        path,
        "ok",
        report_id=extraction.report_id,
        indicators=len(extraction.sector_indicators),
        countries=len(extraction.country_highlights),
        key_figures=len(extraction.key_figures),
    )


def _failed(path: str, code: str, message: str, out_dir: str | None) -> Outcome:
    failure = Failure(path, _sha_or_none(Path(path)), code, message)
    if out_dir is not None:
        write_part(Path(out_dir), _part_key(failure), {"failures": failures_table([failure])})
    return Outcome(path, "failed", failure=failure)


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
    limit_memory(int(memory) or None)
    print(outcome_to_json(process_file(path, out_dir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
