"""Every figure in the narrative text: country highlights, regional highlights, overview.

`find_mentions` splits a paragraph into sentences (`split_sentences`), finds every
number with `numbers.find_numbers` and keeps only the ones that are quantities.
What is *not* a mention, and why (the reason is what `find_excluded` reports):

``year``
    A bare 4-digit integer 1990-2035 (no scale, %, currency or separator):
    ``2021``, ``RMRP 2022``, ``2021(RMRP)``, ``June 2021``.  A qualifier does not
    rescue it: ``up to 2025`` is a year, and a count this size is printed
    ``2,000`` in this series.  Any 4-digit number right after a month name is a
    year too, and so is a year with a footnote mark glued on (``of 20212``: 5-6
    digits, a year in front, after a month name or in/of/since/until/during/year).
``date``
    A day number 1-31: before a month (``8 July``, ``22 June 2021``, ``8 and 9
    July``, ``8 de julio``), after a month when no lower-case word follows
    (``July 8``, ``July 8, 2021``, ``July 8 IOM ...``; but ``June 20 families``
    is a count) or after a weekday (``Thursday 8``).  Ordinal days (``June
    17th``, ``8th July``) never reach us: find_numbers rejects ordinals.
``time``
    ``10:30``, ``5 p.m.``.
``name``
    Part of a name or code: digits hyphen-joined to a capitalised word
    (``800-Venezuela``); anything inside a Title-Cased quotation (``Program
    ¨800-Venezuela¨``, the campaign ``“A Thousand Ways to Be a Man”``); a
    spelled number written Title-Case anywhere but at the start of a sentence
    (``A Thousand Ways``, ``One UN``); a number after a capitalised designator
    (``Phase 2``, ``Resolution 2467``, ``SDG 16``, ``No. 5``, ``Decreto 216``).
    Glued codes (``R4V``, ``COVID-19``, ``H1N1``) never reach us.
``phone``, ``url``
    ``+1 809 555 1234``, ``(809) 555-1234``, ``809-555-1234``; numbers inside
    URLs and e-mail addresses.
``footnote``
    ``[1]``; a 1-2 digit mark glued after a word's punctuation (``region.3``).
    Superscript marks (``9,085¹``) are masked so the number they touch is kept;
    a mark glued to a word (``RESPONSE1``) never reaches us.
``enumerator``
    List numbering: ``(1) ... (2) ...`` when both (1) and (2) are in the
    sentence, ``1)`` at the start of a sentence or after ``:``/``;``/``,``, and
    ``1.`` starting a sentence.  A lone ``(31)`` or ``(2)`` is a count and kept.
``pronoun``
    ``one`` that is not a quantity: ``one of the key agencies`` (also ``uno de``),
    ``no one``, ``each one``, ``any one``, ``every one``, ``the (only|same) one``,
    ``one another``, ``one by one``, ``one-on-one``, ``one-to-one``,
    ``one-stop``, ``one-off``, ``on the one hand``; and ``zero tolerance``.
``fraction``
    A spelled number that is the numerator of a fraction or part of a spelled
    ordinal: ``one-third``, ``two thirds``, ``twenty-first``, ``one and a half``
    (find_numbers would read these as 1, 2, 20 and 1; rather nothing than a
    wrong value).  Plain spelled ordinals (``third round``, ``first stage``,
    ``second wave``) are not numbers to find_numbers and never reach us.

Everything else is kept, including durations and small counts in prose
(``five days``, ``ten days``, ``two-month campaign``, ``24-hour``), parenthesised
counts (``states (31)``) and percentages (``(63%)`` -> 63 percent, value_text
``63%``).  ``value_text`` is the number as printed *without* its qualifier
(``over 6,700`` -> qualifier ``over``, value_text ``6,700``), with whitespace
collapsed like the sentence it comes from; ``approx.`` / ``aprox.`` before a
number gives qualifier ``approximately``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .numbers import NumberMatch, find_numbers, parse_number
from .repair import join_lines
from .vocabulary import ENGLISH_MONTH_ABBREVIATIONS, ENGLISH_MONTHS, SPANISH_MONTHS

__all__ = ["SEGMENTS", "Excluded", "Mention", "find_excluded", "find_mentions", "split_sentences"]

SEGMENTS = frozenset({"country_highlight", "regional_highlight", "overview"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One figure in narrative text; ``sentence`` is the cleaned sentence it is in."""

    segment: str
    iso3: str | None
    value: float
    unit: str  # "count" | "percent" | "usd"
    qualifier: str | None
    value_text: str
    sentence: str
    page: int


