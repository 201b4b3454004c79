"""Report metadata: title, language and period statements as the series prints them."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep_extract.layout import build_lines
from sitrep_extract.metadata import TITLES, detect_language, find_period, read_meta

from conftest import make_words

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("achievements in the LAC region from April to June 2021 thanks to", D(2021, 4, 1), D(2021, 6, 30)),
        ("Between April and June 20212, IOM was able", D(2021, 4, 1), D(2021, 6, 30)),
        ("REGIONAL RESPONSE OVERVIEW April 2018 – February 2019", D(2018, 4, 1), D(2019, 2, 28)),
        ("July-September 2020", D(2020, 7, 1), D(2020, 9, 30)),
        ("January – March 2021", D(2021, 1, 1), D(2021, 3, 31)),
        ("en la región de abril a junio de 2021 gracias a", D(2021, 4, 1), D(2021, 6, 30)),
        ("MONTHLY UPDATE – MARCH 2019", D(2019, 3, 1), D(2019, 3, 31)),
        ("from October to December 2020", D(2020, 10, 1), D(2020, 12, 31)),
        ("from November 2019 to January 2020", D(2019, 11, 1), D(2020, 1, 31)),
        ("in the region (1 April – 30 June 2021)", D(2021, 4, 1), D(2021, 6, 30)),
        ("in the period April to June 2021", D(2021, 4, 1), D(2021, 6, 30)),
        ("Abril a junio de 2021", D(2021, 4, 1), D(2021, 6, 30)),
        ("during April and May 2021", D(2021, 4, 1), D(2021, 5, 31)),
    ],
    ids=[
        "from-to", "glued-footnote", "long-period", "hyphen", "en-dash", "spanish", "monthly", "q4", "across-years",
        "days", "no-from", "spanish-capital", "two-months",
    ],
)
def test_find_period(text: str, start: dt.date, end: dt.date) -> None:
    period = find_period(text)
    assert period is not None and (period.start, period.end) == (start, end)


def test_no_period_in_unrelated_text() -> None:
    assert find_period("IOM delivered 330 tablets and 320 educational kits") is None


def test_language_and_title() -> None:
    assert detect_language("This report series aims at providing a summary of the response") == "en"
    assert detect_language("Este informe presenta la respuesta de la OIM en la región para los migrantes") == "es"
    words = make_words("VENEZUELAN MIGRANT AND REFUGEE SITUATION:", 30, 40, size=16, bold=True) + make_words(
        "REGIONAL RESPONSE OVERVIEW", 30, 60, size=16, bold=True
    ) + make_words("The response of IOM in the region from April to June 2021 for the migrants.", 30, 90)
    meta = read_meta(build_lines(words))
    assert meta.title == TITLES["en"] and meta.language == "en"
    assert meta.period is not None and meta.period.start == D(2021, 4, 1)


def test_spanish_title() -> None:
    words = make_words("SITUACIÓN DE MIGRANTES Y REFUGIADOS VENEZOLANOS:", 30, 40, size=16, bold=True) + make_words(
        "RESPUESTA REGIONAL", 30, 60, size=16, bold=True
    ) + make_words("La respuesta de la OIM en la región de enero a marzo de 2021 para los migrantes y refugiados.", 30, 90)
    meta = read_meta(build_lines(words))
    assert (meta.title, meta.language) == (TITLES["es"], "es")
    assert meta.period is not None and meta.period.end == D(2021, 3, 31)


def test_other_documents_have_no_title() -> None:
    meta = read_meta(build_lines(make_words("Quarterly influenza summary for the region", 30, 40)))
    assert meta.title is None


def test_refugee_first_title_and_a_period_printed_low_on_the_page() -> None:
    words = (
        make_words("VENEZUELAN REFUGEE AND MIGRANT SITUATION:", 30, 40, size=16, bold=True)
        + make_words("REGIONAL RESPONSE OVERVIEW", 30, 60, size=16, bold=True)
        + [w for i in range(45) for w in make_words(f"Sector label number {i}", 30, 90 + 12 * i)]
        + make_words("April-June 2021 / www.r4v.info", 30, 800)
    )
    meta = read_meta(build_lines(words))
    assert meta.title == TITLES["en"]
    assert meta.period is not None and (meta.period.start, meta.period.end) == (D(2021, 4, 1), D(2021, 6, 30))


def test_month_names_do_not_depend_on_the_machine_locale() -> None:
    from sitrep_extract.vocabulary import MONTHS

    assert sorted(set(MONTHS.values())) == list(range(1, 13))
    assert (MONTHS["sept"], MONTHS["setiembre"], MONTHS["may"], MONTHS["mayo"]) == (9, 9, 5, 5)
