"""Numbers as printed in the IOM Regional Response Overview (English and Spanish).

The same report series prints one quantity in many ways: ``1.7 M`` and ``1,05 M``
in key-figure boxes, ``429.700`` (Ecuador, April-June 2021) and ``2,155,039`` in
tables, ``USD 2.3 billion`` / ``US$ 1.59 bn`` / ``2,3 mil millones`` for funding,
``ten thousand`` in narrative.  This module turns any one of them into a
:class:`Quantity` with a fully scaled value.

Separator rules (the ambiguity is real, so the rule is fixed and tested):

* Both ``.`` and ``,`` present: the last one is the decimal separator
  (``12.345,67`` and ``12,345.67`` -> 12345.67).
* The same separator repeated (``2.155.039``, ``2,155,039``): thousands.
* One separator **with** a scale (K/M/B/bn/mn/thousand/million/billion/mil/
  millones): decimal, because key figures are rounded to one or two decimals in
  both editions (``1,05 M``, ``114,5 K``, ``1.7 M``).  Consequence: an English
  ``1,440 million`` reads as 1.44 million; the series writes ``1.44 billion``.
* One separator **without** a scale, followed by exactly three digits and with a
  non-zero integer part: thousands (``429.700`` -> 429700, ``23,300`` -> 23300).
  ``0.125`` stays decimal because nobody writes a thousands group after a zero.
* Otherwise decimal (``3,5`` -> 3.5, ``1.5`` -> 1.5).
* Spaces (plain, U+00A0, U+202F, U+2009) group thousands only when every group
  after the first has exactly three digits (``2 155 039``).

Other fixed decisions:

* ``-`` / en dash in front is never a minus sign: key-figure lines read
  ``Colombia - 1.7 M``.  Digits joined to digits by ``-``, ``/`` or a dash
  (``2021-06-30``, ``30/06/2021``, ``2020-2021``) are dates, ranges or codes and
  produce no match; digits glued to letters (``COVID-19``, ``R4V``, ``16th``,
  ``2nd``, ``1º``) produce no match either.
* ``mil`` alone is a thousand (``5 mil``); ``mil millones`` is a billion.  The
  Spanish ``billón`` (10**12) is deliberately not recognised.
* Spanish qualifiers map to the nearest English word: ``más de`` -> "more than",
  ``menos de`` -> "less than", ``casi`` -> "almost", ``aproximadamente`` ->
  "approximately", ``alrededor de`` -> "around", ``cerca de`` -> "nearly",
  ``hasta`` -> "up to", ``al menos``/``por lo menos`` -> "at least".
* Spelled numbers: English zero..billion (``one hundred and twenty``,
  ``twenty-five``, ``a million``) and a Spanish subset (dos..veinte, treinta..
  noventa [y N], cien, mil, millón/millones).  ``once`` is left out because it is
  also an English word.  ``one`` in ``one of the`` is still a number: callers
  decide what to keep, as they do for years.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import regex

__all__ = ["NumberMatch", "Quantity", "find_numbers", "parse_number"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One printed quantity; ``value`` is fully scaled (``1.7 M`` -> 1700000.0)."""

    value: float
    unit: str  # "count" | "percent" | "usd"
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A quantity found in running text; ``text == searched[start:end]``."""

    start: int
    end: int
    text: str
    quantity: Quantity


_QUALIFIERS: dict[str, str] = {
    "over": "over",
    "almost": "almost",
    "approximately": "approximately",
    "more than": "more than",
    "less than": "less than",
    "fewer than": "less than",
    "up to": "up to",
    "nearly": "nearly",
    "around": "around",
    "about": "about",
    "at least": "at least",
    "más de": "more than",
    "mas de": "more than",
    "menos de": "less than",
    "casi": "almost",
    "aproximadamente": "approximately",
    "alrededor de": "around",
    "cerca de": "nearly",
    "hasta": "up to",
    "al menos": "at least",
    "por lo menos": "at least",
}

_SCALES: dict[str, int] = {
    "k": 10**3, "thousand": 10**3, "mil": 10**3,
    "m": 10**6, "mn": 10**6, "million": 10**6, "millón": 10**6, "millon": 10**6,
    "millones": 10**6,
    "b": 10**9, "bn": 10**9, "billion": 10**9, "mil millones": 10**9,
}

_EN_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ES_SMALL = {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciséis": 16, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20, "cien": 100,
}
_ES_TENS = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}
_WORD_VALUES: dict[str, int] = {
    **{w: i for i, w in enumerate(_EN_SMALL)},
    **{w: 20 + 10 * i for i, w in enumerate(_EN_TENS)},
    **_ES_SMALL, **_ES_TENS, "uno": 1, "un": 1, "a": 1, "an": 1,
}
_MULTIPLIERS: dict[str, int] = {
    "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
    "mil": 10**3, "millón": 10**6, "millon": 10**6, "millones": 10**6,
}
_CONNECTORS = frozenset({"and", "y"})


def _alt(words: Iterable[str]) -> str:
    """Alternation, longest first, so 'seventeen' wins over 'seven'."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