@dataclass(frozen=True, slots=True)
class Excluded:
    """A number `find_mentions` dropped, with the rule that dropped it (for debugging)."""

    value_text: str
    reason: str
    sentence: str


# --------------------------------------------------------------------------- sentences

_OPENERS = "([“\"‘'«¿¡¨"
_CLOSERS = "”\"’')]»¨"
_BOUNDARY = regex.compile(
    rf"(?P<punct>[.!?…]+)(?P<close>[{regex.escape(_CLOSERS)}]*)\s+"
    rf"(?=[{regex.escape(_OPENERS)}]*[\p{{Lu}}\p{{N}}])"
)
_PARAGRAPH_BREAK = regex.compile(r"\n[^\S\n]*\n")
#: Never end a sentence (lower-cased, with their dot).
_ABBREVIATIONS = frozenset(
    "e.g. i.e. approx. aprox. st. sta. sto. mr. mrs. ms. dr. dra. prof. sr. sra. srta. "
    "jr. vs. cf. ca. fig. figs. esp. incl. resp. ref. refs. dept. gov. hon. amb. gen. lic. ing. "
    "av. ave. mt. pp. p.ej. ej. cía. ud. uds. excmo. excma.".split()
)
#: End a sentence unless a number follows ('No. 5', 'Jan. 15', 'p. 12').
_NUMBER_ABBREVIATIONS = frozenset(
    "no. nos. nr. nº. n°. núm. num. art. arts. p. vol. tel. ext. ch. sec. "
    "jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. "
    "ene. abr. ago. dic.".split()
)
_DOTTED = regex.compile(r"(?:\p{L}{1,2}\.)+\p{L}{1,2}")  # 'U.S', 'e.g', 'EE.UU' (final dot cut off)
_ENUMERATOR_START = regex.compile(r"\(?(?:\d{1,2}|[ivxIVX]{1,4}|\p{L})\)?")
_NUMERIC = regex.compile(r"[\d.,]*\d[\d.,]*")


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of matched () [] “” «» pairs: no sentence ends inside them."""
    spans: list[tuple[int, int]] = []
    for open_, close in ("()", "[]", "“”", "«»"):
        stack: list[int] = []
        for i, ch in enumerate(text):
            if ch == open_:
                stack.append(i)
            elif ch == close and stack:
                spans.append((stack.pop(), i + 1))
    return spans


def _keeps_going(text: str, start: int, punct_start: int, punct: str, next_start: int) -> bool:
    """True when the dot at `punct_start` does not end a sentence (abbreviation, initial, ...)."""
    if punct != ".":
        return False
    if _ENUMERATOR_START.fullmatch(text[start:punct_start].strip()):
        return True  # '1. Results of ...': a list number, not a sentence
    before = text[start:punct_start].split()
    if not before:
        return False
    token = before[-1].lstrip(_OPENERS)
    if not token:
        return False
    lowered = token.lower() + "."
    nxt = text[next_start:].lstrip(_OPENERS)[:1]
    if lowered in _ABBREVIATIONS:
        return True
    if lowered in _NUMBER_ABBREVIATIONS:
        return nxt.isdigit()
    if _DOTTED.fullmatch(token):
        return lowered not in {"a.m.", "p.m."}
    if regex.fullmatch(r"\p{Lu}", token):  # an initial: 'Eduardo J. Stein', 'St. Kitts'
        previous = before[-2] if len(before) > 1 else ""
        return not _NUMERIC.fullmatch(previous)  # '1.7 M.' ends a sentence
    return False


def _split_paragraph(text: str) -> Iterator[str]:
    protected = _protected(text)
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end("close")
        if any(a < end < b for a, b in protected):
            continue
        if _keeps_going(text, start, m.start("punct"), m.group("punct"), m.end()):
            continue
        yield text[start:end].strip()
        start = m.end()
    rest = text[start:].strip()
    if rest:
        yield rest


def split_sentences(text: str) -> list[str]:
    """Sentences of narrative text, cleaned (ligatures repaired, whitespace collapsed).

    A blank line is a hard break (a heading or a new paragraph); other line breaks
    are joined as `repair.join_lines` joins a paragraph's printed lines (so
    ``Assess-\\nments`` becomes ``Assessments``).  A sentence ends at ``.``, ``!``,
    ``?`` or ``…`` (with any closing quotes/brackets, which stay with it) followed
    by a space and an upper-case letter or a digit, except:

    * inside matched parentheses, brackets or curly quotes;
    * after abbreviations (``e.g.``, ``i.e.``, ``approx.``, ``St.``, ``Dr.``, ...),
      dotted acronyms (``U.S.``, ``EE.UU.``; but ``a.m.``/``p.m.`` do end one) and
      initials (``J.``), though ``1.7 M.`` does end one;
    * after ``No.``, ``Art.``, ``p.``, ``Jan.``, ... when a number follows;
    * after a list number that opens the sentence (``1. Results ...``).

    Decimal points (``1.7 M``, ``USD 2.3 billion``) are never followed by a space,
    so they never split.
    """
    sentences: list[str] = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        cleaned = join_lines(paragraph.splitlines())
        if cleaned:
            sentences.extend(_split_paragraph(cleaned))
    return sentences


# --------------------------------------------------------------------------- exclusions

_EN_MONTHS = "|".join((*ENGLISH_MONTHS, *ENGLISH_MONTH_ABBREVIATIONS))
_ES_MONTHS = "|".join(SPANISH_MONTHS)
_MONTH = rf"(?:(?-i:(?:{_EN_MONTHS})\.?)|(?i:{_ES_MONTHS}))(?!\p{{L}})"
_WEEKDAY = (
    r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)"
)
_DAY_LINK = r"(?:,|and|&|to|or|y|al|a|o|-|–|—)"

_DAY_BEFORE_MONTH = regex.compile(rf"^(?:\s*{_DAY_LINK}\s*\d{{1,2}})*\s*(?:of\s+|de\s+)?{_MONTH}")
_MONTH_BEFORE_DAY = regex.compile(rf"{_MONTH}\s+(?:\d{{1,2}}\s*{_DAY_LINK}\s*)*$")
_AFTER_MONTH_DAY = regex.compile(
    rf"^(?:\s*$|\s*[,.;:)\]]|\s+\d{{4}}|\s*{_DAY_LINK}\s*\d|\s+[\p{{Lu}}(])"
)
_WEEKDAY_BEFORE = regex.compile(rf"{_WEEKDAY},?\s+(?:the\s+)?$")
_MONTH_BEFORE = regex.compile(rf"{_MONTH},?\s+$")
_YEAR_FOOTNOTE_BEFORE = regex.compile(rf"(?:{_MONTH}|(?i:\b(?:in|of|since|until|during|year|rmrp)))\s+$")

_DESIGNATOR = regex.compile(
    r"(?:^|(?<=[\s(]))(?:No\.|Nos\.|Nr\.|N[º°]\.?|N\.º|Núm\.|Art\.|#|"
    r"(?:Phase|Round|Stage|Wave|Cycle|Module|Chapter|Section|Article|Annex|Resolution|Decree|"
    r"Law|Act|Goal|Target|SDG|ODS|Route|Highway|Room|Level|Grade|Tier|Version|Number|"
    r"Fase|Ronda|Etapa|Ola|Ciclo|Módulo|Capítulo|Sección|Artículo|Anexo|Resolución|Decreto|"
    r"Ley|Objetivo|Ruta|Número|Nivel)(?!\p{L}))\s*$"
)
_QUOTES = regex.compile(r"“[^“”]*”|«[^«»]*»|\"[^\"]*\"|¨[^¨]*¨")
_TITLE_WORD = regex.compile(r"\p{L}{4,}")

_PHONE = regex.compile(
    r"(?<![\w+])(?:\+\s?\d{1,3}(?:[\s.\-]\(?\d{1,4}\)?|\s?\(\d{1,4}\)){2,}"
    r"|\(\d{2,4}\)\s?\d{2,4}(?:[\s.\-]\d{2,4})+"
    r"|\d{3}[\s.\-]\d{3}[\s.\-]\d{4})(?!\w)"
)
_URL = regex.compile(
    r"(?i:(?:https?://|mailto:|www\.)\S+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
    r"|\b(?:[a-z0-9\-]+\.)+(?:org|int|info|com|net|gov|edu|io|es|co|pe|ec|br|cl|ar)\b(?:/\S*)?)"
)
_TIME = regex.compile(r"(?<!\d)\d{1,2}(?::\d{2}\s*(?:[ap]\.?m\.?|h(?:rs)?)?|\s*[ap]\.m\.|\s*[ap]m(?!\p{L}))")
_SUPERSCRIPT = regex.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]")
_APPROX_BEFORE = regex.compile(r"(?i:\b(?:approx|aprox)\.?\s*)$")

_ONE_AFTER = regex.compile(
    r"^(?:\s+(?:of|de)(?!\p{L})|\s+another\b|\s+(?:by|on|to)\s+one\b|\s+hand\b"
    r"|-(?:stop|off|on-one|to-one|size-fits-all)\b)",
    regex.I,
)
_ONE_BEFORE = regex.compile(
    r"(?:\b(?:no|any|each|every|the\s+only|the\s+same|one\s+(?:by|on|to)|the)\s+)$", regex.I
)
_FRACTION_AFTER = regex.compile(
    r"^(?:-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|quarters?)(?!\p{L})"
    r"|[\s-]+(?:thirds?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|halves|half)(?!\p{L})"
    r"|\s+and\s+a\s+half\b)",
    regex.I,
)


def _masked(sentence: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The sentence with superscript footnote marks blanked (same length), and the
    spans of phone numbers, URLs and times, whose numbers are not mentions."""
    spans = [(m.start(), m.end(), "url") for m in _URL.finditer(sentence)]
    spans += [(m.start(), m.end(), "phone") for m in _PHONE.finditer(sentence)]
    spans += [(m.start(), m.end(), "time") for m in _TIME.finditer(sentence)]
    return _SUPERSCRIPT.sub(" ", sentence), spans


