"""Printing results for people (rich tables); the CLI calls it, the library never does."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from .evaluation import Score

#: Diffs listed per fixture before the rest are summarised, to keep a bad run readable.
MAX_DIFFS = 25
#: Width used when printing to a file or pipe (rich would otherwise assume 80 columns).
WIDE = 120


def print_scores(scores: Sequence[Score], min_f1: float, console: Console | None = None) -> None:
    if console is None:
        console = Console(highlight=False)
        if not console.is_terminal:  # logs and CI: wide enough that nothing is cut
            console = Console(highlight=False, width=WIDE)
    table = Table(title="Extraction accuracy", show_lines=False)
    for column in ("fixture", "table", "expected", "extracted", "correct", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column in ("fixture", "table") else "right")
    for result in scores:
        for index, t in enumerate(result.tables):
            style = "red" if t.f1 < min_f1 else None
            table.add_row(
                result.name if index == 0 else "",
                t.table,
                str(t.expected),
                str(t.observed),
                str(t.correct),
                f"{t.precision:.3f}",
                f"{t.recall:.3f}",
                f"{t.f1:.3f}",
                style=style,
            )
    console.print(table)
    for result in scores:
        if not result.diffs:
            continue
        console.print(f"[bold]{result.name}[/bold]: {len(result.diffs)} differences")
        for diff in result.diffs[:MAX_DIFFS]:
            console.print(f"  {diff.describe()}", markup=False)
        if len(result.diffs) > MAX_DIFFS:
            console.print(f"  … and {len(result.diffs) - MAX_DIFFS} more (use --json for all)")
    failed = [s.name for s in scores if s.min_f1 < min_f1]
    verdict = f"FAIL: {len(failed)} of {len(scores)} fixtures below F1 {min_f1}" if failed else f"OK: {len(scores)} fixtures at F1 >= {min_f1}"
    console.print(verdict)
