"""German spellings (dsch for j, tsch for ch, sch for sh, j for y, ch for x) key like ULY."""

from __future__ import annotations

import pytest

from guwah.names import match_key, name_parts
from guwah.names.latin import is_german_spelling


@pytest.mark.parametrize(
    ("german", "uly"),
    [
        ("Ismajildschan", "Ismayiljan"),
        ("Nijazdschan", "Niyazjan"),
        ("Tschimengül", "Chimengül"),
        ("Ghodschinijaz", "Ghojiniyaz"),
    ],
)
def test_a_j_in_a_word_with_dsch_tsch_or_sch_is_the_uyghur_y(german: str, uly: str) -> None:
    assert match_key(german) == match_key(uly)


def test_a_german_word_makes_the_whole_name_german() -> None:
    # Nijaz alone could be ULY; beside Abdurehimdschan its j is a y.
    assert match_key("Nijaz Abdurehimdschan") == match_key("Niyaz Abdurehimjan")
    assert name_parts("Nijaz Abdurehimdschan") == ("Niyaz", "Abdurehimjan")
    assert match_key("Nijaz Ajgül") == match_key("Niyaz Aygül")


def test_ch_in_a_german_name_is_the_uyghur_x() -> None:
    assert match_key("Chalmurat Tschimen") == match_key("Xalmurat Chimen")


@pytest.mark.parametrize(("german", "uly"), [("Ajnur", "Aynur"), ("Ejsa", "Eysa")])
def test_a_j_closing_the_first_syllable_after_a_or_e_is_the_uyghur_y(german: str, uly: str) -> None:
    assert is_german_spelling(german)
    assert match_key(german) == match_key(uly)


def test_a_doubled_j_after_a_or_e_is_the_uyghur_yy() -> None:
    assert match_key("Abdukejjum") == match_key("Abduqeyyum")


def test_a_plain_uly_or_english_name_is_not_german() -> None:
    for name in ("Mijit Jelil", "Memtimin Hoshur", "Ayjamal Nurmemet", "Hijran Abdukerim"):
        assert not is_german_spelling(name)
    assert match_key("Jelil Mijit") != match_key("Yelil Miyit")
