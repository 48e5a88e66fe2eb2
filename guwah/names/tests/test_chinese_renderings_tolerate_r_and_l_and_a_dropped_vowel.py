"""Chinese writes r and l alike and may drop an opening vowel; forgiven only across scripts."""

from __future__ import annotations

from guwah.names import match
from guwah.names.match import similarity


def test_a_chinese_l_for_a_uyghur_r_ranks_the_right_name_first() -> None:
    # 苏力也 is how Chinese writes Suriye: 力 stands for the r.
    assert similarity("苏力也·吐尔逊", "Suriye Tursun") > similarity(
        "苏力也·吐尔逊", "Sulayman Tursun"
    )
    assert similarity("苏力也·吐尔逊", "Suriye Tursun") > 0.95


def test_the_tolerance_holds_for_pinyin_too() -> None:
    assert similarity("Suliye Tuerxun", "Suriye Tursun") > 0.9


def test_two_latin_names_differing_in_r_and_l_are_not_forgiven() -> None:
    assert similarity("Alim Tursun", "Arim Tursun") < 0.9
    assert match.cross_script_word_similarity("alim", "arim") > match.word_similarity(
        "alim", "arim"
    )


def test_a_dropped_opening_vowel_costs_little_across_scripts() -> None:
    assert match.cross_script_word_similarity("smail", "ismail") > match.word_similarity(
        "smail", "ismail"
    )
    assert match.cross_script_word_similarity("smail", "ismail") >= 0.9


def test_an_opening_vowel_is_never_dropped_to_match_another_vowel() -> None:
    assert match.cross_script_word_similarity("ali", "ili") == match.word_similarity("ali", "ili")


def test_chinese_origin_is_told_from_the_text() -> None:
    assert match.is_chinese_origin("司马义·吐尔逊")
    assert match.is_chinese_origin("Maimaiti Tuerxun")
    assert not match.is_chinese_origin("Memet Tursun")
    assert not match.is_chinese_origin("مەمەت تۇرسۇن")


def test_simayi_is_ismayil_rather_than_semet() -> None:
    # 司马义: the opening i is dropped and 义 writes the closing -yil.
    assert similarity("司马义·艾买提", "Ismayil Ehmet") > similarity("司马义·艾买提", "Semet Ehmet")


def test_one_chinese_word_for_two_uyghur_words_and_the_reverse() -> None:
    assert similarity("吐尔洪阿力马斯", "Turghun Almas") > 0.95
    assert similarity("Turghunalmas", "吐尔洪·阿力马斯") > 0.95
    assert similarity("吐尔洪阿力马斯", "Turghun Tursun") < 0.6


def test_an_extra_name_part_on_either_side_still_ranks_the_name_first() -> None:
    extra = similarity("艾尔肯·吐尔逊·阿不都拉", "Erkin Tursun")
    assert extra > 0.8 and extra > similarity("艾尔肯·吐尔逊", "Erkin Memet")
    assert similarity("艾尔肯·吐尔逊", "Erkin Tursun Abdulla") > 0.8