_NL = r"(?!\p{L})"  # a word ends here
_HSP = r"[^\S\r\n]*"  # same-line spaces: a lone 'M' on the next line is not a scale
_DIGIT_WORD = _alt(_EN_SMALL[1:10] + ["uno", "dos", "tres", "cuatro", "cinco", "seis",
                                       "siete", "ocho", "nueve"])
_SMALL = (rf"(?:{_alt(_EN_TENS + list(_ES_TENS))}(?:-|\s+(?:y\s+)?){_DIGIT_WORD}{_NL}"
          rf"|{_alt(_EN_SMALL + _EN_TENS + list(_ES_SMALL) + list(_ES_TENS))}{_NL})")
_MULT = rf"{_alt(_MULTIPLIERS)}{_NL}"
# A small word may follow only a multiplier ('two thousand five'), never another
# small word, so 'one two' is two numbers and not 3.
_SPELLED = (rf"(?:{_SMALL}|(?:an?|un)(?=\s+{_MULT})|mil{_NL})(?:\s+{_MULT})*"
            rf"(?:(?<={_alt(_MULTIPLIERS)})\s+(?:and\s+)?{_SMALL}(?:\s+{_MULT})*)*")

_SP = r"[\x20\u00a0\u202f\u2009]"
_DIGITS = (
    r"(?:\d{1,3}(?P<gs>[.,])\d{3}(?:(?P=gs)\d{3})*(?:(?!(?P=gs))[.,]\d+)?"
    rf"|\d{{1,3}}(?:{_SP}\d{{3}})+(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?!\d|[.,]\d|[-/\u2010\u2011\u2013]\d)"  # not a fragment of a longer number/date
)
_SCALE = (rf"(?:{_HSP}(?P<scale>mil\s+millones|bn|mn|[kmb]){_NL}(?!\d)"
          rf"|\s*(?P<scale>{_alt(k for k in _SCALES if len(k) > 2)}){_NL})")
_TAIL = (rf"(?:{_HSP}(?P<pct>%)|\s*(?P<pct>percent|per\s+cent|por\s+ciento){_NL}"
         rf"|{_HSP}(?P<cur2>USD|US\$|(?:de\s+)?d[óo]lares|(?:US\s+)?dollars?){_NL})")

