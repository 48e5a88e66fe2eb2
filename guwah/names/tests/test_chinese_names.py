"""Chinese characters and pinyin read as Uyghur sounds."""

from __future__ import annotations

import pytest

from guwah.names.chinese import (
    CHARACTER_READINGS,
    character_reading,
    hanzi_to_uly,
    join_readings,
    pinyin_to_uly,
)
from guwah.names.latin import split_pinyin


def test_the_table_reads_du_where_generic_pinyin_says_dou() -> None:
    assert character_reading("都") == "du"


def test_the_table_is_of_characters_and_syllables_not_of_names() -> None:
    assert all(len(key) == 1 for key in CHARACTER_READINGS)


def test_a_final_consonant_drops_its_written_vowel() -> None:
    assert hanzi_to_uly("买买提") == "memet"
    assert hanzi_to_uly("吐尔逊") == "tursun"
    assert hanzi_to_uly("阿布力孜") == "abliz"
    assert join_readings(["a", "b(u)", "du"]) == "abdu"


def test_a_silent_vowel_is_kept_where_uyghur_needs_it() -> None:
    # The first syllable of a word, and a syllable before a bare consonant, keep their vowel.
    assert hanzi_to_uly("木拉提") == "mulat"
    assert hanzi_to_uly("卡德尔") == "qader"


def test_pinyin_zh_in_a_name_is_the_uyghur_z() -> None:
    assert pinyin_to_uly("Zhakeer") == hanzi_to_uly("扎克尔") == "zaker"


@pytest.mark.parametrize(
    ("hanzi", "pinyin"),
    [("买买提明", "Maimaitiming"), ("吾守尔", "Wushouer"), ("依力亚斯江", "Yiliyasijiang")],
)
def test_pinyin_reads_like_its_characters(hanzi: str, pinyin: str) -> None:
    assert pinyin_to_uly(pinyin) == hanzi_to_uly(hanzi)


def test_it_reads_characters_missing_from_the_table_through_pinyin() -> None:
    assert "龘" not in CHARACTER_READINGS
    assert character_reading("龘") == "da"


def test_it_splits_pinyin_into_the_fewest_syllables() -> None:
    assert split_pinyin("Maimaitiming") == ("mai", "mai", "ti", "ming")
    assert split_pinyin("xian") == ("xian",)
    assert split_pinyin("Memtimin") is None