def _core(match: NumberMatch) -> tuple[int, str]:
    """(offset, text) of the number without its qualifier: 'over 6,700' -> (5, '6,700')."""
    if match.quantity.qualifier is None:
        return 0, match.text
    for word in regex.finditer(r"\s+\K\S", match.text):
        try:
            quantity = parse_number(match.text[word.start() :])
        except ValueError:
            continue
        if quantity.qualifier is None:
            return word.start(), match.text[word.start() :]
    return 0, match.text  # unreachable for find_numbers output; keep the whole span


def _enumerators(sentence: str) -> set[int]:
    """Values of '(1) ... (2) ... (3)' list numbers, if the sentence has a (1) and a (2)."""
    found = {int(v) for v in regex.findall(r"\((\d{1,2})\)", sentence)}
    run: set[int] = set()
    n = 1
    while n in found:
        run.add(n)
        n += 1
    return run if len(run) >= 2 else set()


def _is_title(quoted: str) -> bool:
    words = _TITLE_WORD.findall(quoted)
    return bool(words) and sum(w[0].isupper() for w in words) * 2 >= len(words)


def _at_sentence_start(before: str) -> bool:
    stripped = before.rstrip().rstrip(_OPENERS).rstrip()
    return not stripped or stripped.endswith(":")


def _reason(sentence: str, match: NumberMatch, spans: list[tuple[int, int, str]]) -> str | None:
    """Why `match` is not a mention, or None when it is one."""
    for a, b, why in spans:
        if a < match.end and match.start < b:
            return why
    offset, core = _core(match)
    start = match.start + offset
    before, after = sentence[:start], sentence[match.end :]
    quantity = match.quantity
    bare = core.isdigit()
    spelled = core[:1].isalpha() and quantity.unit == "count"

    if bare and len(core) == 4 and (1990 <= quantity.value <= 2035 or _MONTH_BEFORE.search(before)):
        return "year"
    if (
        bare
        and len(core) in (5, 6)
        and 1990 <= int(core[:4]) <= 2035
        and _YEAR_FOOTNOTE_BEFORE.search(before)
    ):
        return "year"  # 'of 20212': a year with its footnote mark glued on
    if bare and len(core) <= 2 and 1 <= quantity.value <= 31:
        if (
            _DAY_BEFORE_MONTH.match(after)
            or (_MONTH_BEFORE_DAY.search(before) and _AFTER_MONTH_DAY.match(after))
            or _WEEKDAY_BEFORE.search(before)
        ):
            return "date"
    if _DESIGNATOR.search(before):
        return "name"
    if bare and before.endswith("[") and after.startswith("]"):
        return "footnote"
    if bare and len(core) <= 2 and regex.search(r"[\p{L})”\"’][.,;:]$", before) and not after[:1].isalnum():
        return "footnote"  # 'in the region.3 The ...'
    if bare and after.startswith(")") and before.endswith("(") and quantity.value in _enumerators(sentence):
        return "enumerator"
    if bare and after.startswith(")") and not before.endswith("(") and (
        not before.strip() or before.rstrip()[-1] in ":;,"
    ):
        return "enumerator"
    if bare and not before.strip() and regex.match(r"\.(?:\s|$)", after):
        return "enumerator"
    if regex.match(r"[-‐‑]\p{Lu}", after):
        return "name"  # '800-Venezuela'
    for quoted in _QUOTES.finditer(sentence):
        if quoted.start() < start and match.end < quoted.end() and _is_title(quoted.group()):
            return "name"
    if spelled:
        words = regex.findall(r"\p{L}+", core)
        if any(len(w) > 1 and w[0].isupper() and w[1:].islower() for w in words) and not _at_sentence_start(
            sentence[: match.start]
        ):
            return "name"  # 'A Thousand Ways to Be a Man', 'One UN'
        if quantity.value == 1 and core.lower() in {"one", "uno"} and (
            _ONE_AFTER.match(after) or _ONE_BEFORE.search(before)
        ):
            return "pronoun"
        if quantity.value == 0 and regex.match(r"[\s-]+tolerance\b", after, regex.I):
            return "pronoun"
        if _FRACTION_AFTER.match(after):
            return "fraction"
    return None


