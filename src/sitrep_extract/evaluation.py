"""Evaluation: score extracted tables against hand-verified expected tables.

Expected tables are CSV files, one per table, in a folder beside the PDF
(`<name>/` or `expected/<name>/`). Only the columns present in the CSV are
compared, so a user can verify just the figures they care about. Rows are matched
on each table's key; values are compared numerically, text after normalisation.
"""

from __future__ import annotations

import csv
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from .errors import BadExpectedTable, SitrepError
from .pipeline import extract
from .schema import TABLES
from .tables import build_tables

#: Coordinates are checked to within a point: the expected positions come from the
#: generator's own bookkeeping of where it drew the text, not from pdfminer.
COORD_TOLERANCE = 1.0
COORD_COLUMNS = frozenset({"x0", "top", "x1", "bottom"})
REL_TOLERANCE = 1e-9
#: Tables whose rows are one per report carry no key of their own.
EVALUATED = ("reports", "key_figures", "sector_indicators", "country_highlights", "regional_highlights")


@dataclass(frozen=True, slots=True)
class FieldDiff:
    column: str
    expected: str
    observed: str


@dataclass(frozen=True, slots=True)
class RowDiff:
    table: str
    key: tuple[str, ...]
    kind: str  # 'wrong' | 'missing' | 'extra' | 'error' (the file could not be extracted)
    fields: tuple[FieldDiff, ...] = ()

    def describe(self) -> str:
        key = " / ".join(self.key) or "(report)"
        if self.kind == "error":
            return f"cannot extract: {key}" if self.table == "file" else f"cannot check: {key}"
        if self.kind != "wrong":
            return f"{self.table}: {self.kind} {key}"
        detail = "; ".join(f"{f.column}: expected {f.expected!r}, got {f.observed!r}" for f in self.fields)
        return f"{self.table}: wrong {key}: {detail}"


