"""Controlled vocabularies: response sectors and countries as these reports print them.

The Regional Response Overview series (English and Spanish editions, 2018-2023)
prints sector headings and country names in many surface forms: upper case in
page headers, Spanish with or without accents, broken over two lines, with an
icon glyph (often a private-use code point) glued to the front, or with a
trailing colon. Downstream tables must carry one canonical spelling, so every
printed form is reduced to a *matching key* (accents, case, spacing and
punctuation removed) and looked up in a table of known forms. Matching is on
the whole string, never a substring, so a sentence that merely mentions
"health" is not mistaken for the Health heading.

Why pycountry: the curated table below covers the countries this series names,
but an edition may name any country (a donor, a transit country). pycountry
supplies ISO 3166 alpha-3 codes and official English and Spanish names for all
of them, maintained upstream instead of in a hand list that would rot. Only an
exact (normalised) name match is accepted: ``pycountry.countries.lookup`` also
accepts two-letter codes ("IT", "AS", "TO" are English words) and
``search_fuzzy`` matches substrings, both far too loose for text scraped from a
PDF. The curated table always decides the printed English short name, so we
return "Bolivia" rather than "Bolivia, Plurinational State of" and
"Trinidad & Tobago" with the ampersand the reports use.
"""

from __future__ import annotations

import gettext
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import pycountry

__all__ = [
    "CANONICAL_SECTORS",
    "Country",
    "match_country",
    "match_sector",
    "normalise_key",
]

CANONICAL_SECTORS: tuple[str, ...] = (
    "Education",
    "Food Security",
    "Health",
    "Humanitarian Transportation",
    "Integration",
    "Multipurpose CBI",
    "Protection",
    "Shelter",
    "WASH",
    "Common Services",
    "Nutrition",
)

# Printed forms per canonical sector, English then Spanish. Forms only need to
# be listed once: accents, case, spacing, hyphens and punctuation are ignored
# by the key, so "Multi-purpose CBI" and "MULTIPURPOSE CBI" come for free.
_SECTOR_FORMS: Mapping[str, tuple[str, ...]] = {
    "Education": ("Education", "Educación"),
    # 'and Nutrition' in some editions' headings; the series reports Nutrition
    # separately when it has its own block.
    "Food Security": ("Food Security", "Seguridad Alimentaria", "Food Security and Nutrition", "Seguridad Alimentaria y Nutrición"),
    "Health": ("Health", "Salud"),
    "Humanitarian Transportation": (
        "Humanitarian Transportation",
        "Humanitarian Transport",
        "Transporte Humanitario",
        "HT",
        "TH",
    ),
    "Integration": (
        "Integration",
        "Socio-economic Integration",
        "Integración",
        "Integración Socioeconómica",
        "Integración Socioeconómica y Cultural",
    ),
    "Multipurpose CBI": (
        "Multipurpose CBI",
        "Multipurpose Cash Based Interventions",
        "Multipurpose Cash",
        "Cash-Based Interventions",
        "CBI",
        "Transferencias Monetarias Multipropósito",
        "TMM",
        "MPC",
        "Multipurpose Cash Assistance",
    ),
    "Protection": ("Protection", "Protección"),
    "Shelter": ("Shelter", "Shelter & NFI", "Shelter and NFI", "Alojamiento", "Albergue", "Alojamiento y NFI"),
    "WASH": ("WASH", "Water, Sanitation and Hygiene", "Agua, Saneamiento e Higiene", "ASH"),
    "Common Services": ("Common Services", "Servicios Comunes"),
    "Nutrition": ("Nutrition", "Nutrición"),
}


@dataclass(frozen=True, slots=True)
class Country:
    """A country as this series prints it in English, with its ISO 3166 alpha-3 code."""

    name: str  # English short name as this series prints it
    iso3: str


# (printed English short name, ISO3, other printed forms). The first element is
# what callers get back; the extra forms cover the Spanish editions and the
# abbreviations seen in tables. Accent/case variants need not be listed.
_CURATED: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Argentina", "ARG", ()),
    ("Aruba", "ABW", ()),
    ("Bolivia", "BOL", ("Bolivia (Plurinational State of)", "Bolivia, Plurinational State of")),
    ("Brazil", "BRA", ("Brasil",)),
    ("Chile", "CHL", ()),
    ("Colombia", "COL", ()),
    ("Costa Rica", "CRI", ()),
    ("Curaçao", "CUW", ("Curazao",)),
    ("Dominican Republic", "DOM", ("Dominican Rep.", "República Dominicana", "Rep. Dominicana")),
    ("Ecuador", "ECU", ()),
    ("Guyana", "GUY", ()),
    ("Mexico", "MEX", ()),
    ("Panama", "PAN", ()),
    ("Paraguay", "PRY", ()),
    ("Peru", "PER", ()),
    ("Trinidad & Tobago", "TTO", ("Trinidad and Tobago", "Trinidad y Tobago")),
    ("Uruguay", "URY", ()),
    (
        "Venezuela",
        "VEN",
        ("Venezuela (Bolivarian Republic of)", "Venezuela, Bolivarian Republic of",
         "República Bolivariana de Venezuela"),
    ),
    ("Guatemala", "GTM", ()),
    ("Honduras", "HND", ()),
    ("El Salvador", "SLV", ()),
    ("Nicaragua", "NIC", ()),
    ("Belize", "BLZ", ("Belice",)),
    ("Cuba", "CUB", ()),
    ("Haiti", "HTI", ("Haití",)),
    ("Jamaica", "JAM", ()),
    ("Canada", "CAN", ("Canadá",)),
    (
        "United States",
        "USA",
        ("United States of America", "Estados Unidos", "Estados Unidos de América"),
    ),
    ("Spain", "ESP", ("España",)),
    ("Suriname", "SUR", ("Surinam", "Surinám")),
    ("French Guiana", "GUF", ("Guayana Francesa", "Guyane", "Guyane française")),
    ("Bonaire", "BES", ()),
    ("Barbados", "BRB", ()),
    ("Guadeloupe", "GLP", ("Guadalupe",)),
)


