"""Self-consistency checks: the reports carry their own checksums.

In the April–June 2021 edition the sectors' "Number of services provided to
beneficiaries" add up exactly to the 2,155,039 total. A failed check is
information, not an error: the rows are still written, the check goes into the
`checks` table, and an `Issue` with a stable code goes onto the extraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .keyfigures import KeyFigure
from .quality import Issue
from .sectors import SectorBlock, SectorIndicator


@dataclass(frozen=True, slots=True)
class Check:
    check: str  # stable kebab-case name
    status: str  # 'pass' | 'fail' | 'skip'
    expected: str | None
    observed: str | None
    message: str


#: The per-sector services count that adds up to the headline total (Humanitarian
#: Transportation words it 'Number of orientation, pre-departure and logistical
#: services provided to beneficiaries').
SERVICES = regex.compile(
    r"services\s+provided\s+to\s+beneficiaries|servicios\b.*\b(?:prestados|brindados|entregados)\s+a\s+(?:los\s+)?beneficiari[oa]s",
    regex.I,
)
HEADLINE = ("total_beneficiaries", "venezuelans_worldwide", "venezuelans_in_lac", "iom_missions")


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def sector_total(indicators: Sequence[SectorIndicator], figures: Sequence[KeyFigure]) -> Check:
    total = next((f for f in figures if f.figure == "total_beneficiaries"), None)
    services = [r for r in indicators if SERVICES.search(r.indicator)]
    if total is None or not services:
        return Check("sector-total", "skip", None, None, "no total or no per-sector services counts to add up")
    observed = sum(r.value for r in services)
    ok = abs(observed - total.value) < 0.5
    message = (
        f"{len(services)} sectors' services add up to the total"
        if ok
        else f"{len(services)} sectors' services add up to {_fmt(observed)}, the report prints {total.value_text}"
    )
    return Check("sector-total", "pass" if ok else "fail", _fmt(total.value), _fmt(observed), message)


def sector_values(blocks: Sequence[SectorBlock]) -> Check:
    empty = sorted({b.sector for b in blocks if not any(p.value for p in b.pairings)})
    if not blocks:
        return Check("sector-values", "skip", None, None, "no sector blocks found")
    if empty:
        return Check("sector-values", "fail", "0 empty", f"{len(empty)} empty", "sector blocks without any value: " + ", ".join(empty))
    return Check("sector-values", "pass", "0 empty", "0 empty", f"all {len(blocks)} sector blocks have values")


def key_figures(figures: Sequence[KeyFigure]) -> Check:
    found = {f.figure for f in figures}
    missing = [name for name in HEADLINE if name not in found]
    status = "fail" if missing else "pass"
    message = "missing: " + ", ".join(missing) if missing else "all headline figures found"
    return Check("key-figures", status, str(len(HEADLINE)), str(len(HEADLINE) - len(missing)), message)


def country_figures(country_issues: Sequence[Issue], highlights: int) -> Check:
    if country_issues:
        return Check(
            "country-figures", "fail", "0 without figure", f"{len(country_issues)} without figure",
            "; ".join(i.message for i in country_issues),
        )
    if not highlights:
        return Check("country-figures", "skip", None, None, "no country highlights found")
    return Check("country-figures", "pass", "0 without figure", "0 without figure", f"all {highlights} country highlights have a figure")


#: Which failed check becomes which issue code.
ISSUE_CODES = {
    "sector-total": "total-mismatch",
    "sector-values": "sector-without-values",
    "key-figures": "key-figure-missing",
}  # country-figures fails on issues the country stage already recorded


def issues_for(checks: Sequence[Check]) -> list[Issue]:
    return [Issue(ISSUE_CODES[c.check], c.message) for c in checks if c.status == "fail" and c.check in ISSUE_CODES]