@dataclass(frozen=True, slots=True)
class TableScore:
    table: str
    expected: int
    observed: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.observed if self.observed else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else (1.0 if not self.observed else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Score:
    name: str
    tables: tuple[TableScore, ...]
    diffs: tuple[RowDiff, ...]

    @property
    def min_f1(self) -> float:
        if any(d.kind == "error" for d in self.diffs):
            return 0.0  # nothing could be checked, and that must not read as a pass
        return min((t.f1 for t in self.tables), default=1.0)


def load_expected(folder: str | Path) -> dict[str, list[dict[str, str]]]:
    """Every `<table>.csv` in the folder that names a known table. A table that could
    silently check nothing — an unknown or misspelt column, a missing key column, no
    header, text that is not UTF-8 — raises `BadExpectedTable` instead."""
    folder = Path(folder)
    expected = {}
    for name in EVALUATED:
        path = folder / f"{name}.csv"
        if path.exists():
            expected[name] = _read_expected(path, name)
    return expected


def _read_expected(path: Path, table: str) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:  # a BOM is harmless
            reader = csv.DictReader(handle)
            columns = reader.fieldnames
            rows = list(reader)
    except UnicodeDecodeError as exc:
        raise BadExpectedTable(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    except (OSError, csv.Error) as exc:
        raise BadExpectedTable(path, f"cannot be read as CSV ({exc})") from exc
    spec = TABLES[table]
    if not columns:
        raise BadExpectedTable(path, "empty: a header row naming the columns is needed")
    unknown = [c for c in columns if c not in spec.column_names]
    if unknown:
        raise BadExpectedTable(path, f"unknown column(s) {', '.join(map(repr, unknown))}; {table} has: {', '.join(spec.column_names)}")
    missing = [k for k in spec.key if k not in columns]
    if missing:
        raise BadExpectedTable(path, f"the key column(s) {', '.join(missing)} are needed to match rows")
    keys = [_key(table, row) for row in rows]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise BadExpectedTable(path, f"key {' / '.join(repeated[0]) or '(report)'} appears more than once")
    return rows


def _norm_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def _same(column: str, kind: pa.DataType, expected: str, observed: Any) -> bool:
    expected = _norm_text(expected)
    observed_text = _norm_text(observed)
    if not expected or not observed_text:
        return expected == observed_text
    if pa.types.is_floating(kind) or pa.types.is_integer(kind):
        try:
            e, o = float(expected), float(observed)
        except ValueError:
            return False
        if column in COORD_COLUMNS:
            return abs(e - o) <= COORD_TOLERANCE
        return math.isclose(e, o, rel_tol=REL_TOLERANCE, abs_tol=1e-9)
    return expected == observed_text


def _key(table: str, row: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(_norm_text(row.get(k)) for k in TABLES[table].key)


def compare_table(table: str, expected: Sequence[Mapping[str, str]], observed: Sequence[Mapping[str, Any]]) -> tuple[TableScore, list[RowDiff]]:
    spec = TABLES[table]
    types = {c.name: c.type for c in spec.columns}
    columns = [c for c in (expected[0].keys() if expected else ()) if c in types and c != "report_id"]
    observed_by_key: dict[tuple[str, ...], Mapping[str, Any]] = {}
    diffs: list[RowDiff] = []
    for row in observed:
        key = _key(table, row)
        if key in observed_by_key:
            diffs.append(RowDiff(table, key, "extra"))
        else:
            observed_by_key[key] = row
    correct = 0
    for row in expected:
        key = _key(table, row)
        got = observed_by_key.pop(key, None)
        if got is None:
            diffs.append(RowDiff(table, key, "missing"))
            continue
        wrong = tuple(
            FieldDiff(c, _norm_text(row.get(c)), _norm_text(got.get(c)))
            for c in columns
            if not _same(c, types[c], row.get(c, ""), got.get(c))
        )
        if wrong:
            diffs.append(RowDiff(table, key, "wrong", wrong))
        else:
            correct += 1
    diffs.extend(RowDiff(table, key, "extra") for key in observed_by_key)
    return TableScore(table, len(expected), len(observed), correct), diffs


def score(name: str, expected: Mapping[str, Sequence[Mapping[str, str]]], observed: Mapping[str, pa.Table]) -> Score:
    """Score observed tables (one report's rows) against the expected CSV rows."""
    scores, diffs = [], []
    for table in EVALUATED:
        if table not in expected:
            continue
        rows = observed[table].to_pylist() if table in observed else []
        table_score, table_diffs = compare_table(table, expected[table], rows)
        scores.append(table_score)
        diffs.extend(table_diffs)
    return Score(name, tuple(scores), tuple(diffs))


@dataclass(frozen=True, slots=True)
class Case:
    """A PDF and the folder of its hand-verified expected tables."""

    pdf: Path
    expected: Path

    @property
    def name(self) -> str:
        return self.pdf.stem


def find_cases(folder: str | Path) -> list[Case]:
    """Every PDF under `folder` with expected tables in `expected/<stem>/` or `<stem>/` beside it."""
    cases = []
    for pdf in sorted(Path(folder).rglob("*.pdf")):
        for candidate in (pdf.parent / "expected" / pdf.stem, pdf.parent / pdf.stem):
            if candidate.is_dir() and any((candidate / f"{name}.csv").exists() for name in EVALUATED):
                cases.append(Case(pdf, candidate))
                break
    return cases


def check_case(case: Case) -> Score:
    """Extract the case's PDF and score it; a file that cannot be extracted scores zero."""
    try:
        expected = load_expected(case.expected)
    except BadExpectedTable as error:
        return Score(case.name, (), (RowDiff("expected", (str(error),), "error"),))
    try:
        observed = build_tables([extract(case.pdf)])
    except SitrepError as error:
        result = score(case.name, expected, {})
        return Score(case.name, result.tables, (RowDiff("file", (str(error),), "error"),) + result.diffs)
    return score(case.name, expected, observed)


def check_folder(folder: str | Path) -> list[Score]:
    return [check_case(case) for case in find_cases(folder)]


def score_to_dict(result: Score) -> dict[str, Any]:
    return {
        "fixture": result.name,
        "min_f1": result.min_f1,
        "tables": [
            {
                "table": t.table,
                "expected": t.expected,
                "observed": t.observed,
                "correct": t.correct,
                "precision": t.precision,
                "recall": t.recall,
                "f1": t.f1,
            }
            for t in result.tables
        ],
        "diffs": [
            {
                "table": d.table,
                "key": list(d.key),
                "kind": d.kind,
                "fields": [{"column": f.column, "expected": f.expected, "observed": f.observed} for f in d.fields],
                "text": d.describe(),
            }
            for d in result.diffs
        ],
    }