def _classify(text: str) -> Iterator[tuple[str, NumberMatch, int, str | None]]:
    """(sentence, match, core offset, reason or None) for every number in `text`."""
    for sentence in split_sentences(text):
        masked, spans = _masked(sentence)
        for found in find_numbers(masked):
            match = NumberMatch(found.start, found.end, sentence[found.start : found.end], found.quantity)
            yield sentence, match, _core(match)[0], _reason(sentence, match, spans)


def find_mentions(text: str, *, segment: str, page: int, iso3: str | None = None) -> list[Mention]:
    """Every figure in one paragraph (or page) of narrative text, in reading order.

    `text` may be a cleaned paragraph or raw lines (a blank line separates
    paragraphs). Every mention gets `segment`, `page` and `iso3` as given.
    Raises ValueError for a segment not in `SEGMENTS`.
    """
    if segment not in SEGMENTS:
        raise ValueError(f"unknown segment {segment!r}; expected one of {sorted(SEGMENTS)}")
    mentions = []
    for sentence, match, offset, reason in _classify(text):
        if reason is not None:
            continue
        qualifier = match.quantity.qualifier
        if qualifier is None and _APPROX_BEFORE.search(sentence[: match.start]):
            qualifier = "approximately"
        mentions.append(
            Mention(
                segment=segment,
                iso3=iso3,
                value=float(match.quantity.value),
                unit=match.quantity.unit,
                qualifier=qualifier,
                value_text=match.text[offset:],
                sentence=sentence,
                page=int(page),
            )
        )
    return mentions


def find_excluded(text: str) -> list[Excluded]:
    """The numbers `find_mentions` drops from `text`, each with its rule (see module doc)."""
    return [
        Excluded(match.text[offset:], reason, sentence)
        for sentence, match, offset, reason in _classify(text)
        if reason is not None
    ]
