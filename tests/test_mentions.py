"""Figures in narrative text: which numbers are mentions, and the sentences they come from.

Most fragments are real sentences of the April-June 2021 report (the seed text in
../shared/seed/); `test_seed_fragments_are_real` keeps them honest.  "made" ones are
invented to cover shapes the seed does not print.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from sitrep_extract.mentions import Mention, find_excluded, find_mentions, split_sentences

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "iom-venezuela-regional-response-2021-q2.txt"

Row = tuple[float, str, str | None, str]  # value, unit, qualifier, value_text

# (id, source, fragment, expected mentions in order)
CASES: list[tuple[str, str, str, list[Row]]] = [
    # ---- keep
    ("keep-count-thousands", "seed",
     "To date, a total of 9,085 people in socioeconomic vulnerability received Multipurpose Cash Transfer support",
     [(9085, "count", None, "9,085")]),
    ("keep-usd-billion-M-B", "seed",
     "pledged a total of USD 2.3 billion (USD 957M in grants and USD 1.4B in loans) for the response",
     [(2.3e9, "usd", None, "USD 2.3 billion"), (9.57e8, "usd", None, "USD 957M"), (1.4e9, "usd", None, "USD 1.4B")]),
    ("keep-qualifiers-over-almost", "seed",
     "IOM distributed over 6,700 hygiene kits, 5,700 food kits and almost 13,800 hot meals",
     [(6700, "count", "over", "6,700"), (5700, "count", None, "5,700"), (13800, "count", "almost", "13,800")]),
    ("keep-spelled-ten-thousand", "seed",
     "allowed the Dominican authorities to provide orientation to ten thousand migrants and refugees from Venezuela.",
     [(10000, "count", None, "ten thousand")]),
    ("keep-spelled-eight-million", "seed",
     "The campaign reached eight million people on Twitter, Facebook, Instagram and YouTube.",
     [(8e6, "count", None, "eight million")]),
    ("keep-percent-in-parentheses", "seed",
     "were economic resources (63%), work (56%), housing and shelter (37%)",
     [(63, "percent", None, "63%"), (56, "percent", None, "56%"), (37, "percent", None, "37%")]),
    ("keep-spelled-thirteen-and-six", "seed",
     "The conference was also attended by government representatives of thirteen host countries, UN agencies, "
     "civil society organizations, the IFRC, and six Venezuelan migrants",
     [(13, "count", None, "thirteen"), (6, "count", None, "six")]),
    ("keep-donors-and-parenthesised-counts", "seed",
     "The 34 donors, including states (31), the European Union and international banks (2) pledged",
     [(34, "count", None, "34"), (31, "count", None, "31"), (2, "count", None, "2")]),
    ("keep-approximately", "seed",
     "to provide food support to approximately 200 families.",
     [(200, "count", "approximately", "200")]),
    ("keep-more-than-across-line-break", "made",
     "In total, more than\n100 government employees were trained.",
     [(100, "count", "more than", "100")]),
    ("keep-views-and-five-days", "seed",
     "reached 800 views within five days.",
     [(800, "count", None, "800"), (5, "count", None, "five")]),
    ("keep-two-month-duration", "seed",
     "the OSE closed the two-month running regional campaign",
     [(2, "count", None, "two")]),
    ("keep-scaled-count-drop-year-and-code", "seed",
     "The meetings reflected the sectoral needs of 3.3 million persons estimated to be in critical need of "
     "assistance under the RMRP 2021 and the corresponding efforts and financial requirements of the 159 R4V "
     "Platform members working in 17 countries of the region.",
     [(3.3e6, "count", None, "3.3 million"), (159, "count", None, "159"), (17, "count", None, "17")]),
    ("keep-plain-one", "made", "IOM opened one shelter in Pisiga.", [(1, "count", None, "one")]),
    ("keep-approx-abbreviation", "made", "IOM supported approx. 200 families.", [(200, "count", "approximately", "200")]),
    ("keep-spanish-qualifier", "made", "más de 100 funcionarios", [(100, "count", "more than", "100")]),
    ("keep-number-with-superscript-footnote", "made", "a total of 9,085¹ people", [(9085, "count", None, "9,085")]),
    ("keep-month-then-count-noun", "made", "In June 20 families received kits.", [(20, "count", None, "20")]),
    # ---- exclude: years
    ("year-after-month", "seed", "Between April and June 2021, IOM was able to provide", []),
    ("year-in-plan-name", "seed", "The R4V Platform also began the RMRP 2022 planning process", []),
    ("year-glued-to-parenthesis", "made", "Response Plan 2021(RMRP).", []),
    ("year-with-glued-footnote-mark", "seed", "in the 2nd quarter of 20212", []),
    ("year-with-qualifier", "made", "The strategy runs up to 2025.", []),
    # ---- exclude: day numbers in dates
    ("date-ordinal-month-day", "seed", "co-leaders of the R4V on June 17th.", []),
    ("date-ordinal-day-month", "seed", "presented in the 16th Regional Platform meeting on Thursday 8th July.", []),
    ("date-day-month", "made", "The meeting was held on 8 July.", []),
    ("date-month-day-year", "made", "The meeting was held on July 8, 2021.", []),
    ("date-day-month-year", "made", "the Republic of Peru on 22 June 2021.", []),
    ("date-day-range", "made", "between 8 and 10 July", []),
    ("date-spanish", "made", "IOM realizó 3 talleres el 5 de julio de 2021.", [(3, "count", None, "3")]),
    ("date-time-of-day", "made", "at 10:30 the 40 participants", [(40, "count", None, "40")]),
    # ---- exclude: names and codes
    ("name-r4v-covid", "seed", "the impact of the COVID-19 pandemic on the Venezuelan population", []),
    ("name-program-800-venezuela", "seed",
     "In the framework of the Program ¨800-Venezuela¨, IOM provided support to 20 Venezuelan migrants",
     [(20, "count", None, "20")]),
    ("name-800-venezuela-unquoted", "made", "the 800-Venezuela hotline", []),
    ("name-un-women", "made", "In partnership with UN Women, IOM supported 50 women.", [(50, "count", None, "50")]),
    ("name-unwomen", "seed", "In partnership with UNWOMEN, IOM also supported SOAZA", []),
    ("name-campaign-title", "seed",
     "the OSE closed the two-month running regional campaign “A Thousand Ways to Be a Man” with a virtual event",
     [(2, "count", None, "two")]),
    ("name-phone", "made", "Call +1 809 555 1234 for information.", []),
    ("name-designator", "made", "Phase 2 started with 300 families under Resolution No. 5.", [(300, "count", None, "300")]),
    ("name-url", "seed", "June, 2021 / www.r4v.info", []),
    # ---- exclude: footnotes
    ("footnote-glued-to-word", "seed", "REGIONAL RESPONSE1", []),
    ("footnote-bracketed", "made", "IOM reached 500 people [1] in Lima.", [(500, "count", None, "500")]),
    ("footnote-after-full-stop", "made", "in the region.3 The next", []),
    # ---- exclude: ordinals (spelled ordinals are not numbers)
    ("ordinal-third-round", "seed", "the findings of the third round of surveys", []),
    ("ordinal-first-stage", "made", "as the first stage of the planning process", []),
    ("ordinal-second-wave", "seed", "to respond to the second wave of COVID-19 infections.", []),
    ("ordinal-spelled-compound", "made", "the twenty-first century", []),
    ("fraction-one-third", "made", "one-third of respondents", []),
    # ---- exclude: 'one' that is not a quantity
    ("one-of-the", "seed", "IOM has been one of the key agencies to aid both", []),
    ("no-one", "made", "no one is left behind", []),
    ("one-by-one", "made", "families were registered one by one", []),
    # ---- exclude: list numbering
    ("enumerator-parenthesised", "made", "The goals are (1) improve access; (2) protect 300 people.",
     [(300, "count", None, "300")]),
    ("enumerator-footnote-line", "seed", "1. Results of regional RMRP projects from April to June 2021.", []),
]


def _rows(mentions: list[Mention]) -> list[Row]:
    return [(m.value, m.unit, m.qualifier, m.value_text) for m in mentions]


@pytest.mark.parametrize(("fragment", "expected"), [pytest.param(c[2], c[3], id=c[0]) for c in CASES])
def test_mentions_table(fragment: str, expected: list[Row]) -> None:
    assert _rows(find_mentions(fragment, segment="regional_highlight", page=1)) == [
        (pytest.approx(v), u, q, t) for v, u, q, t in expected
    ]


@cache
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed text not found: {SEED}")
    return SEED.read_text(encoding="utf-8")


def test_seed_fragments_are_real() -> None:
    flat = " ".join(seed_text().split())
    missing = [c[0] for c in CASES if c[1] == "seed" and " ".join(c[2].split()) not in flat]
    assert missing == []


def test_mention_fields_and_sentence() -> None:
    text = "IOM delivered 330 tablets.  The items\nwill be donated to 50   children."
    mentions = find_mentions(text, segment="country_highlight", page=4, iso3="ECU")
    assert mentions == [
        Mention("country_highlight", "ECU", 330.0, "count", None, "330", "IOM delivered 330 tablets.", 4),
        Mention("country_highlight", "ECU", 50.0, "count", None, "50", "The items will be donated to 50 children.", 4),
    ]
    assert all(type(m.value) is float and type(m.page) is int for m in mentions)


def test_unknown_segment_is_rejected() -> None:
    with pytest.raises(ValueError, match="segment"):
        find_mentions("34 donors", segment="country", page=1)


def test_excluded_numbers_carry_their_rule() -> None:
    text = (
        "The R4V Platform began the RMRP 2022 planning process on 8 July. IOM has been one of the key agencies. "
        "Call +1 809 555 1234 or see [1]."
    )
    assert [(e.value_text, e.reason) for e in find_excluded(text)] == [
        ("2022", "year"), ("8", "date"), ("one", "pronoun"), ("1 809 555", "phone"), ("1234", "phone"), ("1", "footnote"),
    ]


SPLIT_CASES: list[tuple[str, str, list[str]]] = [
    ("e.g.-and-i.e.", "Items included kits, e.g. soap and masks. IOM also delivered 4,000 gloves, i.e. 40 boxes. Done!",
     ["Items included kits, e.g. soap and masks.", "IOM also delivered 4,000 gloves, i.e. 40 boxes.", "Done!"]),
    ("U.S.", "Funding from the U.S. Government reached USD 2.3 billion. The conference closed.",
     ["Funding from the U.S. Government reached USD 2.3 billion.", "The conference closed."]),
    ("No.", "Resolution No. 5 was adopted. IOM welcomed it.", ["Resolution No. 5 was adopted.", "IOM welcomed it."]),
    ("approx.", "IOM supported approx. 200 families. The program continues.",
     ["IOM supported approx. 200 families.", "The program continues."]),
    ("St.", "IOM opened an office in St. Kitts and Nevis. It serves migrants.",
     ["IOM opened an office in St. Kitts and Nevis.", "It serves migrants."]),
    ("initials", "The event was opened by Eduardo J. Stein, Joint Special Representative. He thanked donors.",
     ["The event was opened by Eduardo J. Stein, Joint Special Representative.", "He thanked donors."]),
    ("decimal-scales", "Colombia hosts 1.7 M. The region hosts 4.6 million.",
     ["Colombia hosts 1.7 M.", "The region hosts 4.6 million."]),
    ("quote-closes-sentence", "He said “We reached 500 families. We will continue.” Then IOM left.",
     ["He said “We reached 500 families. We will continue.”", "Then IOM left."]),
    ("question-in-quoted-title", 'opened the event "How to advance integration in the context of a global pandemic?” '
     "led by the Integration Sector. The Special Envoy spoke.",
     ['opened the event "How to advance integration in the context of a global pandemic?” led by the Integration Sector.',
      "The Special Envoy spoke."]),
    ("parentheses", "Results were positive (see annex 2. The figures are preliminary.) IOM will report again.",
     ["Results were positive (see annex 2. The figures are preliminary.)", "IOM will report again."]),
    ("blank-line-is-a-break", "R4V SIDE EVENTS\n\nThe events brought together approximately 2,500 participants.",
     ["R4V SIDE EVENTS", "The events brought together approximately 2,500 participants."]),
    ("hyphenated-line-break-and-ligature", "for their Joint Needs Assess-\nments as the \ufffdrst stage.",
     ["for their Joint Needs Assessments as the first stage."]),
    ("list-number-opens-sentence", "1. Results of regional RMRP projects. 2. Figures are not unique.",
     ["1. Results of regional RMRP projects.", "2. Figures are not unique."]),
    ("p.m.-ends-sentence", "It was held at 8 p.m. The next day was calm.", ["It was held at 8 p.m.", "The next day was calm."]),
    ("empty", " \n ", []),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(c[1], c[2], id=c[0]) for c in SPLIT_CASES])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_split_seed_paragraph() -> None:
    seed = seed_text()
    start = seed.index("The International Donors Conference")
    paragraph = seed[start : seed.index("R4V Side Events:", start)]
    sentences = split_sentences(paragraph)
    assert [s[:40] for s in sentences] == [
        "The International Donors Conference in S",
        "The 34 donors, including states (31), th",
        "The conference was also attended by gove",
        "The IOM Director General gave opening re",
    ]
    assert sentences[0].endswith("co-leaders of the R4V on June 17th.")


def _is_year(m: Mention) -> bool:
    return m.unit == "count" and 2019 <= m.value <= 2023 and len(m.value_text) == 4 and m.value_text.isdigit()


def test_whole_seed_regional_highlights() -> None:
    seed = seed_text()
    text = seed[seed.index("REGIONAL HIGHLIGHTS") + len("REGIONAL HIGHLIGHTS") :]
    mentions = find_mentions(text, segment="regional_highlight", page=3)
    found = set(_rows(mentions))
    expected: set[Row] = {
        (34, "count", None, "34"),
        (31, "count", None, "31"),
        (2, "count", None, "2"),
        (2.3e9, "usd", None, "USD 2.3 billion"),
        (9.57e8, "usd", None, "USD 957M"),
        (1.4e9, "usd", None, "USD 1.4B"),
        (13, "count", None, "thirteen"),
        (2500, "count", "approximately", "2,500"),
        (3.3e6, "count", None, "3.3 million"),
        (210, "count", "more than", "210"),
        (350, "count", "over", "350"),
        (800, "count", None, "800"),
        (5, "count", None, "five"),
        (8e6, "count", None, "eight million"),
    }
    assert expected <= found
    assert [m for m in mentions if _is_year(m)] == []
    assert not any(m.value_text.lower() in {"a thousand", "one"} for m in mentions)  # campaign title, 'one of'
    assert all(m.segment == "regional_highlight" and m.page == 3 and m.iso3 is None for m in mentions)
    assert all(m.value_text in m.sentence and "\n" not in m.sentence and "  " not in m.sentence for m in mentions)


def test_whole_seed_country_highlights() -> None:
    seed = seed_text()
    text = seed[seed.index(" Guyana - 23,300") : seed.index("REGIONAL HIGHLIGHTS")]
    mentions = find_mentions(text, segment="country_highlight", page=2)
    found = set(_rows(mentions))
    expected: set[Row] = {
        (9085, "count", None, "9,085"),
        (6700, "count", "over", "6,700"),
        (13800, "count", "almost", "13,800"),
        (10000, "count", None, "ten thousand"),
        (63, "percent", None, "63%"),
        (200, "count", "approximately", "200"),
        (100, "count", "more than", "100"),
        (10, "count", None, "ten"),
    }
    assert expected <= found
    assert [m for m in mentions if _is_year(m)] == []
    assert not any(m.value_text == "one" for m in mentions)
    assert not any(m.value_text == "800" and "800-Venezuela" in m.sentence for m in mentions)
