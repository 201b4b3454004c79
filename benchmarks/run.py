"""Throughput benchmark: sitrep-extract against bare pdfplumber, in one run, on the same PDFs.

    python benchmarks/run.py [--repeat 3]

Measures, on an archive of copies of the bundled fixtures and on a 100-page report
built from them:
- bare pdfplumber: open + extract_words on every page (the work no extractor can skip);
- pypdfium2 text extraction: the floor for any PDF text tool;
- sitrep-extract batches with 1 and 2 workers (process start-up included);
and prints pages/s and ratios, plus the peak resident memory of a worker on the
100-page report. Figures go in the README by hand; nothing here asserts timings.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from sitrep_extract.batch import run_batch

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def build_long_report(folder: Path, pages: int = 100) -> Path:
    """A 100-page report: the seed edition's pages repeated (page 1 stays first)."""
    source = pdfium.PdfDocument(FIXTURES / "2021-q2-en.pdf")
    long = pdfium.PdfDocument.new()
    while len(long) < pages:
        count = min(len(source), pages - len(long))
        long.import_pages(source, list(range(count)))
    path = folder / "long-100-pages.pdf"
    long.save(path)
    return path


def build_archive(folder: Path, copies: int = 3) -> list[Path]:
    """An archive of 8 x `copies` distinct files (each copy differs by a trailing comment,
    so none is skipped as a duplicate): what a batch of many small reports looks like."""
    paths = []
    for pdf in sorted(FIXTURES.glob("*.pdf")):
        for i in range(copies):
            path = folder / f"{pdf.stem}-{i}.pdf"
            path.write_bytes(pdf.read_bytes() + f"\n% copy {i}\n".encode())
            paths.append(path)
    return paths


def bare_pdfplumber(paths: list[Path]) -> None:
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                page.close()


def pdfium_text(paths: list[Path]) -> None:
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()


#: Run in a fresh interpreter so that RUSAGE_CHILDREN sees only this batch's workers.
PEAK_RSS = """
import json, resource, sys, tempfile
from sitrep_extract.batch import run_batch
run_batch(json.loads(sys.argv[1]), tempfile.mkdtemp(), workers=1, force=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def sitrep(paths: list[Path], workers: int) -> None:
    """A batch in this process, as bare pdfplumber runs here too (no interpreter start)."""
    with tempfile.TemporaryDirectory() as out:
        result = run_batch(paths, out, workers=workers, force=True)
    assert not result.failures, result.failures


def peak_worker_rss(paths: list[Path]) -> int:
    """Peak resident memory of the worker processes of a fresh batch (KB)."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, json.dumps([str(p) for p in paths])],
        check=True, capture_output=True, text=True,
    )
    return int(done.stdout.split()[-1])


def timed(label: str, repeat: int, action) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    best = min(runs)
    print(f"  {label:<28} best {best:7.2f} s   (median {statistics.median(runs):.2f} s of {repeat})")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        long = build_long_report(Path(tmp))
        archive = build_archive(Path(tmp))
        for title, paths in (("archive of small reports", archive), ("one 100-page report", [long])):
            pages = sum(len(pdfium.PdfDocument(p)) for p in paths)
            print(f"{title}: {len(paths)} files, {pages} pages")
            bare = timed("bare pdfplumber", args.repeat, lambda: bare_pdfplumber(paths))
            floor = timed("pypdfium2 text (floor)", args.repeat, lambda: pdfium_text(paths))
            one = timed("sitrep-extract, 1 worker", args.repeat, lambda: sitrep(paths, 1))
            two = timed("sitrep-extract, 2 workers", args.repeat, lambda: sitrep(paths, 2))
            print(f"  pages/s: pdfplumber {pages / bare:.1f}, pdfium {pages / floor:.1f}, "
                  f"sitrep 1w {pages / one:.1f}, sitrep 2w {pages / two:.1f}")
            print(f"  ratios: 1 worker / pdfplumber = {one / bare:.2f}x; 1 worker / 2 workers = {one / two:.2f}x; "
                  f"pdfplumber / pdfium = {bare / floor:.1f}x")
        peak_kb = peak_worker_rss([long])
        print(f"peak RSS of a worker on the 100-page report: {peak_kb / 1024:.0f} MB")


if __name__ == "__main__":
    main()
