"""Printing results for people (rich tables); the CLI calls it, the library never does."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.progress import Progress as RichProgress
from rich.table import Table

from .evaluation import Score
from .worker import Outcome

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
        for diff in result.diffs:  # every one, one line each: the issue asks for each
            console.print(f"  {diff.describe()}", markup=False, soft_wrap=True)
    failed = [s.name for s in scores if s.min_f1 < min_f1]
    verdict = f"FAIL: {len(failed)} of {len(scores)} fixtures below F1 {min_f1}" if failed else f"OK: {len(scores)} fixtures at F1 >= {min_f1}"
    console.print(verdict)


class Progress:
    """Batch progress: a bar (done / failed / rate / ETA) on a terminal, one plain line
    per file otherwise, nothing with --quiet. Errors always go to stderr, one line each."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.failed = 0
        self.stderr = Console(stderr=True, highlight=False, soft_wrap=True)
        self.stdout = Console(highlight=False, soft_wrap=True)
        self.bar: RichProgress | None = None
        self.task = None

    def start(self, total: int, skipped: int) -> None:
        if self.quiet:
            return
        if skipped:
            self.stdout.print(f"{skipped} file(s) skipped: already extracted, or the same file as another input (--force redoes them)")
        if self.stdout.is_terminal and total:
            self.bar = RichProgress(
                TextColumn("[bold]extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[failed]} failed"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=self.stderr,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("extract", total=total, failed=0, rate="")

    def advance(self, outcome: Outcome) -> None:
        if outcome.failure is not None:
            self.failed += 1
            self.stderr.print(f"Error: {outcome.failure.message}", markup=False)
        elif not self.quiet and self.bar is None:
            self.stdout.print(
                f"{outcome.source_file}: {outcome.indicators} indicators, "
                f"{outcome.countries} countries, {outcome.key_figures} key figures",
                markup=False,
            )
        if self.bar is not None and self.task is not None:
            self.bar.advance(self.task)
            task = self.bar.tasks[0]
            rate = f"{task.speed:.1f} files/s" if task.speed else ""
            self.bar.update(self.task, failed=self.failed, rate=rate)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
