"""sitrep_extract: IOM Regional Response Overview PDFs → tidy Parquet tables.

    >>> import sitrep_extract as sx
    >>> e = sx.extract("report.pdf")
    >>> e.sector_indicators[0].value
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import SitrepError  # noqa: E402
from .numbers import Quantity, find_numbers, parse_number  # noqa: E402
from .pipeline import Extraction, extract  # noqa: E402

__all__ = ["Extraction", "Quantity", "SitrepError", "__version__", "extract", "find_numbers", "parse_number"]
