"""Names in the New Script (Yéngi Yéziq, 1965–1982): x is sh, h is x, q is ch."""

from __future__ import annotations

import pytest

from guwah.names.match import match_key, similarity, to_uly
from guwah.names.new_script import is_new_script, new_script_to_uly, reading_if_new_script


@pytest.mark.parametrize(
    ("new_script", "uly"),
    [
        ("Ⱨoxur", "Hoshur"),
        ("Xɵⱨrət", "Shöhret"),
        ("Rəxit", "Reshit"),
        ("Ⱪadir", "Qadir"),
        ("Tursunƣul", "Tursunghul"),
    ],
)
def test_a_name_with_the_new_scripts_own_letters_is_read_as_new_script(
    new_script: str, uly: str
) -> None:
    assert is_new_script(new_script)
    assert to_uly(new_script) == uly
    assert match_key(new_script) == match_key(uly)


def test_the_letters_are_converted_one_by_one() -> None:
    assert new_script_to_uly("ⱨəsən") == "hesen"
    assert new_script_to_uly("ürümqi") == "ürümchi"


def test_a_plain_latin_name_keeps_its_uly_reading_and_offers_the_new_script_one() -> None:
    assert to_uly("Exmet") == "Exmet"  # a ULY name: x is x
    reading = reading_if_new_script("Memtimin Hoxur")
    assert reading is not None
    assert match_key(reading) == match_key("Memtimin Hoshur")


@pytest.mark.parametrize("text", ["Memet Tursun", "买买提", "مەمەت", "Ⱨoxur", "", "Мемет Хошур"])
def test_no_new_script_reading_where_there_is_nothing_to_read_again(text: str) -> None:
    assert reading_if_new_script(text) is None


def test_a_new_script_spelling_is_as_close_as_the_uly_one() -> None:
    assert similarity("Məmtimin Ⱨoxur", "Memtimin Hoshur") == 1.0
