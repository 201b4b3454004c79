"""The table schema, defined once: writers, docs, the `schema` command and tests read it here.

Column names and types are a contract with downstream tools (pandas, DuckDB, R,
Power BI, HDX): change them only with a version bump and a note in the README.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # unique within a report; with report_id, unique in the folder
    per_report: bool = True  # rows belong to a report (carry report_id); failures do not

    @property
    def schema(self) -> pa.Schema:
        return pa.schema(
            [
                pa.field(c.name, c.type, nullable=c.nullable, metadata={"description": c.description})
                for c in self.columns
            ],
            metadata={"table": self.name, "description": self.description},
        )

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


_REPORT_ID = Column("report_id", pa.string(), "First 16 hex characters of the source file's SHA-256")
_PAGE = Column("page", pa.int32(), "1-based page number where the value is printed")
_VALUE_TEXT = Column("value_text", pa.string(), "The number exactly as printed, e.g. '1.7 M' or '429.700'")
_UNIT = Column("unit", pa.string(), "count | percent | usd")

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "reports",
            "One row per extracted report",
            (
                _REPORT_ID,
                Column("source_file", pa.string(), "Path of the PDF as given to the extractor"),
                Column("source_sha256", pa.string(), "SHA-256 of the PDF file"),
                Column("title", pa.string(), "Report title, normalised"),
                Column("period_start", pa.date32(), "First day of the reporting period", nullable=True),
                Column("period_end", pa.date32(), "Last day of the reporting period", nullable=True),
                Column("page_count", pa.int32(), "Number of pages in the PDF"),
                Column("language", pa.string(), "ISO 639-1 code of the edition's language (en, es)"),
                Column("extractor_version", pa.string(), "sitrep_extract version that wrote the row"),
            ),
            key=(),
        ),
        TableSpec(
            "key_figures",
            "Headline figures: total beneficiaries, Venezuelans worldwide and in LAC, IOM missions",
            (
                _REPORT_ID,
                Column("figure", pa.string(), "snake_case figure name, e.g. total_beneficiaries"),
                Column("value", pa.float64(), "Normalised value"),
                _UNIT,
                _VALUE_TEXT,
                _PAGE,
            ),
            key=("figure",),
        ),
        TableSpec(
            "sector_indicators",
            "Label/value pairs of the sector blocks",
            (
                _REPORT_ID,
                Column("sector", pa.string(), "Canonical sector name (English)"),
                Column("indicator", pa.string(), "Indicator label, cleaned; a sector's country count is 'Countries'"),
                Column("value", pa.float64(), "Normalised value"),
                _UNIT,
                _VALUE_TEXT,
                _PAGE,
                Column("x0", pa.float64(), "Left edge of the printed value (pdfplumber points)"),
                Column("top", pa.float64(), "Top edge of the printed value, from the page top"),
                Column("x1", pa.float64(), "Right edge of the printed value"),
                Column("bottom", pa.float64(), "Bottom edge of the printed value, from the page top"),
            ),
            key=("sector", "indicator"),
        ),
        TableSpec(
            "country_highlights",
            "Venezuelan refugees and migrants per country, with the highlight paragraph",
            (
                _REPORT_ID,
                Column("country", pa.string(), "English short name as the series prints it"),
                Column("iso3", pa.string(), "ISO 3166-1 alpha-3 code"),
                Column("figure", pa.float64(), "Venezuelan refugees and migrants in the country, normalised"),
                Column("figure_text", pa.string(), "The figure exactly as printed"),
                Column("text", pa.string(), "Highlight paragraph, cleaned; null when only a map prints the figure", nullable=True),
                _PAGE,
            ),
            key=("iso3",),
        ),
        TableSpec(
            "regional_highlights",
            "Regional highlight paragraphs in reading order",
            (
                _REPORT_ID,
                Column("seq", pa.int32(), "1-based reading order within the report"),
                Column("heading", pa.string(), "Bold lead-in of the paragraph, without its colon", nullable=True),
                Column("text", pa.string(), "Paragraph text, cleaned"),
                _PAGE,
            ),
            key=("seq",),
        ),
        TableSpec(
            "mentions",
            "Every figure in the narrative text (country and regional highlights, the overview), in reading order",
            (
                _REPORT_ID,
                Column("segment", pa.string(), "country_highlight | regional_highlight | overview"),
                Column("iso3", pa.string(), "Country of the highlight the figure is in", nullable=True),
                Column("value", pa.float64(), "Normalised value"),
                _UNIT,
                Column("qualifier", pa.string(), "over, almost, approximately, more than, less than, up to, ...", nullable=True),
                Column("value_text", pa.string(), "The number as printed, without its qualifier, e.g. 'USD 2.3 billion'"),
                Column("sentence", pa.string(), "The sentence the figure is in, cleaned"),
                _PAGE,
            ),
            key=(),
        ),
        TableSpec(
            "checks",
            "Self-consistency checks of each report (a failure is information, not an error)",
            (
                _REPORT_ID,
                Column("check", pa.string(), "Stable check name: sector-total, sector-values, key-figures, country-figures"),
                Column("status", pa.string(), "pass | fail | skip"),
                Column("expected", pa.string(), "What the report itself says (e.g. the printed total)", nullable=True),
                Column("observed", pa.string(), "What the extracted rows give", nullable=True),
                Column("message", pa.string(), "One line for people"),
            ),
            key=("check",),
        ),
        TableSpec(
            "failures",
            "Files that could not be extracted, one row per file, with a one-line reason",
            (
                Column("source_file", pa.string(), "Path of the file as given to the extractor"),
                Column("source_sha256", pa.string(), "SHA-256 of the file, when it could be read", nullable=True),
                Column("error_type", pa.string(), "Stable error code: not-found, unreadable, empty-file, not-a-pdf, encrypted, damaged, no-text, not-a-report, timeout, memory, crashed, internal-error"),
                Column("message", pa.string(), "One line: '<file>: <what is wrong>'"),
            ),
            key=("source_file",),
            per_report=False,
        ),
    )
}

#: Tables whose rows belong to one report, joined on report_id.
REPORT_TABLES: tuple[str, ...] = tuple(name for name, spec in TABLES.items() if spec.per_report)


def table_names() -> tuple[str, ...]:
    return tuple(TABLES)


def type_name(data_type: pa.DataType) -> str:
    """The type as users name it (pyarrow prints float64 as 'double', date32 as 'date32[day]')."""
    if pa.types.is_date32(data_type):
        return "date32"
    if pa.types.is_float64(data_type):
        return "float64"
    return str(data_type)


def describe() -> dict[str, dict[str, object]]:
    """Every table as plain data, for `schema --json` and the docs."""
    return {
        name: {
            "description": spec.description,
            "key": list((("report_id",) if spec.per_report else ()) + spec.key),
            "columns": [
                {"name": c.name, "type": type_name(c.type), "nullable": c.nullable, "description": c.description}
                for c in spec.columns
            ],
        }
        for name, spec in TABLES.items()
    }


def markdown() -> str:
    """The schema as Markdown; the README embeds exactly this (a test keeps them in step)."""
    parts = []
    for name, spec in TABLES.items():
        key = ", ".join((("report_id",) if spec.per_report else ()) + spec.key) or "report_id"
        parts.append(f"#### `{name}` — {spec.description} (key: {key})\n")
        parts.append("| column | type | null | meaning |\n|---|---|---|---|")
        for c in spec.columns:
            parts.append(f"| `{c.name}` | {type_name(c.type)} | {'yes' if c.nullable else 'no'} | {c.description} |")
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"
