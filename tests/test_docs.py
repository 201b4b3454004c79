"""The README documents what exists: the schema section is the schema, every command is described."""

from __future__ import annotations

from sitrep_extract.cli import app
from sitrep_extract.schema import markdown

from conftest import ROOT

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
