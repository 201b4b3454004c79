"""Tests for sector and country vocabularies (English and Spanish editions)."""

from __future__ import annotations

import dataclasses

import pytest

from sitrep_extract.vocabulary import (
    CANONICAL_SECTORS,
    Country,
    match_country,
    match_sector,
)

SECTOR_CASES: list[tuple[str, str | None]] = [
    # English, as printed
    ("Health", "Health"),
    ("HEALTH", "Health"),
    ("  health  ", "Health"),
    ("Health:", "Health"),
    ("\uf0b7Health", "Health"),
    ("\U0001f3e5 Health", "Health"),
    ("Humanitarian\nTransportation", "Humanitarian Transportation"),
    ("Humanitarian  Transport", "Humanitarian Transportation"),
    ("Education", "Education"),
    ("FOOD SECURITY", "Food Security"),
    ("Integration", "Integration"),
    ("Socio-economic Integration", "Integration"),
    ("Socioeconomic integration", "Integration"),
    ("Multipurpose CBI", "Multipurpose CBI"),
    ("Multi-purpose CBI", "Multipurpose CBI"),
    ("Multipurpose Cash Based Interventions", "Multipurpose CBI"),
    ("Multipurpose Cash", "Multipurpose CBI"),
    ("Cash-Based Interventions", "Multipurpose CBI"),
    ("CBI", "Multipurpose CBI"),
    ("Protection", "Protection"),
    ("Shelter", "Shelter"),
    ("WASH", "WASH"),
    ("Water, Sanitation and Hygiene", "WASH"),
    ("Water, Sanitation and Hygiene (WASH)", "WASH"),
    ("Common Services", "Common Services"),
    ("Nutrition", "Nutrition"),
    # Spanish
    ("Educación", "Education"),
    ("EDUCACION", "Education"),
    ("Seguridad Alimentaria", "Food Security"),
    ("Salud", "Health"),
    ("SALUD:", "Health"),
    ("Transporte Humanitario", "Humanitarian Transportation"),
    ("Integración", "Integration"),
    ("Integración Socioeconómica", "Integration"),
    ("Transferencias Monetarias Multipropósito", "Multipurpose CBI"),
    ("TMM", "Multipurpose CBI"),
    ("Transferencias monetarias multipropósito (CBI)", "Multipurpose CBI"),
    ("Protección", "Protection"),
    ("Alojamiento", "Shelter"),
    ("Albergue", "Shelter"),
    ("Agua, Saneamiento e Higiene", "WASH"),
    ("ASH", "WASH"),
    ("Servicios Comunes", "Common Services"),
    ("Nutrición", "Nutrition"),
    # Not headings
    ("Number of services provided to beneficiaries", None),
    ("Health personnel were trained", None),
    ("Health 2", None),
    ("Support Spaces", None),
    ("Child Protection", None),
    ("Health (WASH)", None),
    ("Countries", None),
    ("", None),
    ("   ", None),
    ("\uf0b7", None),
]


@pytest.mark.parametrize(
    ("text", "expected"), SECTOR_CASES, ids=[repr(t) for t, _ in SECTOR_CASES]
)
def test_match_sector(text: str, expected: str | None) -> None:
    assert match_sector(text) == expected


@pytest.mark.parametrize("sector", CANONICAL_SECTORS, ids=list(CANONICAL_SECTORS))
def test_canonical_names_match_themselves(sector: str) -> None:
    assert match_sector(sector) == sector
    assert match_sector(sector.upper()) == sector


def test_canonical_sectors_are_the_documented_eleven() -> None:
    assert len(CANONICAL_SECTORS) == 11
    assert len(set(CANONICAL_SECTORS)) == 11


