"""A letter names the state as the UN's terminology does, with its article, in English, French
and Spanish: the G20, the states whose positions the record holds most often, and the Central
Asian states where Uyghur families live."""

from __future__ import annotations

import pytest

from guwah.un import formal_names

G20_STATES = (
    "ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND",
    "ITA", "JPN", "KOR", "MEX", "RUS", "SAU", "TUR", "USA", "ZAF",
)  # fmt: skip
MOST_OFTEN_IN_POSITIONS = (
    "FRA", "GBR", "CAN", "FIN", "DEU", "LTU", "NLD", "USA", "AUS", "DNK",
    "JPN", "NOR", "BEL", "LUX", "NZL", "SWE", "AUT", "EST", "IRL", "LVA", "CUB",
)  # fmt: skip


@pytest.mark.parametrize("code", sorted(set(G20_STATES + MOST_OFTEN_IN_POSITIONS)))
def test_every_g20_state_and_every_state_often_in_positions_has_its_formal_name_in_three_languages(
    code: str,
) -> None:
    names = formal_names.GOVERNMENT_OF[code]

    assert names["en"].startswith("Government of ")
    assert names["fr"].startswith("Gouvernement ")
    assert names["es"].startswith("Gobierno ")


@pytest.mark.parametrize(
    ("code", "language", "expected"),
    [
        ("USA", "en", "Government of the United States of America"),
        ("DEU", "en", "Government of the Federal Republic of Germany"),
        ("TUR", "en", "Government of the Republic of Türkiye"),
        ("TUR", "fr", "Gouvernement de la République de Türkiye"),
        ("CHN", "en", "Government of the People's Republic of China"),
        ("KGZ", "en", "Government of the Kyrgyz Republic"),
        ("NLD", "fr", "Gouvernement du Royaume des Pays-Bas"),
        ("SAU", "es", "Gobierno del Reino de la Arabia Saudita"),
        ("JPN", "es", "Gobierno del Japón"),
        ("NZL", "es", "Gobierno de Nueva Zelandia"),
        ("ARG", "es", "Gobierno de la República Argentina"),
    ],
)
def test_the_government_is_named_with_the_formal_name_and_its_article(
    code: str, language: str, expected: str
) -> None:
    assert formal_names.government_of(code, "unused", language) == expected


def test_a_language_the_table_lacks_falls_back_to_the_english_formal_name() -> None:
    assert formal_names.government_of("JPN", "Japan", "de") == "Government of Japan"
    assert formal_names.government_of("KAZ", "Kazakhstan", "tr") == (
        "Government of the Republic of Kazakhstan"
    )


def test_spanish_speaking_and_luxembourgish_states_are_written_to_in_their_own_language() -> None:
    assert formal_names.letter_language("ARG") == "es"
    assert formal_names.letter_language("CUB") == "es"
    assert formal_names.letter_language("LUX") == "fr"
    assert formal_names.letter_language("JPN") == "en"
