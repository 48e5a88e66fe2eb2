"""A name in Chinese characters or pinyin keys like the same name in Uyghur or Latin letters."""

from __future__ import annotations

import pytest

from guwah.names import match_key
from guwah.names.chinese import hanzi_to_uly, pinyin_to_uly


def test_an_an_or_en_syllable_before_m_stands_for_that_m() -> None:
    # Chinese has no syllable-final m: 罕 writes the hem of Muhemmed, 坦 the tem of Rustem.
    assert hanzi_to_uly("穆罕默德") == "muhammod"
    assert pinyin_to_uly("Muhanmode") == "muhammod"
    assert hanzi_to_uly("鲁斯坦木") == "lustam"
    assert match_key("穆罕默德") == match_key("Muhemmet") == match_key("Muhammad")


def test_a_real_n_before_m_is_kept() -> None:
    assert hanzi_to_uly("吐尔逊买买提") == "tursunmemet"
    assert match_key("吐尔逊买买提") == match_key("Tursunmemet")


@pytest.mark.parametrize(("hanzi", "uyghur"), [("达吾提", "Dawut"), ("买吾拉尼", "Mewlani")])
def test_wu_after_a_or_e_is_the_consonant_w(hanzi: str, uyghur: str) -> None:
    assert hanzi_to_uly(hanzi).startswith(uyghur.lower()[:3])
    assert match_key(hanzi) == match_key(uyghur)


def test_wu_after_another_vowel_stays_a_vowel() -> None:
    # 阿不都吾甫尔 is Abdughopur: Chinese leaves out the gh, not a w.
    assert hanzi_to_uly("阿不都吾甫尔") == "abduupur"
    assert match_key("阿不都吾甫尔") == match_key("Abdughopur")


def test_a_name_keeps_its_devoiced_final_stop_before_jan() -> None:
    assert match_key("穆罕默德江") == match_key("Muhemmetjan") == match_key("Muhemmedjan")
    assert match_key("Yaqubjan") == match_key("Yaqupjan")
    assert match_key("Adiljan") != match_key("Adil")
