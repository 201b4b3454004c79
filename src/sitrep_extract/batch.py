"""Batch: many inputs in, tables and a list of failures out; one bad file never stops the rest."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputNotFound, SitrepError
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

    @property
    def ok(self) -> bool:
        return not self.failures


def collect_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[Failure]]:
    """PDF files named directly, and every *.pdf under named folders (sorted, once each)."""
    found: dict[Path, None] = {}
    failures: list[Failure] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for pdf in sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()):
                found.setdefault(pdf, None)
        elif path.exists():
            found.setdefault(path, None)
        else:
            error = InputNotFound(path, "file not found")
            failures.append(Failure(str(path), error.code, str(error)))
    return list(found), failures


def run_batch(
    paths: Sequence[str | Path],
    out_dir: str | Path | None,
    *,
    on_file: Callable[[Path, Extraction | None, Failure | None], None] | None = None,
) -> BatchResult:
    """Extract every input; write the tables of those that succeeded to `out_dir`
    (nothing is written for a file that failed, and nothing at all when `out_dir` is None)."""
    inputs, failures = collect_inputs(paths)
    extractions: list[Extraction] = []
    for path in inputs:
        try:
            extraction = extract(path)
        except SitrepError as error:
            failure = Failure(str(path), error.code, str(error))
            failures.append(failure)
            if on_file:
                on_file(path, None, failure)
            continue
        extractions.append(extraction)
        if on_file:
            on_file(path, extraction, None)
    written = merge_tables(out_dir, build_tables(extractions)) if out_dir is not None and extractions else {}
    return BatchResult(tuple(extractions), tuple(failures), written)
