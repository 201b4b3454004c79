"""Report metadata: is this a Regional Response Overview, in which language, for which period.

The period comes from the intro sentence ("from April to June 2021") or a period
banner ("April – June 2021", "April 2018 – February 2019"). A superscript footnote
mark glued onto a year ('20212' in a text dump) must not turn 2021 into 20212.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from .layout import Line
from .vocabulary import MONTHS

TITLES = {
    "en": "Venezuelan Migrant and Refugee Situation: Regional Response Overview",
    "es": "Situación de migrantes y refugiados venezolanos: respuesta regional",
}

_TITLE_PATTERNS = {
    "en": regex.compile(r"venezuelan\s+(?:migrants?\s+and\s+refugees?|refugees?\s+and\s+migrants?)\s+situation", regex.I),
    "es": regex.compile(r"situaci[oó]n\s+de\s+(?:los\s+)?(?:migrantes\s+y\s+refugiados|refugiados\s+y\s+migrantes)\s+venezolanos", regex.I),
}
_RESPONSE = regex.compile(r"regional\s+response|respuesta\s+regional", regex.I)

_MONTH = r"(?P<{0}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# A year may carry a glued footnote digit: '20212' is 2021 + mark 2.
_YEAR = r"(?P<{0}>(?:19|20)\d\d)\d?(?!\d)"
_SEP = r"\s*(?:[-–—]|\bto\b|\band\b|\bthrough\b|\buntil\b|\ba\b|\bal\b|\by\b|\bhasta\b)\s*"
_OF = r"(?:,?\s*(?:de(?:l)?\s+)?)"

_DAY_BEFORE = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:de\s+)?)?"  # '1 April', '1 de abril'
_DAY_AFTER = r"(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?"  # 'April 1,'

#: A range of months, in any of the ways the series words it: 'from April to June
#: 2021', 'between April and June 2021', 'April – June 2021', '1 April – 30 June
#: 2021', 'April 2018 – February 2019', 'de abril a junio de 2021', 'April and May 2021'.
PERIOD_PATTERNS = (
    regex.compile(
        r"\b" + _DAY_BEFORE + _MONTH.format("m1") + _DAY_AFTER + r"(?:" + _OF + _YEAR.format("y1") + r")?"
        + _SEP + _DAY_BEFORE + _MONTH.format("m2") + _DAY_AFTER + _OF + _YEAR.format("y2"),
        regex.I,
    ),
)
# A monthly edition names one month: 'MONTHLY UPDATE – MARCH 2019'.
MONTH_PATTERN = regex.compile(r"\b" + _MONTH.format("m2") + _OF + _YEAR.format("y2"), regex.I)

_SPANISH = regex.compile(r"\b(?:de|la|los|las|y|en|para|migrantes|refugiados|con|del|por)\b", regex.I)
_ENGLISH = regex.compile(r"\b(?:the|of|and|in|to|for|migrants|refugees|with|by)\b", regex.I)
#: How many lines from the top of page 1 to search for the title and period; the
#: title and intro sentence sit at the top of the infographic.
HEAD_LINES = 40


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class ReportMeta:
    title: str | None
    language: str
    period: Period | None


def detect_language(text: str) -> str:
    return "es" if len(_SPANISH.findall(text)) > len(_ENGLISH.findall(text)) else "en"


def detect_title(text: str, language: str) -> str | None:
    """Canonical title if the text names the series (either language), else None."""
    for lang, pattern in _TITLE_PATTERNS.items():
        if pattern.search(text) and _RESPONSE.search(text):
            return TITLES[language if language in TITLES else lang]
    return None


def _period(match: regex.Match[str]) -> Period | None:
    groups = match.groupdict()
    month2 = MONTHS[groups["m2"].lower()]
    year2 = int(groups["y2"])
    month1 = MONTHS[groups["m1"].lower()] if groups.get("m1") else month2
    year1 = int(groups["y1"]) if groups.get("y1") else (year2 if month1 <= month2 else year2 - 1)
    start = dt.date(year1, month1, 1)
    end = dt.date(year2, month2, calendar.monthrange(year2, month2)[1])
    if end < start:
        return None
    return Period(start=start, end=end, text=match.group(0))


def find_period(*texts: str) -> Period | None:
    """The first period statement, preferring a range in any of the texts (the head of
    page 1, then the whole page) over a lone month ('MONTHLY UPDATE – MARCH 2019')."""
    for pattern in (*PERIOD_PATTERNS, MONTH_PATTERN):
        for text in texts:
            for match in pattern.finditer(text):
                period = _period(match)
                if period is not None:
                    return period
    return None


def read_meta(lines: Sequence[Line]) -> ReportMeta:
    """Metadata from the first page's lines, in reading order (block by block, so a
    title wrapped beside a period banner is read whole)."""
    head = " ".join(line.text for line in lines[:HEAD_LINES])
    whole = " ".join(line.text for line in lines)
    language = detect_language(whole)
    return ReportMeta(title=detect_title(head, language), language=language, period=find_period(head, whole))
