"""Command line: parses arguments, calls the library, prints, sets exit codes. Nothing else."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .batch import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, run_batch
from .evaluation import check_folder, score_to_dict
from .pipeline import extract as extract_report
from .report import Progress, print_scores
from .show import render_page
from .errors import SitrepError
from .schema import TABLES, describe

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="IOM Regional Response Overview PDFs → tidy Parquet tables.")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _error(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="PDF files and folders (searched recursively for *.pdf)")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for <table>.parquet")] = Path("outputs"),
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, help="Worker processes (0: all cores)")] = 0,
    timeout: Annotated[float, typer.Option("--timeout", min=1.0, help="Seconds per file before it is recorded as failed")] = DEFAULT_TIMEOUT,
    memory_mb: Annotated[int, typer.Option("--memory-mb", min=0, help="Resident-memory ceiling per worker in MB (0: none)")] = DEFAULT_MEMORY_MB,
    force: Annotated[bool, typer.Option("--force", help="Redo reports already in the output folder")] = False,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Address of a Dask distributed scheduler to run on")] = None,
    csv: Annotated[bool, typer.Option("--csv", help="Also write each table as CSV with an HXL hashtag row")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of unexpected errors")] = False,
) -> None:
    """Extract reports into one Parquet file per table; reports already there are skipped."""
    progress = Progress(quiet=quiet)
    try:
        result = run_batch(
            paths,
            out,
            workers=workers or None,
            timeout=timeout,
            memory_mb=memory_mb or None,
            force=force,
            scheduler=scheduler,
            csv=csv,
            on_start=progress.start,
            on_outcome=progress.advance,
        )
    except SitrepError as error:  # output folder problems
        progress.stop()
        _error(str(error))
        raise typer.Exit(EXIT_FAILED) from None
    except KeyboardInterrupt:
        progress.stop()
        _error(f"interrupted: files already finished are kept in {out}/; run the same command again to finish the rest")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception:
        progress.stop()
        if debug:
            raise
        _error("internal error (a bug): run again with --debug for the traceback")
        raise typer.Exit(EXIT_FAILED) from None
    progress.stop()
    if not result.outcomes and not result.skipped:
        _error("no PDF files found in " + ", ".join(str(p) for p in paths))
        raise typer.Exit(EXIT_FAILED)
    if not quiet:
        typer.echo(
            f"{len(result.succeeded)} extracted, {len(result.failures)} failed, "
            f"{len(result.skipped)} skipped as already extracted; tables in {out}/"
        )
    raise typer.Exit(EXIT_FAILED if result.failures else EXIT_OK)


@app.command()
def schema(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON")] = False) -> None:
    """Print every table's columns, types and meanings."""
    data = describe()
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    for name, spec in TABLES.items():
        typer.echo(f"{name}: {spec.description}")
        for column in data[name]["columns"]:
            null = " (nullable)" if column["nullable"] else ""
            typer.echo(f"  {column['name']:<18} {column['type']:<8} {column['description']}{null}")


@app.command()
def check(
    folder: Annotated[Path, typer.Argument(help="Folder of PDFs with expected tables in expected/<name>/ or <name>/")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
    min_f1: Annotated[float, typer.Option("--min-f1", min=0.0, max=1.0, help="Fail when any table's F1 is below this")] = 1.0,
) -> None:
    """Score extraction against hand-verified expected tables: precision, recall, F1 per table."""
    if not folder.is_dir():
        _error(f"{folder}: not a folder")
        raise typer.Exit(EXIT_FAILED)
    scores = check_folder(folder)
    if not scores:
        _error(f"{folder}: no PDF with expected tables found (see README: Checking accuracy)")
        raise typer.Exit(EXIT_FAILED)
    failed = [s for s in scores if s.min_f1 < min_f1]
    if as_json:
        payload = {"min_f1": min_f1, "passed": not failed, "fixtures": [score_to_dict(s) for s in scores]}
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print_scores(scores, min_f1)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@app.command()
def show(
    report: Annotated[Path, typer.Argument(help="A Regional Response Overview PDF")],
    page: Annotated[int, typer.Option("--page", "-p", min=1, help="Page number (1-based)")] = 1,
    out: Annotated[Path, typer.Option("--out", "-o", help="PNG file to write")] = Path("page.png"),
    resolution: Annotated[int, typer.Option("--resolution", min=20, max=600, help="Dots per inch")] = 100,
) -> None:
    """Render a page with every segment the extractor found outlined and labelled."""
    try:
        written = render_page(extract_report(report), report, page, out, resolution=resolution)
    except SitrepError as error:
        _error(str(error))
        raise typer.Exit(EXIT_FAILED) from None
    except ValueError as error:  # page out of range
        _error(f"{report}: {error}")
        raise typer.Exit(EXIT_FAILED) from None
    except OSError as error:  # the PNG cannot be written there
        _error(f"{out}: cannot write image ({error.strerror or error})")
        raise typer.Exit(EXIT_FAILED) from None
    typer.echo(f"wrote {written}")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    debug = "--debug" in sys.argv
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except Exception:
        if debug:
            raise
        _error("internal error (a bug): please report it with the command and the PDF; `extract --debug` shows the traceback")
        sys.exit(EXIT_FAILED)


if __name__ == "__main__":
    main()
