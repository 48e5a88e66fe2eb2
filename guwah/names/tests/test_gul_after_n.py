"""A name ending in n before the suffix gül keys alike with and without the ULY apostrophe."""

from __future__ import annotations

import pytest

from guwah.names import match_key


@pytest.mark.parametrize(
    "spellings",
    [
        ("Amangül", "Aman'gül", "ئامانگۈل", "Amangul", "Amangyul"),
        ("Tursungül", "Tursun'gül", "تۇرسۇنگۈل"),
        ("Reyhangül", "Reyhan'gül", "رەيھانگۈل"),
    ],
)
def test_n_before_gul_is_n_and_g_in_every_spelling(spellings: tuple[str, ...]) -> None:
    assert len({match_key(spelling) for spelling in spellings}) == 1


def test_the_uyghur_ng_before_another_vowel_is_still_one_sound() -> None:
    assert match_key("Mengli") == match_key("مەڭلى")
    assert match_key("يېڭى") == match_key("Yéngi")
