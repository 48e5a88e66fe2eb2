"""The phonetic form, which keeps the vowels, is the same for one name in every script.

The linkage model weighs agreement on the phonetic form above agreement on the consonants alone,
so a script that reads a name's vowels differently makes its records look less alike.
"""

from __future__ import annotations

import pytest

from guwah.names import phonetic


@pytest.mark.parametrize(
    "spelling",
    [
        "Muhemmet",  # ULY, read as Memet like every Latin spelling of Muhammad
        "مۇھەممەت",  # Uyghur Arabic script
        "Mukhammat",  # Russian
        "穆罕默德",  # Chinese characters
        "Muhanmode",  # their pinyin
    ],
)
def test_the_muhammad_family_sounds_the_same_in_every_script(spelling: str) -> None:
    assert phonetic(spelling) == phonetic("Memet")


def test_it_keeps_the_muhammad_family_apart_from_mamut_and_mehmut() -> None:
    assert phonetic("Mamut") != phonetic("Memet")
    assert phonetic("Mehmut") != phonetic("Memet")
    assert phonetic("Abdulhamit") != phonetic("Abdulmemet")


@pytest.mark.parametrize(("russian", "uly"), [("Gyulnar", "Gülnar"), ("Nurgyul", "Nurgül")])
def test_a_russian_yu_after_a_consonant_sounds_like_u_umlaut(russian: str, uly: str) -> None:
    assert phonetic(russian) == phonetic(uly)


@pytest.mark.parametrize("name", ["Yusup", "Ayup", "Qeyyum"])
def test_a_y_that_opens_a_syllable_stays(name: str) -> None:
    # Only a consonant before yu makes it the softening of ü.
    assert phonetic(name) != phonetic(name.replace("y", "").replace("Y", ""))
