"""``clean_ascii`` leaves out the separators' substitution for a name of letters and single
spaces, which it would not change; every other ASCII text still goes through it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from guwah.names import scripts


def substituted(text: str) -> str:
    return scripts._SEPARATORS.sub(" ", text.replace("`", "'")).strip(" '")


def test_plain_names_come_back_without_outer_spaces() -> None:
    assert scripts.clean_ascii("Tursun Memet") == "Tursun Memet"
    assert scripts.clean_ascii(" Tursun Memet ") == "Tursun Memet"


def test_other_separators_are_still_one_space() -> None:
    assert scripts.clean_ascii("Tursun  Memet") == "Tursun Memet"
    assert scripts.clean_ascii("Tursun\tMemet") == "Tursun Memet"
    assert scripts.clean_ascii("Tursun.Memet-Jan") == "Tursun Memet Jan"
    assert scripts.clean_ascii("`Reyhan`gul Tursun`") == "Reyhan'gul Tursun"


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="abcXYZ '`.-_\t\n,;/|1", max_size=16))
def test_any_ascii_text_is_cleaned_as_the_substitution_cleans_it(text: str) -> None:
    assert scripts.clean_ascii(text) == substituted(text)
    assert not re.search("  ", scripts.clean_ascii(text))