def normalise_key(text: str) -> str:
    """Reduce printed text to a matching key: no accents, case, spaces or punctuation.

    Why so aggressive: the PDFs break headings over lines, glue icon glyphs
    (private-use code points) to them, print hyphens inconsistently
    ("Multi-purpose") and add trailing colons. Keeping only letters and digits
    makes all of these compare equal while digits still keep "Guyana - 23,300"
    from matching "Guyana".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalnum()).casefold()


def _strip_parenthetical(text: str) -> tuple[str, str] | None:
    """Split 'Name (ABBR)' into ('Name', 'ABBR'); None when there is no trailing group."""
    stripped = text.strip().rstrip(":").strip()
    if not stripped.endswith(")") or "(" not in stripped:
        return None
    head, _, tail = stripped[:-1].rpartition("(")
    if not head.strip() or not tail.strip():
        return None
    return head, tail


@cache
def _sector_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, forms in _SECTOR_FORMS.items():
        for form in forms:
            index[normalise_key(form)] = canonical
    return index


def match_sector(text: str) -> str | None:
    """Canonical sector name if `text` (a heading line as printed, any case, maybe with extra spaces, line breaks, trailing colon, or an icon glyph) IS a sector heading, else None.

    English and Spanish forms are accepted. The whole string must be a sector
    name: 'Number of services provided to beneficiaries' or 'Health personnel
    were trained' give None, because sector words also appear in indicator
    labels and narrative and must not open a new sector section. A full name
    followed by its own abbreviation in brackets ('Water, Sanitation and
    Hygiene (WASH)', 'Transferencias monetarias multipropósito (CBI)') is
    accepted when both halves name the same sector.
    """
    index = _sector_index()
    key = normalise_key(text)
    if not key:
        return None
    found = index.get(key)
    if found is not None:
        return found
    parts = _strip_parenthetical(text)
    if parts is None:
        return None
    head = index.get(normalise_key(parts[0]))
    tail = index.get(normalise_key(parts[1]))
    return head if head is not None and head == tail else None


def _pycountry_names(translate: gettext.NullTranslations) -> Iterable[tuple[str, str]]:
    """(name, iso3) pairs for every pycountry country: names, common and official names."""
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                yield translate.gettext(value), country.alpha_3


@cache
def _country_index() -> dict[str, Country]:
    """Key -> Country. Curated forms win, then English pycountry names, then Spanish."""
    index: dict[str, Country] = {}
    curated_by_iso3: dict[str, Country] = {}
    for name, iso3, variants in _CURATED:
        country = Country(name=name, iso3=iso3)
        curated_by_iso3[iso3] = country
        for form in (name, *variants):
            index.setdefault(normalise_key(form), country)

    translations: list[gettext.NullTranslations] = [gettext.NullTranslations()]
    try:
        translations.append(
            gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
        )
    except OSError:  # a pycountry build without locales: English names still work
        pass
    for translate in translations:
        for printed, iso3 in _pycountry_names(translate):
            key = normalise_key(printed)
            if not key or key in index:
                continue
            index[key] = curated_by_iso3.get(iso3) or _pycountry_country(iso3)
    return index


def _pycountry_country(iso3: str) -> Country:
    """Country for a code outside the curated table, named by pycountry's short name."""
    record = pycountry.countries.get(alpha_3=iso3)
    assert record is not None, iso3
    name = getattr(record, "common_name", None) or record.name
    return Country(name=name, iso3=iso3)


def match_country(text: str) -> Country | None:
    """Country if `text` is (only) a country name as printed in these reports, any case, English or Spanish; else None.

    Labels such as 'Countries', 'IOM', 'LAC' or 'Caribbean' and strings that
    still carry a figure ('Guyana - 23,300') give None: callers split figures
    off first, and a loose match here would invent rows for non-countries.
    ISO codes alone are not accepted either, since two-letter codes collide
    with ordinary words.
    """
    key = normalise_key(text)
    if not key:
        return None
    return _country_index().get(key)


# Month names as the series prints them, spelled out here rather than taken from
# `calendar`, whose names follow the machine's locale: a report is English or Spanish
# whatever machine reads it.
ENGLISH_MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
ENGLISH_MONTH_ABBREVIATIONS: Mapping[str, int] = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7,
    "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
SPANISH_MONTHS: Mapping[str, int] = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
#: Every month spelling above, lower-cased, to its number.
MONTHS: Mapping[str, int] = {
    **{name.lower(): number for number, name in enumerate(ENGLISH_MONTHS, start=1)},
    **{name.lower(): number for name, number in ENGLISH_MONTH_ABBREVIATIONS.items()},
    **SPANISH_MONTHS,
}
