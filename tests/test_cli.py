"""The command line: exit codes, one `Error: <file>: <reason>` line per bad file, no tracebacks.

typer 0.29's own CliRunner (typer.testing) always keeps the streams apart:
`result.stdout`, `result.stderr`, and `result.output` (both, as a terminal shows them).
Only three runs extract the fixture; every other run fails before reading.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sitrep_extract.cli import app
from sitrep_extract.schema import REPORT_TABLES, TABLES

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "fixtures" / "2021-q2-en.pdf"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ENCRYPTED = CORPUS / "encrypted" / "pdfminer__aes-128.pdf"
OUTPUT_FILES = sorted([*(f"{name}.parquet" for name in TABLES), "datapackage.json"])
FIXTURE_SUMMARY = "31 indicators, 17 countries, 4 key figures"


def invoke(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


def error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("Error: ")]


def console_script() -> Path:
    candidate = Path(sys.prefix) / "bin" / "sitrep-extract"
    if candidate.exists():
        return candidate
    found = shutil.which("sitrep-extract")
    if found is None:
        pytest.skip("console script sitrep-extract is not installed")
    return Path(found)


# ------------------------------------------------------------- runs that extract
# Extracting the fixture is the slow part, so only three runs do it.


def test_extract_file_quiet_exit_0_and_prints_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("extract", FIXTURE, "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == ""
    assert sorted(p.name for p in out.iterdir()) == OUTPUT_FILES
    assert pq.read_table(out / "reports.parquet").column("source_file").to_pylist() == [str(FIXTURE)]
    assert pq.read_table(out / "sector_indicators.parquet").num_rows == 31


def bad_input(tmp_path: Path) -> tuple[Path, str]:
    """A file the extractor must refuse, and the reason it gives."""
    if ENCRYPTED.exists():
        return ENCRYPTED, "encrypted PDF: a password is required"
    bad = tmp_path / "empty.pdf"  # no shared corpus: any refused file will do
    bad.write_bytes(b"")
    return bad, "file is empty (0 bytes)"


def test_console_script_folder_and_bad_file(tmp_path: Path) -> None:
    """The installed console script, for real: a folder searched recursively next to a
    bad file gives exit 1, one error line for the bad file, and the good rows written."""
    inputs = tmp_path / "in"
    nested = inputs / "sub" / "dir"
    nested.mkdir(parents=True)
    copy = nested / "2021-q2-en.pdf"
    shutil.copyfile(FIXTURE, copy)
    (inputs / "sub" / "notes.txt").write_text("not a pdf, and not named .pdf")
    bad, reason = bad_input(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.run(
        [str(console_script()), "extract", str(inputs), str(bad), "--out", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stderr.splitlines() == [f"Error: {bad}: {reason}"]
    assert error_lines(proc.stdout) == []
    assert proc.stdout.splitlines() == [
        f"{copy}: {FIXTURE_SUMMARY}",
        f"1 extracted, 1 failed, 0 skipped as already extracted; tables in {out}/",
    ]

    assert sorted(p.name for p in out.iterdir()) == OUTPUT_FILES
    reports = pq.read_table(out / "reports.parquet")
    assert reports.column("source_file").to_pylist() == [str(copy)]
    report_id = reports.column("report_id")[0].as_py()
    for name in REPORT_TABLES:  # no rows for the bad file...
        assert set(pq.read_table(out / f"{name}.parquet").column("report_id").to_pylist()) <= {report_id}, name
    assert pq.read_table(out / "sector_indicators.parquet").num_rows == 31
    failures = pq.read_table(out / "failures.parquet").to_pylist()  # ...but a failure row
    assert [(f["source_file"], f["message"]) for f in failures] == [(str(bad), f"{bad}: {reason}")]


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    out.write_text("a file, not a folder")
    result = invoke("extract", FIXTURE, "--out", out, "--quiet")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot create output folder (File exists)\n"
    assert "Traceback" not in result.output
    assert out.read_text() == "a file, not a folder"


# ------------------------------------------------------ runs that fail before reading


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pdf"
    out = tmp_path / "out"
    result = invoke("extract", missing, "--out", out)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: file not found\n"
    assert result.stdout == f"0 extracted, 1 failed, 0 skipped as already extracted; tables in {out}/\n"
    assert "Traceback" not in result.output
    failures = pq.read_table(out / "failures.parquet").to_pylist()
    assert failures == [
        {"source_file": str(missing), "source_sha256": None, "error_type": "not-found", "message": f"{missing}: file not found"}
    ]


def test_only_bad_files_write_only_failures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    text = tmp_path / "notes.pdf"
    text.write_text("hello\n")
    out = tmp_path / "out"
    result = invoke("extract", empty, text, "--out", out)
    assert result.exit_code == 1
    assert sorted(error_lines(result.stderr)) == sorted(
        [f"Error: {empty}: file is empty (0 bytes)", f"Error: {text}: not a PDF file (no %PDF header)"]
    )
    assert len(result.stderr.splitlines()) == 2
    assert "Traceback" not in result.output
    for name in REPORT_TABLES:
        assert pq.read_table(out / f"{name}.parquet").num_rows == 0, name
    assert sorted(pq.read_table(out / "failures.parquet").column("error_type").to_pylist()) == ["empty-file", "not-a-pdf"]


def test_folder_without_pdfs(tmp_path: Path) -> None:
    folder = tmp_path / "nothing"
    folder.mkdir()
    result = invoke("extract", folder, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr == f"Error: no PDF files found in {folder}\n"


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["extract", "--no-such-option", "x.pdf"], id="unknown-option"),
        pytest.param(["extract"], id="extract-without-paths"),
        pytest.param(["schema", "--no-such-option"], id="schema-unknown-option"),
        pytest.param(["no-such-command"], id="unknown-command"),
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "Usage:" in result.stderr
    assert result.stdout == ""


# ------------------------------------------------------------------------ schema


def test_schema_json_matches_the_schema() -> None:
    result = invoke("schema", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == list(TABLES)
    for name, spec in TABLES.items():
        assert [c["name"] for c in data[name]["columns"]] == list(spec.column_names), name
        # Type names are the user-facing aliases ('float64', 'date32'); each must name
        # exactly the Arrow type written to the Parquet file.
        assert [pa.type_for_alias(c["type"]) for c in data[name]["columns"]] == [c.type for c in spec.columns], name
        assert [c["nullable"] for c in data[name]["columns"]] == [c.nullable for c in spec.columns], name
        assert all(c["description"] for c in data[name]["columns"]), name
    assert data["sector_indicators"]["key"] == ["report_id", "sector", "indicator"]
    assert data["failures"]["key"] == ["source_file"]


def test_schema_text_mentions_every_table_and_column() -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for name, spec in TABLES.items():
        assert f"{name}: {spec.description}" in lines
        start = lines.index(f"{name}: {spec.description}")
        rows = [line.split()[:2] for line in lines[start + 1 : start + 1 + len(spec.columns)]]
        assert [r[0] for r in rows] == list(spec.column_names), name
        assert [pa.type_for_alias(r[1]) for r in rows] == [c.type for c in spec.columns], name


def test_version() -> None:
    from sitrep_extract import __version__

    result = invoke("version")
    assert result.exit_code == 0
    assert result.stdout == f"{__version__}\n"


def test_show_writes_a_png_of_the_page(tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "page.png"
    result = invoke("show", FIXTURE, "--page", "2", "--out", out, "--resolution", "50")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}\n"
    with Image.open(out) as image:  # A4 at 50 dpi
        assert image.size == (math.ceil(595.28 * 50 / 72), math.ceil(841.89 * 50 / 72))


def test_show_page_out_of_range(tmp_path: Path) -> None:
    result = invoke("show", FIXTURE, "--page", "9", "--out", tmp_path / "x.png")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {FIXTURE}: page 9 out of range: the report has 6 pages\n"
    assert not (tmp_path / "x.png").exists()


def test_csv_flag_writes_hxl_csvs_and_a_valid_datapackage(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    out = tmp_path / "out"
    result = invoke("extract", FIXTURE, "--out", out, "--csv", "--quiet")
    assert result.exit_code == 0, result.output
    for name in TABLES:
        lines = (out / f"{name}.csv").read_text(encoding="utf-8").splitlines()
        assert lines[0].split(",") == list(TABLES[name].column_names), name
        assert all(cell.startswith("#") for cell in lines[1].split(",")), name
    assert "#country+code" in (out / "country_highlights.csv").read_text(encoding="utf-8").splitlines()[1]
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_progress_bar_on_a_terminal_and_errors_on_stderr() -> None:
    import io

    from rich.console import Console

    from sitrep_extract.report import Progress
    from sitrep_extract.worker import Failure, Outcome

    progress = Progress(quiet=False)
    screen = io.StringIO()
    progress.stdout = Console(file=io.StringIO(), force_terminal=True)
    progress.stderr = Console(file=screen, force_terminal=True, width=100)
    progress.start(total=2, skipped=0)
    assert progress.bar is not None  # a terminal gets the bar, not per-file lines
    progress.advance(Outcome("a.pdf", "ok", report_id="r", indicators=31, countries=17, key_figures=4))
    progress.advance(Outcome("b.pdf", "failed", failure=Failure("b.pdf", None, "encrypted", "b.pdf: encrypted PDF")))
    assert progress.bar.tasks[0].completed == 2 and progress.failed == 1
    progress.stop()
    assert "Error: b.pdf: encrypted PDF" in screen.getvalue()
    assert progress.stdout.file.getvalue() == ""


def test_show_into_a_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result = invoke("show", FIXTURE, "--page", "1", "--out", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path}: cannot write image")
    assert "Traceback" not in result.output


def test_csv_copies_stay_in_step_without_the_flag(tmp_path: Path) -> None:
    out = tmp_path / "out"
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(FIXTURE.read_bytes() + b"\n% another report\n")
    assert invoke("extract", FIXTURE, "--out", out, "--csv", "--quiet").exit_code == 0
    assert invoke("extract", copy, "--out", out, "--quiet").exit_code == 0
    lines = (out / "reports.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 + 2  # header, HXL row, two reports