_PATTERN = regex.compile(
    rf"""
    (?<![\p{{L}}\p{{N}}_])(?<!\p{{L}}[-\u2010\u2011])(?<!\d[.,/\-\u2010\u2011\u2013])
    (?:(?P<qual>{_alt(_QUALIFIERS)})\s+)?
    (?:(?P<cur>US\s?\$|USD|\$)\s*)?
    (?:(?P<digits>{_DIGITS})(?:{_SCALE})?|(?P<spelled>{_SPELLED}))
    (?(cur)|{_TAIL}?)
    (?![\p{{L}}\p{{N}}º°ª])
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.UNICODE,
)


def _norm(text: str) -> str:
    """Case-fold and collapse whitespace ('Más  de' -> 'más de').

    casefold, not lower: IGNORECASE lets 'ſ' match 's', KELVIN SIGN match 'k' and
    'İ' match 'i'; casefold (minus the combining dot it leaves on 'İ') maps them
    back to the dictionary keys instead of raising KeyError.
    """
    return " ".join(text.casefold().replace("\u0307", "").split())


def _digits_value(digits: str, scaled: bool) -> Decimal:
    """Decimal value of a digit string per the module's separator rules."""
    if regex.search(_SP, digits):
        # Spaces were the thousands separator; any remaining mark is decimal.
        return Decimal(regex.sub(_SP, "", digits).replace(",", "."))
    marks = [c for c in digits if c in ".,"]
    if not marks:
        return Decimal(digits)
    if len(set(marks)) == 2:  # '12.345,67' / '12,345.67': last mark is decimal
        decimal_mark = marks[-1]
        thousands = "," if decimal_mark == "." else "."
        return Decimal(digits.replace(thousands, "").replace(decimal_mark, "."))
    if len(marks) > 1:  # '2.155.039': repeated mark can only be grouping
        return Decimal(digits.replace(marks[0], ""))
    whole, frac = digits.split(marks[0])
    # Ecuador's '429.700' (April-June 2021): one dot + three digits = thousands,
    # unless a scale follows ('1,050 M' is 1.05 M) or the whole part is zero.
    if not scaled and len(frac) == 3 and whole.strip("0"):
        return Decimal(whole + frac)
    return Decimal(f"{whole}.{frac}")


def _spelled_value(text: str) -> int:
    """Value of a spelled number; handles 'one hundred and twenty', 'dos mil millones'."""
    total = current = 0
    for word in regex.findall(r"\p{L}+", _norm(text)):
        if word in _CONNECTORS:
            continue
        mult = _MULTIPLIERS.get(word)
        if mult is None:
            current += _WORD_VALUES[word]
        elif mult == 100:
            current = (current or 1) * 100
        else:
            if current == 0 and total == 0:  # bare 'mil' / 'thousand'
                current = 1
            if total + current < mult:  # 'mil millones': multiply everything so far
                total = (total + current) * mult
            else:  # 'one million two thousand': add a new, smaller block
                total += current * mult
            current = 0
    return total + current


def _quantity(m: regex.Match[str]) -> Quantity:
    """Build the Quantity for one pattern match."""
    if m.group("spelled"):
        value = Decimal(_spelled_value(m.group("spelled")))
    else:
        scale = m.group("scale")
        value = _digits_value(m.group("digits"), scaled=scale is not None)
        if scale is not None:
            value *= _SCALES[_norm(scale)]
    if m.group("cur") or m.group("cur2"):
        unit = "usd"
    elif m.group("pct"):
        unit = "percent"
    else:
        unit = "count"
    qual = m.group("qual")
    return Quantity(float(value), unit, _QUALIFIERS[_norm(qual)] if qual else None)


def parse_number(text: str) -> Quantity:
    """Parse text that is exactly one number, e.g. ``'over 6,700'`` or ``'USD 957M'``.

    Surrounding whitespace and one trailing period (end of a sentence or table
    cell) are ignored.  Raises ValueError quoting ``text`` for anything else:
    empty text, words, two numbers, dates, ``COVID-19``, ordinals, a leading dash.
    """
    candidate = text.strip()
    if candidate.endswith("."):
        candidate = candidate[:-1].rstrip()
    m = _PATTERN.fullmatch(candidate) if candidate else None
    if m is None:
        raise ValueError(f"not a single number: {text!r}")
    return _quantity(m)


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number in running text, left to right and non-overlapping.

    Spans cover qualifier, currency, number, scale and percent sign as printed
    (``(63%)`` yields ``63%``).  Years are kept (callers drop them); ordinals,
    dates/ranges and numbers glued to letters (``COVID-19``, ``R4V``) are not.
    """
    return [
        NumberMatch(m.start(), m.end(), m.group(), _quantity(m))
        for m in _PATTERN.finditer(text)
    ]
