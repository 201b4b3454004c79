"""Evaluation and `sitrep-extract check`: scores are right, and a wrong PDF is caught readably."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep_extract.cli import app
from sitrep_extract.evaluation import check_folder, compare_table, find_cases, score_to_dict

from conftest import FIXTURES

runner = CliRunner()


def test_compare_table_counts_wrong_missing_and_extra() -> None:
    expected = [
        {"sector": "Health", "indicator": "Countries", "value": "15", "top": "100.0"},
        {"sector": "Health", "indicator": "Meals", "value": "7"},
        {"sector": "WASH", "indicator": "Countries", "value": "5"},
    ]
    observed = [
        {"sector": "Health", "indicator": "Countries", "value": 15.0, "top": 100.6},  # within a point
        {"sector": "Health", "indicator": "Meals", "value": 8.0},
        {"sector": "Shelter", "indicator": "Countries", "value": 3.0},
    ]
    score, diffs = compare_table("sector_indicators", expected, observed)
    assert (score.expected, score.observed, score.correct) == (3, 3, 1)
    assert round(score.f1, 3) == 0.333
    assert sorted(d.describe() for d in diffs) == [
        "sector_indicators: extra Shelter / Countries",
        "sector_indicators: missing WASH / Countries",
        "sector_indicators: wrong Health / Meals: value: expected '7', got '8.0'",
    ]


def test_text_compares_after_whitespace_normalisation_and_null_is_empty() -> None:
    expected = [{"iso3": "COL", "text": "IOM  implemented\na program", "country": "Colombia"}, {"iso3": "PER", "text": "", "country": "Peru"}]
    observed = [{"iso3": "COL", "text": "IOM implemented a program", "country": "Colombia"}, {"iso3": "PER", "text": None, "country": "Peru"}]
    score, diffs = compare_table("country_highlights", expected, observed)
    assert score.correct == 2 and diffs == []


def test_every_fixture_scores_f1_one_via_the_cli() -> None:
    result = runner.invoke(app, ["check", str(FIXTURES), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["passed"] is True
    assert payload["fixtures"] == [score_to_dict(s) for s in check_folder(FIXTURES)]
    assert len(payload["fixtures"]) == len(find_cases(FIXTURES)) >= 8


def test_swapped_pdfs_fail_with_a_readable_diff(tmp_path: Path) -> None:
    first, second = find_cases(FIXTURES)[:2]
    for case, other in ((first, second), (second, first)):
        shutil.copy(other.pdf, tmp_path / f"{case.name}.pdf")
        shutil.copytree(case.expected, tmp_path / "expected" / case.name)
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{first.name}: " in result.output and " differences" in result.output
    assert "FAIL: 2 of 2 fixtures below F1 1.0" in result.output
    assert any(word in result.output for word in ("wrong", "missing", "extra"))


def test_min_f1_threshold_is_respected(tmp_path: Path) -> None:
    first, second = find_cases(FIXTURES)[:2]
    shutil.copy(second.pdf, tmp_path / f"{first.name}.pdf")
    shutil.copytree(first.expected, tmp_path / "expected" / first.name)
    assert runner.invoke(app, ["check", str(tmp_path), "--min-f1", "0"]).exit_code == 0
    assert runner.invoke(app, ["check", str(tmp_path), "--min-f1", "0.9"]).exit_code == 1


def test_folder_without_cases_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "no PDF with expected tables found" in result.output


def test_unreadable_pdf_scores_zero_with_its_error(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n% nothing else\n")
    (tmp_path / "expected" / "broken").mkdir(parents=True)
    shutil.copy(FIXTURES / "expected" / "2021-q2-en" / "key_figures.csv", tmp_path / "expected" / "broken")
    (score,) = check_folder(tmp_path)
    assert score.min_f1 == 0.0
    assert score.diffs[0].kind == "error" and "broken.pdf" in score.diffs[0].describe()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"figure,Value\niom_missions,999\n", "unknown column(s) 'Value'"),
        (b"value\n17\n", "the key column(s) figure are needed"),
        (b"", "empty: a header row naming the columns is needed"),
        ("figure,value\nmisi\u00f3n,17\n".encode("latin-1"), "not UTF-8 text"),
    ],
    ids=["misspelt-column", "no-key", "empty", "latin-1"],
)
def test_expected_tables_that_would_check_nothing_fail_loudly(tmp_path: Path, content: bytes, message: str) -> None:
    shutil.copy(FIXTURES / "2021-q2-en.pdf", tmp_path / "r.pdf")
    (tmp_path / "expected" / "r").mkdir(parents=True)
    (tmp_path / "expected" / "r" / "key_figures.csv").write_bytes(content)
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert message in result.output and "FAIL: 1 of 1" in result.output


def test_a_bom_is_harmless(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "2021-q2-en.pdf", tmp_path / "r.pdf")
    (tmp_path / "expected" / "r").mkdir(parents=True)
    text = (FIXTURES / "expected" / "2021-q2-en" / "country_highlights.csv").read_text(encoding="utf-8")
    (tmp_path / "expected" / "r" / "country_highlights.csv").write_text("\ufeff" + text, encoding="utf-8")
    assert runner.invoke(app, ["check", str(tmp_path)]).exit_code == 0
    wrong = text.replace("Aruba,ABW", "Wrongland,ABW")
    (tmp_path / "expected" / "r" / "country_highlights.csv").write_text("\ufeff" + wrong, encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1 and "expected 'Wrongland', got 'Aruba'" in result.output


def test_a_folder_of_unrelated_csvs_is_not_a_case(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "2021-q2-en.pdf", tmp_path / "r.pdf")
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "other.csv").write_text("a,b\n1,2\n")
    assert find_cases(tmp_path) == []


def test_repeated_expected_keys_are_refused(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "2021-q2-en.pdf", tmp_path / "r.pdf")
    (tmp_path / "expected" / "r").mkdir(parents=True)
    (tmp_path / "expected" / "r" / "key_figures.csv").write_text("figure,value\niom_missions,17\niom_missions,18\n")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1 and "key iom_missions appears more than once" in result.output


def test_every_difference_is_listed(tmp_path: Path) -> None:
    first, second = find_cases(FIXTURES)[:2]
    shutil.copy(second.pdf, tmp_path / f"{first.name}.pdf")
    shutil.copytree(first.expected, tmp_path / "expected" / first.name)
    (score,) = check_folder(tmp_path)
    output = runner.invoke(app, ["check", str(tmp_path)]).output
    assert len(score.diffs) > 25
    assert all(f"  {d.describe()}" in output for d in score.diffs)
