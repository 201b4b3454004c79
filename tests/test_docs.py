"""The README documents what exists: the schema section is the schema, every command is described."""

from __future__ import annotations

from sitrep_extract.cli import app
from sitrep_extract.schema import markdown

import pytest

from conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_schema_section_is_generated_from_the_schema() -> None:
    assert markdown() in README


def test_every_command_is_documented() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        if name != "version":
            assert f"sitrep-extract {name}" in README, name


def test_quick_start_is_two_make_commands() -> None:
    assert "make run" in README and "make test" in README


def _tested_blocks() -> list[str]:
    marker = "<!-- tested: runs in an output folder (tests/test_docs.py) -->\n```python\n"
    blocks = []
    for part in README.split(marker)[1:]:
        blocks.append(part.split("```", 1)[0])
    return blocks


def test_readme_examples_run_on_real_output(tmp_path, monkeypatch, capsys) -> None:
    """The pandas and DuckDB examples run as printed, on tables of two quarters."""
    pytest.importorskip("duckdb")
    from sitrep_extract.batch import run_batch

    run_batch([FIXTURES / "2021-q1-en.pdf", FIXTURES / "2021-q2-en.pdf"], tmp_path, workers=1)
    monkeypatch.chdir(tmp_path)
    blocks = _tested_blocks()
    assert len(blocks) == 2
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "2021-01-01" in printed and "2021-04-01" in printed
    assert "Humanitarian Transportation" in printed
