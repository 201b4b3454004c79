"""Batch: many inputs in, tables and a list of failures out; one bad file never stops the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SitrepError
from .pipeline import Extraction, extract
from .tables import build_tables
from .writing import merge_tables


@dataclass(frozen=True, slots=True)
class Failure:
    source_file: str
    error_type: str  # the error's stable code, e.g. 'encrypted'
    message: str  # one line: '<file>: <what is wrong>'


@dataclass(frozen=True)
class BatchResult:
    extractions: tuple[Extraction, ...]
    failures: tuple[Failure, ...]
    written: dict[str, Path] = field(default_factory=dict)
    duplicates: tuple[tuple[str, str], ...] = ()  # (path, path of the same report extracted first)

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
        candidates = (
            sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()) if path.is_dir() else [path]
        )
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found[candidate] = None
    return list(found)


def run_batch(
    paths: Sequence[str | Path],
    out_dir: str | Path | None,
    *,
    on_file: Callable[[Path, Extraction | None, Failure | None], None] | None = None,
) -> BatchResult:
    """Extract every input; write the tables of those that succeeded to `out_dir`
    (nothing is written for a file that failed, and nothing at all when `out_dir` is None).
    The same report under two names (same SHA-256) is extracted once."""
    extractions: dict[str, Extraction] = {}
    failures: list[Failure] = []
    duplicates: list[tuple[str, str]] = []
    for path in collect_inputs(paths):
        try:
            extraction = extract(path)
        except SitrepError as error:
            failure = Failure(str(path), error.code, str(error))
            failures.append(failure)
            if on_file:
                on_file(path, None, failure)
            continue
        first = extractions.get(extraction.report_id)
        if first is not None:
            duplicates.append((str(path), first.report.source_file))
            continue
        extractions[extraction.report_id] = extraction
        if on_file:
            on_file(path, extraction, None)
    done = tuple(extractions.values())
    written = merge_tables(out_dir, build_tables(done)) if out_dir is not None and done else {}
    return BatchResult(done, tuple(failures), written, tuple(duplicates))