CURATED: list[tuple[str, str]] = [
    ("Argentina", "ARG"), ("Aruba", "ABW"), ("Bolivia", "BOL"), ("Brazil", "BRA"),
    ("Chile", "CHL"), ("Colombia", "COL"), ("Costa Rica", "CRI"), ("Curaçao", "CUW"),
    ("Dominican Republic", "DOM"), ("Ecuador", "ECU"), ("Guyana", "GUY"), ("Mexico", "MEX"),
    ("Panama", "PAN"), ("Paraguay", "PRY"), ("Peru", "PER"), ("Trinidad & Tobago", "TTO"),
    ("Uruguay", "URY"), ("Venezuela", "VEN"), ("Guatemala", "GTM"), ("Honduras", "HND"),
    ("El Salvador", "SLV"), ("Nicaragua", "NIC"), ("Belize", "BLZ"), ("Cuba", "CUB"),
    ("Haiti", "HTI"), ("Jamaica", "JAM"), ("Canada", "CAN"), ("United States", "USA"),
    ("Spain", "ESP"), ("Suriname", "SUR"), ("French Guiana", "GUF"), ("Bonaire", "BES"),
    ("Barbados", "BRB"), ("Guadeloupe", "GLP"),
]


@pytest.mark.parametrize(("name", "iso3"), CURATED, ids=[n for n, _ in CURATED])
def test_curated_names_round_trip(name: str, iso3: str) -> None:
    assert match_country(name) == Country(name, iso3)
    assert match_country(name.upper()) == Country(name, iso3)


COUNTRY_VARIANTS: list[tuple[str, str, str]] = [
    ("Trinidad and Tobago", "Trinidad & Tobago", "TTO"),
    ("TRINIDAD & TOBAGO", "Trinidad & Tobago", "TTO"),
    ("Trinidad y Tobago", "Trinidad & Tobago", "TTO"),
    ("Curacao", "Curaçao", "CUW"),
    ("CURAÇAO", "Curaçao", "CUW"),
    ("DOMINICAN REPUBLIC", "Dominican Republic", "DOM"),
    ("Dominican Rep.", "Dominican Republic", "DOM"),
    ("República Dominicana", "Dominican Republic", "DOM"),
    ("Bolivia (Plurinational State of)", "Bolivia", "BOL"),
    ("Brasil", "Brazil", "BRA"),
    ("Perú", "Peru", "PER"),
    ("México", "Mexico", "MEX"),
    ("Panamá", "Panama", "PAN"),
    ("Estados Unidos", "United States", "USA"),
    ("Canadá", "Canada", "CAN"),
    ("Haití", "Haiti", "HTI"),
    ("Belice", "Belize", "BLZ"),
    ("Guayana Francesa", "French Guiana", "GUF"),
    ("España", "Spain", "ESP"),
    ("  Costa\nRica ", "Costa Rica", "CRI"),
    ("Colombia:", "Colombia", "COL"),
    # Outside the curated table: ISO3 from pycountry, English or Spanish name.
    ("Germany", "Germany", "DEU"),
    ("Alemania", "Germany", "DEU"),
    ("Italy", "Italy", "ITA"),
]


@pytest.mark.parametrize(
    ("text", "name", "iso3"), COUNTRY_VARIANTS, ids=[repr(t) for t, _, _ in COUNTRY_VARIANTS]
)
def test_printed_variants(text: str, name: str, iso3: str) -> None:
    assert match_country(text) == Country(name, iso3)


NOT_COUNTRIES: list[str] = [
    "Countries", "IOM", "Health", "LAC", "Region", "Caribbean", "", "   ",
    "Guyana - 23,300", "IT", "AS", "PER", "Colombia and Peru", "Total",
]


@pytest.mark.parametrize("text", NOT_COUNTRIES, ids=[repr(t) for t in NOT_COUNTRIES])
def test_non_countries(text: str) -> None:
    assert match_country(text) is None


def test_country_is_frozen() -> None:
    country = Country("Peru", "PER")
    with pytest.raises(dataclasses.FrozenInstanceError):
        country.name = "Perú"  # type: ignore[misc]
