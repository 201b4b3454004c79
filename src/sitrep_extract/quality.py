"""Data problems that do not stop extraction, recorded with stable kebab-case codes.

A label without a value or a total that does not add up is information for the
analyst, not an exception: the rows are still written, and the issues travel with
the extraction result (and, later, the `checks` table).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Issue:
    code: str  # stable, kebab-case: 'label-without-value', 'total-mismatch', ...
    message: str
    page: int | None = None
