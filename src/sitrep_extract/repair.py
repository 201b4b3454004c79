"""Text repair for strings read out of the report PDFs.

The fonts in these reports draw "fi" as one ligature glyph with no usable
Unicode mapping, so PDF text tools hand back 'bene\\ufffdciaries',
'bene\\tciaries', 'bene\\uef00ciaries' (a private-use code point) or the
presentation form U+FB01. Indicator labels are join keys across editions, so
'Number of services provided to bene\\ufffdciaries' must become the same string
as the correctly encoded label in other reports. Line breaks, NBSPs and
hyphenated breaks must go for the same reason.

Repair is deliberately narrow: a damaged glyph is only rewritten where its
neighbours make a lost ligature the likely reading, and anything else (a lone
replacement character, digits, 'R4V', 'multi-sector') is left exactly as
printed. A lost ff/ffi/fl glyph cannot be told apart from a lost fi glyph
without a dictionary; the series' fonts lose 'fi', so that is what we restore.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = ["clean_text", "join_lines", "repair_word"]

_REPLACEMENT = "\ufffd"
_TAB = "\t"

# Presentation-form ligatures U+FB00..U+FB06 (ff, fi, fl, ffi, ffl, long-s t, st).
_LIGATURES = re.compile("[\ufb00-\ufb06]")
# Candidates for a lost ligature glyph: U+FFFD, a tab, any private-use code point.
_DAMAGED = re.compile("[\ufffd\t\ue000-\uf8ff]")
_WHITESPACE = re.compile(r"\s+")


def _is_glyph(ch: str) -> bool:
    """True for U+FFFD or a private-use code point (the stand-ins for a lost ligature)."""
    return ch == _REPLACEMENT or "\ue000" <= ch <= "\uf8ff"


def _is_symbol_font(ch: str) -> bool:
    """True for U+F000..U+F0FF, where Symbol/Wingdings bullets and icons are remapped.

    A bullet glyph glued to the start of a word ('\\uf0b7Health') is an icon,
    not a lost 'fi', so this block is only repaired between two letters.
    """
    return "\uf000" <= ch <= "\uf0ff"


def _is_boundary(ch: str) -> bool:
    """True when `ch` ends a preceding word: anything but a letter, digit or damaged glyph.

    Glyphs do not count as boundaries so that two adjacent damaged glyphs are
    both left alone; otherwise a second pass would repair what the first
    skipped and clean_text would not be idempotent.
    """
    return not (ch.isalpha() or ch.isdigit() or _is_glyph(ch))


def _fi_for(prev: str, nxt: str, after: str) -> str:
    """'FI' inside an all-caps word, else 'fi'."""
    if prev.isalpha():
        return "FI" if prev.isupper() and nxt.isupper() else "fi"
    return "FI" if nxt.isupper() and after.isupper() else "fi"


def _repair_damaged(match: re.Match[str]) -> str:
    text = match.string
    pos = match.start()
    ch = match.group()
    prev = text[pos - 1] if pos > 0 else ""
    nxt = text[pos + 1] if pos + 1 < len(text) else ""
    after = text[pos + 2] if pos + 2 < len(text) else ""
    if not nxt.isalpha():
        return ch
    if ch == _TAB:
        # A tab is usually a real column gap; only 'bene\tciaries' (lower on
        # both sides) is read as a lost ligature.
        return "fi" if prev.islower() and nxt.islower() else ch
    if prev.isalpha():
        if prev.islower() and nxt.isupper():
            return ch  # 'xX' across a glyph is not a ligature position
        return _fi_for(prev, nxt, after)
    if (prev == "" or _is_boundary(prev)) and not _is_symbol_font(ch):
        return _fi_for(prev, nxt, after)
    return ch


def _expand_ligature(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group())


def repair_word(text: str) -> str:
    """Repair lost ligature glyphs inside one word: U+FFFD, a tab, or a private-use char standing between letters or at the start of a word before letters becomes 'fi'; U+FB00–U+FB06 expand to their letters. Leaves everything else alone (a lone '\\ufffd' that is the whole word stays; digits are not touched).

    Details that keep the repair conservative:
    * 'FI' is used when both neighbours are upper case ('CON\\ufffdDENTIAL'),
      or at the start of an all-caps word ('\\ufffdELD' -> 'FIELD').
    * Lower case before and upper case after is left alone (not a ligature).
    * A tab only counts between two lower-case letters.
    * Symbol-font private-use glyphs (U+F000-U+F0FF) at the start of a word
      are icons and are kept.
    * Two damaged glyphs next to each other are both kept.
    Safe to call on a whole line: the decision only looks at neighbours.
    """
    expanded = _LIGATURES.sub(_expand_ligature, text)
    return _DAMAGED.sub(_repair_damaged, expanded)


def clean_text(text: str) -> str:
    """Repair every word, then collapse runs of whitespace (including line breaks, NBSP U+00A0, narrow NBSP U+202F, tabs) to one space and strip. Used for labels: 'Number of services\\nprovided to bene\\ufffdciaries' -> 'Number of services provided to beneficiaries'.

    Repair runs before the collapse so that an in-word tab is still seen
    between its letters. The result is idempotent: cleaning twice changes nothing.
    """
    return _WHITESPACE.sub(" ", repair_word(text)).strip()


def _ends_hyphenated(line: str) -> bool:
    """True when `line` ends in '-' attached to a letter or digit (not a spaced dash)."""
    return len(line) >= 2 and line.endswith("-") and line[-2].isalnum()


def join_lines(lines: Sequence[str]) -> str:
    """Join the printed lines of a paragraph into one cleaned string: a line ending in a letter + '-' followed by a line starting with a lowercase letter is a hyphenated break and is joined without the hyphen ('Assess-' + 'ments as the first' -> 'Assessments as the first'); a line ending in '-' followed by an uppercase letter or digit keeps the hyphen and joins with no space ('COVID-' + '19' -> 'COVID-19'; 'IOM-' + 'UNHCR' -> 'IOM-UNHCR'); otherwise lines join with one space. Then clean_text.

    Each line is cleaned first so a repaired ligature at the start of a line
    ('\\ufffdrst') counts as the lower-case letter it stands for. A dash with
    a space before it ('Guyana -') is punctuation, not a break, and joins with
    a space. Blank lines are dropped.
    """
    joined = ""
    for raw in lines:
        line = clean_text(raw)
        if not line:
            continue
        if not joined:
            joined = line
        elif _ends_hyphenated(joined) and joined[-2].isalpha() and line[0].islower():
            joined = joined[:-1] + line
        elif _ends_hyphenated(joined) and (line[0].isupper() or line[0].isdigit()):
            joined = joined + line
        else:
            joined = f"{joined} {line}"
    return clean_text(joined)
